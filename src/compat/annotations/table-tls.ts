/**
 * TLS annotations: passthrough, ciphers, client certificates and backend TLS (ingress-nginx
 * `internal/ingress/annotations/sslpassthrough`, `sslcipher`, `authtls/main.go`, `proxyssl/main.go`;
 * client-certificate and backend-TLS settings are per host: the first Ingress of the host wins).
 */
import { A, AnnotationFamily, AnnotationRisk, AnnotationSpec, NGF_SNIPPET, T, U, family, per, same } from './table-types';

const L = AnnotationRisk.LOW;
const M = AnnotationRisk.MEDIUM;
const H = AnnotationRisk.HIGH;

const NO_CIPHERS = (side: string) => U(`Gateway API has no ${side} cipher or protocol setting; the implementation's defaults (TLS 1.2+, modern ciphers) apply, so remove the annotation unless old clients need more.`);
const HANDSHAKE = 'failures end the TLS handshake, where nginx answers HTTP 400';

/** The TLS family. */
export const TLS_ANNOTATIONS: AnnotationSpec[] = family(AnnotationFamily.TLS, {
  'ssl-passthrough': {
    valueType: 'bool',
    defaultValue: 'false',
    scope: 'ingress',
    risk: L,
    onInvalid: 'drop-ingress',
    nginx: 'TLS passed through to the backend of the host\'s `/` by SNI (needs `--enable-ssl-passthrough`)',
    noOpValues: ['false'],
    handling: same(T('TLS listener with `tls.mode: Passthrough` and a TLSRoute for the host to the backend of its `/` path; as in nginx, the other annotations do not act on that traffic.')),
  },
  'ssl-ciphers': {
    valueType: 'OpenSSL cipher string',
    defaultValue: 'ConfigMap `ssl-ciphers`',
    scope: 'ingress',
    risk: L,
    onInvalid: 'drop-ingress',
    nginx: 'server-level `ssl_ciphers` of the host',
    handling: per(
      NO_CIPHERS('client-side'),
      U('Envoy Gateway sets ciphers per listener (ClientTrafficPolicy `tls.ciphers`), not per host, and takes BoringSSL names; set it by hand if old clients need it.'),
      NGF_SNIPPET('ssl_ciphers'),
    ),
  },
  'ssl-prefer-server-ciphers': {
    valueType: 'bool',
    defaultValue: 'unset',
    scope: 'ingress',
    risk: L,
    onInvalid: 'fallback',
    nginx: '`ssl_prefer_server_ciphers`',
    handling: same(U('Gateway API has no cipher-preference setting; with TLS 1.3 and modern cipher lists the order does not matter, so remove the annotation.')),
  },
  'auth-tls-secret': {
    valueType: '`ns/name` (ca.crt, optional ca.crl)',
    defaultValue: 'none',
    scope: 'location',
    risk: M,
    onInvalid: 'deny-location',
    nginx: 'requires client certificates signed by the CA (per host)',
    handling: per(
      A(`Gateway \`spec.tls.frontend\` validation with the CA as a ConfigMap \`ca.crt\`: it applies per Gateway or port, not per host, and ${HANDSHAKE}.`),
      A(`ClientTrafficPolicy \`tls.clientValidation\` with the CA on the host's HTTPS listener; ${HANDSHAKE}.`),
      A(`Gateway \`spec.tls.frontend\` validation with the CA as a ConfigMap \`ca.crt\`: it applies per Gateway or port, not per host, and ${HANDSHAKE}.`),
    ),
  },
  'auth-tls-verify-client': {
    valueType: 'on, off, optional, optional_no_ca',
    defaultValue: 'on',
    scope: 'location',
    risk: M,
    onInvalid: 'fallback',
    nginx: 'whether a client certificate is required',
    handling: per(
      A('`on` → Gateway `spec.tls.frontend` validation mode AllowValidOnly, `optional`/`optional_no_ca` → AllowInsecureFallback (the backend is not told the result), `off` → no validation; per port, as auth-tls-secret says.'),
      T('`on` → ClientTrafficPolicy `tls.clientValidation` on the host\'s HTTPS listener (Envoy requires and verifies the certificate), `optional` → mode VerifyIfGiven, `optional_no_ca` → Request, `off` → no validation.'),
      A('`on` → Gateway `spec.tls.frontend` validation mode AllowValidOnly, `optional`/`optional_no_ca` → AllowInsecureFallback (the backend is not told the result), `off` → no validation; per port, as auth-tls-secret says.'),
    ),
  },
  'auth-tls-verify-depth': {
    valueType: 'int',
    defaultValue: '1',
    scope: 'location',
    risk: L,
    onInvalid: 'fallback',
    nginx: 'longest accepted client certificate chain',
    handling: same(U('Gateway client-certificate validation cannot limit the chain depth; intermediate CAs are accepted, so issue client certificates from the CA directly if depth matters.')),
  },
  'auth-tls-error-page': {
    valueType: 'URL or `@location`',
    defaultValue: 'none',
    scope: 'location',
    risk: H,
    onInvalid: 'drop-ingress',
    nginx: 'redirect target for failed client certificates (495/496)',
    handling: same(U('Gateway validation rejects bad certificates during the TLS handshake, before any HTTP response, so no error page can be served.')),
  },
  'auth-tls-pass-certificate-to-upstream': {
    valueType: 'bool',
    defaultValue: 'false',
    scope: 'location',
    risk: L,
    onInvalid: 'drop-ingress',
    nginx: 'sends the client certificate to the backend in `ssl-client-cert`',
    noOpValues: ['false'],
    handling: per(
      U('Standard Gateway API cannot forward the client certificate; use the envoy-gateway profile or have the backend terminate TLS.'),
      A('ClientTrafficPolicy `headers.xForwardedClientCert` sends it in `x-forwarded-client-cert` (Envoy\'s format), not in `ssl-client-cert`.'),
      NGF_SNIPPET('proxy_set_header ssl-client-cert'),
    ),
  },
  'auth-tls-match-cn': {
    valueType: '`CN=<regex>`',
    defaultValue: 'none',
    scope: 'location',
    risk: H,
    onInvalid: 'drop-ingress',
    nginx: '403 unless the certificate subject matches',
    handling: same(U('Gateway client-certificate validation cannot match the subject; use a CA that signs only the allowed clients.')),
  },
  'proxy-ssl-secret': {
    valueType: '`ns/name` (tls.crt, tls.key, ca.crt)',
    defaultValue: 'none',
    scope: 'ingress',
    risk: M,
    onInvalid: 'drop-ingress',
    nginx: 'client certificate and CA for HTTPS backends; enables the other proxy-ssl-*',
    handling: same(A('BackendTLSPolicy validating with the Secret\'s `ca.crt` (as a ConfigMap), and Gateway `spec.tls.backend.clientCertificateRef` for the client certificate, which applies to the whole Gateway.')),
  },
  'proxy-ssl-verify': {
    valueType: 'on/off',
    defaultValue: 'off',
    scope: 'ingress',
    risk: L,
    onInvalid: 'fallback',
    nginx: 'verifies the backend certificate',
    handling: same(T('`on`: BackendTLSPolicy validation with the CA of proxy-ssl-secret and the name of proxy-ssl-name; `off` (nginx\'s default) is reported with backend-protocol.')),
  },
  'proxy-ssl-verify-depth': {
    valueType: 'int',
    defaultValue: '1',
    scope: 'ingress',
    risk: L,
    onInvalid: 'fallback',
    nginx: 'longest accepted backend certificate chain',
    handling: same(U('BackendTLSPolicy cannot limit the chain depth; intermediate CAs are accepted.')),
  },
  'proxy-ssl-ciphers': {
    valueType: 'cipher string',
    defaultValue: 'DEFAULT',
    scope: 'ingress',
    risk: M,
    onInvalid: 'fallback',
    nginx: 'ciphers offered to HTTPS backends',
    handling: same(NO_CIPHERS('backend-side')),
  },
  'proxy-ssl-protocols': {
    valueType: 'TLSv1.2/TLSv1.3 list',
    defaultValue: 'TLSv1.2',
    scope: 'ingress',
    risk: L,
    onInvalid: 'fallback',
    nginx: 'TLS versions offered to HTTPS backends',
    handling: same(NO_CIPHERS('backend-side')),
  },
  'proxy-ssl-name': {
    valueType: 'server name',
    defaultValue: 'none',
    scope: 'ingress',
    risk: H,
    onInvalid: 'fallback',
    nginx: 'SNI and verified name of HTTPS backends',
    handling: same(T('BackendTLSPolicy `validation.hostname` (SNI and the verified name).')),
  },
  'proxy-ssl-server-name': {
    valueType: 'on/off',
    defaultValue: 'off',
    scope: 'ingress',
    risk: L,
    onInvalid: 'fallback',
    nginx: 'sends SNI to HTTPS backends',
    handling: per(
      A('With proxy-ssl-verify `on`, the BackendTLSPolicy always sends SNI (its `validation.hostname`): `on` is exact when proxy-ssl-name gives that name, `off` (no SNI) cannot be expressed. Without verification the backend is not reached over TLS (see backend-protocol).'),
      A('With proxy-ssl-verify `on`, as standard (BackendTLSPolicy `validation.hostname`). Without verification, `on` with proxy-ssl-name sets the Envoy Gateway Backend\'s `tls.sni` (exact); otherwise Envoy sends the request\'s Host as SNI, where nginx sends the upstream\'s internal name or none.'),
      A('With proxy-ssl-verify `on`, the BackendTLSPolicy always sends SNI (its `validation.hostname`): `on` is exact when proxy-ssl-name gives that name, `off` (no SNI) cannot be expressed. Without verification the backend is not reached over TLS (see backend-protocol).'),
    ),
  },
});
