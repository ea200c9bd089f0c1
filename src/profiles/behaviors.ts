import { Duration, Size } from 'cdk8s';

/**
 * A behaviour ingress-nginx has (by default or through an annotation) that standard Gateway API
 * cannot always express. Each implementation profile reproduces it exactly, approximately, or
 * not at all (see `ImplementationProfile` and docs/profiles.md).
 */
export enum Behavior {
  /** Largest request body (`proxy-body-size`, default 1m), larger bodies get 413. */
  BODY_SIZE_LIMIT = 'body-size-limit',
  /** Time to open a connection to a backend (`proxy-connect-timeout`, default 5 s). */
  CONNECT_TIMEOUT = 'connect-timeout',
  /** Longest pause between two reads from, or two writes to, a backend (`proxy-read-timeout`/`proxy-send-timeout`, default 60 s). */
  IDLE_TIMEOUTS = 'idle-timeouts',
  /** Deadline for a whole request (ingress-nginx has none). */
  REQUEST_TIMEOUT = 'request-timeout',
  /** Retrying a failed backend request (`proxy-next-upstream`, `proxy-next-upstream-tries`). */
  RETRIES = 'retries',
  /** Load-balancing algorithm across endpoints (`load-balance`, default round robin). */
  LOAD_BALANCING = 'load-balancing',
  /** Consistent hashing on a request key (`upstream-hash-by`). */
  HASH_KEY = 'hash-key',
  /** Sticky sessions with a cookie (`affinity: cookie`, `session-cookie-*`). */
  COOKIE_AFFINITY = 'cookie-affinity',
  /** Only these client addresses may connect (`allowlist-source-range`), others get 403. */
  IP_ALLOW_LIST = 'ip-allow-list',
  /** These client addresses get 403 (`denylist-source-range`). */
  IP_DENY_LIST = 'ip-deny-list',
  /** Requests per second or minute per client IP (`limit-rps`, `limit-rpm`, `limit-burst-multiplier`). */
  RATE_LIMIT = 'rate-limit',
  /** Concurrent connections per client IP (`limit-connections`). */
  CONNECTION_LIMIT = 'connection-limit',
  /** HTTP basic authentication from an htpasswd Secret (`auth-type: basic`, `auth-secret`). */
  BASIC_AUTH = 'basic-auth',
  /** External authentication by an HTTP service (`auth-url`, `auth-response-headers`). */
  EXTERNAL_AUTH = 'external-auth',
  /** Redirect to a sign-in page when external authentication answers 401 (`auth-signin`). */
  AUTH_SIGNIN = 'auth-signin',
  /** Path rewrite with regex capture groups (`rewrite-target: /$2` with `use-regex`). */
  CAPTURE_GROUP_REWRITE = 'capture-group-rewrite',
  /** Own responses for backend error statuses (`custom-http-errors`). */
  CUSTOM_ERROR_PAGES = 'custom-error-pages',
  /** `Strict-Transport-Security` on every HTTPS response (`hsts`, default on). */
  HSTS = 'hsts',
  /** `X-Request-ID` kept from the client or generated (`generate-request-id`, default on). */
  REQUEST_ID = 'request-id',
  /** Buffering of backend responses (`proxy-buffering`, default off). */
  PROXY_BUFFERING = 'proxy-buffering',
  /** HTTPS to a backend without verifying its certificate (`backend-protocol: HTTPS`, nginx's default). */
  BACKEND_HTTPS_WITHOUT_VERIFICATION = 'backend-https-without-verification',
  /** Proxying to the Service's cluster IP instead of its Pod endpoints (`service-upstream`). */
  SERVICE_UPSTREAM = 'service-upstream',
  /** Response bandwidth per client connection (`limit-rate`, KiB/s). */
  BANDWIDTH_LIMIT = 'bandwidth-limit',
  /** Sizes of the buffers that read backend responses (`proxy-buffer-size`, `proxy-buffers-number`, `proxy-busy-buffers-size`). */
  PROXY_BUFFERS = 'proxy-buffers',
}

/** How exactly a profile reproduces a behaviour. */
export enum Fidelity {
  /** Same observable behaviour. */
  EXACT = 'exact',
  /** Reproduced with a stated difference. */
  APPROXIMATE = 'approximate',
  /** Not reproduced; the note says why and what to do. */
  UNSUPPORTED = 'unsupported',
}

/** A condition under which ingress-nginx retries a request on the next endpoint (`proxy-next-upstream`). */
export enum RetryCondition {
  /** The connection failed or broke before a response header (`error`). */
  ERROR = 'error',
  /** Connecting or reading the response header timed out (`timeout`). */
  TIMEOUT = 'timeout',
  /** The backend answered 500 (`http_500`). */
  HTTP_500 = 'http_500',
  /** The backend answered 502 (`http_502`). */
  HTTP_502 = 'http_502',
  /** The backend answered 503 (`http_503`). */
  HTTP_503 = 'http_503',
  /** The backend answered 504 (`http_504`). */
  HTTP_504 = 'http_504',
  /** The backend answered 403 (`http_403`). */
  HTTP_403 = 'http_403',
  /** The backend answered 404 (`http_404`). */
  HTTP_404 = 'http_404',
  /** The backend answered 429 (`http_429`). */
  HTTP_429 = 'http_429',
}

/** Retries as ingress-nginx configures them (`proxy-next-upstream*`, `retry-non-idempotent`). */
export interface RetryBehavior {
  /**
   * Total tries, the first one included (`proxy-next-upstream-tries`).
   * @default 3
   */
  readonly tries?: number;
  /**
   * When to retry (`proxy-next-upstream`).
   * @default [RetryCondition.ERROR, RetryCondition.TIMEOUT]
   */
  readonly conditions?: RetryCondition[];
  /**
   * Whether POST, LOCK and PATCH requests are retried after they were sent (`retry-non-idempotent`).
   * @default false
   */
  readonly retryNonIdempotent?: boolean;
}

/** A load-balancing algorithm of ingress-nginx (`load-balance`). */
export enum LoadBalancingAlgorithm {
  /** Round robin (ingress-nginx's default). */
  ROUND_ROBIN = 'round_robin',
  /** Peak EWMA: the endpoint with the lowest weighted response time. */
  EWMA = 'ewma',
}

/** The `SameSite` attribute of a cookie. */
export enum CookieSameSite {
  /** `SameSite=None`. */
  NONE = 'None',
  /** `SameSite=Lax`. */
  LAX = 'Lax',
  /** `SameSite=Strict`. */
  STRICT = 'Strict',
}

/** Cookie-based session affinity (`affinity: cookie`). */
export interface CookieAffinityBehavior {
  /**
   * Cookie name (`session-cookie-name`).
   * @default "INGRESSCOOKIE"
   */
  readonly cookieName?: string;
  /**
   * Cookie lifetime (`session-cookie-max-age`).
   * @default - a session cookie (no Expires/Max-Age)
   */
  readonly maxAge?: Duration;
  /**
   * Cookie `Path` (`session-cookie-path`).
   * @default - the path of the Ingress rule
   */
  readonly path?: string;
  /**
   * Cookie `Domain` (`session-cookie-domain`).
   * @default - no Domain attribute (the cookie goes back to the host that set it)
   */
  readonly domain?: string;
  /**
   * Cookie `Secure` flag (`session-cookie-secure: "true"`); ingress-nginx also sets it on every
   * HTTPS response, so `false` means "on HTTPS only".
   * @default false
   */
  readonly secure?: boolean;
  /**
   * Cookie `SameSite` (`session-cookie-samesite`).
   * @default - no SameSite attribute
   */
  readonly sameSite?: CookieSameSite;
}

/** Rate limit per client IP (`limit-rps` / `limit-rpm`). */
export interface RateLimitBehavior {
  /**
   * Requests per second per client IP (`limit-rps`). Exactly one of this and `requestsPerMinute`.
   * @default - no per-second limit
   */
  readonly requestsPerSecond?: number;
  /**
   * Requests per minute per client IP (`limit-rpm`).
   * @default - no per-minute limit
   */
  readonly requestsPerMinute?: number;
  /**
   * Burst allowed on top of the rate, as a multiple of it (`limit-burst-multiplier`).
   * @default 5
   */
  readonly burstMultiplier?: number;
  /**
   * Status of a rejected request (`limit-req-status-code`).
   * @default 503
   */
  readonly rejectStatus?: number;
}

/** HTTP basic authentication (`auth-type: basic`). */
export interface BasicAuthBehavior {
  /** Name of the Secret with the htpasswd file (`auth-secret`), in the target's namespace. */
  readonly secretName: string;
  /**
   * Realm shown by browsers (`auth-realm`).
   * @default - none
   */
  readonly realm?: string;
}

/** External HTTP authentication (`auth-url`). */
export interface ExternalAuthBehavior {
  /** The authentication service as a Service in the target's namespace. */
  readonly serviceName: string;
  /** Port of the Service. */
  readonly port: number;
  /**
   * Path of the authentication request (the path of `auth-url`).
   * @default "/"
   */
  readonly path?: string;
  /**
   * Headers of the authentication response copied to the backend request (`auth-response-headers`).
   * @default - none
   */
  readonly responseHeaders?: string[];
}

/** Rewrite of the request path with capture groups (`rewrite-target` with `use-regex`). */
export interface CaptureGroupRewriteBehavior {
  /**
   * The regular expression matched against the path (the Ingress path), as ingress-nginx runs
   * it: case-insensitive, from the start of the path; the whole path is replaced.
   */
  readonly pattern: string;
  /** The new path, with `\1`-style references to capture groups (`rewrite-target: /$1` becomes `/\1`). */
  readonly substitution: string;
}

/** Own responses for some backend statuses (`custom-http-errors`). */
export interface CustomErrorPagesBehavior {
  /** Backend statuses to replace. */
  readonly statusCodes: number[];
  /** Body of the replacement response. */
  readonly body: string;
  /**
   * Content type of the replacement response.
   * @default "text/html"
   */
  readonly contentType?: string;
  /**
   * Replace only the error responses the proxy generates itself (a backend that cannot be
   * reached), not the backend's own (`disable-proxy-intercept-errors: "true"`).
   * @default false
   */
  readonly proxyErrorsOnly?: boolean;
}

/** Sizes of the buffers that read one backend response (nginx `proxy_buffer_size`, `proxy_buffers`, `proxy_busy_buffers_size`). */
export interface ProxyBuffersBehavior {
  /**
   * Buffer for the first part of the response, usually its headers (`proxy-buffer-size`); also
   * the size of each of the `count` buffers, as ingress-nginx renders `proxy_buffers`.
   * @default Size.kibibytes(4) - ingress-nginx's ConfigMap default
   */
  readonly bufferSize?: Size;
  /**
   * Number of buffers for the rest of the response (`proxy-buffers-number`).
   * @default 4 - ingress-nginx's ConfigMap default
   */
  readonly count?: number;
  /**
   * Buffer space that may be busy sending to the client (`proxy-busy-buffers-size`).
   * @default - nginx's default (two buffers)
   */
  readonly busyBuffersSize?: Size;
}

/** `Strict-Transport-Security` on HTTPS responses (`hsts*`). */
export interface HstsBehavior {
  /**
   * `max-age` (`hsts-max-age`), in whole seconds.
   * @default Duration.seconds(31536000)
   */
  readonly maxAge?: Duration;
  /**
   * `includeSubDomains` (`hsts-include-subdomains`).
   * @default true
   */
  readonly includeSubDomains?: boolean;
  /**
   * `preload` (`hsts-preload`).
   * @default false
   */
  readonly preload?: boolean;
}

/** HTTPS to a backend without verifying its certificate (`backend-protocol: HTTPS`). */
export interface BackendHttpsBehavior {
  /** DNS name of the backend (a Service's cluster DNS name, or an external host). */
  readonly hostname: string;
  /** Port of the backend. */
  readonly port: number;
}

/**
 * The behaviours to reproduce on one target, each optional. `ImplementationProfile.apply`
 * emits at most one resource of each kind for them and returns one verdict per behaviour given.
 */
export interface BehaviorSet {
  /**
   * Largest request body; larger ones get 413. `Size.kibibytes(0)` disables the limit.
   * @default - not set
   */
  readonly bodySizeLimit?: Size;
  /**
   * Time to open a connection to a backend.
   * @default - not set
   */
  readonly connectTimeout?: Duration;
  /**
   * Longest pause between two successive reads from a backend.
   * @default - not set
   */
  readonly readTimeout?: Duration;
  /**
   * Longest pause between two successive writes to a backend.
   * @default - not set
   */
  readonly sendTimeout?: Duration;
  /**
   * Deadline for a whole request; `Duration.seconds(0)` means none (ingress-nginx's behaviour).
   * @default - not set
   */
  readonly requestTimeout?: Duration;
  /**
   * Retries of failed backend requests.
   * @default - not set
   */
  readonly retries?: RetryBehavior;
  /**
   * Load-balancing algorithm.
   * @default - not set
   */
  readonly loadBalancing?: LoadBalancingAlgorithm;
  /**
   * Consistent-hash key, as an nginx variable (`$remote_addr`, `$http_x_user`, `$cookie_session`, `$request_uri`).
   * @default - not set
   */
  readonly hashKey?: string;
  /**
   * Cookie-based session affinity.
   * @default - not set
   */
  readonly cookieAffinity?: CookieAffinityBehavior;
  /**
   * Client CIDRs (or addresses) allowed; every other client gets 403.
   * @default - not set
   */
  readonly ipAllowList?: string[];
  /**
   * Client CIDRs (or addresses) denied with 403.
   * @default - not set
   */
  readonly ipDenyList?: string[];
  /**
   * Rate limit per client IP.
   * @default - not set
   */
  readonly rateLimit?: RateLimitBehavior;
  /**
   * Concurrent connections per client IP.
   * @default - not set
   */
  readonly connectionLimit?: number;
  /**
   * HTTP basic authentication.
   * @default - not set
   */
  readonly basicAuth?: BasicAuthBehavior;
  /**
   * External HTTP authentication.
   * @default - not set
   */
  readonly externalAuth?: ExternalAuthBehavior;
  /**
   * Sign-in URL to redirect to (302) when authentication answers 401.
   * @default - not set
   */
  readonly authSignin?: string;
  /**
   * Path rewrite with capture groups.
   * @default - not set
   */
  readonly captureGroupRewrite?: CaptureGroupRewriteBehavior;
  /**
   * Own responses for backend error statuses.
   * @default - not set
   */
  readonly customErrorPages?: CustomErrorPagesBehavior;
  /**
   * `Strict-Transport-Security` on HTTPS responses.
   * @default - not set
   */
  readonly hsts?: HstsBehavior;
  /**
   * `X-Request-ID` kept from the client or generated when missing (`true`, `generate-request-id`'s
   * default), or kept from the client and never generated (`false`).
   * @default - not set
   */
  readonly requestId?: boolean;
  /**
   * Whether backend responses are buffered (`false`: streamed, ingress-nginx's default).
   * @default - not set
   */
  readonly proxyBuffering?: boolean;
  /**
   * HTTPS to a backend without verifying its certificate.
   * @default - not set
   */
  readonly backendHttpsWithoutVerification?: BackendHttpsBehavior;
  /**
   * Proxy to the Service's cluster IP instead of its Pod endpoints (`true`).
   * @default - not set
   */
  readonly serviceUpstream?: boolean;
  /**
   * Bytes per second sent to a client from a backend response.
   * @default - not set
   */
  readonly bandwidthLimit?: Size;
  /**
   * Sizes of the buffers that read backend responses.
   * @default - not set
   */
  readonly proxyBuffers?: ProxyBuffersBehavior;
}
