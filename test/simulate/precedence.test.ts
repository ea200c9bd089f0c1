import { backend, filters, get, gateway, grpc, http, httpRoute, listener, model, noListener, obj, prefix, rule, steps, svc, target } from './fixtures';
import { pathPrefixMatches } from '../../src/simulate/paths';

describe('HTTPRoute matching and precedence', () => {
  test('PathPrefix matches whole path elements and ignores a trailing slash of the prefix', () => {
    expect(['/api', '/api/', '/api/x', '/apix', '/ap'].map(p => pathPrefixMatches('/api', p))).toEqual([true, true, true, false, false]);
    expect(['/old', '/old/', '/old/x', '/older'].map(p => pathPrefixMatches('/old/', p))).toEqual([true, true, true, false]);
    expect(['/', '/x', ''].map(p => pathPrefixMatches('/', p))).toEqual([true, true, true]);
  });

  const m = model([
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
  const go = (path: string, init: { method?: string; headers?: Record<string, string> } = {}) => target(get(m, `http://h.example.com${path}`, init));

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
    ['/api/x?q=1', { headers: { 'x-a': '1' } }, 'h1'],
    ['/api/x?q=2', {}, 'api'],
    ['/api/x', { headers: { 'x-a': 'one' } }, 'api'],
    ['/re', { headers: { 'x-v': 'v12' } }, 're'],
    ['/re', { headers: { 'x-v': 'xv12' } }, 'root'],
  ])('%s %j → %s', (path, init, expected) => {
    expect(go(path, init)).toBe(expected);
  });

  test('the selected rule is reported with its index, the reason, and the forwarded request', () => {
    expect(get(m, 'http://h.example.com/api/v1/x?y=1', { headers: { 'X-Up': 'u' } })).toEqual({
      status: 200,
      backends: [backend('infra', 'v1', 80)],
      upstreamPath: '/api/v1/x?y=1',
      upstreamHost: 'h.example.com',
      requestHeaders: [],
      responseHeaders: [],
      mirrors: [],
      source: 'HTTPRoute infra/r',
      annotations: [],
      steps: [
        { stage: 'listener', name: 'Gateway infra/gw listener http', detail: 'HTTP port 80, hostname (any); only listener matching h.example.com' },
        { stage: 'route', name: 'HTTPRoute infra/r', detail: 'hostnames (any); 1 attached HTTPRoute' },
        { stage: 'rule', name: 'HTTPRoute infra/r rule 2', detail: 'matches PathPrefix /api/v1; longest PathPrefix among 3 matching rules' },
        { stage: 'backend', name: 'Service infra/v1:80', detail: 'weight 1 of 1 (100%)' },
      ],
      notModeled: [],
    });
  });

  test.each([
    ['/api', {}, 'matches Exact /api; Exact path among 3 matching rules'],
    ['/api/x', { method: 'POST' }, 'matches PathPrefix /api, method POST; method match among 3 matching rules'],
    ['/api/x', { headers: { 'x-a': '1', 'x-b': '2' } }, 'matches PathPrefix /api, header x-a = 1, header x-b = 2; most header matches among 4 matching rules'],
    ['/api/x?q=1', {}, 'matches PathPrefix /api, query q = 1; most query param matches among 3 matching rules'],
    ['/apix', {}, 'matches PathPrefix /; the only matching rule'],
    ['/re', { headers: { 'x-v': 'v1' } }, 'matches PathPrefix /re, header x-v ~ v[0-9]+; longest PathPrefix among 2 matching rules'],
  ])('rule step for %s %j: %s', (path, init, detail) => {
    expect(steps(get(m, `http://h.example.com${path}`, init), 'rule')[0].detail).toBe(detail);
  });

  test('an absent matches list is PathPrefix /, and an absent rules list one such rule', () => {
    const r = model([
      gateway('infra', 'gw', [http()]),
      httpRoute('infra', 'all', [{ backendRefs: [svc('all')] }], { hostnames: ['a.example.com'] }),
      obj('HTTPRoute', 'infra', 'bare', { parentRefs: [{ name: 'gw' }], hostnames: ['b.example.com'] }),
    ]);
    expect(target(get(r, 'http://a.example.com/any/thing?x=1'))).toBe('all');
    const bare = get(r, 'http://b.example.com/x');
    expect([bare.status, bare.source, rule(bare), bare.backends, steps(bare, 'backend')]).toEqual([500, 'HTTPRoute infra/bare', 'HTTPRoute infra/bare rule 0', [],
      [{ stage: 'backend', name: 'none', detail: 'the rule has no backendRefs: 500' }]]);
  });

  test('ties go to the oldest route, then {namespace}/{name}, then the first rule', () => {
    const r1 = (name: string) => ({ matches: [prefix('/x')], backendRefs: [svc(name)] });
    const objects = (stamps: [string?, string?]) => [
      gateway('infra', 'gw', [http({ allowedRoutes: { namespaces: { from: 'All' } } })]),
      httpRoute('b', 'a', [r1('b/a')], {}, { creationTimestamp: stamps[0] }),
      httpRoute('a', 'z', [r1('a/z'), r1('a/z second')], {}, { creationTimestamp: stamps[1] }),
    ];
    expect(target(get(model(objects([])), 'http://h/x'))).toBe('a/z');
    expect(target(get(model(objects(['2020-09-08T01:02:03Z', '2020-09-08T01:02:04Z'])), 'http://h/x'))).toBe('b/a');
    const tie = get(model(objects([])), 'http://h/x');
    expect(steps(tie, 'rule')[0]).toEqual({ stage: 'rule', name: 'HTTPRoute a/z rule 0', detail: 'matches PathPrefix /x; first matching rule in order (tie) among 3 matching rules' });
    const twoRoutes = model(objects([]).map(o => o.kind === 'HTTPRoute' ? { ...o, spec: { ...o.spec, rules: o.spec.rules.slice(0, 1) } } : o));
    expect(steps(get(twoRoutes, 'http://h/x'), 'rule')[0].detail).toBe('matches PathPrefix /x; oldest route, then namespace/name (tie) among 2 matching rules');
  });
});

describe('HTTPS, TLS, TCP and UDP', () => {
  const tls = (name: string, hostname?: string) => ({ name, port: 443, protocol: 'HTTPS', hostname, tls: { certificateRefs: [{ name: `${name}-tls` }] } });

  test('HTTPS: the Host must select the listener the SNI selected (else 421), or 404 if no listener matches it', () => {
    const m = model([
      gateway('infra', 'gw', [tls('a', 'a.example.com'), tls('b', 'b.example.com')]),
      httpRoute('infra', 'r', [{ backendRefs: [svc('s')] }]),
    ]);
    const ok = get(m, 'https://a.example.com/');
    expect([ok.status, ok.steps[0].detail]).toEqual([200, 'HTTPS port 443, hostname a.example.com; TLS Terminate with Secret infra/a-tls; only listener matching a.example.com']);
    const misdirected = get(m, 'https://b.example.com/', { sni: 'a.example.com' });
    expect([misdirected.status, listener(misdirected), misdirected.steps[1]]).toEqual([421, 'Gateway infra/gw listener a',
      { stage: 'listener', name: 'Gateway infra/gw listener b', detail: 'Host b.example.com selects another listener than SNI a.example.com: 421 Misdirected Request' }]);
    const unknownHost = get(m, 'https://c.example.com/', { sni: 'a.example.com' });
    expect([unknownHost.status, listener(unknownHost), unknownHost.steps[1].detail]).toEqual([404, 'Gateway infra/gw listener a', 'Host c.example.com matches no listener: 404']);
    expect(get(m, 'https://c.example.com/')).toEqual(noListener('none of 2 HTTPS/TLS listeners on port 443 matches SNI c.example.com'));
    expect(listener(get(m, 'http://a.example.com/'))).toBeUndefined();
  });

  test('TLSRoute: the most specific hostname wins; TCP/UDP by port, oldest route first', () => {
    const tlsRoute = (name: string, hostnames: string[]) => obj('TLSRoute', 'infra', name, { parentRefs: [{ name: 'gw' }], hostnames, rules: [{ backendRefs: [svc(name, 8443)] }] });
    const l4 = (kind: string, name: string, port: number, ts: string) =>
      obj(kind, 'infra', name, { parentRefs: [{ name: 'gw', sectionName: kind }], rules: [{ backendRefs: [svc(name, port)] }] }, { creationTimestamp: ts });
    const m = model([
      gateway('infra', 'gw', [
        { name: 'tls', port: 443, protocol: 'TLS', tls: { mode: 'Passthrough' } },
        { name: 'TCPRoute', port: 5432, protocol: 'TCP' }, { name: 'UDPRoute', port: 53, protocol: 'UDP' },
      ]),
      tlsRoute('wild', ['*.example.com']), tlsRoute('db', ['db.example.com']),
      l4('TCPRoute', 'newer', 5432, '2024-01-02T00:00:00Z'), l4('TCPRoute', 'older', 5432, '2024-01-01T00:00:00Z'),
      l4('UDPRoute', 'dns', 53, '2024-01-01T00:00:00Z'),
    ]);
    expect(m.route({ url: 'tls://db.example.com' })).toEqual({
      status: 200,
      backends: [backend('infra', 'db', 8443)],
      requestHeaders: [],
      responseHeaders: [],
      mirrors: [],
      source: 'TLSRoute infra/db',
      annotations: [],
      steps: [
        { stage: 'listener', name: 'Gateway infra/gw listener tls', detail: 'TLS port 443, hostname (any); TLS Passthrough; only listener matching db.example.com' },
        { stage: 'route', name: 'TLSRoute infra/db', detail: 'hostnames db.example.com; most specific hostname, then oldest of 2 attached routes' },
        { stage: 'rule', name: 'TLSRoute infra/db rule 0', detail: 'the first rule' },
        { stage: 'backend', name: 'Service infra/db:8443', detail: 'weight 1 of 1 (100%)' },
      ],
      notModeled: [],
    });
    expect(target(m.route({ url: 'tls://x.example.com:443' }))).toBe('wild');
    expect(target(m.route({ url: 'tls://ignored:443', sni: 'db.example.com' }))).toBe('db');
    expect(target(m.route({ url: 'tls://other.org' }))).toBe(404);
    expect(target(m.route({ url: 'tcp://db:5432' }))).toBe('older');
    expect(steps(m.route({ url: 'tcp://db:5432' }), 'route')[0].detail).toBe('oldest of 2 attached routes');
    expect(target(m.route({ url: 'udp://dns:53' }))).toBe('dns');
    expect(target(m.route({ url: 'udp://dns:5432' }))).toBe(404);
    expect(target(m.route({ url: 'tcp://dns:53' }))).toBe(404);
  });

  test('bad URLs throw with the value', () => {
    const m = model([]);
    expect(() => m.route({ url: 'shop.example.com/x' })).toThrow(/url "shop.example.com\/x" is not a URL/);
    expect(() => m.route({ url: 'ftp://h/x' })).toThrow(/scheme "ftp:"; use http, https, tls, tcp or udp/);
    expect(() => m.route({ url: 'tcp://h' })).toThrow(/needs a port/);
  });
});

describe('GRPCRoute', () => {
  const r1 = (name: string, method: object, hs?: object[]) => ({ matches: [{ method, headers: hs }], backendRefs: [svc(name, 50051)] });
  const m = model([
    gateway('infra', 'gw', [http()]),
    obj('GRPCRoute', 'infra', 'g', {
      parentRefs: [{ name: 'gw' }],
      hostnames: ['grpc.example.com'],
      rules: [
        r1('service', { service: 'a.B' }),
        r1('method', { service: 'a.B', method: 'Get' }),
        r1('regex', { type: 'RegularExpression', service: 'a\\..*' }),
        r1('header', { service: 'a.B' }, [{ name: 'x-canary', value: '1' }]),
      ],
    }),
    httpRoute('infra', 'h', [{ backendRefs: [svc('http')] }], { hostnames: ['grpc.example.com'] }),
  ]);
  const call = (service: string, method: string, extra: Record<string, string> = {}) => grpc(m, 'http://grpc.example.com', service, method, extra);

  test('service and method precedence, regular expressions, headers', () => {
    expect(target(call('a.B', 'Get'))).toBe('method');
    expect(target(call('a.B', 'List'))).toBe('service');
    expect(target(call('a.B', 'List', { 'x-canary': '1' }))).toBe('header');
    expect(target(call('a.C', 'X'))).toBe('regex');
    expect(target(call('b.B', 'Get'))).toBe(404);
    expect(call('b.B', 'Get').notModeled).toEqual(['gRPC status Unimplemented is shown as 404']);
    expect(call('a.B', 'Get')).toMatchObject({ upstreamHost: 'grpc.example.com', upstreamPath: '/a.B/Get', requestHeaders: [] });
    expect(steps(call('a.B', 'Get'), 'rule')[0]).toEqual({
      stage: 'rule', name: 'GRPCRoute infra/g rule 1', detail: 'matches a.B/Get; longest method among 3 matching rules',
    });
  });

  test('gRPC calls use GRPCRoutes only, and plain HTTP requests HTTPRoutes only', () => {
    expect(call('a.B', 'Get').source).toBe('GRPCRoute infra/g');
    expect(get(m, 'http://grpc.example.com/a.B/Get').source).toBe('HTTPRoute infra/h');
    expect(filters(get(m, 'http://grpc.example.com/a.B/Get'))).toEqual([]);
  });
});

describe('RegularExpression paths and attached policies', () => {
  const regex = (value: string, name: string, extra: object = {}) => ({ matches: [{ path: { type: 'RegularExpression', value }, ...extra }], backendRefs: [svc(name)] });
  const m = model([
    gateway('infra', 'gw', [http()]),
    httpRoute('infra', 'r', [
      regex('(?i)/checkout.*', 'checkout'), regex('(?i)/.*', 'all'), { matches: [prefix('/api')], backendRefs: [svc('api')] },
      { matches: [{ path: { type: 'Exact', value: '/exact' } }], backendRefs: [svc('exact')] }, regex('/bad(', 'bad'),
    ], { hostnames: ['a.example.com'] }),
    httpRoute('infra', 'named', [{ name: 'only', matches: [prefix('/named')], backendRefs: [svc('named')] }], { hostnames: ['b.example.com'] }),
    obj('SecurityPolicy', 'infra', 'deny', { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'named', sectionName: 'only' }] }),
    obj('SecurityPolicy', 'infra', 'other-rule', { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'named', sectionName: 'x' }] }),
    obj('ClientTrafficPolicy', 'infra', 'ctp', { targetRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw', sectionName: 'http' } }),
    obj('BackendTrafficPolicy', 'other', 'btp', { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw' }] }),
  ]);
  const REGEX_NOTE = 'the precedence of RegularExpression paths is implementation-specific; Envoy Gateway\'s order is used (Exact > RegularExpression > PathPrefix, longer first)';
  const BAD_NOTE = 'HTTPRoute infra/r: RegularExpression /bad( cannot be read as RE2 (JavaScript syntax stands in); it matches nothing here';
  const CTP_NOTE = 'ClientTrafficPolicy infra/ctp targets Gateway infra/gw section http: its effect is not modeled';

  test('(?i) makes a pattern case-insensitive; longer patterns first; RegularExpression ranks between Exact and PathPrefix', () => {
    const checkout = get(m, 'http://a.example.com/CheckOut/1');
    expect([target(checkout), checkout.notModeled]).toEqual(['checkout', [BAD_NOTE, REGEX_NOTE, CTP_NOTE]]);
    const api = get(m, 'http://a.example.com/api/x');
    expect([target(api), steps(api, 'rule')[0].detail]).toEqual(['all',
      'matches RegularExpression (?i)/.*; RegularExpression path (Exact > RegularExpression > PathPrefix) among 2 matching rules']);
    const exact = get(m, 'http://a.example.com/exact');
    expect([target(exact), exact.notModeled]).toEqual(['exact', [BAD_NOTE, CTP_NOTE]]);
  });

  test('policies that target the Gateway, the listener, the route or the chosen rule are named', () => {
    expect(get(m, 'http://b.example.com/named').notModeled).toEqual([
      CTP_NOTE, 'SecurityPolicy infra/deny targets HTTPRoute infra/named section only: its effect is not modeled',
    ]);
  });
});
