// The output of each example (examples/<name>/main.ts, synthesized now; test/examples-valid.test.ts
// checks that the committed examples/<name>/dist/<name>.k8s.yaml is the same) routes requests as the
// example says, under the Gateway API rules of the routing model (src/simulate, RoutingModel).
import { RoutingModel, SimOutcome, SimRequest } from '../src/simulate';
import { noListener } from './simulate/fixtures';
import { freshYaml } from './support/examples';

function example(name: string): RoutingModel {
  return RoutingModel.fromYaml(freshYaml(name));
}

function get(m: RoutingModel, url: string, headers: Record<string, string> = {}, more: Partial<SimRequest> = {}): SimOutcome {
  return m.route({ url, headers: Object.entries(headers).map(([name, value]) => ({ name, value })), ...more });
}

/** A gRPC call: POST with `content-type: application/grpc` to `/service/method`. */
function grpc(m: RoutingModel, base: string, service: string, method: string): SimOutcome {
  return get(m, `${base}/${service}/${method}`, { 'content-type': 'application/grpc' }, { method: 'POST' });
}

const service = (namespace: string, name: string, port: number, weight = 1) => ({ kind: 'Service', namespace, name, port: String(port), weight });
const stepsOf = (r: SimOutcome, stage: string) => r.steps.filter(s => s.stage === stage);
const ruleOf = (r: SimOutcome) => stepsOf(r, 'rule')[0]?.name;
const listenerOf = (r: SimOutcome) => stepsOf(r, 'listener')[0]?.name;

describe('basic-http', () => {
  const m = example('basic-http');
  const LISTENER = { stage: 'listener', name: 'Gateway infra/edge listener http', detail: 'HTTP port 80, hostname (any); only listener matching www.example.com' };

  test('GatewayClass eg and Gateway infra/edge with an HTTP listener on 80 open to all namespaces', () => {
    expect(m.objects.find(o => o.kind === 'GatewayClass')).toMatchObject({
      metadata: { name: 'eg' }, spec: { controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' },
    });
    const gateway = m.objects.find(o => o.kind === 'Gateway')!;
    expect(gateway).toMatchObject({ metadata: { name: 'edge', namespace: 'infra' }, spec: { gatewayClassName: 'eg' } });
    expect(gateway.spec.listeners).toEqual([
      { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } },
    ]);
    expect(m.listenersOf('infra', 'edge')).toEqual([{ parent: 'Gateway infra/edge', name: 'http', port: 80, protocol: 'HTTP' }]);
  });

  test('GET http://www.example.com/api/users → api:8080 with x-env: prod', () => {
    expect(get(m, 'http://www.example.com/api/users')).toEqual({
      status: 200,
      backends: [service('web', 'api', 8080)],
      upstreamPath: '/api/users',
      upstreamHost: 'www.example.com',
      requestHeaders: [{ name: 'x-env', value: 'prod' }],
      responseHeaders: [],
      mirrors: [],
      source: 'HTTPRoute web/web',
      annotations: [],
      steps: [
        LISTENER,
        { stage: 'route', name: 'HTTPRoute web/web', detail: 'hostnames www.example.com; 1 attached HTTPRoute' },
        { stage: 'rule', name: 'HTTPRoute web/web rule 1', detail: 'matches PathPrefix /api; longest PathPrefix among 2 matching rules' },
        { stage: 'filter', name: 'RequestHeaderModifier', detail: 'set x-env: prod' },
        { stage: 'backend', name: 'Service web/api:8080', detail: 'weight 1 of 1 (100%)' },
      ],
      notModeled: [],
    });
  });

  test('the header is set, replacing a client value', () => {
    expect(get(m, 'http://www.example.com/api', { 'X-Env': 'dev', 'accept': '*/*' }).requestHeaders).toEqual([{ name: 'x-env', value: 'prod' }]);
  });

  test.each(['/', '/index.html', '/apix', '/ap', '/x/api'])('GET http://www.example.com%s → web:80, headers untouched', p => {
    const res = get(m, `http://www.example.com${p}`, { 'x-env': 'dev' });
    expect([res.status, res.source, ruleOf(res), stepsOf(res, 'filter'), res.notModeled]).toEqual([200, 'HTTPRoute web/web', 'HTTPRoute web/web rule 0', [], []]);
    expect(res.backends).toEqual([service('web', 'web', 80)]);
    expect(res.requestHeaders).toEqual([]);
  });

  test.each(['/api', '/api/', '/api/v1/users?id=3'])('GET http://www.example.com%s → api:8080', p => {
    expect(get(m, `http://www.example.com${p}`).backends).toEqual([service('web', 'api', 8080)]);
  });

  test('unknown host or port → 404', () => {
    const unknown = get(m, 'http://unknown.example.com/api');
    expect([unknown.status, unknown.backends, listenerOf(unknown)]).toEqual([404, [], 'Gateway infra/edge listener http']);
    expect(get(m, 'http://example.com/')).toMatchObject({ status: 404, backends: [] });
    expect(get(m, 'http://www.example.com:8080/')).toEqual(noListener('no HTTP listener on port 8080'));
    expect(get(m, 'https://www.example.com/')).toEqual(noListener('no HTTPS/TLS listener on port 443'));
  });
});

describe('https-listenersets', () => {
  const m = example('https-listenersets');

  test('Gateway infra/shared: HTTP on 80, admits ListenerSets from all namespaces', () => {
    const gateway = m.objects.find(o => o.kind === 'Gateway')!;
    expect(gateway.metadata).toEqual({ name: 'shared', namespace: 'infra' });
    expect(gateway.spec.allowedListeners).toEqual({ namespaces: { from: 'All' } });
    expect(m.listenersOf('infra', 'shared')).toEqual([
      { parent: 'Gateway infra/shared', name: 'http', port: 80, protocol: 'HTTP' },
      { parent: 'ListenerSet team-a/team-a', name: 'https', port: 443, protocol: 'HTTPS', hostname: 'a.example.com' },
      { parent: 'ListenerSet team-b/team-b', name: 'https', port: 443, protocol: 'HTTPS', hostname: 'b.example.com' },
    ]);
  });

  test.each([['a', 'app-a'], ['b', 'app-b']])('https://%s.example.com/ → %s:80 through the team ListenerSet listener', (team, app) => {
    expect(get(m, `https://${team}.example.com/`)).toEqual({
      status: 200,
      backends: [service(`team-${team}`, app, 80)],
      upstreamPath: '/',
      upstreamHost: `${team}.example.com`,
      requestHeaders: [],
      responseHeaders: [],
      mirrors: [],
      source: `HTTPRoute team-${team}/${app}`,
      annotations: [],
      steps: [
        {
          stage: 'listener',
          name: `ListenerSet team-${team}/team-${team} listener https`,
          detail: `HTTPS port 443, hostname ${team}.example.com; TLS Terminate with Secret team-${team}/${team}-tls; only listener matching ${team}.example.com`,
        },
        { stage: 'route', name: `HTTPRoute team-${team}/${app}`, detail: `hostnames ${team}.example.com; 1 attached HTTPRoute` },
        { stage: 'rule', name: `HTTPRoute team-${team}/${app} rule 0`, detail: 'matches PathPrefix /; the only matching rule' },
        { stage: 'backend', name: `Service team-${team}/${app}:80`, detail: 'weight 1 of 1 (100%)' },
      ],
      notModeled: [],
    });
    expect(get(m, `https://${team}.example.com/deep/path?x=1`).backends).toEqual([service(`team-${team}`, app, 80)]);
  });

  test('http://a.example.com/x?q=1 → 308 https://a.example.com/x?q=1', () => {
    expect(get(m, 'http://a.example.com/x?q=1')).toEqual({
      status: 308,
      location: 'https://a.example.com/x?q=1',
      backends: [],
      requestHeaders: [],
      responseHeaders: [],
      mirrors: [],
      source: 'HTTPRoute infra/https-redirect',
      annotations: [],
      steps: [
        { stage: 'listener', name: 'Gateway infra/shared listener http', detail: 'HTTP port 80, hostname (any); only listener matching a.example.com' },
        { stage: 'route', name: 'HTTPRoute infra/https-redirect', detail: 'hostnames a.example.com, b.example.com; 1 attached HTTPRoute' },
        { stage: 'rule', name: 'HTTPRoute infra/https-redirect rule 0', detail: 'matches PathPrefix /; the only matching rule' },
        { stage: 'filter', name: 'RequestRedirect', detail: '308 to https://a.example.com/x?q=1' },
      ],
      notModeled: [],
    });
  });

  test.each([
    ['http://a.example.com/', 'https://a.example.com/'],
    ['http://b.example.com/any/path', 'https://b.example.com/any/path'],
    ['http://B.example.com:80/p?x=1&y=2', 'https://b.example.com/p?x=1&y=2'],
  ])('plain HTTP to an HTTPS-only host gets the redirect, not the app: %s → %s', (url, location) => {
    const res = get(m, url);
    expect([res.status, res.location, res.backends, res.upstreamPath]).toEqual([308, location, [], undefined]);
  });

  test('unknown hosts: 404 on HTTP (no route), no listener on HTTPS; a team certificate is not served for the other host', () => {
    const c = get(m, 'http://c.example.com/');
    expect([c.status, c.backends, listenerOf(c)]).toEqual([404, [], 'Gateway infra/shared listener http']);
    expect(get(m, 'https://c.example.com/')).toEqual(noListener('none of 2 HTTPS/TLS listeners on port 443 matches SNI c.example.com'));
    expect(get(m, 'https://b.example.com/', {}, { sni: 'a.example.com' })).toMatchObject({ status: 421, backends: [] });
  });
});

describe('traffic-split', () => {
  const m = example('traffic-split');
  const LISTENER = { stage: 'listener', name: 'Gateway shop/shop listener http', detail: 'HTTP port 80, hostname shop.example.com; only listener matching shop.example.com' };
  const ROUTE = { stage: 'route', name: 'HTTPRoute shop/shop', detail: 'hostnames shop.example.com; 1 attached HTTPRoute' };

  test('http://shop.example.com/ → shop-v1 0.9, shop-v2 0.1', () => {
    expect(get(m, 'http://shop.example.com/')).toEqual({
      status: 200,
      backends: [service('shop', 'shop-v1', 80, 0.9), service('shop', 'shop-v2', 80, 0.1)],
      upstreamPath: '/',
      upstreamHost: 'shop.example.com',
      requestHeaders: [],
      responseHeaders: [],
      mirrors: [],
      source: 'HTTPRoute shop/shop',
      annotations: [],
      steps: [
        LISTENER, ROUTE,
        { stage: 'rule', name: 'HTTPRoute shop/shop rule 0 (split)', detail: 'matches PathPrefix /; the only matching rule' },
        { stage: 'backend', name: 'Service shop/shop-v1:80', detail: 'weight 90 of 100 (90%)' },
        { stage: 'backend', name: 'Service shop/shop-v2:80', detail: 'weight 10 of 100 (10%)' },
      ],
      notModeled: [],
    });
    expect(ruleOf(get(m, 'http://shop.example.com/searching'))).toBe('HTTPRoute shop/shop rule 0 (split)');
    expect(ruleOf(get(m, 'http://shop.example.com/old'))).toBe('HTTPRoute shop/shop rule 2 (old-to-new)');
  });

  test('/search?q=x → search:80, 5% mirrored to search-shadow:80, request timeout 10s', () => {
    expect(get(m, 'http://shop.example.com/search?q=x')).toEqual({
      status: 200,
      backends: [service('shop', 'search', 80)],
      upstreamPath: '/search?q=x',
      upstreamHost: 'shop.example.com',
      requestHeaders: [],
      responseHeaders: [],
      mirrors: [service('shop', 'search-shadow', 80, 0.05)],
      source: 'HTTPRoute shop/shop',
      annotations: [],
      steps: [
        LISTENER, ROUTE,
        { stage: 'rule', name: 'HTTPRoute shop/shop rule 1 (search)', detail: 'matches PathPrefix /search; longest PathPrefix among 2 matching rules' },
        { stage: 'filter', name: 'RequestMirror', detail: '5% copied to Service shop/search-shadow:80' },
        { stage: 'backend', name: 'Service shop/search:80', detail: 'weight 1 of 1 (100%)' },
      ],
      notModeled: ['HTTPRoute shop/shop rule 1: timeouts request 10s (informational; the model does not time requests)'],
    });
    expect(ruleOf(get(m, 'http://shop.example.com/search/advanced'))).toBe('HTTPRoute shop/shop rule 1 (search)');
  });

  test('/old/page → shop-v1:80 with path /new/page', () => {
    const r = get(m, 'http://shop.example.com/old/page');
    expect([r.status, ruleOf(r), r.backends, r.upstreamHost, r.upstreamPath, stepsOf(r, 'filter')]).toEqual([
      200, 'HTTPRoute shop/shop rule 2 (old-to-new)', [service('shop', 'shop-v1', 80)], 'shop.example.com', '/new/page',
      [{ stage: 'filter', name: 'URLRewrite', detail: 'shop.example.com/old/page → shop.example.com/new/page' }],
    ]);
    expect(get(m, 'http://shop.example.com/old/a/b?c=d').upstreamPath).toBe('/new/a/b?c=d');
    expect(ruleOf(get(m, 'http://shop.example.com/older/page'))).toBe('HTTPRoute shop/shop rule 0 (split)');
  });

  test('other hosts reach no listener (404)', () => {
    expect(get(m, 'http://www.example.com/')).toEqual(noListener('none of 1 HTTP listeners on port 80 matches www.example.com'));
  });
});

describe('l4-and-grpc', () => {
  const m = example('l4-and-grpc');

  test('gRPC orders.v1.Orders/Create on grpc.example.com:443 → orders:50051', () => {
    const res = grpc(m, 'https://grpc.example.com', 'orders.v1.Orders', 'Create');
    expect(res).toMatchObject({
      status: 200,
      source: 'GRPCRoute platform/orders',
      backends: [service('platform', 'orders', 50051)],
      notModeled: [],
      upstreamHost: 'grpc.example.com',
      upstreamPath: '/orders.v1.Orders/Create',
    });
    expect(res.steps.slice(0, 3)).toEqual([
      {
        stage: 'listener',
        name: 'Gateway platform/platform listener grpc',
        detail: 'HTTPS port 443, hostname grpc.example.com; TLS Terminate with Secret platform/grpc-tls; only listener matching grpc.example.com',
      },
      { stage: 'route', name: 'GRPCRoute platform/orders', detail: 'hostnames grpc.example.com; 1 attached GRPCRoute' },
      { stage: 'rule', name: 'GRPCRoute platform/orders rule 0', detail: 'matches orders.v1.Orders/*; the only matching rule' },
    ]);
    expect(grpc(m, 'https://grpc.example.com', 'orders.v1.Orders', 'List').backends).toEqual([service('platform', 'orders', 50051)]);
  });

  test('other gRPC services and hosts are not routed', () => {
    expect(grpc(m, 'https://grpc.example.com', 'orders.v2.Orders', 'Create').status).toBe(404);
    expect(grpc(m, 'https://grpc.example.com', 'orders.v1.OrdersAdmin', 'Create').status).toBe(404);
    expect(grpc(m, 'https://other.example.com', 'orders.v1.Orders', 'Create'))
      .toEqual(noListener('none of 2 HTTPS/TLS listeners on port 443 matches SNI other.example.com'));
    const plain = get(m, 'https://grpc.example.com/orders.v1.Orders/Create');
    expect([plain.status, listenerOf(plain)]).toEqual([404, 'Gateway platform/platform listener grpc']);
  });

  test('TLS with SNI vault.example.com on 443 → vault:8200, passed through', () => {
    expect(m.route({ url: 'tls://vault.example.com:443' })).toEqual({
      status: 200,
      backends: [service('platform', 'vault', 8200)],
      requestHeaders: [],
      responseHeaders: [],
      mirrors: [],
      source: 'TLSRoute platform/vault',
      annotations: [],
      steps: [
        {
          stage: 'listener',
          name: 'Gateway platform/platform listener vault',
          detail: 'TLS port 443, hostname vault.example.com; TLS Passthrough; only listener matching vault.example.com',
        },
        { stage: 'route', name: 'TLSRoute platform/vault', detail: 'hostnames vault.example.com; the only attached route' },
        { stage: 'rule', name: 'TLSRoute platform/vault rule 0', detail: 'the first rule' },
        { stage: 'backend', name: 'Service platform/vault:8200', detail: 'weight 1 of 1 (100%)' },
      ],
      notModeled: [],
    });
    expect(m.route({ url: 'tls://other.example.com' })).toEqual(noListener('none of 2 HTTPS/TLS listeners on port 443 matches SNI other.example.com'));
  });

  test('TCP 5432 → postgres:5432; UDP 53 → dns:53; nothing else', () => {
    const tcp = m.route({ url: 'tcp://db:5432' });
    expect([tcp.status, tcp.source, listenerOf(tcp), tcp.backends]).toEqual([200, 'TCPRoute platform/postgres', 'Gateway platform/platform listener postgres', [service('platform', 'postgres', 5432)]]);
    const udp = m.route({ url: 'udp://dns:53' });
    expect([udp.status, udp.source, listenerOf(udp), udp.backends]).toEqual([200, 'UDPRoute platform/dns', 'Gateway platform/platform listener dns', [service('platform', 'dns', 53)]]);
    expect(m.route({ url: 'tcp://x:53' }).status).toBe(404);
    expect(m.route({ url: 'udp://x:5432' }).status).toBe(404);
    expect(m.route({ url: 'tcp://x:443' }).status).toBe(404);
  });
});

describe('backend-tls-mtls', () => {
  const m = example('backend-tls-mtls');

  test('https://secure.example.com/ → payments:8443 over TLS, with client certificates on both sides', () => {
    expect(get(m, 'https://secure.example.com/')).toEqual({
      status: 200,
      backends: [service('secure', 'payments', 8443)],
      upstreamPath: '/',
      upstreamHost: 'secure.example.com',
      requestHeaders: [],
      responseHeaders: [],
      mirrors: [],
      source: 'HTTPRoute secure/payments',
      annotations: [],
      steps: [
        {
          stage: 'listener',
          name: 'Gateway secure/secure listener https',
          detail: 'HTTPS port 443, hostname secure.example.com; TLS Terminate with Secret certs/secure-tls; '
            + 'client certificates checked against ConfigMap secure/client-ca (AllowValidOnly); only listener matching secure.example.com',
        },
        { stage: 'route', name: 'HTTPRoute secure/payments', detail: 'hostnames secure.example.com; 1 attached HTTPRoute' },
        { stage: 'rule', name: 'HTTPRoute secure/payments rule 0', detail: 'matches PathPrefix /; the only matching rule' },
        {
          stage: 'backend',
          name: 'Service secure/payments:8443',
          detail: 'weight 1 of 1 (100%); TLS to payments.internal.example.com (BackendTLSPolicy secure/payments-tls, '
            + 'trusting ConfigMap secure/payments-ca, client certificate Secret secure/gateway-client-cert)',
        },
      ],
      notModeled: [],
    });
  });

  test('the listener certificate certs/secure-tls is covered by a ReferenceGrant, and only that Secret', () => {
    const fromGateway = { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'secure' };
    expect(m.referenceAllowed(fromGateway, { group: '', kind: 'Secret', namespace: 'certs', name: 'secure-tls' })).toBe(true);
    expect(m.referenceAllowed(fromGateway, { group: '', kind: 'Secret', namespace: 'certs', name: 'other-tls' })).toBe(false);
    expect(m.referenceAllowed({ ...fromGateway, namespace: 'other' }, { group: '', kind: 'Secret', namespace: 'certs', name: 'secure-tls' })).toBe(false);
    const withoutGrant = RoutingModel.fromObjects(m.objects.filter(o => o.kind !== 'ReferenceGrant'));
    expect(get(withoutGrant, 'https://secure.example.com/').notModeled).toEqual([
      'Gateway secure/secure listener https: Secret certs/secure-tls is not covered by a ReferenceGrant (ResolvedRefs False, RefNotPermitted); '
      + 'whether traffic still flows is implementation-specific',
    ]);
  });

  test('other hosts and plain HTTP reach no listener', () => {
    expect(get(m, 'https://other.example.com/')).toEqual(noListener('none of 1 HTTPS/TLS listeners on port 443 matches SNI other.example.com'));
    expect(get(m, 'http://secure.example.com/')).toEqual(noListener('no HTTP listener on port 80'));
  });
});
