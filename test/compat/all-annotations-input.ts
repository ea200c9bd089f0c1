/**
 * An input that uses every annotation of the annotation table (ingress-nginx's
 * `docs/user-guide/nginx-configuration/annotations-risk.md`) with a typical valid value: several
 * Ingresses, because some keys exclude each other (canary or not, basic or external auth,
 * temporal or permanent redirect, limit-rps or limit-rpm, an alias or its key) and because a
 * snippet makes ingress-nginx ignore its whole Ingress. Each Ingress has its own host in
 * namespace `all`; most hosts have a certificate.
 */

/** One Ingress of the input. */
export interface CoverageIngress {
  readonly name: string;
  /** Annotations, keys without the `nginx.ingress.kubernetes.io/` prefix. */
  readonly annotations: Record<string, string>;
  /** The path (default `/`, pathType Prefix; an `(` makes it ImplementationSpecific). */
  readonly path?: string;
  /** The host (default `<name>.example.com`). */
  readonly host?: string;
  /** Whether the host has a certificate (default true). */
  readonly tls?: boolean;
  /** The backend Service (default the name). */
  readonly service?: string;
}

/** The Ingresses, in input (and creation) order; each key appears once, except `canary`, `canary-by-header` and `backend-protocol`. */
export const COVERAGE_INGRESSES: readonly CoverageIngress[] = [
  {
    name: 'rewrite',
    path: '/api(/|$)(.*)',
    annotations: {
      'use-regex': 'true',
      'rewrite-target': '/$2',
      'x-forwarded-prefix': '/api',
      'upstream-vhost': 'api.internal.example.com',
    },
  },
  {
    name: 'redirects',
    annotations: {
      'ssl-redirect': 'true',
      'force-ssl-redirect': 'true',
      'preserve-trailing-slash': 'true',
      'use-port-in-redirects': 'true',
      'relative-redirects': 'true',
      'app-root': '/app',
      'from-to-www-redirect': 'true',
      'server-alias': 'redirects.example.org',
    },
  },
  { name: 'moved', annotations: { 'permanent-redirect': 'https://new.example.com/', 'permanent-redirect-code': '308' } },
  { name: 'maintenance', annotations: { 'temporal-redirect': 'https://status.example.com/', 'temporal-redirect-code': '307' } },
  {
    name: 'proxy',
    annotations: {
      'proxy-body-size': '50m',
      'proxy-connect-timeout': '10',
      'proxy-read-timeout': '120',
      'proxy-send-timeout': '120',
      'proxy-next-upstream': 'error timeout http_502',
      'proxy-next-upstream-tries': '2',
      'proxy-next-upstream-timeout': '30',
      'proxy-request-buffering': 'off',
      'proxy-buffering': 'on',
      'proxy-buffers-number': '8',
      'proxy-buffer-size': '16k',
      'proxy-busy-buffers-size': '32k',
      'proxy-max-temp-file-size': '0',
      'proxy-http-version': '1.0',
      'client-body-buffer-size': '1m',
      'proxy-cookie-domain': 'internal.example.com proxy.example.com',
      'proxy-cookie-path': '/internal /',
      'proxy-redirect-from': 'http://internal.example.com/',
      'proxy-redirect-to': 'https://proxy.example.com/',
      'connection-proxy-header': 'keep-alive',
      'service-upstream': 'true',
      'load-balance': 'ewma',
      'http2-push-preload': 'true',
      'custom-headers': 'all/response-headers',
    },
  },
  { name: 'https-backend', annotations: { 'backend-protocol': 'HTTPS' } },
  {
    name: 'backend-tls',
    annotations: {
      'backend-protocol': 'HTTPS',
      'proxy-ssl-secret': 'all/backend-client',
      'proxy-ssl-verify': 'on',
      'proxy-ssl-verify-depth': '2',
      'proxy-ssl-ciphers': 'ECDHE-RSA-AES128-GCM-SHA256',
      'proxy-ssl-protocols': 'TLSv1.2 TLSv1.3',
      'proxy-ssl-name': 'backend-tls.internal.example.com',
      'proxy-ssl-server-name': 'on',
    },
  },
  { name: 'php', annotations: { 'fastcgi-index': 'index.php', 'fastcgi-params-configmap': 'all/fastcgi-params' } },
  { name: 'hashed', annotations: { 'upstream-hash-by': '$remote_addr', 'upstream-hash-by-subset': 'true', 'upstream-hash-by-subset-size': '5' } },
  {
    name: 'sticky',
    annotations: {
      'affinity': 'cookie',
      'affinity-mode': 'persistent',
      'affinity-canary-behavior': 'sticky',
      'session-cookie-name': 'SESSION',
      'session-cookie-path': '/',
      'session-cookie-domain': 'sticky.example.com',
      'session-cookie-expires': '172800',
      'session-cookie-max-age': '172800',
      'session-cookie-secure': 'true',
      'session-cookie-samesite': 'Lax',
      'session-cookie-conditional-samesite-none': 'true',
      'session-cookie-change-on-failure': 'true',
    },
  },
  { name: 'release', annotations: {} },
  {
    name: 'release-canary',
    host: 'release.example.com',
    service: 'release-v2',
    annotations: {
      'canary': 'true',
      'canary-by-header': 'X-Canary',
      'canary-by-header-value': 'yes',
      'canary-by-cookie': 'canary',
      'canary-weight': '10',
      'canary-weight-total': '1000',
    },
  },
  { name: 'beta', annotations: {} },
  {
    name: 'beta-canary',
    host: 'beta.example.com',
    service: 'beta-v2',
    annotations: { 'canary': 'true', 'canary-by-header': 'X-Beta', 'canary-by-header-pattern': '^(alpha|beta)$' },
  },
  { name: 'basic', annotations: { 'auth-type': 'basic', 'auth-secret': 'basic-auth', 'auth-secret-type': 'auth-file', 'auth-realm': 'Authentication Required' } },
  {
    name: 'sso',
    annotations: {
      'auth-url': 'http://oauth2-proxy.all.svc.cluster.local:4180/oauth2/auth',
      'auth-method': 'GET',
      'auth-signin': 'https://sso.example.com/oauth2/start',
      'auth-signin-redirect-param': 'redirect_uri',
      'auth-response-headers': 'X-Auth-Request-User,X-Auth-Request-Email',
      'auth-proxy-set-headers': 'all/auth-headers',
      'auth-request-redirect': 'https://sso.example.com/',
      'auth-cache-key': '$remote_user$http_authorization',
      'auth-cache-duration': '200 202 401 5m',
      'auth-keepalive': '10',
      'auth-keepalive-share-vars': 'true',
      'auth-keepalive-requests': '100',
      'auth-keepalive-timeout': '30',
      'auth-always-set-cookie': 'true',
      'enable-global-auth': 'false',
    },
  },
  {
    name: 'limited',
    annotations: {
      'allowlist-source-range': '10.0.0.0/8,192.168.0.0/16',
      'denylist-source-range': '192.168.1.0/24',
      'limit-rps': '10',
      'limit-burst-multiplier': '3',
      'limit-connections': '20',
      'limit-rate': '100',
      'limit-rate-after': '1024',
      'limit-allowlist': '10.1.0.0/16',
      'satisfy': 'any',
    },
  },
  { name: 'legacy-limits', annotations: { 'whitelist-source-range': '10.0.0.0/8', 'limit-rpm': '600', 'limit-whitelist': '10.1.0.0/16' } },
  {
    name: 'mtls',
    annotations: {
      'auth-tls-secret': 'all/client-ca',
      'auth-tls-verify-client': 'on',
      'auth-tls-verify-depth': '2',
      'auth-tls-error-page': 'https://mtls.example.com/certificate-error',
      'auth-tls-pass-certificate-to-upstream': 'true',
      'auth-tls-match-cn': 'CN=client',
    },
  },
  { name: 'passthrough', annotations: { 'ssl-passthrough': 'true' } },
  { name: 'ciphers', annotations: { 'ssl-ciphers': 'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256', 'ssl-prefer-server-ciphers': 'true' } },
  { name: 'errors', annotations: { 'custom-http-errors': '404,503', 'default-backend': 'error-pages', 'disable-proxy-intercept-errors': 'true' } },
  { name: 'mirrored', annotations: { 'mirror-target': 'http://shadow.all.svc.cluster.local$request_uri', 'mirror-host': 'shadow.example.com', 'mirror-request-body': 'off' } },
  {
    name: 'observed',
    annotations: {
      'enable-cors': 'true',
      'cors-allow-origin': 'https://app.example.com, https://*.example.org',
      'cors-allow-methods': 'GET, POST, OPTIONS',
      'cors-allow-headers': 'Authorization, Content-Type',
      'cors-expose-headers': 'X-Request-Id',
      'cors-allow-credentials': 'true',
      'cors-max-age': '600',
      'enable-access-log': 'false',
      'enable-rewrite-log': 'true',
      'enable-opentelemetry': 'true',
      'opentelemetry-trust-incoming-span': 'false',
      'opentelemetry-operation-name': 'observed',
      'enable-modsecurity': 'true',
      'enable-owasp-core-rules': 'true',
      'modsecurity-transaction-id': '$request_id',
    },
  },
  {
    name: 'snippets',
    annotations: {
      'configuration-snippet': 'more_set_headers "X-Frame-Options: DENY";',
      'server-snippet': 'location /health { return 200; }',
      'stream-snippet': 'server { listen 8000; proxy_pass 127.0.0.1:80; }',
      'modsecurity-snippet': 'SecRuleEngine On',
      'auth-snippet': 'proxy_set_header X-Api-Key "secret";',
    },
  },
];

/** The prefix of ingress-nginx's annotations. */
export const PREFIX = 'nginx.ingress.kubernetes.io/';

/** The Ingress objects (networking.k8s.io/v1, class nginx) of `ingresses`, one creation second apart. */
export function coverageObjects(ingresses: readonly CoverageIngress[] = COVERAGE_INGRESSES): any[] {
  return ingresses.map((ing, i) => {
    const host = ing.host ?? `${ing.name}.example.com`;
    const path = ing.path ?? '/';
    return {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: ing.name,
        namespace: 'all',
        creationTimestamp: `2025-01-01T00:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`,
        annotations: Object.fromEntries(Object.entries(ing.annotations).map(([k, v]) => [`${PREFIX}${k}`, v])),
      },
      spec: {
        ingressClassName: 'nginx',
        ...(ing.tls === false || ing.host !== undefined ? {} : { tls: [{ hosts: [host], secretName: `${ing.name}-tls` }] }),
        rules: [{
          host,
          http: {
            paths: [{
              path,
              pathType: path.includes('(') ? 'ImplementationSpecific' : 'Prefix',
              backend: { service: { name: ing.service ?? ing.name, port: { number: 80 } } },
            }],
          },
        }],
      },
    };
  });
}

/** For each key (without prefix), the first Ingress of the input that has it. */
export function firstIngressOfKey(ingresses: readonly CoverageIngress[] = COVERAGE_INGRESSES): Map<string, string> {
  const out = new Map<string, string>();
  for (const ing of ingresses) {
    for (const key of Object.keys(ing.annotations)) if (!out.has(key)) out.set(key, `all/${ing.name}`);
  }
  return out;
}
