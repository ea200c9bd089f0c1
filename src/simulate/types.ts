/**
 * The request and outcome shapes shared by the Gateway API routing model (`RoutingModel`) and the
 * ingress-nginx model (`IngressNginxModel`), so that `migrate --verify` and `IngressCompat.verify()`
 * can compare the two field by field.
 */

/** One header or cookie: a name and a value. */
export interface SimHeader {
  /** Header name (compared case-insensitively; rendered lower-case in outcomes) or cookie name. */
  readonly name: string;
  /** The value. */
  readonly value: string;
}

/** A request to route. */
export interface SimRequest {
  /**
   * The URL: `http://`, `https://` (HTTP over TLS), `tls://`, `tcp://` or `udp://`, then the host,
   * an optional `:port` (default 80 for http, 443 for https and tls) and, for HTTP, the path and query.
   * Example: `https://shop.example.com/api?x=1`.
   */
  readonly url: string;
  /**
   * HTTP method.
   * @default "GET"
   */
  readonly method?: string;
  /**
   * Request headers (a `Host` header here overrides the URL's host for routing, not for SNI).
   * @default - none
   */
  readonly headers?: SimHeader[];
  /**
   * Cookies sent with the request.
   * @default - none
   */
  readonly cookies?: SimHeader[];
  /**
   * TLS server name (SNI) for `https://` and `tls://` requests.
   * @default - the URL's host
   */
  readonly sni?: string;
}

/** A backend that receives (part of) the traffic. */
export interface SimBackend {
  /** Kind of the backend reference (`Service` for a Kubernetes Service). */
  readonly kind: string;
  /** Namespace of the backend. */
  readonly namespace: string;
  /** Name of the backend. */
  readonly name: string;
  /**
   * Port of the backend (a number, or a Service port name when only the name is known).
   * @default - none given
   */
  readonly port?: string;
  /** Share of the requests this backend receives, between 0 and 1 (the shares of one outcome sum to 1). */
  readonly weight: number;
}

/** One step of the decision path, in order. */
export interface SimStep {
  /**
   * What was decided: `listener`, `route`, `rule`, `filter`, `backend` (Gateway API model) or
   * `server`, `location`, `annotation`, `canary`, `backend` (ingress-nginx model).
   */
  readonly stage: string;
  /** What was chosen (`Gateway prod/edge listener https`, `HTTPRoute shop/web rule 2`, `server shop.example.com`). */
  readonly name: string;
  /** Why, in a few words. */
  readonly detail: string;
}

/** What happens to a request, as far as the model can tell. */
export interface SimOutcome {
  /**
   * HTTP status the client sees from the proxy: 200 when forwarded to backends (the backend's own
   * status is not modeled), 3xx for a redirect, 204 for a CORS preflight answered by the proxy,
   * 404 when nothing matches, 421 misdirected, 500 when no backend is valid, 503 when no endpoint.
   */
  readonly status: number;
  /**
   * `Location` of a redirect, absolute.
   * @default - not a redirect
   */
  readonly location?: string;
  /** Backends with their share of traffic, sorted by kind, namespace, name, port; empty when not forwarded. */
  readonly backends: SimBackend[];
  /**
   * Path and query as sent to the backends, after rewrites.
   * @default - not forwarded
   */
  readonly upstreamPath?: string;
  /**
   * `Host` header as sent to the backends.
   * @default - not forwarded
   */
  readonly upstreamHost?: string;
  /** Headers the proxy sets on the forwarded request, sorted by name (lower-case). */
  readonly requestHeaders: SimHeader[];
  /** Headers the proxy adds to the response (HSTS, CORS, response modifiers), sorted by name (lower-case). */
  readonly responseHeaders: SimHeader[];
  /** Backends that receive a copy of the request. */
  readonly mirrors: SimBackend[];
  /**
   * The object that decided: `HTTPRoute ns/name` (Gateway API) or `Ingress ns/name` (ingress-nginx).
   * @default - none matched
   */
  readonly source?: string;
  /** Annotation keys (without the `nginx.ingress.kubernetes.io/` prefix) that acted on this request, sorted (ingress-nginx model only). */
  readonly annotations: string[];
  /** The decision path, in order. */
  readonly steps: SimStep[];
  /** Behaviours that act on this request but that the model cannot decide, one sentence each. */
  readonly notModeled: string[];
}
