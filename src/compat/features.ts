/**
 * What the annotations of one Ingress ask for, typed, after ingress-nginx's parsing, validation
 * and fallbacks (the annotation parsers of `internal/ingress/annotations/`): the contract
 * between the annotation families (src/compat/annotations/) and the plan step. Every field is
 * the effective value ingress-nginx would use for this Ingress, ConfigMap defaults included.
 * Internal: not part of the jsii API.
 */
import { BehaviorSet } from '../profiles/behaviors';

/** A redirect answered instead of proxying. */
export interface RedirectFeature {
  /** The `Location`, as written (nginx variables are reported by the parser, not expanded). */
  readonly url: string;
  /** The status code (after ingress-nginx's fallback for a code out of range). */
  readonly code: number;
}

/** Canary settings of a `canary: "true"` Ingress (`annotations/canary/main.go`). */
export interface CanaryFeature {
  /** `canary-by-header`. */
  readonly header?: string;
  /** `canary-by-header-value`. */
  readonly headerValue?: string;
  /** `canary-by-header-pattern` (ignored by ingress-nginx when a value is set). */
  readonly headerPattern?: string;
  /** `canary-by-cookie`. */
  readonly cookie?: string;
  /** `canary-weight` (0 when unset). */
  readonly weight: number;
  /** `canary-weight-total` (100 when unset). */
  readonly weightTotal: number;
}

/** CORS settings when `enable-cors: "true"` (`annotations/cors/main.go`), defaults applied. */
export interface CorsFeature {
  readonly allowOrigins: string[];
  readonly allowMethods: string[];
  readonly allowHeaders: string[];
  readonly exposeHeaders: string[];
  readonly allowCredentials: boolean;
  /** Seconds. */
  readonly maxAge: number;
}

/** Client-certificate authentication (`auth-tls-*`). */
export interface AuthTlsFeature {
  /** `namespace/name` of the CA Secret. */
  readonly secret: string;
  /** `on`, `off`, `optional` or `optional_no_ca`. */
  readonly verifyClient: string;
  readonly verifyDepth: number;
  readonly passCertificateToUpstream: boolean;
}

/** Settings of the backend connection protocol (`backend-protocol`, `proxy-ssl-*`). */
export interface BackendProtocolFeature {
  /** `HTTP`, `HTTPS`, `AUTO_HTTP`, `GRPC`, `GRPCS` or `FCGI` (upper case). */
  readonly protocol: string;
  /** `namespace/name` of `proxy-ssl-secret`. */
  readonly proxySslSecret?: string;
  readonly proxySslVerify: boolean;
  readonly proxySslName?: string;
  readonly proxySslServerName: boolean;
}

/** Everything one Ingress's annotations ask for. */
export interface IngressFeatures {
  /** Why ingress-nginx would ignore the whole Ingress (a snippet while snippets are off, a risk above the level, a value that drops the Ingress); undefined when it is accepted. */
  readonly rejected?: string;
  /**
   * Why ingress-nginx would answer every path of this Ingress with 503 ("location denied": a bad
   * CIDR list, a missing or cross-namespace auth Secret, a bad auth-response-headers list, …);
   * undefined when its locations are served. With several, the first key in alphabetical order gives the reason.
   */
  readonly locationDenied?: string;

  // Routing (standard Gateway API on every profile).
  /** `use-regex`. */
  readonly useRegex: boolean;
  /** `rewrite-target`. */
  readonly rewriteTarget?: string;
  /** `app-root`. */
  readonly appRoot?: string;
  /** `x-forwarded-prefix`. */
  readonly xForwardedPrefix?: string;
  /** `upstream-vhost`. */
  readonly upstreamVhost?: string;
  /** `server-alias`, split and trimmed. */
  readonly serverAliases: string[];
  /** `ssl-redirect` (ConfigMap `ssl-redirect`, default true). */
  readonly sslRedirect: boolean;
  /** `force-ssl-redirect` (default false). */
  readonly forceSslRedirect: boolean;
  /** `permanent-redirect` with its code. */
  readonly permanentRedirect?: RedirectFeature;
  /** `temporal-redirect` with its code (wins over permanent). */
  readonly temporalRedirect?: RedirectFeature;
  /** `from-to-www-redirect`. */
  readonly fromToWwwRedirect: boolean;
  /** `ssl-passthrough`. */
  readonly sslPassthrough: boolean;
  /** `canary` settings when `canary: "true"`. */
  readonly canary?: CanaryFeature;
  /** `enable-cors` and `cors-*`. */
  readonly cors?: CorsFeature;
  /** `auth-tls-*`. */
  readonly authTls?: AuthTlsFeature;
  /** `backend-protocol` and `proxy-ssl-*`. */
  readonly backendProtocol: BackendProtocolFeature;
  /** `default-backend` (a Service name in the Ingress's namespace). */
  readonly defaultBackendService?: string;
  /** `custom-http-errors`. */
  readonly customHttpErrors: number[];
  /** `mirror-target` (URL). */
  readonly mirrorTarget?: string;

  /**
   * The behaviours an implementation profile reproduces (body size, timeouts, retries, load
   * balancing, affinity, IP lists, rate limits, auth, …), each with the annotation keys it
   * came from, so that the profile's verdict becomes those annotations' notices.
   */
  readonly behaviors: BehaviorSet;
  /** For each `BehaviorSet` field set, the annotation keys (without prefix) it came from. */
  readonly behaviorSources: ReadonlyMap<keyof BehaviorSet, string[]>;
}
