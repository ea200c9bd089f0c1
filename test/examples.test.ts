// The output of each example (examples/<name>/main.ts, synthesized now; test/examples-valid.test.ts
// checks that the committed examples/<name>/dist/<name>.k8s.yaml is the same) routes requests as the
// example says, under the Gateway API rules modelled by test/support/gateway-router.ts.
import { freshYaml } from './support/examples';
import { GatewayRouter } from './support/gateway-router';

function example(name: string): GatewayRouter {
  return GatewayRouter.fromYaml(freshYaml(name));
}

/** The whole answer when no listener accepts the request. */
const NO_LISTENER = { status: 404, backends: [], mirrors: [], filters: [], errors: [] };
const service = (namespace: string, name: string, port: number, weight = 1) => ({ kind: 'Service', namespace, name, port, weight });

describe('basic-http', () => {
  const router = example('basic-http');

  test('GatewayClass eg and Gateway infra/edge with an HTTP listener on 80 open to all namespaces', () => {
    expect(router.objects.find(o => o.kind === 'GatewayClass')).toMatchObject({
      metadata: { name: 'eg' }, spec: { controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' },
    });
    const gateway = router.objects.find(o => o.kind === 'Gateway')!;
    expect(gateway).toMatchObject({ metadata: { name: 'edge', namespace: 'infra' }, spec: { gatewayClassName: 'eg' } });
    expect(router.listeners(gateway).map(l => l.spec)).toEqual([
      { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } },
    ]);
  });

  test('GET http://www.example.com/api/users → api:8080 with x-env: prod', () => {
    expect(router.get('http://www.example.com/api/users')).toEqual({
      status: 200,
      listener: { gateway: 'infra/edge', parent: 'Gateway infra/edge', name: 'http', port: 80, protocol: 'HTTP', certificates: [] },
      route: 'HTTPRoute web/web',
      rule: 1,
      backends: [service('web', 'api', 8080)],
      request: { host: 'www.example.com', path: '/api/users', headers: { 'x-env': 'prod' } },
      filters: ['RequestHeaderModifier'],
      mirrors: [],
      errors: [],
    });
  });

  test('the header is set, replacing a client value', () => {
    expect(router.get('http://www.example.com/api', { headers: { 'X-Env': 'dev', 'accept': '*/*' } }).request?.headers)
      .toEqual({ 'x-env': 'prod', 'accept': '*/*' });
  });

  test.each(['/', '/index.html', '/apix', '/ap', '/x/api'])('GET http://www.example.com%s → web:80, headers untouched', p => {
    const res = router.get(`http://www.example.com${p}`, { headers: { 'x-env': 'dev' } });
    expect(res).toMatchObject({ status: 200, route: 'HTTPRoute web/web', rule: 0, filters: [], errors: [] });
    expect(res.backends).toEqual([service('web', 'web', 80)]);
    expect(res.request?.headers).toEqual({ 'x-env': 'dev' });
  });

  test.each(['/api', '/api/', '/api/v1/users?id=3'])('GET http://www.example.com%s → api:8080', p => {
    expect(router.get(`http://www.example.com${p}`).backends).toEqual([service('web', 'api', 8080)]);
  });

  test('unknown host or port → 404', () => {
    expect(router.get('http://unknown.example.com/api')).toMatchObject({ status: 404, backends: [], listener: { name: 'http' } });
    expect(router.get('http://example.com/')).toMatchObject({ status: 404, backends: [] });
    expect(router.get('http://www.example.com:8080/')).toEqual(NO_LISTENER);
    expect(router.get('https://www.example.com/')).toEqual(NO_LISTENER);
  });
});

describe('https-listenersets', () => {
  const router = example('https-listenersets');

  test('Gateway infra/shared: HTTP on 80, admits ListenerSets from all namespaces', () => {
    const gateway = router.objects.find(o => o.kind === 'Gateway')!;
    expect(gateway.metadata).toEqual({ name: 'shared', namespace: 'infra' });
    expect(gateway.spec.allowedListeners).toEqual({ namespaces: { from: 'All' } });
    expect(router.listeners(gateway).map(l => [`${l.parent.kind} ${l.parent.metadata.namespace}/${l.parent.metadata.name}`, l.spec.name, l.spec.port, l.spec.protocol, l.spec.hostname]))
      .toEqual([
        ['Gateway infra/shared', 'http', 80, 'HTTP', undefined],
        ['ListenerSet team-a/team-a', 'https', 443, 'HTTPS', 'a.example.com'],
        ['ListenerSet team-b/team-b', 'https', 443, 'HTTPS', 'b.example.com'],
      ]);
  });

  test.each([['a', 'app-a'], ['b', 'app-b']])('https://%s.example.com/ → %s:80 through the team ListenerSet listener', (team, app) => {
    expect(router.get(`https://${team}.example.com/`)).toEqual({
      status: 200,
      listener: {
        gateway: 'infra/shared',
        parent: `ListenerSet team-${team}/team-${team}`,
        name: 'https',
        port: 443,
        protocol: 'HTTPS',
        hostname: `${team}.example.com`,
        tlsMode: 'Terminate',
        certificates: [`Secret team-${team}/${team}-tls`],
      },
      route: `HTTPRoute team-${team}/${app}`,
      rule: 0,
      backends: [service(`team-${team}`, app, 80)],
      request: { host: `${team}.example.com`, path: '/', headers: {} },
      filters: [],
      mirrors: [],
      errors: [],
    });
    expect(router.get(`https://${team}.example.com/deep/path?x=1`).backends).toEqual([service(`team-${team}`, app, 80)]);
  });

  test('http://a.example.com/x?q=1 → 308 https://a.example.com/x?q=1', () => {
    expect(router.get('http://a.example.com/x?q=1')).toEqual({
      status: 308,
      location: 'https://a.example.com/x?q=1',
      listener: { gateway: 'infra/shared', parent: 'Gateway infra/shared', name: 'http', port: 80, protocol: 'HTTP', certificates: [] },
      route: 'HTTPRoute infra/https-redirect',
      rule: 0,
      backends: [],
      filters: ['RequestRedirect'],
      mirrors: [],
      errors: [],
    });
  });

  test.each([
    ['http://a.example.com/', 'https://a.example.com/'],
    ['http://b.example.com/any/path', 'https://b.example.com/any/path'],
    ['http://B.example.com:80/p?x=1&y=2', 'https://b.example.com/p?x=1&y=2'],
  ])('plain HTTP to an HTTPS-only host gets the redirect, not the app: %s → %s', (url, location) => {
    const res = router.get(url);
    expect(res).toMatchObject({ status: 308, location, backends: [] });
    expect(res.request).toBeUndefined();
  });

  test('unknown hosts: 404 on HTTP (no route), no listener on HTTPS; a team certificate is not served for the other host', () => {
    expect(router.get('http://c.example.com/')).toMatchObject({ status: 404, backends: [], listener: { name: 'http' } });
    expect(router.get('https://c.example.com/')).toEqual(NO_LISTENER);
    expect(router.get('https://b.example.com/', { sni: 'a.example.com' })).toMatchObject({ status: 421, backends: [] });
  });
});

describe('traffic-split', () => {
  const router = example('traffic-split');
  const listener = { gateway: 'shop/shop', parent: 'Gateway shop/shop', name: 'http', port: 80, protocol: 'HTTP', hostname: 'shop.example.com', certificates: [] };

  test('http://shop.example.com/ → shop-v1 0.9, shop-v2 0.1', () => {
    expect(router.get('http://shop.example.com/')).toEqual({
      status: 200,
      listener,
      route: 'HTTPRoute shop/shop',
      rule: 0,
      ruleName: 'split',
      backends: [service('shop', 'shop-v1', 80, 0.9), service('shop', 'shop-v2', 80, 0.1)],
      request: { host: 'shop.example.com', path: '/', headers: {} },
      filters: [],
      mirrors: [],
      errors: [],
    });
    expect(router.get('http://shop.example.com/searching').ruleName).toBe('split');
    expect(router.get('http://shop.example.com/old').ruleName).toBe('old-to-new');
  });

  test('/search?q=x → search:80, 5% mirrored to search-shadow:80, request timeout 10s', () => {
    expect(router.get('http://shop.example.com/search?q=x')).toEqual({
      status: 200,
      listener,
      route: 'HTTPRoute shop/shop',
      rule: 1,
      ruleName: 'search',
      backends: [service('shop', 'search', 80)],
      mirrors: [{ backend: service('shop', 'search-shadow', 80), fraction: 0.05 }],
      timeouts: { request: '10s' },
      request: { host: 'shop.example.com', path: '/search?q=x', headers: {} },
      filters: ['RequestMirror'],
      errors: [],
    });
    expect(router.get('http://shop.example.com/search/advanced').ruleName).toBe('search');
  });

  test('/old/page → shop-v1:80 with path /new/page', () => {
    expect(router.get('http://shop.example.com/old/page')).toEqual({
      status: 200,
      listener,
      route: 'HTTPRoute shop/shop',
      rule: 2,
      ruleName: 'old-to-new',
      backends: [service('shop', 'shop-v1', 80)],
      request: { host: 'shop.example.com', path: '/new/page', headers: {} },
      filters: ['URLRewrite'],
      mirrors: [],
      errors: [],
    });
    expect(router.get('http://shop.example.com/old/a/b?c=d').request?.path).toBe('/new/a/b?c=d');
    expect(router.get('http://shop.example.com/older/page').ruleName).toBe('split');
  });

  test('other hosts reach no listener (404)', () => {
    expect(router.get('http://www.example.com/')).toEqual(NO_LISTENER);
  });
});

describe('l4-and-grpc', () => {
  const router = example('l4-and-grpc');

  test('gRPC orders.v1.Orders/Create on grpc.example.com:443 → orders:50051', () => {
    const res = router.route({ protocol: 'HTTPS', port: 443, host: 'grpc.example.com', method: 'POST', grpc: { service: 'orders.v1.Orders', method: 'Create' } });
    expect(res).toMatchObject({
      status: 200,
      route: 'GRPCRoute platform/orders',
      rule: 0,
      backends: [service('platform', 'orders', 50051)],
      errors: [],
      listener: { name: 'grpc', port: 443, protocol: 'HTTPS', hostname: 'grpc.example.com', tlsMode: 'Terminate', certificates: ['Secret platform/grpc-tls'] },
      request: { host: 'grpc.example.com', path: '/orders.v1.Orders/Create' },
    });
    const list = router.route({ protocol: 'HTTPS', port: 443, host: 'grpc.example.com', grpc: { service: 'orders.v1.Orders', method: 'List' } });
    expect(list.backends).toEqual([service('platform', 'orders', 50051)]);
  });

  test('other gRPC services and hosts are not routed', () => {
    expect(router.route({ protocol: 'HTTPS', port: 443, host: 'grpc.example.com', grpc: { service: 'orders.v2.Orders', method: 'Create' } }).status).toBe(404);
    expect(router.route({ protocol: 'HTTPS', port: 443, host: 'grpc.example.com', grpc: { service: 'orders.v1.OrdersAdmin', method: 'Create' } }).status).toBe(404);
    expect(router.route({ protocol: 'HTTPS', port: 443, host: 'other.example.com', grpc: { service: 'orders.v1.Orders', method: 'Create' } }))
      .toEqual(NO_LISTENER);
    expect(router.get('https://grpc.example.com/orders.v1.Orders/Create')).toMatchObject({ status: 404, listener: { name: 'grpc' } });
  });

  test('TLS with SNI vault.example.com on 443 → vault:8200, passed through', () => {
    expect(router.route({ protocol: 'TLS', port: 443, sni: 'vault.example.com' })).toEqual({
      status: 200,
      route: 'TLSRoute platform/vault',
      rule: 0,
      listener: {
        gateway: 'platform/platform',
        parent: 'Gateway platform/platform',
        name: 'vault',
        port: 443,
        protocol: 'TLS',
        hostname: 'vault.example.com',
        tlsMode: 'Passthrough',
        certificates: [],
      },
      backends: [service('platform', 'vault', 8200)],
      filters: [],
      mirrors: [],
      errors: [],
    });
    expect(router.route({ protocol: 'TLS', port: 443, sni: 'other.example.com' })).toEqual(NO_LISTENER);
  });

  test('TCP 5432 → postgres:5432; UDP 53 → dns:53; nothing else', () => {
    expect(router.route({ protocol: 'TCP', port: 5432 })).toMatchObject({
      status: 200, route: 'TCPRoute platform/postgres', listener: { name: 'postgres', protocol: 'TCP' }, backends: [service('platform', 'postgres', 5432)],
    });
    expect(router.route({ protocol: 'UDP', port: 53 })).toMatchObject({
      status: 200, route: 'UDPRoute platform/dns', listener: { name: 'dns', protocol: 'UDP' }, backends: [service('platform', 'dns', 53)],
    });
    expect(router.route({ protocol: 'TCP', port: 53 }).status).toBe(404);
    expect(router.route({ protocol: 'UDP', port: 5432 }).status).toBe(404);
    expect(router.route({ protocol: 'TCP', port: 443 }).status).toBe(404);
  });
});

describe('backend-tls-mtls', () => {
  const router = example('backend-tls-mtls');

  test('https://secure.example.com/ → payments:8443 over TLS, with client certificates on both sides', () => {
    expect(router.get('https://secure.example.com/')).toEqual({
      status: 200,
      route: 'HTTPRoute secure/payments',
      rule: 0,
      listener: {
        gateway: 'secure/secure',
        parent: 'Gateway secure/secure',
        name: 'https',
        port: 443,
        protocol: 'HTTPS',
        hostname: 'secure.example.com',
        tlsMode: 'Terminate',
        certificates: ['Secret certs/secure-tls'],
        clientValidation: { caCertificateRefs: ['ConfigMap secure/client-ca'], mode: 'AllowValidOnly' },
      },
      backends: [{
        ...service('secure', 'payments', 8443),
        tls: {
          policy: 'secure/payments-tls',
          hostname: 'payments.internal.example.com',
          caCertificateRefs: ['ConfigMap secure/payments-ca'],
          clientCertificate: 'Secret secure/gateway-client-cert',
        },
      }],
      request: { host: 'secure.example.com', path: '/', headers: {} },
      filters: [],
      mirrors: [],
      errors: [],
    });
  });

  test('the listener certificate certs/secure-tls is covered by a ReferenceGrant, and only that Secret', () => {
    const fromGateway = { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'secure' };
    expect(router.referenceAllowed(fromGateway, { group: '', kind: 'Secret', namespace: 'certs', name: 'secure-tls' })).toBe(true);
    expect(router.referenceAllowed(fromGateway, { group: '', kind: 'Secret', namespace: 'certs', name: 'other-tls' })).toBe(false);
    expect(router.referenceAllowed({ ...fromGateway, namespace: 'other' }, { group: '', kind: 'Secret', namespace: 'certs', name: 'secure-tls' })).toBe(false);
    const withoutGrant = new GatewayRouter(router.objects.filter(o => o.kind !== 'ReferenceGrant'));
    expect(withoutGrant.get('https://secure.example.com/').errors)
      .toEqual(['Gateway secure/secure listener https: Secret certs/secure-tls is not covered by a ReferenceGrant']);
  });

  test('other hosts and plain HTTP reach no listener', () => {
    expect(router.get('https://other.example.com/')).toEqual(NO_LISTENER);
    expect(router.get('http://secure.example.com/')).toEqual(NO_LISTENER);
  });
});
