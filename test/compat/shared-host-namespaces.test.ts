import { Chart, Testing } from 'cdk8s';
import { Gateway, ImplementationProfile, IngressCompat, ManifestValidator, NoticeStatus } from '../../src';

/**
 * Two Ingresses of one class in two namespaces naming the same host: ingress-nginx serves them
 * from one server (one address), so every route of the host attaches to the Gateway of the
 * host's first Ingress, whose listeners admit the other namespace's routes.
 */

function ingress(name: string, namespace: string, created: string, spec: any, annotations: Record<string, string> = {}): any {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace, creationTimestamp: created, annotations },
    spec: { ingressClassName: 'nginx', ...spec },
  };
}

function rule(host: string, path: string, service: string): any {
  return { host, http: { paths: [{ path, pathType: 'Prefix', backend: { service: { name: service, port: { number: 80 } } } }] } };
}

const HOST = 'shared.example.com';
const A = ingress('a', 'ns1', '2025-01-01T00:00:00Z', { rules: [rule(HOST, '/a', 'a')] });
const B = ingress('b', 'ns2', '2025-01-02T00:00:00Z', { rules: [rule(HOST, '/b', 'b')] });
const B_TLS = ingress('b', 'ns2', '2025-01-02T00:00:00Z', { tls: [{ hosts: [HOST], secretName: 'shared-tls' }], rules: [rule(HOST, '/b', 'b')] });

function migrate(objects: any[], options: { gateway?: boolean; envoy?: boolean } = {}) {
  const chart = new Chart(Testing.app(), 'c');
  const gateway = options.gateway ? Gateway.fromGatewayName(chart, 'Existing', 'edge', { namespace: 'infra' }) : undefined;
  const compat = IngressCompat.fromManifests(chart, 'C', {
    objects,
    printNotices: false,
    gateway,
    ...(options.envoy ? { profile: ImplementationProfile.envoyGateway(), controllerConfig: { allowCrossNamespaceResources: true } } : {}),
  });
  const synthed = Testing.synth(chart);
  return { compat, synthed, find: (kind: string) => synthed.filter(o => o.kind === kind) };
}

const GW_NS1 = { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'nginx' };
const MOVED = `routes of host ${HOST} attach to Gateway ns1/nginx because the host is shared with Ingress ns1/a (older, in namespace ns1), as ingress-nginx serves a host from one server whatever the namespaces of its Ingresses; the Gateway's listeners for it admit routes of every namespace (allowedRoutes from: All), as ingress-nginx lets an Ingress of any namespace join a host`;

describe('IngressCompat: a host shared by Ingresses of two namespaces', () => {
  test('HTTP: one Gateway in the first Ingress\'s namespace, its HTTP listener admits every namespace', () => {
    const { compat, synthed } = migrate([A, B]);
    expect(synthed).toStrictEqual([
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: { name: 'nginx', namespace: 'ns1' },
        spec: {
          gatewayClassName: 'nginx',
          listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }],
        },
      },
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'b-shared-example-com', namespace: 'ns2' },
        spec: {
          hostnames: [HOST],
          parentRefs: [{ ...GW_NS1, namespace: 'ns1', sectionName: 'http' }],
          rules: [{ backendRefs: [{ name: 'b', port: 80 }], matches: [{ path: { type: 'PathPrefix', value: '/b' } }] }],
        },
      },
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'a-shared-example-com', namespace: 'ns1' },
        spec: {
          hostnames: [HOST],
          parentRefs: [{ ...GW_NS1, sectionName: 'http' }],
          rules: [{ backendRefs: [{ name: 'a', port: 80 }], matches: [{ path: { type: 'PathPrefix', value: '/a' } }] }],
        },
      },
    ]);
    expect(compat.notices.filter(n => n.annotation === undefined && n.ingress !== 'gateway/ns1/nginx')).toStrictEqual([
      { ingress: 'ns2/b', status: NoticeStatus.TRANSLATED, message: MOVED },
    ]);
    expect(ManifestValidator.validateObjects(synthed)).toStrictEqual([]);
    expect(compat.verify().unexpected).toBe(0);
  });

  test('TLS from the later Ingress: the HTTPS listener admits every namespace, its Secret in ns2 gets a ReferenceGrant, HTTP stays Same', () => {
    const { compat, synthed, find } = migrate([A, B_TLS]);
    expect(find('Gateway')).toStrictEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'nginx', namespace: 'ns1' },
      spec: {
        gatewayClassName: 'nginx',
        listeners: [
          { name: 'http', port: 80, protocol: 'HTTP' },
          {
            name: 'https-shared-example-com',
            hostname: HOST,
            port: 443,
            protocol: 'HTTPS',
            tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'shared-tls', namespace: 'ns2' }] },
            allowedRoutes: { namespaces: { from: 'All' } },
          },
        ],
      },
    }]);
    expect(find('ReferenceGrant')).toStrictEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'ReferenceGrant',
      metadata: { name: 'gateway-ns1-to-secret-shared-tls', namespace: 'ns2' },
      spec: {
        from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'ns1' }],
        to: [{ group: '', kind: 'Secret', name: 'shared-tls' }],
      },
    }]);
    const hsts = { type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }] } };
    expect(find('HTTPRoute').map(r => [r.metadata, r.spec])).toStrictEqual([
      [{ name: 'b-shared-example-com', namespace: 'ns2' }, {
        hostnames: [HOST],
        parentRefs: [{ ...GW_NS1, namespace: 'ns1', sectionName: 'https-shared-example-com' }],
        rules: [{ backendRefs: [{ name: 'b', port: 80 }], filters: [hsts], matches: [{ path: { type: 'PathPrefix', value: '/b' } }] }],
      }],
      [{ name: 'a-shared-example-com', namespace: 'ns1' }, {
        hostnames: [HOST],
        parentRefs: [{ ...GW_NS1, sectionName: 'https-shared-example-com' }],
        rules: [{ backendRefs: [{ name: 'a', port: 80 }], filters: [hsts], matches: [{ path: { type: 'PathPrefix', value: '/a' } }] }],
      }],
      [{ name: 'a-shared-example-com-https-redirect', namespace: 'ns1' }, {
        hostnames: [HOST],
        parentRefs: [{ ...GW_NS1, sectionName: 'http' }],
        rules: [{
          name: 'redirect-to-https',
          filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 308 } }],
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
        }],
      }],
    ]);
    expect(compat.notices.filter(n => n.ingress === 'ns2/b')).toStrictEqual([
      { ingress: 'ns2/b', status: NoticeStatus.TRANSLATED, message: MOVED },
    ]);
    expect(ManifestValidator.validateObjects(synthed)).toStrictEqual([]);
    expect(compat.verify().unexpected).toBe(0);
  });

  test('ssl-redirect off on the later Ingress: its HTTP copy needs the HTTP listener to admit every namespace too', () => {
    const b = ingress('b', 'ns2', '2025-01-02T00:00:00Z', B_TLS.spec, { 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' });
    const { compat, find } = migrate([A, b]);
    expect(find('Gateway')[0].spec.listeners.map((l: any) => [l.name, l.allowedRoutes])).toStrictEqual([
      ['http', { namespaces: { from: 'All' } }],
      ['https-shared-example-com', { namespaces: { from: 'All' } }],
    ]);
    expect(find('HTTPRoute').filter(r => r.metadata.namespace === 'ns2').map(r => [r.metadata.name, r.spec.parentRefs])).toStrictEqual([
      ['b-shared-example-com', [{ ...GW_NS1, namespace: 'ns1', sectionName: 'https-shared-example-com' }]],
      ['b-shared-example-com-http', [{ ...GW_NS1, namespace: 'ns1', sectionName: 'http' }]],
    ]);
    expect(compat.verify().unexpected).toBe(0);
  });

  test('envoy-gateway: the later Ingress\'s auth-tls ClientTrafficPolicy sits in the Gateway\'s namespace (a policy targets its own namespace)', () => {
    const b = ingress('b', 'ns2', '2025-01-02T00:00:00Z', B_TLS.spec, { 'nginx.ingress.kubernetes.io/auth-tls-secret': 'ns1/ca' });
    const { compat, synthed, find } = migrate([A, b], { envoy: true });
    expect(find('ClientTrafficPolicy').filter(p => p.spec.tls !== undefined).map(p => [p.metadata.namespace, p.spec.targetRefs, p.spec.tls])).toStrictEqual([[
      'ns1',
      [{ ...GW_NS1, sectionName: 'https-shared-example-com' }],
      { clientValidation: { caCertificateRefs: [{ group: '', kind: 'Secret', name: 'ca' }] } },
    ]]);
    expect(compat.notices.find(n => n.ingress === 'ns2/b' && n.annotation === 'nginx.ingress.kubernetes.io/auth-tls-secret')?.status).toBe(NoticeStatus.APPROXIMATE);
    expect(ManifestValidator.validateObjects(synthed)).toStrictEqual([]);
    expect(compat.verify().unexpected).toBe(0);
  });

  test('hosts of one namespace keep their own Gateway with the default allowedRoutes', () => {
    const c = ingress('c', 'ns2', '2025-01-03T00:00:00Z', { rules: [rule('own.example.com', '/', 'c')] });
    const { find } = migrate([A, B, c]);
    expect(find('Gateway').map(g => [g.metadata, g.spec.listeners])).toStrictEqual([
      [{ name: 'nginx', namespace: 'ns1' }, [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }]],
      [{ name: 'nginx', namespace: 'ns2' }, [{ name: 'http', port: 80, protocol: 'HTTP' }]],
    ]);
    expect(find('HTTPRoute').map(r => [r.metadata.namespace, r.metadata.name, r.spec.parentRefs[0].namespace ?? r.metadata.namespace])).toStrictEqual([
      ['ns2', 'b-shared-example-com', 'ns1'],
      ['ns1', 'a-shared-example-com', 'ns1'],
      ['ns2', 'c-own-example-com', 'ns2'],
    ]);
  });

  test('on an existing Gateway (the gateway option) nothing changes: each route attaches to it, no notice', () => {
    const { compat, find } = migrate([A, B], { gateway: true });
    expect(find('Gateway')).toStrictEqual([]);
    expect(find('HTTPRoute').map(r => [r.metadata.namespace, r.spec.parentRefs])).toStrictEqual([
      ['ns2', [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge', namespace: 'infra', sectionName: 'http' }]],
      ['ns1', [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge', namespace: 'infra', sectionName: 'http' }]],
    ]);
    expect(compat.notices.filter(n => n.message.includes('shared with Ingress'))).toStrictEqual([]);
  });
});
