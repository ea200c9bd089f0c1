/**
 * The ingress-nginx controller ConfigMap settings IngressCompat uses, with ingress-nginx's
 * defaults (`internal/ingress/controller/config/config.go` `NewDefault()`): the values the plan
 * starts from before any annotation. Internal: the public input is `IngressNginxControllerConfig`
 * or a ConfigMap manifest.
 */
export interface EffectiveControllerConfig {
  /** `ssl-redirect` (true). */
  readonly sslRedirect: boolean;
  /** `force-ssl-redirect` (false). */
  readonly forceSslRedirect: boolean;
  /** `http-redirect-code` (308; one of 301, 302, 307, 308). */
  readonly httpRedirectCode: number;
  /** `no-tls-redirect-locations` (`/.well-known/acme-challenge`), split on commas. */
  readonly noTlsRedirectLocations: string[];
  /** `hsts` (true). */
  readonly hsts: boolean;
  /** `hsts-max-age` in seconds (31536000). */
  readonly hstsMaxAge: number;
  /** `hsts-include-subdomains` (true). */
  readonly hstsIncludeSubdomains: boolean;
  /** `hsts-preload` (false). */
  readonly hstsPreload: boolean;
  /** `proxy-body-size` as written (`1m`). */
  readonly proxyBodySize: string;
  /** `proxy-connect-timeout` seconds (5). */
  readonly proxyConnectTimeout: number;
  /** `proxy-read-timeout` seconds (60). */
  readonly proxyReadTimeout: number;
  /** `proxy-send-timeout` seconds (60). */
  readonly proxySendTimeout: number;
  /** `proxy-next-upstream` tokens (`error timeout`). */
  readonly proxyNextUpstream: string[];
  /** `proxy-next-upstream-tries` (3). */
  readonly proxyNextUpstreamTries: number;
  /** `proxy-buffering` (`off`). */
  readonly proxyBuffering: boolean;
  /** `load-balance` (`round_robin`). */
  readonly loadBalance: string;
  /** `generate-request-id` (true). */
  readonly generateRequestId: boolean;
  /** `use-forwarded-headers` (false). */
  readonly useForwardedHeaders: boolean;
  /** `allow-snippet-annotations` (false). */
  readonly allowSnippetAnnotations: boolean;
  /** `annotations-risk-level` (`High`): Low, Medium, High or Critical. */
  readonly annotationsRiskLevel: string;
  /** `strict-validate-path-type` (true): an Ingress with an Exact or Prefix path that is not plain characters is rejected. */
  readonly strictValidatePathType: boolean;
  /** `allow-cross-namespace-resources` (false). */
  readonly allowCrossNamespaceResources: boolean;
  /** `limit-req-status-code` (503). */
  readonly limitReqStatusCode: number;
  /** `limit-conn-status-code` (503). */
  readonly limitConnStatusCode: number;
  /** Keys of the ConfigMap that IngressCompat does not use (each gets a notice). */
  readonly unusedKeys: string[];
}
