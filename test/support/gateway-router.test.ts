import {
  GatewayRouter, K8sObject, RouteResult, fromUrl, hostnameMatches, intersectHostnames, pathPrefixMatches, replacePrefix,
} from './gateway-router';

const V1 = 'gateway.networking.k8s.io/v1';

function obj(kind: string, namespace: string, name: string, spec: any, metadata: object = {}): K8sObject {
  return { apiVersion: kind === 'Namespace' || kind === 'Service' ? 'v1' : V1, kind, metadata: { name, namespace, ...metadata }, spec };
}

function gateway(namespace: string, name: string, listeners: any[], spec: object = {}): K8sObject {
  return obj('Gateway', namespace, name, { gatewayClassName: 'eg', listeners, ...spec });
}

const http = (extra: object = {}) => ({ name: 'http', port: 80, protocol: 'HTTP', ...extra });
const svc = (name: string, port = 80, extra: object = {}) => ({ name, port, ...extra });
const prefix = (value: string, extra: object = {}) => ({ path: { type: 'PathPrefix', value }, ...extra });

function httpRoute(namespace: string, name: string, rules: any[], spec: object = {}, metadata: object = {}): K8sObject {
  return obj('HTTPRoute', namespace, name, { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules, ...spec }, metadata);
}

/** `name` of the first backend, or the status when nothing was forwarded. */
function target(r: RouteResult): string | number {
  return r.status === 200 ? r.backends[0].name : r.status;
}

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
    const router = new GatewayRouter([
      gateway('infra', 'gw', names.map((name, i) => ({ ...http({ name, hostname: hostnames[i] }), allowedRoutes: { namespaces: { from: 'All' } } }))),
      ...names.map(name => httpRoute('apps', name, [{ backendRefs: [svc(name)] }], { parentRefs: [{ name: 'gw', namespace: 'infra', sectionName: name }] })),
    ]);
    const listenerFor = (host: string) => router.get(`http://${host}/`).listener?.name;
    expect(listenerFor('a.foo.example.com')).toBe('exact');
    expect(listenerFor('b.foo.example.com')).toBe('wildfoo');
    expect(listenerFor('x.y.foo.example.com')).toBe('wildfoo');
    expect(listenerFor('b.example.com')).toBe('wild');
    expect(listenerFor('example.com')).toBe('any');
    expect(listenerFor('other.org')).toBe('any');
    expect(target(router.get('http://A.Foo.Example.com:80/'))).toBe('exact');
  });

  test('a request matching no listener hostname gets 404 and no listener', () => {
    const router = new GatewayRouter([gateway('infra', 'gw', [http({ hostname: '*.example.com' })]), httpRoute('infra', 'r', [{ backendRefs: [svc('s')] }])]);
    expect(router.get('http://a.example.com/')).toMatchObject({ status: 200, listener: { name: 'http', hostname: '*.example.com' } });
    expect(router.get('http://example.net/')).toEqual({ status: 404, backends: [], mirrors: [], filters: [], errors: [] });
  });

  test('routes with a matching non-wildcard hostname win over more specific paths of wildcard routes', () => {
    const router = new GatewayRouter([
      gateway('infra', 'gw', [http()]),
      httpRoute('infra', 'wild', [{ matches: [prefix('/x')], backendRefs: [svc('wild')] }], { hostnames: ['*.example.com'] }),
      httpRoute('infra', 'exact', [{ backendRefs: [svc('exact')] }], { hostnames: ['foo.example.com'] }),
    ]);
    expect(target(router.get('http://foo.example.com/x'))).toBe('exact');
    expect(target(router.get('http://bar.example.com/x'))).toBe('wild');
    expect(target(router.get('http://bar.example.com/y'))).toBe(404);
  });
});

describe('HTTPRoute matching and precedence', () => {
  test('PathPrefix matches whole path elements and ignores a trailing slash of the prefix', () => {
    expect(['/api', '/api/', '/api/x', '/apix', '/ap'].map(p => pathPrefixMatches('/api', p))).toEqual([true, true, true, false, false]);
    expect(['/old', '/old/', '/old/x', '/older'].map(p => pathPrefixMatches('/old/', p))).toEqual([true, true, true, false]);
    expect(['/', '/x', ''].map(p => pathPrefixMatches('/', p))).toEqual([true, true, true]);
  });

  const router = new GatewayRouter([
    gateway('infra', 'gw', [http()]),
    httpRoute('infra', 'r', [
      { matches: [prefix('/')], backendRefs: [svc('root')] },
      { matches: [prefix('/api')], backendRefs: [svc('api')] },
      { matches: [prefix('/api/v1')], backendRefs: [svc('v1')] },
      { matches: [{ path: { type: 'Exact', value: '/api' } }], backendRefs: [svc('exact')] },
      { matches: [prefix('/api', { method: 'POST' })], backendRefs: [svc('post')] },
      { matches: [prefix('/api', { headers: [{ name: 'x-a', value: '1' }] })], backendRefs: [svc('h1')] },
      { matches: [prefix('/api', { headers: [{ name: 'x-a', value: '1' }, { name: 'x-b', value: '2' }] })], backendRefs: [svc('h2')] },
      { matches: [prefix('/api', { queryParams: [{ name: 'q', value: '1' }] })], backendRefs: [svc('q')] },
      { matches: [prefix('/re', { headers: [{ name: 'x-v', type: 'RegularExpression', value: 'v[0-9]+' }] })], backendRefs: [svc('re')] },
    ]),
  ]);
  const go = (path: string, init: object = {}) => target(router.get(`http://h.example.com${path}`, init));

  test.each([
    ['/api', {}, 'exact'],
    ['/api/', {}, 'api'],
    ['/api/users', {}, 'api'],
    ['/api/v1/x', {}, 'v1'],
    ['/api/v1x', {}, 'api'],
    ['/apix', {}, 'root'],
    ['/api/x', { method: 'post' }, 'post'],
    ['/api/x', { method: 'POST', headers: { 'x-a': '1', 'x-b': '2' } }, 'post'],
    ['/api/x', { headers: { 'X-A': '1' } }, 'h1'],
    ['/api/x', { headers: { 'x-a': '1', 'x-b': '2' } }, 'h2'],
    ['/api/x?q=1', {}, 'q'],
    ['/api/x', { query: { q: '1' } }, 'q'],
    ['/api/x?q=1', { headers: { 'x-a': '1' } }, 'h1'],
    ['/api/x?q=2', {}, 'api'],
    ['/api/x', { headers: { 'x-a': 'one' } }, 'api'],
    ['/re', { headers: { 'x-v': 'v12' } }, 're'],
    ['/re', { headers: { 'x-v': 'xv12' } }, 'root'],
  ])('%s %j → %s', (path, init, expected) => {
    expect(go(path, init)).toBe(expected);
  });

  test('the selected rule is reported with its index and the forwarded request', () => {
    expect(router.get('http://h.example.com/api/v1/x?y=1', { headers: { 'X-Up': 'u' } })).toEqual({
      status: 200,
      listener: { gateway: 'infra/gw', parent: 'Gateway infra/gw', name: 'http', port: 80, protocol: 'HTTP', certificates: [] },
      route: 'HTTPRoute infra/r',
      rule: 2,
      backends: [{ kind: 'Service', namespace: 'infra', name: 'v1', port: 80, weight: 1 }],
      request: { host: 'h.example.com', path: '/api/v1/x?y=1', headers: { 'x-up': 'u' } },
      mirrors: [],
      filters: [],
      errors: [],
    });
  });

  test('an absent matches list is PathPrefix /, and an absent rules list one such rule', () => {
    const r = new GatewayRouter([
      gateway('infra', 'gw', [http()]),
      httpRoute('infra', 'all', [{ backendRefs: [svc('all')] }], { hostnames: ['a.example.com'] }),
      obj('HTTPRoute', 'infra', 'bare', { parentRefs: [{ name: 'gw' }], hostnames: ['b.example.com'] }),
    ]);
    expect(target(r.get('http://a.example.com/any/thing?x=1'))).toBe('all');
    expect(r.get('http://b.example.com/x')).toMatchObject({ status: 500, route: 'HTTPRoute infra/bare', rule: 0, backends: [] });
  });

  test('ties go to the oldest route, then {namespace}/{name}, then the first rule', () => {
    const rule = (name: string) => ({ matches: [prefix('/x')], backendRefs: [svc(name)] });
    const objects = (stamps: [string?, string?]) => [
      gateway('infra', 'gw', [http({ allowedRoutes: { namespaces: { from: 'All' } } })]),
      httpRoute('b', 'a', [rule('b/a')], {}, { creationTimestamp: stamps[0] }),
      httpRoute('a', 'z', [rule('a/z'), rule('a/z second')], {}, { creationTimestamp: stamps[1] }),
    ];
    expect(target(new GatewayRouter(objects([])).get('http://h/x'))).toBe('a/z');
    expect(target(new GatewayRouter(objects(['2020-09-08T01:02:03Z', '2020-09-08T01:02:04Z'])).get('http://h/x'))).toBe('b/a');
    expect(new GatewayRouter(objects([])).get('http://h/x').rule).toBe(0);
  });
});

describe('filters', () => {
  test('RequestHeaderModifier sets, adds and removes forwarded headers (names case-insensitive)', () => {
    const r = new GatewayRouter([
      gateway('infra', 'gw', [http()]),
      httpRoute('infra', 'r', [{
        filters: [{
          type: 'RequestHeaderModifier',
          requestHeaderModifier: {
            set: [{ name: 'X-Set', value: 'v' }, { name: 'x-keep', value: '2' }],
            add: [{ name: 'X-Add', value: 'b' }, { name: 'x-new', value: 'n' }],
            remove: ['X-Drop'],
          },
        }],
        backendRefs: [svc('s')],
      }]),
    ]);
    expect(r.get('http://h/', { headers: { 'X-Keep': '1', 'x-drop': '1', 'x-add': 'a' } }).request).toEqual({
      host: 'h', path: '/', headers: { 'x-keep': '2', 'x-add': 'a,b', 'x-set': 'v', 'x-new': 'n' },
    });
  });

  test('RequestRedirect computes Location and status', () => {
    const redirect = (path: string, requestRedirect: object) => ({ matches: [prefix(path)], filters: [{ type: 'RequestRedirect', requestRedirect }] });
    const r = new GatewayRouter([
      gateway('infra', 'gw', [http({ port: 8080 }), { name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'c' }] } }]),
      httpRoute('infra', 'r', [
        redirect('/to-https', { scheme: 'https', statusCode: 308 }),
        redirect('/same', {}),
        redirect('/to-http', { scheme: 'http', statusCode: 301 }),
        redirect('/port', { scheme: 'https', port: 8443 }),
        redirect('/full', { hostname: 'other.example.com', path: { type: 'ReplaceFullPath', replaceFullPath: '/full/path' } }),
        redirect('/old', { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } }),
      ]),
    ]);
    const go = (url: string) => {
      const res = r.get(url);
      return [res.status, res.location];
    };
    expect(go('http://h.example.com:8080/to-https/a?q=1&r=2')).toEqual([308, 'https://h.example.com/to-https/a?q=1&r=2']);
    expect(go('http://h.example.com:8080/same/a')).toEqual([302, 'http://h.example.com:8080/same/a']);
    expect(go('http://h.example.com:8080/to-http')).toEqual([301, 'http://h.example.com/to-http']);
    expect(go('http://h.example.com:8080/port/x')).toEqual([302, 'https://h.example.com:8443/port/x']);
    expect(go('http://h.example.com:8080/full/x?k=v')).toEqual([302, 'http://other.example.com:8080/full/path?k=v']);
    expect(go('http://h.example.com:8080/old/a/b')).toEqual([302, 'http://h.example.com:8080/new/a/b']);
    expect(go('http://h.example.com:8080/older')).toEqual([404, undefined]);
    expect(go('https://h.example.com/same/a')).toEqual([302, 'https://h.example.com/same/a']);
    expect(r.get('http://h.example.com:8080/same')).toMatchObject({ backends: [], filters: ['RequestRedirect'] });
    expect(r.get('http://h.example.com:8080/same').request).toBeUndefined();
  });

  test.each([
    ['/foo/bar', '/foo', '/xyz', '/xyz/bar'],
    ['/foo/bar', '/foo', '/xyz/', '/xyz/bar'],
    ['/foo/bar', '/foo/', '/xyz', '/xyz/bar'],
    ['/foo/bar', '/foo/', '/xyz/', '/xyz/bar'],
    ['/foo', '/foo', '/xyz', '/xyz'],
    ['/foo/', '/foo', '/xyz', '/xyz/'],
    ['/foo/bar', '/foo', '', '/bar'],
    ['/foo/', '/foo', '', '/'],
    ['/foo', '/foo', '', '/'],
    ['/foo/', '/foo', '/', '/'],
    ['/foo', '/foo', '/', '/'],
    ['/x/y', '/', '/z', '/z/x/y'],
  ])('ReplacePrefixMatch: %s with prefix %s replaced by "%s" → %s (spec table)', (path, matched, replacement, expected) => {
    expect(replacePrefix(path, matched, replacement)).toBe(expected);
  });

  test('URLRewrite rewrites hostname and path (keeping the query) for the forwarded request', () => {
    const r = new GatewayRouter([
      gateway('infra', 'gw', [http()]),
      httpRoute('infra', 'r', [
        { matches: [prefix('/old/')], filters: [{ type: 'URLRewrite', urlRewrite: { hostname: 'new.internal', path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new/' } } }], backendRefs: [svc('s')] },
        { matches: [prefix('/full')], filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplaceFullPath', replaceFullPath: '/index.html' } } }], backendRefs: [svc('s')] },
      ]),
    ]);
    expect(r.get('http://h/old/a/b').request).toEqual({ host: 'new.internal', path: '/new/a/b', headers: {} });
    expect(r.get('http://h/old').request?.path).toBe('/new');
    expect(r.get('http://h/full/x?y=1').request).toEqual({ host: 'h', path: '/index.html?y=1', headers: {} });
  });

  test('weights are proportions; mirrors carry their fraction; timeouts are reported', () => {
    const mirror = (requestMirror: object) => ({ type: 'RequestMirror', requestMirror: { backendRef: svc('shadow'), ...requestMirror } });
    const r = new GatewayRouter([
      gateway('infra', 'gw', [http()]),
      httpRoute('infra', 'r', [
        { matches: [prefix('/w')], backendRefs: [svc('a', 80, { weight: 3 }), svc('b', 80, { weight: 1 }), svc('c', 80, { weight: 0 })] },
        { matches: [prefix('/zero')], backendRefs: [svc('a', 80, { weight: 0 })] },
        {
          matches: [prefix('/m')],
          filters: [
            mirror({ percent: 5 }), mirror({ fraction: { numerator: 1, denominator: 4 } }), mirror({ fraction: { numerator: 3 } }), mirror({}),
          ],
          backendRefs: [svc('a')],
          timeouts: { request: '10s', backendRequest: '2s' },
        },
      ]),
    ]);
    expect(r.get('http://h/w').backends.map(b => [b.name, b.weight])).toEqual([['a', 0.75], ['b', 0.25], ['c', 0]]);
    expect(r.get('http://h/zero').status).toBe(500);
    const m = r.get('http://h/m');
    expect(m.mirrors.map(x => x.fraction)).toEqual([0.05, 0.25, 0.03, 1]);
    expect(m.mirrors[0].backend).toEqual({ kind: 'Service', namespace: 'infra', name: 'shadow', port: 80, weight: 1 });
    expect(m.filters).toEqual(['RequestMirror', 'RequestMirror', 'RequestMirror', 'RequestMirror']);
    expect(m.timeouts).toEqual({ request: '10s', backendRequest: '2s' });
  });
});

describe('route attachment', () => {
  const base = (listener: object, ...more: K8sObject[]) => new GatewayRouter([gateway('infra', 'gw', [http(listener)]), ...more]);
  const appRoute = (spec: object = {}) => httpRoute('apps', 'r', [{ backendRefs: [svc('s')] }], spec);

  test('allowedRoutes namespaces: Same (default), All, Selector (labels must be known)', () => {
    expect(base({}, appRoute()).get('http://h/').status).toBe(404);
    expect(base({ allowedRoutes: { namespaces: { from: 'Same' } } }, httpRoute('infra', 'r', [{ backendRefs: [svc('s')] }])).get('http://h/').status).toBe(200);
    expect(base({ allowedRoutes: { namespaces: { from: 'All' } } }, appRoute()).get('http://h/').status).toBe(200);
    const selector = { allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'x' } } } } };
    expect(base(selector, appRoute()).get('http://h/').status).toBe(404);
    expect(base(selector, appRoute(), obj('Namespace', '', 'apps', undefined, { labels: { team: 'x' } })).get('http://h/').status).toBe(200);
    expect(base(selector, appRoute(), obj('Namespace', '', 'apps', undefined, { labels: { team: 'y' } })).get('http://h/').status).toBe(404);
    const expr = { allowedRoutes: { namespaces: { from: 'Selector', selector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['a', 'b'] }] } } } };
    const withLabels = (labels: Record<string, string>) => new GatewayRouter([gateway('infra', 'gw', [http(expr)]), appRoute()], { namespaceLabels: { apps: labels } });
    expect(withLabels({ env: 'b' }).get('http://h/').status).toBe(200);
    expect(withLabels({ env: 'c' }).get('http://h/').status).toBe(404);
  });

  test('allowedRoutes kinds restrict route kinds', () => {
    const route = httpRoute('infra', 'r', [{ backendRefs: [svc('s')] }]);
    expect(base({ allowedRoutes: { kinds: [{ kind: 'GRPCRoute' }] } }, route).get('http://h/').status).toBe(404);
    expect(base({ allowedRoutes: { kinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }] } }, route).get('http://h/').status).toBe(200);
  });

  test('parentRefs: namespace defaults to the route\'s, sectionName and port must match', () => {
    const all = { allowedRoutes: { namespaces: { from: 'All' } } };
    const ref = (parentRef: object) => appRoute({ parentRefs: [{ name: 'gw', ...parentRef }] });
    expect(base(all, ref({})).get('http://h/').status).toBe(404);
    expect(base(all, ref({ namespace: 'infra' })).get('http://h/').status).toBe(200);
    expect(base(all, ref({ namespace: 'infra', sectionName: 'https' })).get('http://h/').status).toBe(404);
    expect(base(all, ref({ namespace: 'infra', sectionName: 'http', port: 80 })).get('http://h/').status).toBe(200);
    expect(base(all, ref({ namespace: 'infra', port: 8080 })).get('http://h/').status).toBe(404);
    expect(base(all, ref({ namespace: 'infra', kind: 'ListenerSet' })).get('http://h/').status).toBe(404);
  });

  test('a route whose hostnames do not intersect the listener hostname is not attached', () => {
    const r = base({ hostname: 'a.example.com' }, httpRoute('infra', 'r', [{ backendRefs: [svc('s')] }], { hostnames: ['b.example.com'] }));
    expect(r.get('http://a.example.com/')).toMatchObject({ status: 404, listener: { name: 'http' } });
    expect(target(base({ hostname: 'a.example.com' }, httpRoute('infra', 'r', [{ backendRefs: [svc('s')] }], { hostnames: ['*.example.com'] }))
      .get('http://a.example.com/'))).toBe('s');
  });
});

describe('ListenerSets', () => {
  const https = (hostname: string) => ({ name: 'https', port: 443, protocol: 'HTTPS', hostname, tls: { certificateRefs: [{ name: 'tls' }] } });
  const lset = (namespace: string) => obj('ListenerSet', namespace, 'ls', { parentRef: { name: 'gw', namespace: 'infra' }, listeners: [https('a.example.com')] });
  const lsRoute = (namespace: string) => obj('HTTPRoute', namespace, 'r', {
    parentRefs: [{ kind: 'ListenerSet', name: 'ls', sectionName: 'https' }], rules: [{ backendRefs: [svc('app')] }],
  });
  const router = (allowedListeners: object | undefined, ns: string) => new GatewayRouter([
    gateway('infra', 'gw', [http({ allowedRoutes: { namespaces: { from: 'All' } } })], allowedListeners ? { allowedListeners } : {}),
    lset(ns), lsRoute(ns),
  ], { namespaceLabels: { team: { shared: 'yes' } } });

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
    const res = router(allowed, ns).get('https://a.example.com/');
    expect(res.status).toBe(status);
    if (status === 200) expect(res.listener).toMatchObject({ gateway: 'infra/gw', parent: `ListenerSet ${ns}/ls`, name: 'https', certificates: [`Secret ${ns}/tls`] });
  });

  test('a ListenerSet listener admits routes from its own namespace by default; Gateway parentRefs do not reach it', () => {
    const objects = [
      gateway('infra', 'gw', [http()], { allowedListeners: { namespaces: { from: 'All' } } }),
      lset('team'),
      obj('HTTPRoute', 'other', 'r', { parentRefs: [{ kind: 'ListenerSet', name: 'ls', namespace: 'team' }], rules: [{ backendRefs: [svc('x')] }] }),
      obj('HTTPRoute', 'infra', 'g', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [svc('g')] }] }),
    ];
    expect(new GatewayRouter(objects).get('https://a.example.com/')).toMatchObject({ status: 404, listener: { parent: 'ListenerSet team/ls' } });
    expect(target(new GatewayRouter([...objects, lsRoute('team')]).get('https://a.example.com/'))).toBe('app');
    expect(target(new GatewayRouter(objects).get('http://a.example.com/'))).toBe('g');
  });

  test('the Gateway\'s own listener comes first in the merged list', () => {
    const r = new GatewayRouter([
      gateway('infra', 'gw', [https('a.example.com')], { allowedListeners: { namespaces: { from: 'All' } } }),
      lset('team'), lsRoute('team'),
      obj('HTTPRoute', 'infra', 'g', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [svc('g')] }] }),
    ]);
    expect(r.get('https://a.example.com/')).toMatchObject({ status: 200, listener: { parent: 'Gateway infra/gw' }, backends: [{ name: 'g' }] });
  });
});

describe('HTTPS, TLS, TCP and UDP', () => {
  const tls = (name: string, hostname?: string) => ({ name, port: 443, protocol: 'HTTPS', hostname, tls: { certificateRefs: [{ name: `${name}-tls` }] } });

  test('HTTPS: the Host must select the listener the SNI selected (else 421), or 404 if no listener matches it', () => {
    const r = new GatewayRouter([
      gateway('infra', 'gw', [tls('a', 'a.example.com'), tls('b', 'b.example.com')]),
      httpRoute('infra', 'r', [{ backendRefs: [svc('s')] }]),
    ]);
    expect(r.get('https://a.example.com/')).toMatchObject({ status: 200, listener: { name: 'a', tlsMode: 'Terminate', certificates: ['Secret infra/a-tls'] } });
    expect(r.get('https://b.example.com/', { sni: 'a.example.com' })).toMatchObject({ status: 421, listener: { name: 'a' } });
    expect(r.get('https://c.example.com/', { sni: 'a.example.com' })).toMatchObject({ status: 404, listener: { name: 'a' } });
    expect(r.get('https://c.example.com/').listener).toBeUndefined();
    expect(r.get('http://a.example.com/').listener).toBeUndefined();
  });

  test('TLSRoute: the most specific hostname wins; TCP/UDP by port, oldest route first', () => {
    const tlsRoute = (name: string, hostnames: string[]) => obj('TLSRoute', 'infra', name, { parentRefs: [{ name: 'gw' }], hostnames, rules: [{ backendRefs: [svc(name, 8443)] }] });
    const l4 = (kind: string, name: string, port: number, ts: string) =>
      obj(kind, 'infra', name, { parentRefs: [{ name: 'gw', sectionName: kind }], rules: [{ backendRefs: [svc(name, port)] }] }, { creationTimestamp: ts });
    const r = new GatewayRouter([
      gateway('infra', 'gw', [
        { name: 'tls', port: 443, protocol: 'TLS', tls: { mode: 'Passthrough' } },
        { name: 'TCPRoute', port: 5432, protocol: 'TCP' }, { name: 'UDPRoute', port: 53, protocol: 'UDP' },
      ]),
      tlsRoute('wild', ['*.example.com']), tlsRoute('db', ['db.example.com']),
      l4('TCPRoute', 'newer', 5432, '2024-01-02T00:00:00Z'), l4('TCPRoute', 'older', 5432, '2024-01-01T00:00:00Z'),
      l4('UDPRoute', 'dns', 53, '2024-01-01T00:00:00Z'),
    ]);
    expect(r.route({ protocol: 'TLS', port: 443, sni: 'db.example.com' })).toEqual({
      status: 200,
      route: 'TLSRoute infra/db',
      rule: 0,
      listener: { gateway: 'infra/gw', parent: 'Gateway infra/gw', name: 'tls', port: 443, protocol: 'TLS', tlsMode: 'Passthrough', certificates: [] },
      backends: [{ kind: 'Service', namespace: 'infra', name: 'db', port: 8443, weight: 1 }],
      mirrors: [],
      filters: [],
      errors: [],
    });
    expect(target(r.route({ protocol: 'TLS', port: 443, sni: 'x.example.com' }))).toBe('wild');
    expect(target(r.route({ protocol: 'TLS', port: 443, sni: 'other.org' }))).toBe(404);
    expect(target(r.route({ protocol: 'TCP', port: 5432 }))).toBe('older');
    expect(target(r.route({ protocol: 'UDP', port: 53 }))).toBe('dns');
    expect(target(r.route({ protocol: 'UDP', port: 5432 }))).toBe(404);
    expect(target(r.route({ protocol: 'TCP', port: 53 }))).toBe(404);
  });
});

describe('GRPCRoute', () => {
  const rule = (name: string, method: object, headers?: object[]) => ({ matches: [{ method, headers }], backendRefs: [svc(name, 50051)] });
  const r = new GatewayRouter([
    gateway('infra', 'gw', [http()]),
    obj('GRPCRoute', 'infra', 'g', {
      parentRefs: [{ name: 'gw' }],
      hostnames: ['grpc.example.com'],
      rules: [
        rule('service', { service: 'a.B' }),
        rule('method', { service: 'a.B', method: 'Get' }),
        rule('regex', { type: 'RegularExpression', service: 'a\\..*' }),
        rule('header', { service: 'a.B' }, [{ name: 'x-canary', value: '1' }]),
      ],
    }),
    httpRoute('infra', 'h', [{ backendRefs: [svc('http')] }], { hostnames: ['grpc.example.com'] }),
  ]);
  const call = (service: string, method: string, headers: Record<string, string> = {}) =>
    r.route({ protocol: 'HTTP', port: 80, host: 'grpc.example.com', grpc: { service, method }, headers });

  test('service and method precedence, regular expressions, headers', () => {
    expect(target(call('a.B', 'Get'))).toBe('method');
    expect(target(call('a.B', 'List'))).toBe('service');
    expect(target(call('a.B', 'List', { 'x-canary': '1' }))).toBe('header');
    expect(target(call('a.C', 'X'))).toBe('regex');
    expect(target(call('b.B', 'Get'))).toBe(404);
    expect(call('a.B', 'Get').request).toEqual({ host: 'grpc.example.com', path: '/a.B/Get', headers: {} });
  });

  test('gRPC calls use GRPCRoutes only, and plain HTTP requests HTTPRoutes only', () => {
    expect(call('a.B', 'Get').route).toBe('GRPCRoute infra/g');
    expect(r.get('http://grpc.example.com/a.B/Get').route).toBe('HTTPRoute infra/h');
  });
});

describe('references', () => {
  const grant = (namespace: string, from: object, to: object) => obj('ReferenceGrant', namespace, `g-${namespace}`, {
    from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'apps', ...from }], to: [{ group: '', kind: 'Service', ...to }],
  });
  const router = (...more: K8sObject[]) => new GatewayRouter([
    gateway('apps', 'gw', [http()]),
    obj('HTTPRoute', 'apps', 'r', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [svc('db', 5432, { namespace: 'data' })] }] }),
    ...more,
  ]);

  test('a backend in another namespace needs a ReferenceGrant in that namespace', () => {
    const denied = 'HTTPRoute apps/r: backend Service data/db is not covered by a ReferenceGrant';
    expect(router().get('http://h/')).toMatchObject({ status: 500, errors: [denied], backends: [{ name: 'db', namespace: 'data', error: denied }] });
    expect(router(grant('data', {}, {})).get('http://h/')).toMatchObject({ status: 200, errors: [], backends: [{ name: 'db', namespace: 'data', weight: 1 }] });
    expect(router(grant('data', {}, { name: 'db' })).get('http://h/').status).toBe(200);
    expect(router(grant('data', {}, { name: 'cache' })).get('http://h/').status).toBe(500);
    expect(router(grant('data', { kind: 'GRPCRoute' }, {})).get('http://h/').status).toBe(500);
    expect(router(grant('data', { namespace: 'other' }, {})).get('http://h/').status).toBe(500);
    expect(router(grant('apps', {}, {})).get('http://h/').status).toBe(500);
  });

  test('listener certificates, CA references and the backend client certificate are checked too', () => {
    const objects = (...more: K8sObject[]) => new GatewayRouter([
      gateway('edge', 'gw', [{ name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'site', namespace: 'certs' }] } }], {
        tls: {
          frontend: { default: { validation: { caCertificateRefs: [{ kind: 'ConfigMap', name: 'ca', namespace: 'cas' }] } }, perPort: [{ port: 8443, tls: {} }] },
          backend: { clientCertificateRef: { name: 'client', namespace: 'certs' } },
        },
      }),
      obj('HTTPRoute', 'edge', 'r', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [svc('app', 8443)] }] }),
      obj('BackendTLSPolicy', 'edge', 'p', { targetRefs: [{ group: '', kind: 'Service', name: 'app' }], validation: { hostname: 'app.internal', wellKnownCACertificates: 'System' } }),
      ...more,
    ]);
    const res = objects().get('https://h/');
    expect(res.listener).toEqual({
      gateway: 'edge/gw',
      parent: 'Gateway edge/gw',
      name: 'https',
      port: 443,
      protocol: 'HTTPS',
      tlsMode: 'Terminate',
      certificates: ['Secret certs/site'],
      clientValidation: { caCertificateRefs: ['ConfigMap cas/ca'], mode: 'AllowValidOnly' },
    });
    expect(res.backends[0].tls).toEqual({ policy: 'edge/p', hostname: 'app.internal', caCertificateRefs: [], wellKnownCACertificates: 'System', clientCertificate: 'Secret certs/client' });
    expect(res.errors).toEqual([
      'Gateway edge/gw listener https: Secret certs/site is not covered by a ReferenceGrant',
      'Gateway edge/gw client validation: ConfigMap cas/ca is not covered by a ReferenceGrant',
      'Gateway edge/gw backend client certificate: Secret certs/client is not covered by a ReferenceGrant',
    ]);
    const fromGateway = { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'edge' };
    const granted = objects(
      obj('ReferenceGrant', 'certs', 'g', { from: [fromGateway], to: [{ group: '', kind: 'Secret' }] }),
      obj('ReferenceGrant', 'cas', 'g', { from: [fromGateway], to: [{ group: '', kind: 'ConfigMap', name: 'ca' }] }),
    );
    expect(granted.get('https://h/').errors).toEqual([]);
    expect(granted.referenceAllowed({ ...fromGateway, kind: 'ListenerSet' }, { group: '', kind: 'Secret', namespace: 'certs', name: 'site' })).toBe(false);
    expect(granted.referenceAllowed(fromGateway, { group: '', kind: 'Secret', namespace: 'certs', name: 'any' })).toBe(true);
    expect(granted.referenceAllowed(fromGateway, { group: '', kind: 'ConfigMap', namespace: 'cas', name: 'other' })).toBe(false);
  });

  test('BackendTLSPolicy: a policy for the port name beats one for the whole Service, which beats none', () => {
    const policy = (name: string, sectionName?: string) => obj('BackendTLSPolicy', 'apps', name, {
      targetRefs: [{ group: '', kind: 'Service', name: 'app', sectionName }],
      validation: { hostname: `${name}.internal`, caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: `${name}-ca` }] },
    });
    const objects = [
      gateway('apps', 'gw', [http()]),
      obj('HTTPRoute', 'apps', 'r', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [svc('app', 8443), svc('other', 80)] }] }),
      policy('whole'), policy('port', 'https'),
    ];
    const service = obj('Service', 'apps', 'app', { ports: [{ name: 'https', port: 8443 }] });
    expect(new GatewayRouter(objects).get('http://h/').backends.map(b => b.tls?.policy)).toEqual(['apps/whole', undefined]);
    expect(new GatewayRouter([...objects, service]).get('http://h/').backends[0].tls).toEqual({
      policy: 'apps/port', hostname: 'port.internal', caCertificateRefs: ['ConfigMap apps/port-ca'],
    });
  });

  test('mirror backends in another namespace need a grant too', () => {
    const r = new GatewayRouter([
      gateway('apps', 'gw', [http()]),
      obj('HTTPRoute', 'apps', 'r', {
        parentRefs: [{ name: 'gw' }],
        rules: [{ filters: [{ type: 'RequestMirror', requestMirror: { backendRef: svc('shadow', 80, { namespace: 'qa' }) } }], backendRefs: [svc('app')] }],
      }),
    ]);
    expect(r.get('http://h/')).toMatchObject({ status: 200, errors: ['HTTPRoute apps/r: backend Service qa/shadow is not covered by a ReferenceGrant'] });
  });
});

test('fromUrl builds requests', () => {
  expect(fromUrl('http://www.example.com/api/users?x=1')).toEqual({ protocol: 'HTTP', port: 80, host: 'www.example.com', path: '/api/users?x=1' });
  expect(fromUrl('https://a.example.com:8443/', { method: 'POST' })).toEqual({ protocol: 'HTTPS', port: 8443, host: 'a.example.com', path: '/', method: 'POST' });
});
