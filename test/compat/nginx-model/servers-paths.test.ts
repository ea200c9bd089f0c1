import { brief, ingress, model, route, service } from './helpers';

describe('IngressNginxModel: server selection (nginx server_name; controller.go createServers)', () => {
  const m = model([
    ingress('exact', { host: 'a.example.com', paths: [{ svc: 'exact' }] }),
    ingress('wild', { host: '*.example.com', paths: [{ svc: 'wild' }] }),
  ]);

  test('an exact host wins over the wildcard host; the exact outcome of a proxied request', () => {
    expect(route(m, 'http://A.Example.com:8080/x?q=1')).toStrictEqual({
      status: 200,
      backends: [{ kind: 'Service', namespace: 'default', name: 'exact', port: '80', weight: 1 }],
      upstreamPath: '/x?q=1',
      upstreamHost: 'A.Example.com:8080',
      requestHeaders: [],
      responseHeaders: [],
      mirrors: [],
      source: 'Ingress default/exact',
      annotations: [],
      steps: [
        { stage: 'server', name: 'server a.example.com', detail: 'server_name a.example.com (exact)' },
        { stage: 'location', name: 'location /', detail: 'prefix / (the server\'s catch-all location); Ingress default/exact' },
        { stage: 'backend', name: 'Service default/exact:80', detail: 'upstream path /x?q=1' },
      ],
      notModeled: [],
    });
  });

  test('template.go buildServerName: *.example.com is ~^(?<subdomain>[\\w-]+)\\.example\\.com$, exactly one label', () => {
    expect(brief(route(m, 'http://b.example.com/'))).toBe('200 default/wild:80=1 /');
    expect(brief(route(m, 'http://x.b.example.com/'))).toBe('404');
    expect(brief(route(m, 'http://example.com/'))).toBe('404');
    expect(route(m, 'http://x.b.example.com/').steps[0]).toStrictEqual({ stage: 'server', name: 'server _', detail: 'no server for x.b.example.com: the catch-all server _' });
  });

  test('an unknown host goes to the catch-all server _ and the default backend (404), no source', () => {
    const o = route(m, 'http://unknown.test/');
    expect([o.status, o.backends, o.source, o.upstreamPath]).toStrictEqual([404, [], undefined, undefined]);
  });

  test('--default-backend-service answers unmatched requests (its first port when the Service is known)', () => {
    const d = model([ingress('a', { host: 'a.test', paths: [{ path: '/api', svc: 'api' }] }), service('fallback', [{ port: 8081 }], 'infra')],
      { defaultBackendService: 'infra/fallback' });
    expect(brief(route(d, 'http://a.test/other'))).toBe('200 infra/fallback:8081=1 /other');
    expect(brief(route(d, 'http://nowhere.test/'))).toBe('200 infra/fallback:8081=1 /');
    expect(() => model([], { defaultBackendService: 'fallback' })).toThrow(/defaultBackendService "fallback" is not namespace\/name/);
  });

  test('createServers: an Ingress with only spec.defaultBackend serves the catch-all server', () => {
    const d = model([ingress('fallback', { defaultBackend: 'catchall' })]);
    const o = route(d, 'http://any.test/x');
    expect(brief(o)).toBe('200 default/catchall:80=1 /x');
    expect(o.source).toBe('Ingress default/fallback');
  });

  test('createServers: a host\'s catch-all / uses the defaultBackend of the Ingress that created the host', () => {
    const d = model([ingress('a', { host: 'a.test', defaultBackend: 'home', paths: [{ path: '/api', svc: 'api' }] })]);
    expect(brief(route(d, 'http://a.test/elsewhere'))).toBe('200 default/home:80=1 /elsewhere');
    expect(brief(route(d, 'http://a.test/api/v1'))).toBe('200 default/api:80=1 /api/v1');
  });

  test('createServers: every Ingress with a defaultBackend, rules or not, sets the catch-all server\'s backend; the last one wins (kubernetes/ingress-nginx#8825)', () => {
    const d = model([
      ingress('catchall', { ns: 'a', defaultBackend: 'first', created: '2024-01-01T00:00:00Z' }),
      ingress('b', { ns: 'b', host: 'b.test', defaultBackend: 'home', paths: [{ path: '/api', svc: 'api' }], created: '2024-01-02T00:00:00Z' }),
    ]);
    const o = route(d, 'http://nowhere.test/x');
    expect(brief(o)).toBe('200 b/home:80=1 /x');
    expect(o.source).toBe('Ingress b/b');
    expect(brief(route(d, 'http://b.test/elsewhere'))).toBe('200 b/home:80=1 /elsewhere');
    // A host-less rule of an Ingress with a defaultBackend: unmatched paths of the catch-all go to it.
    const hostless = model([ingress('h', { defaultBackend: 'fallback', paths: [{ path: '/app', svc: 'app' }] })]);
    expect(brief(route(hostless, 'http://nowhere.test/other'))).toBe('200 default/fallback:80=1 /other');
    expect(brief(route(hostless, 'http://nowhere.test/app/1'))).toBe('200 default/app:80=1 /app/1');
  });

  test('$request_uri is the path as a client sends it (percent-encoded); locations match the decoded $uri', () => {
    const d = model([ingress('a', { host: 'a.test', paths: [{ path: '/foo bar', type: 'ImplementationSpecific', svc: 'spaced' }, { path: '/', svc: 'root' }] })]);
    expect(brief(route(d, 'http://a.test/foo bar/x'))).toBe('200 default/spaced:80=1 /foo%20bar/x');
    expect(brief(route(d, 'http://a.test/foo%20bar/x'))).toBe('200 default/spaced:80=1 /foo%20bar/x');
    expect(brief(route(d, 'http://a.test/ünï'))).toBe('200 default/root:80=1 /%C3%BCn%C3%AF');
  });

  test('named Service ports are resolved through the input Services, else kept as the name', () => {
    const d = model([
      ingress('a', { host: 'a.test', paths: [{ path: '/x', svc: 'named', port: 'http' }, { path: '/y', svc: 'unknown', port: 'web' }] }),
      service('named', [{ name: 'http', port: 8080 }]),
    ]);
    expect(brief(route(d, 'http://a.test/x'))).toBe('200 default/named:8080=1 /x');
    expect(brief(route(d, 'http://a.test/y'))).toBe('200 default/unknown:web=1 /y');
  });

  test('non-HTTP schemes are not served by Ingresses: status 0 and a notModeled sentence', () => {
    const o = route(m, 'tcp://a.example.com:5432');
    expect(o.status).toBe(0);
    expect(o.notModeled).toStrictEqual(['tcp:// traffic: ingress-nginx serves it only through its tcp-services/udp-services ConfigMaps or --enable-ssl-passthrough, which are not model input.']);
    expect(() => route(m, 'ftp://a.example.com/')).toThrow(/scheme "ftp"/);
    expect(() => route(m, 'not a url')).toThrow(/is not scheme:\/\/host/);
  });
});

describe('IngressNginxModel: merging Ingresses per host (controller.go getBackendServers, store.go sortIngressSlice)', () => {
  test('the oldest Ingress wins a repeated path and pathType ("Location already configured")', () => {
    const m = model([
      ingress('new', { host: 'h.test', created: '2024-02-01T00:00:00Z', paths: [{ path: '/p', svc: 'new' }, { path: '/only-new', svc: 'new' }] }),
      ingress('old', { host: 'h.test', created: '2024-01-01T00:00:00Z', paths: [{ path: '/p', svc: 'old' }] }),
    ]);
    expect(brief(route(m, 'http://h.test/p'))).toBe('200 default/old:80=1 /p');
    expect(brief(route(m, 'http://h.test/only-new'))).toBe('200 default/new:80=1 /only-new');
  });

  test('equal timestamps: namespace/name descending wins (sortIngressSlice: in > jn)', () => {
    const m = model([
      ingress('aaa', { host: 'h.test', paths: [{ path: '/p', svc: 'aaa' }] }),
      ingress('zzz', { host: 'h.test', paths: [{ path: '/p', svc: 'zzz' }] }),
    ]);
    expect(brief(route(m, 'http://h.test/p'))).toBe('200 default/zzz:80=1 /p');
  });

  test('the same path with another pathType is a second location (Exact wins on equality)', () => {
    const m = model([
      ingress('a', { host: 'h.test', created: '2024-01-01T00:00:00Z', paths: [{ path: '/p', svc: 'prefix' }] }),
      ingress('b', { host: 'h.test', created: '2024-02-01T00:00:00Z', paths: [{ path: '/p', type: 'Exact', svc: 'exact' }] }),
    ]);
    expect(brief(route(m, 'http://h.test/p'))).toBe('200 default/exact:80=1 /p');
    expect(brief(route(m, 'http://h.test/p/x'))).toBe('200 default/prefix:80=1 /p/x');
  });

  test('a Prefix / path replaces the host\'s default catch-all', () => {
    const m = model([ingress('a', { host: 'h.test', paths: [{ path: '/', svc: 'root' }] })]);
    expect(brief(route(m, 'http://h.test/anything'))).toBe('200 default/root:80=1 /anything');
  });

  test('Ingresses of a class not served are ignored, with a notice', () => {
    const m = model([ingress('other', { host: 'h.test', cls: 'traefik', paths: [{ svc: 'x' }] })]);
    expect(brief(route(m, 'http://h.test/'))).toBe('404');
    expect(m.notices.map(n => n.message)).toStrictEqual([expect.stringMatching(/^skipped: ingress class "traefik"/)]);
  });
});

describe('IngressNginxModel: path matching (docs/user-guide/ingress-path-matching.md, location.go updateServerLocations)', () => {
  const m = model([ingress('a', {
    host: 'h.test',
    paths: [
      { path: '/p', svc: 'prefix' },
      { path: '/e', type: 'Exact', svc: 'exact' },
      { path: '/i', type: 'ImplementationSpecific', svc: 'impl' },
      { path: '/s/', svc: 'slash' },
    ],
  })]);

  test('Prefix /p is element-wise: /p, /p/, /p/x match, /px and /P do not', () => {
    expect(['/p', '/p/', '/p/x', '/px', '/P'].map(p => brief(route(m, `http://h.test${p}`)))).toStrictEqual([
      '200 default/prefix:80=1 /p', '200 default/prefix:80=1 /p/', '200 default/prefix:80=1 /p/x', '404', '404',
    ]);
  });

  test('Exact /e matches only /e', () => {
    expect(['/e', '/e/', '/e/x'].map(p => route(m, `http://h.test${p}`).status)).toStrictEqual([200, 404, 404]);
  });

  test('ImplementationSpecific is Prefix (k8s/main.go SetDefaultNGINXPathType)', () => {
    expect(['/i', '/i/x', '/ix'].map(p => route(m, `http://h.test${p}`).status)).toStrictEqual([200, 200, 404]);
  });

  test('Prefix /s/ does not match /s: nginx answers 301 to /s/ (auto_redirect of location /s/)', () => {
    const o = route(m, 'http://h.test/s?x=1');
    expect([o.status, o.location, o.backends]).toStrictEqual([301, 'http://h.test/s/?x=1', []]);
    expect(brief(route(m, 'http://h.test/s/x'))).toBe('200 default/slash:80=1 /s/x');
  });
});

describe('IngressNginxModel: strict-validate-path-type (inspector ValidatePathType, default true)', () => {
  test('an Ingress with regex characters on a Prefix path is not served; ImplementationSpecific is', () => {
    const bad = ingress('bad', { host: 'r.test', annotations: { 'use-regex': 'true' }, paths: [{ path: '/api/[0-9]+', svc: 'bad' }] });
    expect(route(model([bad]), 'http://r.test/api/1').status).toBe(404);
    expect(model([bad]).notices.map(n => n.message)).toStrictEqual([expect.stringMatching(/^not served: ingress-nginx ignores this whole Ingress: path "\/api\/\[0-9\]\+" \(pathType Prefix, host r.test\)/)]);
    expect(route(model([bad], { controllerConfig: { strictValidatePathType: false } }), 'http://r.test/api/1').status).toBe(200);
  });
});
