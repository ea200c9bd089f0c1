import { Chart, Testing } from 'cdk8s';
import { ImplementationProfile, IngressCompat, ManifestValidator, NoticeStatus } from '../../src';

const PREFIX = 'nginx.ingress.kubernetes.io/';

function ingress(name: string, annotations: Record<string, string>, spec: any): any {
  const prefixed = Object.fromEntries(Object.entries(annotations).map(([k, v]) => [`${PREFIX}${k}`, v]));
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace: 'apps', annotations: prefixed }, spec: { ingressClassName: 'nginx', ...spec } };
}

function rule(host: string, paths: Array<[string, string, number]>): any {
  return { host, http: { paths: paths.map(([path, service, port]) => ({ path, pathType: 'Prefix', backend: { service: { name: service, port: { number: port } } } })) } };
}

const tls = (host: string) => [{ hosts: [host], secretName: `${host.split('.')[0]}-tls` }];

function migrate(objects: any[], profile: ImplementationProfile) {
  const chart = new Chart(Testing.app(), 'c');
  const compat = IngressCompat.fromManifests(chart, 'C', { objects, profile, printNotices: false });
  const synthed = Testing.synth(chart);
  const find = (kind: string, name?: string) => synthed.filter(o => o.kind === kind && (name === undefined || o.metadata.name === name));
  const noticeOf = (ing: string, key: string) => compat.notices.find(n => n.ingress === `apps/${ing}` && n.annotation === `${PREFIX}${key}`);
  return { synthed, find, noticeOf };
}

const INPUT = [
  ingress('pass', { 'ssl-passthrough': 'true' }, { tls: tls('pass.example.com'), rules: [rule('pass.example.com', [['/', 'pass', 8443]])] }),
  ingress('mtls', { 'auth-tls-secret': 'apps/client-ca', 'auth-tls-verify-client': 'optional' }, { tls: tls('mtls.example.com'), rules: [rule('mtls.example.com', [['/', 'web', 80]])] }),
  ingress('grpc', { 'backend-protocol': 'GRPC' }, { tls: tls('grpc.example.com'), rules: [rule('grpc.example.com', [['/', 'grpc', 50051], ['/helloworld.Greeter/SayHello', 'hello', 50051]])] }),
  ingress('grpc-mixed', { 'backend-protocol': 'GRPC' }, { tls: tls('mixed.example.com'), rules: [rule('mixed.example.com', [['/', 'grpc', 50051], ['/other-path', 'x', 80]])] }),
  ingress('https', { 'backend-protocol': 'HTTPS' }, { rules: [rule('https.example.com', [['/', 'secure', 443]])] }),
  ingress('verify', { 'backend-protocol': 'HTTPS', 'proxy-ssl-secret': 'apps/backend-ca', 'proxy-ssl-verify': 'on', 'proxy-ssl-name': 'backend.internal' },
    { rules: [rule('verify.example.com', [['/', 'checked', 443]])] }),
];

const GATEWAY_REF = { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'nginx' };

describe('IngressCompat emit: TLS family', () => {
  test.each([['standard', ImplementationProfile.standard()], ['envoy-gateway', ImplementationProfile.envoyGateway()], ['nginx-gateway-fabric', ImplementationProfile.nginxGatewayFabric()]])(
    'the output is accepted by the CRDs on %s', (_name, profile) => {
      expect(ManifestValidator.validateObjects(migrate(INPUT, profile).synthed)).toStrictEqual([]);
    });

  test('ssl-passthrough: a TLS Passthrough listener and a TLSRoute to the backend of /, HTTP still redirected', () => {
    const { find, noticeOf } = migrate(INPUT, ImplementationProfile.standard());
    const listeners = find('Gateway', 'nginx')[0].spec.listeners;
    expect(listeners.find((l: any) => l.name === 'tls-pass-example-com')).toStrictEqual({
      name: 'tls-pass-example-com', hostname: 'pass.example.com', port: 443, protocol: 'TLS', tls: { mode: 'Passthrough' },
    });
    expect(listeners.some((l: any) => l.name === 'https-pass-example-com')).toBe(false);
    expect(find('TLSRoute')).toStrictEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'TLSRoute',
      metadata: { name: 'pass-pass-example-com-passthrough', namespace: 'apps' },
      spec: {
        hostnames: ['pass.example.com'],
        parentRefs: [{ ...GATEWAY_REF, sectionName: 'tls-pass-example-com' }],
        rules: [{ backendRefs: [{ name: 'pass', port: 8443 }] }],
      },
    }]);
    expect(find('HTTPRoute').filter(r => r.spec.hostnames?.includes('pass.example.com')).map(r => r.metadata.name)).toStrictEqual(['pass-pass-example-com-https-redirect']);
    expect(noticeOf('pass', 'ssl-passthrough')).toMatchObject({ status: NoticeStatus.TRANSLATED, message: expect.stringMatching(/passed through by SNI to Service "pass:8443", the backend of path \//) });
  });

  test('ssl-passthrough without a / path has no effect, as in ingress-nginx', () => {
    const objects = [ingress('sub', { 'ssl-passthrough': 'true' }, { rules: [rule('sub.example.com', [['/api', 'api', 80]])] })];
    const { find, noticeOf } = migrate(objects, ImplementationProfile.standard());
    expect(find('TLSRoute')).toStrictEqual([]);
    expect(noticeOf('sub', 'ssl-passthrough')).toMatchObject({ status: NoticeStatus.TRANSLATED, message: expect.stringMatching(/^no effect, as in ingress-nginx/) });
  });

  test('auth-tls on envoy-gateway: a ClientTrafficPolicy on the host\'s own HTTPS listener', () => {
    const { find, noticeOf } = migrate(INPUT, ImplementationProfile.envoyGateway());
    const ctp = find('ClientTrafficPolicy').filter(p => p.spec.targetRefs[0].sectionName !== undefined);
    expect(ctp.map(p => p.spec)).toStrictEqual([{
      headers: { requestID: 'PreserveOrGenerate' },
      targetRefs: [{ ...GATEWAY_REF, sectionName: 'https-mtls-example-com' }],
      tls: { clientValidation: { caCertificateRefs: [{ group: '', kind: 'Secret', name: 'client-ca' }], mode: 'VerifyIfGiven' } },
    }]);
    expect(noticeOf('mtls', 'auth-tls-secret')).toMatchObject({ status: NoticeStatus.APPROXIMATE, message: expect.stringMatching(/HTTPS listener checks client certificates against the CA in Secret apps\/client-ca.*ends the TLS handshake/) });
    expect(noticeOf('mtls', 'auth-tls-verify-client')).toMatchObject({ status: NoticeStatus.TRANSLATED, message: '`optional` → ClientTrafficPolicy tls.clientValidation.mode VerifyIfGiven' });
  });

  test('auth-tls on standard: Gateway frontend validation for port 443, reported as per port', () => {
    const { find, noticeOf } = migrate(INPUT, ImplementationProfile.standard());
    expect(find('Gateway', 'nginx')[0].spec.tls).toStrictEqual({
      frontend: {
        default: {},
        perPort: [{ port: 443, tls: { validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'client-ca' }], mode: 'AllowInsecureFallback' } } }],
      },
    });
    expect(noticeOf('mtls', 'auth-tls-secret')).toMatchObject({
      status: NoticeStatus.APPROXIMATE,
      message: expect.stringMatching(/port 443 of Gateway nginx checks client certificates against ConfigMap apps\/client-ca .* also grpc\.example\.com, mixed\.example\.com \(Gateway API validates per port, not per host\)/),
    });
    expect(noticeOf('mtls', 'auth-tls-verify-client')?.status).toBe(NoticeStatus.APPROXIMATE);
  });

  test('auth-tls: a second CA on the same Gateway port is unsupported (Ingresses in ingress-nginx order: ties by name descending)', () => {
    const objects = [
      ingress('a', { 'auth-tls-secret': 'apps/ca-a' }, { tls: tls('a.example.com'), rules: [rule('a.example.com', [['/', 'a', 80]])] }),
      ingress('b', { 'auth-tls-secret': 'apps/ca-b' }, { tls: tls('b.example.com'), rules: [rule('b.example.com', [['/', 'b', 80]])] }),
    ];
    const { noticeOf } = migrate(objects, ImplementationProfile.standard());
    expect(noticeOf('b', 'auth-tls-secret')).toMatchObject({ status: NoticeStatus.APPROXIMATE, message: expect.stringMatching(/ConfigMap apps\/ca-b .* for every HTTPS host of that Gateway, also a\.example\.com /) });
    expect(noticeOf('a', 'auth-tls-secret')).toMatchObject({ status: NoticeStatus.UNSUPPORTED, message: expect.stringMatching(/already checks client certificates for b\.example\.com with other settings, .*; give a\.example\.com its own Gateway/) });
  });

  test('backend-protocol GRPC: a GRPCRoute on the HTTPS listener; a host with other paths stays on HTTPRoute', () => {
    const { find, noticeOf } = migrate(INPUT, ImplementationProfile.standard());
    const hsts = [{ type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }] } }];
    expect(find('GRPCRoute')).toStrictEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GRPCRoute',
      metadata: { name: 'grpc-grpc-example-com', namespace: 'apps' },
      spec: {
        hostnames: ['grpc.example.com'],
        parentRefs: [{ ...GATEWAY_REF, sectionName: 'https-grpc-example-com' }],
        rules: [
          { matches: [{ method: { type: 'Exact', service: 'helloworld.Greeter', method: 'SayHello' } }], filters: hsts, backendRefs: [{ name: 'hello', port: 50051 }] },
          { filters: hsts, backendRefs: [{ name: 'grpc', port: 50051 }] },
        ],
      },
    }]);
    expect(noticeOf('grpc', 'backend-protocol')).toStrictEqual({
      ingress: 'apps/grpc',
      annotation: `${PREFIX}backend-protocol`,
      status: NoticeStatus.TRANSLATED,
      message: 'GRPC: paths /helloworld.Greeter/SayHello, / become GRPCRoute rules on the HTTPS listener (gRPC service and method matches)',
    });
    expect(find('HTTPRoute', 'grpc-mixed-mixed-example-com')).toHaveLength(1);
    expect(noticeOf('grpc-mixed', 'backend-protocol')).toMatchObject({ status: NoticeStatus.APPROXIMATE, message: expect.stringMatching(/\/other-path is not a gRPC \/package.Service\[\/Method\] path, and Gateway API does not accept an HTTPRoute and a GRPCRoute/) });
  });

  test('backend-protocol HTTPS on envoy-gateway: an insecureSkipVerify Backend instead of the Service', () => {
    const { find, noticeOf } = migrate(INPUT, ImplementationProfile.envoyGateway());
    const backend = find('Backend')[0];
    expect(backend.spec).toStrictEqual({ endpoints: [{ fqdn: { hostname: 'secure.apps.svc.cluster.local', port: 443 } }], tls: { insecureSkipVerify: true } });
    expect(find('HTTPRoute', 'https-https-example-com')[0].spec.rules).toStrictEqual([{
      matches: [{ path: { type: 'PathPrefix', value: '/' } }],
      backendRefs: [{ group: 'gateway.envoyproxy.io', kind: 'Backend', name: backend.metadata.name, port: 443 }],
    }]);
    expect(noticeOf('https', 'backend-protocol')).toMatchObject({ status: NoticeStatus.APPROXIMATE, message: expect.stringMatching(/^HTTPS without verification, as in ingress-nginx: routed to an Envoy Gateway Backend for secure\.apps\.svc\.cluster\.local:443/) });
  });

  test('backend-protocol HTTPS on standard: unsupported, the Service is kept', () => {
    const { find, noticeOf } = migrate(INPUT, ImplementationProfile.standard());
    expect(find('HTTPRoute', 'https-https-example-com')[0].spec.rules[0].backendRefs).toStrictEqual([{ name: 'secure', port: 443 }]);
    expect(noticeOf('https', 'backend-protocol')).toMatchObject({ status: NoticeStatus.UNSUPPORTED, message: expect.stringMatching(/BackendTLSPolicy always verifies .* set proxy-ssl-secret and proxy-ssl-verify/) });
  });

  test('proxy-ssl-verify on: a BackendTLSPolicy with the CA and proxy-ssl-name', () => {
    const { find, noticeOf } = migrate(INPUT, ImplementationProfile.standard());
    expect(find('BackendTLSPolicy').map(p => p.spec)).toStrictEqual([{
      targetRefs: [{ group: '', kind: 'Service', name: 'checked' }],
      validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'backend-ca' }], hostname: 'backend.internal' },
    }]);
    expect(noticeOf('verify', 'backend-protocol')?.status).toBe(NoticeStatus.TRANSLATED);
    expect(noticeOf('verify', 'proxy-ssl-name')).toMatchObject({ status: NoticeStatus.TRANSLATED, message: expect.stringMatching(/validation.hostname backend.internal/) });
    expect(noticeOf('verify', 'proxy-ssl-secret')).toMatchObject({ status: NoticeStatus.APPROXIMATE, message: expect.stringMatching(/client certificate \(tls.crt, tls.key\) is not presented/) });
  });
});
