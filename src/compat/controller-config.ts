/*
 * The ingress-nginx controller ConfigMap as IngressCompat's input: a typed struct (public, jsii)
 * or a ConfigMap manifest, turned into the effective settings the plan starts from.
 */
import { Duration } from 'cdk8s';
import { EffectiveControllerConfig } from './config-model';
import { CompatNotice, NoticeStatus } from './notices';
import { parseControllerData } from './parse/config-values';
import { readControllerConfigMap } from './parse/configmap';

/**
 * The global settings of the ingress-nginx controller (its ConfigMap, `controller.config` in
 * the Helm chart) that change what IngressCompat generates. Each field is the ConfigMap key of
 * the same name; defaults are ingress-nginx's (`internal/ingress/controller/config/config.go`
 * `NewDefault()`). A typed field wins over the same key in `data`.
 */
export interface IngressNginxControllerConfig {
  /**
   * `ssl-redirect`: redirect HTTP to HTTPS for hosts that have a certificate (in some Ingress's `spec.tls`).
   * @default true (config.go `SSLRedirect`)
   */
  readonly sslRedirect?: boolean;
  /**
   * `force-ssl-redirect`: redirect HTTP to HTTPS even for hosts without a certificate.
   * @default false (config.go `ForceSSLRedirect`)
   */
  readonly forceSslRedirect?: boolean;
  /**
   * `http-redirect-code`: the status of the HTTP to HTTPS redirect; 301, 302, 307 or 308 (any
   * other value is reported and 308 kept, as `template/configmap.go` `ReadConfig` does).
   * @default 308 (config.go `HTTPRedirectCode`)
   */
  readonly httpRedirectCode?: number;
  /**
   * `no-tls-redirect-locations`: Ingress paths never redirected to HTTPS (prefixes).
   * @default ['/.well-known/acme-challenge'] (config.go `NoTLSRedirectLocations`)
   */
  readonly noTlsRedirectLocations?: string[];
  /**
   * `hsts`: send `Strict-Transport-Security` on HTTPS responses.
   * @default true (config.go `HSTS`)
   */
  readonly hsts?: boolean;
  /**
   * `hsts-max-age`: the HSTS `max-age`, in whole seconds.
   * @default Duration.seconds(31536000) (config.go `HSTSMaxAge`)
   */
  readonly hstsMaxAge?: Duration;
  /**
   * `hsts-include-subdomains`: add `includeSubDomains` to HSTS.
   * @default true (config.go `HSTSIncludeSubdomains`)
   */
  readonly hstsIncludeSubdomains?: boolean;
  /**
   * `hsts-preload`: add `preload` to HSTS.
   * @default false (config.go `HSTSPreload`)
   */
  readonly hstsPreload?: boolean;
  /**
   * `proxy-body-size`: the largest request body, in nginx size syntax (`1m`, `512k`, `0` = no limit).
   * @default '1m' (config.go `ProxyBodySize`)
   */
  readonly proxyBodySize?: string;
  /**
   * `proxy-connect-timeout`: time to connect to a backend, in whole seconds.
   * @default Duration.seconds(5) (config.go `ProxyConnectTimeout`)
   */
  readonly proxyConnectTimeout?: Duration;
  /**
   * `proxy-read-timeout`: longest wait between two reads from a backend, in whole seconds.
   * @default Duration.seconds(60) (config.go `ProxyReadTimeout`)
   */
  readonly proxyReadTimeout?: Duration;
  /**
   * `proxy-send-timeout`: longest wait between two writes to a backend, in whole seconds.
   * @default Duration.seconds(60) (config.go `ProxySendTimeout`)
   */
  readonly proxySendTimeout?: Duration;
  /**
   * `proxy-next-upstream`: when to try the next backend, nginx `proxy_next_upstream` tokens separated by spaces.
   * @default 'error timeout' (config.go `ProxyNextUpstream`)
   */
  readonly proxyNextUpstream?: string;
  /**
   * `proxy-next-upstream-tries`: tries in all, the first one included (0 = no limit).
   * @default 3 (config.go `ProxyNextUpstreamTries`)
   */
  readonly proxyNextUpstreamTries?: number;
  /**
   * `proxy-buffering`: buffer backend responses (`on`) instead of streaming them (`off`).
   * @default false (config.go `ProxyBuffering` "off")
   */
  readonly proxyBuffering?: boolean;
  /**
   * `load-balance`: `round_robin` or `ewma`.
   * @default 'round_robin' (config.go `LoadBalanceAlgorithm`, balancer.lua `DEFAULT_LB_ALG`)
   */
  readonly loadBalance?: string;
  /**
   * `generate-request-id`: set `X-Request-ID` when the request has none.
   * @default true (config.go `GenerateRequestID`)
   */
  readonly generateRequestId?: boolean;
  /**
   * `use-forwarded-headers`: trust the incoming `X-Forwarded-*` headers.
   * @default false (config.go `UseForwardedHeaders`)
   */
  readonly useForwardedHeaders?: boolean;
  /**
   * `allow-snippet-annotations`: accept `*-snippet` annotations (IngressCompat never translates them).
   * @default false (config.go `AllowSnippetAnnotations`)
   */
  readonly allowSnippetAnnotations?: boolean;
  /**
   * `annotations-risk-level`: the highest annotation risk accepted, `Low`, `Medium`, `High` or
   * `Critical`; an Ingress with a riskier annotation is dropped.
   * @default 'High' (config.go `AnnotationsRiskLevel`)
   */
  readonly annotationsRiskLevel?: string;
  /**
   * `strict-validate-path-type`: reject a whole Ingress that has an `Exact` or `Prefix` path
   * with characters other than letters, digits, `.`, `_`, `-` and `/` (regex characters belong
   * on `ImplementationSpecific` paths).
   * @default true (config.go `StrictValidatePathType`, since controller v1.12)
   */
  readonly strictValidatePathType?: boolean;
  /**
   * `allow-cross-namespace-resources`: let annotations name Secrets and ConfigMaps of other namespaces.
   * @default false (config.go `AllowCrossNamespaceResources`)
   */
  readonly allowCrossNamespaceResources?: boolean;
  /**
   * `limit-req-status-code`: the status of a request over a rate limit.
   * @default 503 (config.go `LimitReqStatusCode`)
   */
  readonly limitReqStatusCode?: number;
  /**
   * `limit-conn-status-code`: the status of a request over a connection limit.
   * @default 503 (config.go `LimitConnStatusCode`)
   */
  readonly limitConnStatusCode?: number;
  /**
   * The ConfigMap's `data` as written (`ssl-redirect: "false"`): keys without a typed field
   * here, or a whole ConfigMap's data (see `controllerConfigFromManifest`).
   * @default - no other keys
   */
  readonly data?: { [key: string]: string };
}

/**
 * The `data` of the ingress-nginx controller ConfigMap, from its manifest (YAML/JSON text or
 * an object), for `IngressNginxControllerConfig.data`.
 *
 * @throws Error when the input is not exactly one `v1` ConfigMap whose `data` values are strings
 */
export function controllerConfigFromManifest(textOrObject: unknown): { [key: string]: string } {
  return readControllerConfigMap(textOrObject).data;
}

/** The typed fields as ConfigMap keys, in ConfigMap form, or why a value has none. */
function typedData(config: IngressNginxControllerConfig): Array<[string, string | { error: string }]> {
  const out: Array<[string, string | { error: string }]> = [];
  const add = (key: string, value: string | { error: string } | undefined) => {
    if (value !== undefined) out.push([key, value]);
  };
  const bool = (v: boolean | undefined) => v === undefined ? undefined : String(v);
  const num = (v: number | undefined) => v === undefined ? undefined : String(v);
  const seconds = (field: string, d: Duration | undefined): string | { error: string } | undefined => {
    if (d === undefined) return undefined;
    const s = d.toSeconds({ integral: false });
    return Number.isInteger(s) ? String(s) : { error: `${field} ${d.toMilliseconds({ integral: false })}ms is not a whole number of seconds (ingress-nginx takes seconds)` };
  };
  add('ssl-redirect', bool(config.sslRedirect));
  add('force-ssl-redirect', bool(config.forceSslRedirect));
  add('http-redirect-code', num(config.httpRedirectCode));
  add('no-tls-redirect-locations', config.noTlsRedirectLocations?.join(','));
  add('hsts', bool(config.hsts));
  add('hsts-max-age', seconds('hstsMaxAge', config.hstsMaxAge));
  add('hsts-include-subdomains', bool(config.hstsIncludeSubdomains));
  add('hsts-preload', bool(config.hstsPreload));
  add('proxy-body-size', config.proxyBodySize);
  add('proxy-connect-timeout', seconds('proxyConnectTimeout', config.proxyConnectTimeout));
  add('proxy-read-timeout', seconds('proxyReadTimeout', config.proxyReadTimeout));
  add('proxy-send-timeout', seconds('proxySendTimeout', config.proxySendTimeout));
  add('proxy-next-upstream', config.proxyNextUpstream);
  add('proxy-next-upstream-tries', num(config.proxyNextUpstreamTries));
  add('proxy-buffering', config.proxyBuffering === undefined ? undefined : config.proxyBuffering ? 'on' : 'off');
  add('load-balance', config.loadBalance);
  add('generate-request-id', bool(config.generateRequestId));
  add('use-forwarded-headers', bool(config.useForwardedHeaders));
  add('allow-snippet-annotations', bool(config.allowSnippetAnnotations));
  add('annotations-risk-level', config.annotationsRiskLevel);
  add('strict-validate-path-type', bool(config.strictValidatePathType));
  add('allow-cross-namespace-resources', bool(config.allowCrossNamespaceResources));
  add('limit-req-status-code', num(config.limitReqStatusCode));
  add('limit-conn-status-code', num(config.limitConnStatusCode));
  return out;
}

/**
 * The settings the plan starts from: ingress-nginx's defaults, changed by the config as
 * ingress-nginx's `template/configmap.go` `ReadConfig` changes them (Go `strconv.ParseBool`
 * for booleans, `strconv.Atoi`/`ParseInt` for numbers). A bad value gets an `invalid` notice
 * and ingress-nginx's fallback (the default, which ingress-nginx logs and keeps; an
 * `http-redirect-code` outside 301/302/307/308 → 308; an unknown `annotations-risk-level` →
 * `Low`). Each key IngressCompat does not use gets an `unsupported` notice and is listed in
 * `unusedKeys`.
 *
 * @param config the typed settings (a typed field wins over the same key in `data`)
 * @param notices receives the notices
 * @param ingress the notices' `ingress`: `configmap/<name>` for a ConfigMap, else `controllerConfig`
 */
export function effectiveControllerConfig(
  config: IngressNginxControllerConfig | undefined,
  notices: CompatNotice[],
  ingress = 'controllerConfig',
): EffectiveControllerConfig {
  const data = new Map<string, string>(Object.entries(config?.data ?? {}));
  for (const [key, value] of typedData(config ?? {})) {
    if (typeof value === 'string') {
      data.set(key, value);
    } else {
      data.delete(key);
      notices.push({ ingress, status: NoticeStatus.INVALID, message: `${key}: ${value.error}; the default is kept` });
    }
  }
  return parseControllerData(data, (status, _key, message) => notices.push({
    ingress,
    status: status === 'invalid' ? NoticeStatus.INVALID : NoticeStatus.UNSUPPORTED,
    message,
  }));
}
