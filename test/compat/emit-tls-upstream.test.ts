import { Chart, Testing } from 'cdk8s';
import { ImplementationProfile, IngressCompat, ManifestValidator, NoticeStatus } from '../../src';

/*
 * The runtime verdicts of auth-tls-pass-certificate-to-upstream (ingress-nginx nginx.tmpl:
 * `proxy_set_header ssl-client-cert $ssl_client_escaped_cert`, server-level) and
 * proxy-ssl-server-name (`proxy_ssl_server_name`, with `proxy_ssl_name`), per profile, with
 * the exact objects emitted.
 */

const P = 'nginx.ingress.kubernetes.io/';

function ingress(name: string, annotations: Record<string, string>, host: string, port: number, tls: boolean, path = '/'): any {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: 'apps', annotations: Object.fromEntries(Object.entries(annotations).map(([k, v]) => [`${P}${k}`, v])) },
    spec: {
      ingressClassName: 'nginx',
      ...(tls ? { tls: [{ hosts: [host], secretName: `${name}-tls` }] } : {}),
      rules: [{ host, http: { paths: [{ path, pathType: 'Prefix', backend: { service: { name, port: { number: port } } } }] } }],
    },
  };
}

function migrate(objects: any[], profile: ImplementationProfile) {
  const chart = new Chart(Testing.app(), 'c');
  const compat = IngressCompat.fromManifests(chart, 'C', { objects, profile, printNotices: false });
  const synthed = Testing.synth(chart);
  const find = (kind: string) => synthed.filter(o => o.kind === kind);
  const noticeOf = (ing: string, key: string) => {
    const n = compat.notices.find(x => x.ingress === `apps/${ing}` && x.annotation === `${P}${key}`);
    return n && { status: n.status, message: n.message };
  };
  return { synthed, find, noticeOf };
}

const MTLS = { 'auth-tls-secret': 'apps/client-ca', 'auth-tls-pass-certificate-to-upstream': 'true' };
const PASS = 'auth-tls-pass-certificate-to-upstream';

describe('auth-tls-pass-certificate-to-upstream', () => {
  test('envoy-gateway: x-forwarded-client-cert (SanitizeSet, Cert) on the host\'s ClientTrafficPolicy, approximate', () => {
    const { find, noticeOf, synthed } = migrate([ingress('mtls', MTLS, 'mtls.example.com', 80, true)], ImplementationProfile.envoyGateway());
    const auth = find('ClientTrafficPolicy').filter((p: any) => p.spec.tls !== undefined);
    expect(auth).toStrictEqual([{
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'ClientTrafficPolicy',
      metadata: { name: expect.any(String), namespace: 'apps' },
      spec: {
        headers: { requestID: 'PreserveOrGenerate', xForwardedClientCert: { mode: 'SanitizeSet', certDetailsToAdd: ['Cert'] } },
        targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'nginx', sectionName: 'https-mtls-example-com' }],
        tls: { clientValidation: { caCertificateRefs: [{ group: '', kind: 'Secret', name: 'client-ca' }] } },
      },
    }]);
    expect(noticeOf('mtls', PASS)).toStrictEqual({
      status: NoticeStatus.APPROXIMATE,
      message: 'the ClientTrafficPolicy on mtls.example.com\'s HTTPS listener sends the client certificate to the backend in x-forwarded-client-cert (headers.xForwardedClientCert mode SanitizeSet, certDetailsToAdd Cert: Hash=…;Cert="<URL-encoded PEM>"), where nginx sends the URL-encoded PEM alone in ssl-client-cert; make the backend read the other header',
    });
    expect(ManifestValidator.validateObjects(synthed)).toStrictEqual([]);
  });

  test('envoy-gateway with generate-request-id off: the headers object holds the certificate setting alone', () => {
    const chart = new Chart(Testing.app(), 'c');
    IngressCompat.fromManifests(chart, 'C', {
      objects: [ingress('mtls', MTLS, 'mtls.example.com', 80, true)],
      profile: ImplementationProfile.envoyGateway(),
      printNotices: false,
      controllerConfig: { data: { 'generate-request-id': 'false' } },
    });
    const auth = Testing.synth(chart).filter(o => o.kind === 'ClientTrafficPolicy' && o.spec.tls !== undefined);
    expect(auth.map(p => p.spec.headers)).toStrictEqual([{ xForwardedClientCert: { mode: 'SanitizeSet', certDetailsToAdd: ['Cert'] } }]);
  });

  test.each([
    ['standard', ImplementationProfile.standard(), 'standard Gateway API cannot send the client certificate to the backend; use the envoy-gateway profile (x-forwarded-client-cert), or let the backend terminate TLS (ssl-passthrough)'],
    ['nginx-gateway-fabric', ImplementationProfile.nginxGatewayFabric(), 'NGINX Gateway Fabric can pass the client certificate only with a SnippetsFilter (`proxy_set_header ssl-client-cert $ssl_client_escaped_cert`), which IngressCompat never emits; add one by hand if your installation allows snippets'],
  ])('%s: unsupported, the validation still emitted', (_name, profile, message) => {
    const { find, noticeOf } = migrate([ingress('mtls', MTLS, 'mtls.example.com', 80, true)], profile);
    expect(noticeOf('mtls', PASS)).toStrictEqual({ status: NoticeStatus.UNSUPPORTED, message });
    expect(find('Gateway')[0].spec.tls).toStrictEqual({
      frontend: { default: {}, perPort: [{ port: 443, tls: { validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'client-ca' }], mode: 'AllowValidOnly' } } }] },
    });
  });

  test('no effect with auth-tls-verify-client off; not applied on a host without certificate; ignored on a host whose client certificates another Ingress set', () => {
    const { noticeOf } = migrate([
      ingress('off', { ...MTLS, 'auth-tls-verify-client': 'off' }, 'off.example.com', 80, true),
      ingress('plain', MTLS, 'plain.example.com', 80, false),
      { ...ingress('first', { 'auth-tls-secret': 'apps/client-ca' }, 'shared.example.com', 80, true), metadata: { name: 'first', namespace: 'apps', creationTimestamp: '2024-01-01T00:00:00Z', annotations: { [`${P}auth-tls-secret`]: 'apps/client-ca' } } },
      { ...ingress('second', MTLS, 'shared.example.com', 80, true, '/second'), metadata: { name: 'second', namespace: 'apps', creationTimestamp: '2024-02-01T00:00:00Z', annotations: { [`${P}auth-tls-secret`]: 'apps/client-ca', [`${P}${PASS}`]: 'true' } } },
    ], ImplementationProfile.envoyGateway());
    expect(noticeOf('off', PASS)).toStrictEqual({ status: NoticeStatus.TRANSLATED, message: 'no effect: auth-tls-verify-client is off, so there is no client certificate to pass, as in ingress-nginx; nothing emitted' });
    expect(noticeOf('plain', PASS)).toStrictEqual({ status: NoticeStatus.UNSUPPORTED, message: 'not applied: no client certificate is requested (see auth-tls-secret)' });
    expect(noticeOf('second', PASS)).toStrictEqual({
      status: NoticeStatus.TRANSLATED,
      message: 'ignored on shared.example.com, as in ingress-nginx: client certificates are set per host, by the oldest Ingress of the host with auth-tls-secret (apps/first)',
    });
  });
});

const HTTPS = { 'backend-protocol': 'HTTPS', 'proxy-ssl-secret': 'apps/backend-ca' };
const SNI = 'proxy-ssl-server-name';

describe('proxy-ssl-server-name', () => {
  test('verified (BackendTLSPolicy): on with proxy-ssl-name translated; on without it, and off, approximate', () => {
    const { find, noticeOf } = migrate([
      ingress('named', { ...HTTPS, 'proxy-ssl-verify': 'on', 'proxy-ssl-server-name': 'on', 'proxy-ssl-name': 'api.internal' }, 'named.example.com', 443, false),
      ingress('unnamed', { ...HTTPS, 'proxy-ssl-verify': 'on', 'proxy-ssl-server-name': 'on' }, 'unnamed.example.com', 8443, false),
      ingress('nosni', { ...HTTPS, 'proxy-ssl-verify': 'on', 'proxy-ssl-server-name': 'off' }, 'nosni.example.com', 443, false),
    ], ImplementationProfile.standard());
    expect(find('BackendTLSPolicy').map(p => `${p.spec.targetRefs[0].name} ${p.spec.validation.hostname}`).sort()).toStrictEqual([
      'named api.internal', 'nosni nosni.apps.svc', 'unnamed unnamed.apps.svc',
    ]);
    expect(noticeOf('named', SNI)).toStrictEqual({
      status: NoticeStatus.TRANSLATED, message: '`on`: SNI api.internal (BackendTLSPolicy on Service apps/named: validation.hostname, which the policy always sends)',
    });
    expect(noticeOf('unnamed', SNI)).toStrictEqual({
      status: NoticeStatus.APPROXIMATE,
      message: '`on`: SNI unnamed.apps.svc (BackendTLSPolicy on Service apps/unnamed: validation.hostname); nginx sends the upstream\'s internal name (apps-unnamed-8443): set proxy-ssl-name to the name the backend\'s certificate holds',
    });
    expect(noticeOf('nosni', SNI)).toStrictEqual({
      status: NoticeStatus.APPROXIMATE,
      message: '`off`: BackendTLSPolicy on Service apps/nosni always sends SNI (nosni.apps.svc, its validation.hostname), where nginx sends none; a backend that serves one certificate answers the same',
    });
  });

  test('envoy-gateway without verification: on with proxy-ssl-name → a Backend with tls.sni, translated', () => {
    const { find, noticeOf, synthed } = migrate([
      ingress('fixed', { ...HTTPS, 'proxy-ssl-server-name': 'on', 'proxy-ssl-name': 'api.internal' }, 'fixed.example.com', 443, false),
    ], ImplementationProfile.envoyGateway());
    expect(find('Backend')).toStrictEqual([{
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'Backend',
      metadata: { name: expect.any(String), namespace: 'apps' },
      spec: { endpoints: [{ fqdn: { hostname: 'fixed.apps.svc.cluster.local', port: 443 } }], tls: { insecureSkipVerify: true, sni: 'api.internal' } },
    }]);
    const backendName = find('Backend')[0].metadata.name;
    expect(find('HTTPRoute')[0].spec.rules[0].backendRefs).toStrictEqual([{ group: 'gateway.envoyproxy.io', kind: 'Backend', name: backendName, port: 443 }]);
    expect(noticeOf('fixed', SNI)).toStrictEqual({ status: NoticeStatus.TRANSLATED, message: '`on`: SNI api.internal (Envoy Gateway Backend tls.sni, from proxy-ssl-name)' });
    expect(noticeOf('fixed', 'proxy-ssl-name')).toStrictEqual({
      status: NoticeStatus.TRANSLATED, message: 'SNI api.internal (Envoy Gateway Backend tls.sni); the certificate is not verified (proxy-ssl-verify off), as in ingress-nginx',
    });
    expect(ManifestValidator.validateObjects(synthed)).toStrictEqual([]);
  });

  test('envoy-gateway without verification: off, or on without a name → the Host as SNI, approximate', () => {
    const { find, noticeOf } = migrate([
      ingress('off', { ...HTTPS, 'proxy-ssl-server-name': 'off' }, 'off.example.com', 443, false),
      ingress('host', { ...HTTPS, 'proxy-ssl-server-name': 'on' }, 'host.example.com', 443, false),
    ], ImplementationProfile.envoyGateway());
    expect(find('Backend').map(b => b.spec.tls)).toStrictEqual([{ insecureSkipVerify: true }, { insecureSkipVerify: true }]);
    expect(noticeOf('off', SNI)).toStrictEqual({
      status: NoticeStatus.APPROXIMATE, message: '`off`: Envoy sends the request\'s Host as SNI (Envoy Gateway cannot leave SNI out), where nginx sends none; a backend that serves one certificate answers the same',
    });
    expect(noticeOf('host', SNI)).toStrictEqual({
      status: NoticeStatus.APPROXIMATE, message: '`on`: Envoy sends the request\'s Host as SNI (a Backend without tls.sni), where nginx sends the upstream\'s internal name; set proxy-ssl-name to send a fixed name',
    });
  });

  test('standard without verification: not applied (see backend-protocol); HTTP backends: no effect', () => {
    const { noticeOf } = migrate([
      ingress('insecure', { ...HTTPS, 'proxy-ssl-server-name': 'on' }, 'insecure.example.com', 443, false),
      ingress('plain', { 'proxy-ssl-secret': 'apps/backend-ca', 'proxy-ssl-server-name': 'on' }, 'plain.example.com', 80, false),
    ], ImplementationProfile.standard());
    expect(noticeOf('insecure', SNI)).toStrictEqual({ status: NoticeStatus.UNSUPPORTED, message: 'not applied: the backend is not reached over TLS on the standard profile (see backend-protocol)' });
    expect(noticeOf('plain', SNI)).toStrictEqual({
      status: NoticeStatus.TRANSLATED, message: 'no effect: backend-protocol is HTTP, so nginx opens no TLS connection to the backend, as here; nothing emitted',
    });
  });
});
