import { backend, filters, get, gateway, http, httpRoute, model, prefix, steps, svc } from './fixtures';
import { replacePrefix } from '../../src/simulate/paths';

describe('filters', () => {
  test('RequestHeaderModifier sets, adds and removes forwarded headers (names case-insensitive; removed shown as "")', () => {
    const m = model([
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
    const r = get(m, 'http://h/', { headers: { 'X-Keep': '1', 'x-drop': '1', 'x-add': 'a', 'x-other': 'o' } });
    expect([r.upstreamHost, r.upstreamPath, r.requestHeaders]).toEqual(['h', '/', [
      { name: 'x-add', value: 'a,b' }, { name: 'x-drop', value: '' }, { name: 'x-keep', value: '2' }, { name: 'x-new', value: 'n' }, { name: 'x-set', value: 'v' },
    ]]);
    expect(steps(r, 'filter')).toEqual([{
      stage: 'filter', name: 'RequestHeaderModifier', detail: 'set x-set: v, set x-keep: 2, add x-add: b, add x-new: n, remove x-drop',
    }]);
  });

  test('ResponseHeaderModifier sets, adds and removes response headers', () => {
    const m = model([
      gateway('infra', 'gw', [http()]),
      httpRoute('infra', 'r', [{
        filters: [{ type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'X-A', value: '1' }], add: [{ name: 'x-a', value: '2' }, { name: 'x-b', value: '3' }], remove: ['Server'] } }],
        backendRefs: [svc('s')],
      }]),
    ]);
    expect(get(m, 'http://h/').responseHeaders).toEqual([{ name: 'server', value: '' }, { name: 'x-a', value: '1,2' }, { name: 'x-b', value: '3' }]);
  });

  test('RequestRedirect computes Location and status', () => {
    const redirect = (path: string, requestRedirect: object) => ({ matches: [prefix(path)], filters: [{ type: 'RequestRedirect', requestRedirect }] });
    const m = model([
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
      const res = get(m, url);
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
    const same = get(m, 'http://h.example.com:8080/same');
    expect([same.backends, filters(same), same.upstreamPath, same.upstreamHost]).toEqual([[], ['RequestRedirect'], undefined, undefined]);
    expect(steps(same, 'filter')[0].detail).toBe('302 to http://h.example.com:8080/same');
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
    const m = model([
      gateway('infra', 'gw', [http()]),
      httpRoute('infra', 'r', [
        { matches: [prefix('/old/')], filters: [{ type: 'URLRewrite', urlRewrite: { hostname: 'new.internal', path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new/' } } }], backendRefs: [svc('s')] },
        { matches: [prefix('/full')], filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplaceFullPath', replaceFullPath: '/index.html' } } }], backendRefs: [svc('s')] },
      ]),
    ]);
    const up = (url: string) => {
      const r = get(m, url);
      return [r.upstreamHost, r.upstreamPath, r.requestHeaders];
    };
    expect(up('http://h/old/a/b')).toEqual(['new.internal', '/new/a/b', []]);
    expect(up('http://h/old')).toEqual(['new.internal', '/new', []]);
    expect(up('http://h/full/x?y=1')).toEqual(['h', '/index.html?y=1', []]);
    expect(steps(get(m, 'http://h/old/a'), 'filter')[0].detail).toBe('h/old/a → new.internal/new/a');
  });

  test('weights are proportions (weight 0 left out); mirrors carry their fraction; timeouts are informational', () => {
    const mirror = (requestMirror: object) => ({ type: 'RequestMirror', requestMirror: { backendRef: svc('shadow'), ...requestMirror } });
    const m = model([
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
    const w = get(m, 'http://h/w');
    expect(w.backends.map(b => [b.name, b.weight])).toEqual([['a', 0.75], ['b', 0.25]]);
    expect(steps(w, 'backend').map(s => s.detail)).toEqual(['weight 3 of 4 (75%)', 'weight 1 of 4 (25%)', 'weight 0: receives nothing']);
    const zero = get(m, 'http://h/zero');
    expect([zero.status, zero.backends, steps(zero, 'backend')[1]]).toEqual([500, [], { stage: 'backend', name: 'none', detail: 'every backend has weight 0: 500' }]);
    const mr = get(m, 'http://h/m');
    expect(mr.mirrors.map(x => x.weight)).toEqual([0.05, 0.25, 0.03, 1]);
    expect(mr.mirrors[0]).toEqual(backend('infra', 'shadow', 80, 0.05));
    expect(filters(mr)).toEqual(['RequestMirror', 'RequestMirror', 'RequestMirror', 'RequestMirror']);
    expect(steps(mr, 'filter')[0].detail).toBe('5% copied to Service infra/shadow:80');
    expect(mr.notModeled).toEqual(['HTTPRoute infra/r rule 2: timeouts request 10s, backendRequest 2s (informational; the model does not time requests)']);
  });

  test('retries, session persistence, backendRef filters, ExternalAuth and unknown ExtensionRefs go to notModeled', () => {
    const m = model([
      gateway('infra', 'gw', [http()]),
      httpRoute('infra', 'r', [{
        filters: [
          { type: 'ExtensionRef', extensionRef: { group: 'example.com', kind: 'Magic', name: 'm' } },
          { type: 'ExternalAuth', externalAuth: { protocol: 'HTTP', backendRef: { name: 'auth' } } },
        ],
        backendRefs: [svc('s', 80, { filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'a', value: 'b' }] } }] })],
        retry: { attempts: 2 },
        sessionPersistence: { type: 'Cookie' },
      }]),
    ]);
    const r = get(m, 'http://h/');
    expect([r.status, filters(r)]).toEqual([200, ['ExtensionRef example.com/Magic m', 'ExternalAuth']]);
    expect(r.notModeled).toEqual([
      'ExtensionRef example.com/Magic m (HTTPRoute infra/r): its effect is not modeled',
      'ExternalAuth filter (HTTPRoute infra/r): its effect is not modeled',
      'HTTPRoute infra/r rule 0: filters on backendRef s are not modeled',
      'HTTPRoute infra/r rule 0: retries ({"attempts":2}) are not modeled',
      'HTTPRoute infra/r rule 0: session persistence is not modeled (each request is routed by weight)',
    ]);
  });
});

describe('CORS filter', () => {
  const cors = (c: object) => model([
    gateway('infra', 'gw', [http()]),
    httpRoute('infra', 'r', [{ matches: [prefix('/api')], filters: [{ type: 'CORS', cors: c }], backendRefs: [svc('api')] }]),
  ]);
  const preflight = (m: ReturnType<typeof model>, origin: string, extra: Record<string, string> = {}) =>
    get(m, 'http://h/api/x', { method: 'OPTIONS', headers: { 'Origin': origin, 'Access-Control-Request-Method': 'PUT', ...extra } });
  const config = {
    allowOrigins: ['https://app.example.com', 'https://*.example.org'],
    allowMethods: ['GET', 'PUT'],
    allowHeaders: ['X-A', 'X-B'],
    exposeHeaders: ['X-Id'],
    maxAge: 600,
  };

  test('a preflight from an allowed origin is answered with 204 and the allow headers', () => {
    const r = preflight(cors(config), 'https://app.example.com');
    expect(r).toEqual({
      status: 204,
      backends: [],
      requestHeaders: [],
      responseHeaders: [
        { name: 'access-control-allow-headers', value: 'X-A, X-B' },
        { name: 'access-control-allow-methods', value: 'GET, PUT' },
        { name: 'access-control-allow-origin', value: 'https://app.example.com' },
        { name: 'access-control-max-age', value: '600' },
      ],
      mirrors: [],
      source: 'HTTPRoute infra/r',
      annotations: [],
      steps: [
        { stage: 'listener', name: 'Gateway infra/gw listener http', detail: 'HTTP port 80, hostname (any); only listener matching h' },
        { stage: 'route', name: 'HTTPRoute infra/r', detail: 'hostnames (any); 1 attached HTTPRoute' },
        { stage: 'rule', name: 'HTTPRoute infra/r rule 0', detail: 'matches PathPrefix /api; the only matching rule' },
        { stage: 'filter', name: 'CORS', detail: 'preflight for PUT from https://app.example.com answered by the proxy: 204' },
      ],
      notModeled: [],
    });
  });

  test('origins: wildcards match labels to the left, default ports are implied, others get no CORS headers', () => {
    const m = cors(config);
    expect(preflight(m, 'https://a.b.example.org').responseHeaders[2]).toEqual({ name: 'access-control-allow-origin', value: 'https://a.b.example.org' });
    expect(preflight(m, 'https://app.example.com:443').status).toBe(204);
    expect(preflight(m, 'https://app.example.com:443').responseHeaders).toHaveLength(4);
    for (const origin of ['http://app.example.com', 'https://app.example.com:8443', 'https://example.org', 'https://evil.com']) {
      const r = preflight(m, origin);
      expect([origin, r.status, r.responseHeaders, r.backends]).toEqual([origin, 204, [], []]);
      expect(steps(r, 'filter')[0].detail).toBe(`preflight for PUT from ${origin} answered by the proxy: 204, origin not allowed (no CORS headers)`);
    }
  });

  test('actual requests are forwarded; an allowed Origin gets allow-origin and expose-headers', () => {
    const m = cors(config);
    const r = get(m, 'http://h/api/x', { method: 'PUT', headers: { Origin: 'https://app.example.com' } });
    expect([r.status, r.backends, r.responseHeaders]).toEqual([200, [backend('infra', 'api', 80)], [
      { name: 'access-control-allow-origin', value: 'https://app.example.com' },
      { name: 'access-control-expose-headers', value: 'X-Id' },
    ]]);
    expect(get(m, 'http://h/api/x', { headers: { Origin: 'https://evil.com' } }).responseHeaders).toEqual([]);
    const plain = get(m, 'http://h/api/x', { method: 'OPTIONS' });
    expect([plain.status, plain.responseHeaders, steps(plain, 'filter')[0].detail]).toEqual([200, [], 'no Origin header: not a cross-origin request']);
  });

  test('wildcards: `*` without credentials, echoes with credentials; max-age defaults to 5', () => {
    const any = preflight(cors({ allowOrigins: ['*'], allowMethods: ['*'], allowHeaders: ['*'] }), 'https://x.test', { 'Access-Control-Request-Headers': 'x-a' });
    expect(any.responseHeaders).toEqual([
      { name: 'access-control-allow-headers', value: '*' },
      { name: 'access-control-allow-methods', value: '*' },
      { name: 'access-control-allow-origin', value: '*' },
      { name: 'access-control-max-age', value: '5' },
    ]);
    const creds = cors({ allowOrigins: ['*'], allowMethods: ['*'], allowHeaders: ['*'], allowCredentials: true });
    expect(preflight(creds, 'https://x.test', { 'Access-Control-Request-Headers': 'x-a' }).responseHeaders).toEqual([
      { name: 'access-control-allow-credentials', value: 'true' },
      { name: 'access-control-allow-headers', value: 'x-a' },
      { name: 'access-control-allow-methods', value: 'PUT' },
      { name: 'access-control-allow-origin', value: 'https://x.test' },
      { name: 'access-control-max-age', value: '5' },
    ]);
    expect(preflight(creds, 'https://x.test').responseHeaders.map(h => h.name)).not.toContain('access-control-allow-headers');
  });
});

describe('Envoy Gateway HTTPRouteFilter (ExtensionRef)', () => {
  const EG = 'gateway.envoyproxy.io';
  const hrf = (name: string, spec: object) => ({ apiVersion: `${EG}/v1alpha1`, kind: 'HTTPRouteFilter', metadata: { name, namespace: 'infra' }, spec });
  const ext = (name: string) => ({ type: 'ExtensionRef', extensionRef: { group: EG, kind: 'HTTPRouteFilter', name } });
  const m = model([
    gateway('infra', 'gw', [http()]),
    httpRoute('infra', 'r', [
      { matches: [{ path: { type: 'RegularExpression', value: '/api(/|$)(.*)' } }], filters: [ext('strip')], backendRefs: [svc('api')] },
      { matches: [prefix('/shop')], filters: [ext('cookie')], backendRefs: [svc('canary')] },
      { matches: [prefix('/shop')], backendRefs: [svc('main')] },
      { matches: [prefix('/gone')], filters: [ext('gone')] },
      { matches: [prefix('/missing')], filters: [ext('nope')], backendRefs: [svc('x')] },
      { matches: [prefix('/tenant')], filters: [ext('host')], backendRefs: [svc('t')] },
    ]),
    hrf('strip', { urlRewrite: { path: { type: 'ReplaceRegexMatch', replaceRegexMatch: { pattern: '^/api(/|$)(.*)', substitution: '/\\2' } } } }),
    hrf('cookie', { matches: [{ cookies: [{ type: 'Exact', name: 'canary', value: 'always' }] }] }),
    hrf('gone', { directResponse: { statusCode: 410, contentType: 'text/plain', body: { type: 'Inline', inline: 'gone' } } }),
    hrf('host', { urlRewrite: { hostname: { type: 'PathRegex', pathRegex: { pattern: '^/tenant/([a-z0-9-]+)/.*', substitution: '\\1.example.internal' } } } }),
  ]);

  test.each([
    ['/api/users/1?x=1', '/users/1?x=1'],
    ['/api', '/'],
    ['/api/', '/'],
  ])('regex rewrite (ReplaceRegexMatch): %s → %s', (path, upstream) => {
    const r = get(m, `http://h${path}`);
    expect([r.status, r.upstreamPath, r.backends]).toEqual([200, upstream, [backend('infra', 'api', 80)]]);
  });

  test('the regex rewrite step names the filter and the change', () => {
    expect(steps(get(m, 'http://h/api/users'), 'filter')).toEqual([{
      stage: 'filter', name: `ExtensionRef ${EG}/HTTPRouteFilter strip`, detail: 'path /api/users → /users (regex ^/api(/|$)(.*))',
    }]);
  });

  test('cookie matches AND the rule\'s matches; request cookies are sent as a cookie header', () => {
    expect(get(m, 'http://h/shop', { cookies: [{ name: 'canary', value: 'always' }] }).backends).toEqual([backend('infra', 'canary', 80)]);
    expect(get(m, 'http://h/shop', { headers: { Cookie: 'a=1; canary=always' } }).backends).toEqual([backend('infra', 'canary', 80)]);
    expect(get(m, 'http://h/shop', { cookies: [{ name: 'canary', value: 'never' }] }).backends).toEqual([backend('infra', 'main', 80)]);
    expect(get(m, 'http://h/shop', { cookies: [{ name: 'xcanary', value: 'always' }] }).backends).toEqual([backend('infra', 'main', 80)]);
    expect(get(m, 'http://h/shop').backends).toEqual([backend('infra', 'main', 80)]);
  });

  test('a direct response answers without a backend', () => {
    const r = get(m, 'http://h/gone/x');
    expect([r.status, r.backends, r.responseHeaders, r.upstreamPath]).toEqual([410, [], [{ name: 'content-type', value: 'text/plain' }], undefined]);
  });

  test('an unresolved HTTPRouteFilter reference gets 500 (the filter must not be skipped)', () => {
    const r = get(m, 'http://h/missing');
    expect([r.status, r.backends, steps(r, 'filter')[0].detail]).toEqual([500, [], 'no HTTPRouteFilter infra/nope: 500']);
  });

  test('a PathRegex Host rewrite computes the Host from the path and keeps x-forwarded-host', () => {
    const r = get(m, 'http://h/tenant/acme/api');
    expect([r.upstreamHost, r.upstreamPath, r.requestHeaders]).toEqual(['acme.example.internal', '/tenant/acme/api', [{ name: 'x-forwarded-host', value: 'h' }]]);
  });
});
