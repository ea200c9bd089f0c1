import { get, gateway, http, httpRoute, listener, model, noListener, obj, svc, target } from './fixtures';
import { hostnameMatches, intersectHostnames } from '../../src/simulate/hostnames';

describe('hostnames', () => {
  test('wildcards match one or more labels, never the bare suffix', () => {
    expect(hostnameMatches('*.example.com', 'a.example.com')).toBe(true);
    expect(hostnameMatches('*.example.com', 'a.b.example.com')).toBe(true);
    expect(hostnameMatches('*.example.com', 'example.com')).toBe(false);
    expect(hostnameMatches('*.example.com', 'aexample.com')).toBe(false);
    expect(hostnameMatches('a.example.com', 'a.example.com')).toBe(true);
    expect(hostnameMatches('a.example.com', 'b.example.com')).toBe(false);
    expect(hostnameMatches(undefined, 'anything.org')).toBe(true);
  });

  test('listener and route hostnames intersect (route hostnames outside the listener are ignored)', () => {
    expect(intersectHostnames('*.example.com', ['test.example.com', 'test.example.net'])).toEqual(['test.example.com']);
    expect(intersectHostnames('test.example.com', ['*.example.com'])).toEqual(['test.example.com']);
    expect(intersectHostnames('*.example.com', ['*.foo.example.com'])).toEqual(['*.foo.example.com']);
    expect(intersectHostnames('*.foo.example.com', ['*.example.com'])).toEqual(['*.foo.example.com']);
    expect(intersectHostnames('*.example.com', ['example.com', 'test.example.net'])).toBeUndefined();
    expect(intersectHostnames(undefined, ['a.example.com'])).toEqual(['a.example.com']);
    expect(intersectHostnames('a.example.com', [])).toEqual(['a.example.com']);
    expect(intersectHostnames(undefined, [])).toEqual([]);
  });

  test('listener precedence: exact, then the most specific wildcard, then empty', () => {
    const names = ['any', 'wild', 'wildfoo', 'exact'];
    const hostnames = [undefined, '*.example.com', '*.foo.example.com', 'a.foo.example.com'];
    const m = model([
      gateway('infra', 'gw', names.map((name, i) => ({ ...http({ name, hostname: hostnames[i] }), allowedRoutes: { namespaces: { from: 'All' } } }))),
      ...names.map(name => httpRoute('apps', name, [{ backendRefs: [svc(name)] }], { parentRefs: [{ name: 'gw', namespace: 'infra', sectionName: name }] })),
    ]);
    const listenerFor = (host: string) => listener(get(m, `http://${host}/`));
    expect(listenerFor('a.foo.example.com')).toBe('Gateway infra/gw listener exact');
    expect(listenerFor('b.foo.example.com')).toBe('Gateway infra/gw listener wildfoo');
    expect(listenerFor('x.y.foo.example.com')).toBe('Gateway infra/gw listener wildfoo');
    expect(listenerFor('b.example.com')).toBe('Gateway infra/gw listener wild');
    expect(listenerFor('example.com')).toBe('Gateway infra/gw listener any');
    expect(listenerFor('other.org')).toBe('Gateway infra/gw listener any');
    expect(target(get(m, 'http://A.Foo.Example.com:80/'))).toBe('exact');
    expect(get(m, 'http://b.foo.example.com/').steps[0]).toEqual({
      stage: 'listener',
      name: 'Gateway infra/gw listener wildfoo',
      detail: 'HTTP port 80, hostname *.foo.example.com; most specific wildcard among 3 listeners matching b.foo.example.com',
    });
  });

  test('a request matching no listener hostname gets 404 and no listener', () => {
    const m = model([gateway('infra', 'gw', [http({ hostname: '*.example.com' })]), httpRoute('infra', 'r', [{ backendRefs: [svc('s')] }])]);
    const ok = get(m, 'http://a.example.com/');
    expect([ok.status, listener(ok), ok.steps[0].detail]).toEqual([200, 'Gateway infra/gw listener http',
      'HTTP port 80, hostname *.example.com; only listener matching a.example.com']);
    expect(get(m, 'http://example.net/')).toEqual(noListener('none of 1 HTTP listeners on port 80 matches example.net'));
    expect(get(m, 'http://a.example.com:8080/')).toEqual(noListener('no HTTP listener on port 8080'));
  });

  test('a Host header overrides the URL host for routing', () => {
    const m = model([gateway('infra', 'gw', [http({ hostname: 'a.example.com' })]), httpRoute('infra', 'r', [{ backendRefs: [svc('s')] }])]);
    expect(get(m, 'http://10.0.0.1/', { headers: { Host: 'A.example.com:80' } })).toMatchObject({ status: 200, upstreamHost: 'a.example.com' });
  });

  test('routes with a matching non-wildcard hostname win over more specific paths of wildcard routes', () => {
    const m = model([
      gateway('infra', 'gw', [http()]),
      httpRoute('infra', 'wild', [{ matches: [{ path: { type: 'PathPrefix', value: '/x' } }], backendRefs: [svc('wild')] }], { hostnames: ['*.example.com'] }),
      httpRoute('infra', 'exact', [{ backendRefs: [svc('exact')] }], { hostnames: ['foo.example.com'] }),
    ]);
    expect(target(get(m, 'http://foo.example.com/x'))).toBe('exact');
    expect(target(get(m, 'http://bar.example.com/x'))).toBe('wild');
    expect(target(get(m, 'http://bar.example.com/y'))).toBe(404);
  });
});

describe('route attachment', () => {
  const base = (l: object, ...more: any[]) => model([gateway('infra', 'gw', [http(l)]), ...more]);
  const appRoute = (spec: object = {}) => httpRoute('apps', 'r', [{ backendRefs: [svc('s')] }], spec);
  const status = (m: ReturnType<typeof model>) => get(m, 'http://h/').status;

  test('allowedRoutes namespaces: Same (default), All, Selector (labels must be known)', () => {
    expect(status(base({}, appRoute()))).toBe(404);
    expect(status(base({ allowedRoutes: { namespaces: { from: 'Same' } } }, httpRoute('infra', 'r', [{ backendRefs: [svc('s')] }])))).toBe(200);
    expect(status(base({ allowedRoutes: { namespaces: { from: 'All' } } }, appRoute()))).toBe(200);
    const selector = { allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'x' } } } } };
    expect(status(base(selector, appRoute()))).toBe(404);
    expect(status(base(selector, appRoute(), obj('Namespace', '', 'apps', undefined, { labels: { team: 'x' } })))).toBe(200);
    expect(status(base(selector, appRoute(), obj('Namespace', '', 'apps', undefined, { labels: { team: 'y' } })))).toBe(404);
    const expr = { allowedRoutes: { namespaces: { from: 'Selector', selector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['a', 'b'] }] } } } };
    const withLabels = (value: string) => model([gateway('infra', 'gw', [http(expr)]), appRoute()], { namespaces: [{ name: 'apps', labels: [{ key: 'env', value }] }] });
    expect(status(withLabels('b'))).toBe(200);
    expect(status(withLabels('c'))).toBe(404);
  });

  test('option labels take precedence over Namespace objects', () => {
    const selector = { allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'x' } } } } };
    const objects = [gateway('infra', 'gw', [http(selector)]), appRoute(), obj('Namespace', '', 'apps', undefined, { labels: { team: 'x' } })];
    expect(status(model(objects, { namespaces: [{ name: 'apps', labels: [{ key: 'team', value: 'y' }] }] }))).toBe(404);
  });

  test('allowedRoutes kinds restrict route kinds', () => {
    const route = httpRoute('infra', 'r', [{ backendRefs: [svc('s')] }]);
    expect(status(base({ allowedRoutes: { kinds: [{ kind: 'GRPCRoute' }] } }, route))).toBe(404);
    expect(status(base({ allowedRoutes: { kinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }] } }, route))).toBe(200);
  });

  test('parentRefs: namespace defaults to the route\'s, sectionName and port must match', () => {
    const all = { allowedRoutes: { namespaces: { from: 'All' } } };
    const ref = (parentRef: object) => appRoute({ parentRefs: [{ name: 'gw', ...parentRef }] });
    expect(status(base(all, ref({})))).toBe(404);
    expect(status(base(all, ref({ namespace: 'infra' })))).toBe(200);
    expect(status(base(all, ref({ namespace: 'infra', sectionName: 'https' })))).toBe(404);
    expect(status(base(all, ref({ namespace: 'infra', sectionName: 'http', port: 80 })))).toBe(200);
    expect(status(base(all, ref({ namespace: 'infra', port: 8080 })))).toBe(404);
    expect(status(base(all, ref({ namespace: 'infra', kind: 'ListenerSet' })))).toBe(404);
  });

  test('a route whose hostnames do not intersect the listener hostname is not attached', () => {
    const r = get(base({ hostname: 'a.example.com' }, httpRoute('infra', 'r', [{ backendRefs: [svc('s')] }], { hostnames: ['b.example.com'] })), 'http://a.example.com/');
    expect([r.status, listener(r), r.steps[1]]).toEqual([404, 'Gateway infra/gw listener http',
      { stage: 'route', name: 'none', detail: 'no HTTPRoute attached to this listener: 404' }]);
    expect(target(get(base({ hostname: 'a.example.com' }, httpRoute('infra', 'r', [{ backendRefs: [svc('s')] }], { hostnames: ['*.example.com'] })),
      'http://a.example.com/'))).toBe('s');
  });

  test('the gateway option routes through one Gateway only', () => {
    const objects = [
      gateway('infra', 'gw', [http()]), gateway('infra', 'other', [http()]),
      httpRoute('infra', 'r', [{ backendRefs: [svc('s')] }], { parentRefs: [{ name: 'other' }] }),
    ];
    expect(status(model(objects))).toBe(404);
    expect(status(model(objects, { gateway: 'infra/other' }))).toBe(200);
  });
});

describe('ListenerSets', () => {
  const https = (hostname: string) => ({ name: 'https', port: 443, protocol: 'HTTPS', hostname, tls: { certificateRefs: [{ name: 'tls' }] } });
  const lset = (namespace: string) => obj('ListenerSet', namespace, 'ls', { parentRef: { name: 'gw', namespace: 'infra' }, listeners: [https('a.example.com')] });
  const lsRoute = (namespace: string) => obj('HTTPRoute', namespace, 'r', {
    parentRefs: [{ kind: 'ListenerSet', name: 'ls', sectionName: 'https' }], rules: [{ backendRefs: [svc('app')] }],
  });
  const build = (allowedListeners: object | undefined, ns: string) => model([
    gateway('infra', 'gw', [http({ allowedRoutes: { namespaces: { from: 'All' } } })], allowedListeners ? { allowedListeners } : {}),
    lset(ns), lsRoute(ns),
  ], { namespaces: [{ name: 'team', labels: [{ key: 'shared', value: 'yes' }] }] });

  test.each([
    [undefined, 'team', 404],
    [{ namespaces: {} }, 'team', 404],
    [{ namespaces: { from: 'None' } }, 'infra', 404],
    [{ namespaces: { from: 'Same' } }, 'team', 404],
    [{ namespaces: { from: 'Same' } }, 'infra', 200],
    [{ namespaces: { from: 'All' } }, 'team', 200],
    [{ namespaces: { from: 'Selector', selector: { matchLabels: { shared: 'yes' } } } }, 'team', 200],
    [{ namespaces: { from: 'Selector', selector: { matchLabels: { shared: 'yes' } } } }, 'other', 404],
  ])('allowedListeners %j admits a ListenerSet in %s: %d', (allowed, ns, status) => {
    const res = get(build(allowed, ns), 'https://a.example.com/');
    expect(res.status).toBe(status);
    if (status === 200) {
      expect(res.steps[0]).toEqual({
        stage: 'listener',
        name: `ListenerSet ${ns}/ls listener https`,
        detail: `HTTPS port 443, hostname a.example.com; TLS Terminate with Secret ${ns}/tls; only listener matching a.example.com`,
      });
    }
  });

  test('listenersOf lists the merged listeners', () => {
    expect(build({ namespaces: { from: 'All' } }, 'team').listenersOf('infra', 'gw')).toEqual([
      { parent: 'Gateway infra/gw', name: 'http', port: 80, protocol: 'HTTP' },
      { parent: 'ListenerSet team/ls', name: 'https', port: 443, protocol: 'HTTPS', hostname: 'a.example.com' },
    ]);
    expect(build(undefined, 'team').listenersOf('infra', 'gw')).toHaveLength(1);
    expect(build(undefined, 'team').listenersOf('infra', 'nope')).toEqual([]);
  });

  test('a ListenerSet listener admits routes from its own namespace by default; Gateway parentRefs do not reach it', () => {
    const objects = [
      gateway('infra', 'gw', [http()], { allowedListeners: { namespaces: { from: 'All' } } }),
      lset('team'),
      obj('HTTPRoute', 'other', 'r', { parentRefs: [{ kind: 'ListenerSet', name: 'ls', namespace: 'team' }], rules: [{ backendRefs: [svc('x')] }] }),
      obj('HTTPRoute', 'infra', 'g', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [svc('g')] }] }),
    ];
    const r = get(model(objects), 'https://a.example.com/');
    expect([r.status, listener(r)]).toEqual([404, 'ListenerSet team/ls listener https']);
    expect(target(get(model([...objects, lsRoute('team')]), 'https://a.example.com/'))).toBe('app');
    expect(target(get(model(objects), 'http://a.example.com/'))).toBe('g');
  });

  test('the Gateway\'s own listener comes first in the merged list', () => {
    const r = get(model([
      gateway('infra', 'gw', [https('a.example.com')], { allowedListeners: { namespaces: { from: 'All' } } }),
      lset('team'), lsRoute('team'),
      obj('HTTPRoute', 'infra', 'g', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [svc('g')] }] }),
    ]), 'https://a.example.com/');
    expect([r.status, listener(r), target(r)]).toEqual([200, 'Gateway infra/gw listener https', 'g']);
    expect(r.steps[0].detail).toBe('HTTPS port 443, hostname a.example.com; TLS Terminate with Secret infra/tls; exact hostname among 2 listeners matching a.example.com, first in merged order');
  });
});
