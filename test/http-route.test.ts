import { ApiObject, Chart, Duration, JsonPatch, Testing } from 'cdk8s';
import {
  Backend, CookieLifetimeType, ExternalAuthProtocol, GatewayApiChannel, GatewayApiValidation, HeaderMatch, HttpFilter, HttpMethod, HttpRoute,
  HttpRouteRule, IBackendFilter, IRouteParent, ParentReference, PathMatch, PathModifier, QueryParamMatch, ReferenceGrant,
  ReferenceGrantFrom, ReferenceGrantTo, RouteParentListener, SessionPersistenceType,
} from '../src';

/** A Gateway stand-in: the real Gateway construct lives elsewhere. */
class StubParent implements IRouteParent {
  public constructor(
    private readonly name: string,
    private readonly listeners?: RouteParentListener[],
    private readonly sectionName?: string) {}

  public toParentReference(): ParentReference {
    return { name: this.name, sectionName: this.sectionName };
  }

  public knownListeners(): RouteParentListener[] | undefined {
    return this.listeners;
  }
}

/** A filter made for another route kind. */
const grpcOnlyFilter: IBackendFilter = {
  filterType: 'RequestHeaderModifier',
  routeKinds: ['GRPCRoute'],
  renderFilter: () => ({ type: 'RequestHeaderModifier', requestHeaderModifier: { remove: ['x'] } }),
};

const web = Backend.fromServiceName('web', 80);
const gateway = new StubParent('edge', [{ name: 'http', port: 80, protocol: 'HTTP' }], 'http');

function route(chart: Chart, rules: HttpRouteRule[] = [], extra: any = {}): HttpRoute {
  return new HttpRoute(chart, 'Route', { metadata: { name: 'r', namespace: 'web' }, parents: [gateway], rules, ...extra });
}

function experimentalChart(): Chart {
  const chart = Testing.chart();
  GatewayApiChannel.useExperimental(chart.node.root);
  return chart;
}

describe('HttpRoute rendering', () => {
  test('renders parents, hostnames and a full rule', () => {
    const chart = Testing.chart();
    const r = new HttpRoute(chart, 'Route', {
      metadata: { name: 'api', namespace: 'web' },
      parents: [gateway],
      hostnames: ['api.example.com'],
    });
    r.addHostname('*.api.example.com');
    r.addRule({
      name: 'v1',
      matches: [
        { path: PathMatch.prefix('/v1'), method: HttpMethod.GET, queryParams: [QueryParamMatch.exact('q', '1')] },
        { headers: [HeaderMatch.exact('x-api', 'v1')] },
      ],
      filters: [HttpFilter.requestHeaderModifier({ set: { 'x-env': 'prod' } })],
      backends: [
        Backend.fromServiceName('api', 8080, { weight: 90, filters: [HttpFilter.responseHeaderModifier({ remove: ['server'] })] }),
        Backend.fromRef({ group: 'example.com', kind: 'Bucket', name: 'static' }),
      ],
      timeout: Duration.minutes(90),
      backendTimeout: Duration.millis(500),
    });
    expect(ApiObject.of(r)).toBe(r.apiObject);
    expect(r.ruleCount).toBe(1);
    expect(Testing.synth(chart)).toStrictEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'api', namespace: 'web' },
      spec: {
        parentRefs: [{ name: 'edge', sectionName: 'http' }],
        hostnames: ['api.example.com', '*.api.example.com'],
        rules: [{
          name: 'v1',
          matches: [
            { path: { type: 'PathPrefix', value: '/v1' }, method: 'GET', queryParams: [{ name: 'q', type: 'Exact', value: '1' }] },
            { headers: [{ name: 'x-api', type: 'Exact', value: 'v1' }] },
          ],
          filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-env', value: 'prod' }] } }],
          backendRefs: [
            { name: 'api', port: 8080, weight: 90, filters: [{ type: 'ResponseHeaderModifier', responseHeaderModifier: { remove: ['server'] } }] },
            { group: 'example.com', kind: 'Bucket', name: 'static' },
          ],
          timeouts: { request: '1h30m', backendRequest: '500ms' },
        }],
      },
    }]);
  });

  test('a redirect-only rule and an empty match render minimal objects', () => {
    const chart = Testing.chart();
    route(chart, [{ matches: [{}], filters: [HttpFilter.requestRedirect({ scheme: 'https', statusCode: 301 })] }]);
    expect(Testing.synth(chart)[0].spec.rules).toStrictEqual([{
      matches: [{ path: { type: 'PathPrefix', value: '/' } }],
      filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }],
    }]);
  });

  test('the output is deterministic', () => {
    const build = () => {
      const chart = Testing.chart();
      route(chart, [{ backends: [web], filters: [HttpFilter.requestHeaderModifier({ set: { b: '2', a: '1' } })], timeout: Duration.seconds(10) }]);
      return JSON.stringify(Testing.synth(chart));
    };
    expect(build()).toBe(build());
    expect(build()).toContain('"request":"10s"');
  });

  test('a JSON patch of an unknown field survives synth', () => {
    const chart = Testing.chart();
    const r = route(chart, [{ backends: [web] }]);
    ApiObject.of(r).addJsonPatch(JsonPatch.add('/spec/rules/0/futureField', { enabled: true }));
    // A field the target CRDs lack is an unknown field (strict field validation rejects it), so
    // synth-time validation is off to see the patch rendered.
    GatewayApiValidation.configure(chart, { disabled: true });
    expect(Testing.synth(chart)[0].spec.rules[0].futureField).toStrictEqual({ enabled: true });
  });

  test('with validation on, an unknown field fails synth and says how to target a newer release', () => {
    const chart = Testing.chart();
    const r = route(chart, [{ backends: [web] }]);
    ApiObject.of(r).addJsonPatch(JsonPatch.add('/spec/rules/0/futureField', true));
    expect(() => Testing.synth(chart)).toThrow(
      /\[test\/Route\/Resource\] HTTPRoute [^\n]*spec.rules\[0\].futureField: unknown field "spec.rules\[0\].futureField"; the target CRDs do not declare it: if the cluster runs a newer Gateway API release or the Experimental channel, select it with GatewayApiValidation.configure\(app, \{ gatewayApiVersion \}\) or GatewayApiChannel.useExperimental\(scope\), or turn synth-time validation off with \{ disabled: true \} \[schema\]/);
  });

  test('attaches to HTTP and HTTPS listeners only', () => {
    const chart = Testing.chart();
    new HttpRoute(chart, 'Tcp', {
      metadata: { namespace: 'web' },
      parents: [new StubParent('l4', [{ name: 'db', port: 5432, protocol: 'TCP' }])],
      rules: [{ backends: [web] }],
    });
    new HttpRoute(chart, 'Https', {
      metadata: { namespace: 'web' },
      parents: [new StubParent('tls', [{ name: 'https', port: 443, protocol: 'HTTPS' }])],
      rules: [{ backends: [web] }],
    });
    expect(() => Testing.synth(chart)).toThrow(/\[test\/Tcp\] parent Gateway "l4" has no HTTP\/HTTPS listener for a HTTPRoute/);
    expect(() => Testing.synth(chart)).not.toThrow(/test\/Https/);
  });
});

describe('HttpRoute eager checks', () => {
  test('limits on rules, matches, backends, filters and hostnames', () => {
    const chart = Testing.chart();
    const r = route(chart);
    for (let i = 0; i < 16; i++) r.addRule({ backends: [web] });
    expect(() => r.addRule({ backends: [web] })).toThrow(/HTTPRoute test\/Route: spec.rules\[16\]: the route already has 16 rules, the maximum/);

    const r2 = new HttpRoute(chart, 'R2', { metadata: { namespace: 'web' } });
    const matches = (n: number) => Array.from({ length: n }, (_, i) => ({ path: PathMatch.exact(`/p${i}`) }));
    expect(() => r2.addRule({ matches: matches(65), backends: [web] })).toThrow(/HTTPRoute test\/R2: spec.rules\[0\]: matches has 65 entries, the maximum is 64/);
    r2.addRule({ matches: matches(64), backends: [web] });
    r2.addRule({ matches: matches(64), backends: [web] });
    expect(() => r2.addRule({ backends: [web] })).toThrow(/spec.rules\[2\]: the route would have 129 matches across its rules, the maximum is 128/);

    const r3 = new HttpRoute(chart, 'R3', { metadata: { namespace: 'web' } });
    const backends = Array.from({ length: 17 }, (_, i) => Backend.fromServiceName(`s${i}`, 80));
    expect(() => r3.addRule({ backends })).toThrow(/HTTPRoute test\/R3: spec.rules\[0\]: backends has 17 entries, the maximum is 16/);
    const mirrors = Array.from({ length: 17 }, () => HttpFilter.requestMirror(web));
    expect(() => r3.addRule({ backends: [web], filters: mirrors })).toThrow(/spec.rules\[0\].filters has 17 entries, the maximum is 16/);
    expect(() => r3.addRule({ backends: [Backend.fromServiceName('a', 80, { filters: mirrors })] }))
      .toThrow(/spec.rules\[0\].backendRefs\[0\].filters has 17 entries, the maximum is 16/);

    for (let i = 0; i < 16; i++) r2.addHostname(`h${i}.example.com`);
    r2.addHostname('h0.example.com'); // duplicates are merged
    expect(() => r2.addHostname('h16.example.com')).toThrow(/HTTPRoute test\/R2: spec.hostnames already has 16 entries, the maximum/);
    expect(() => r2.addHostname('Bad.example.com')).toThrow(/spec.hostnames: hostname "Bad.example.com" is not a lowercase RFC 1123 DNS name/);
  });

  test('the matched header must be valid (factory)', () => {
    expect(() => HeaderMatch.exact('bad header', 'x')).toThrow(/HeaderMatch.exact: header name "bad header"/);
  });

  test('filters that may not repeat, redirect combinations and foreign filters', () => {
    const chart = Testing.chart();
    const r = route(chart);
    const twice = (f: () => HttpFilter) => [f(), f()];
    expect(() => r.addRule({ backends: [web], filters: twice(() => HttpFilter.requestHeaderModifier({ set: { a: 'b' } })) }))
      .toThrow(/spec.rules\[0\].filters: the RequestHeaderModifier filter appears 2 times; it may appear only once per list/);
    expect(() => r.addRule({ backends: [web], filters: twice(() => HttpFilter.responseHeaderModifier({ remove: ['a'] })) }))
      .toThrow(/the ResponseHeaderModifier filter appears 2 times/);
    expect(() => r.addRule({ backends: [web], filters: twice(() => HttpFilter.urlRewrite({ hostname: 'a.b' })) }))
      .toThrow(/the URLRewrite filter appears 2 times/);
    expect(() => r.addRule({ filters: twice(() => HttpFilter.requestRedirect({ scheme: 'https' })) }))
      .toThrow(/the RequestRedirect filter appears 2 times/);
    expect(() => r.addRule({ backends: [Backend.fromServiceName('a', 80, { filters: twice(() => HttpFilter.cors({ allowOrigins: ['*'] })) })] }))
      .toThrow(/spec.rules\[0\].backendRefs\[0\].filters: the CORS filter appears 2 times/);
    expect(() => r.addRule({ filters: [HttpFilter.requestRedirect({ scheme: 'https' }), HttpFilter.urlRewrite({ hostname: 'a.b' })] }))
      .toThrow(/spec.rules\[0\].filters: RequestRedirect and URLRewrite cannot be used together/);
    expect(() => r.addRule({ backends: [web], filters: [HttpFilter.requestRedirect({ port: 8080 })] }))
      .toThrow(/spec.rules\[0\]: a RequestRedirect filter cannot be used together with backends \(Service "web:80"\)/);
    expect(() => r.addRule({ backends: [Backend.fromServiceName('a', 80, { filters: [grpcOnlyFilter] })] }))
      .toThrow(/spec.rules\[0\].backendRefs\[0\].filters: a RequestHeaderModifier filter for GRPCRoute cannot be used in an HTTPRoute/);
    expect(() => r.addRule({ backends: [web], filters: [grpcOnlyFilter as HttpFilter] })).toThrow(/filter for GRPCRoute cannot be used in an HTTPRoute/);
    // Mirrors and extension refs may repeat.
    r.addRule({ backends: [web], filters: [HttpFilter.requestMirror(web), HttpFilter.requestMirror(web)] });
    expect(r.ruleCount).toBe(1);
  });

  test('ReplacePrefixMatch needs exactly one PathPrefix match', () => {
    const chart = Testing.chart();
    const r = route(chart);
    const rewrite = HttpFilter.urlRewrite({ path: PathModifier.replacePrefixMatch('/new') });
    const redirect = HttpFilter.requestRedirect({ path: PathModifier.replacePrefixMatch('/new') });
    expect(() => r.addRule({ matches: [{ path: PathMatch.prefix('/a') }, { path: PathMatch.prefix('/b') }], filters: [rewrite], backends: [web] }))
      .toThrow(/spec.rules\[0\]: the URLRewrite filter uses ReplacePrefixMatch, which needs exactly one PathPrefix match; it has 2 matches/);
    expect(() => r.addRule({ matches: [{ path: PathMatch.exact('/a') }], filters: [redirect] }))
      .toThrow(/the RequestRedirect filter uses ReplacePrefixMatch, which needs exactly one PathPrefix match; its match is Exact "\/a"/);
    expect(() => r.addRule({ matches: [{ path: PathMatch.regex('^/a') }], backends: [Backend.fromServiceName('a', 80, { filters: [rewrite] })] }))
      .toThrow(/its match is RegularExpression "\^\/a"/);
    // One PathPrefix match, a match that defaults to PathPrefix "/", or no match at all are fine.
    r.addRule({ matches: [{ path: PathMatch.prefix('/old') }], filters: [rewrite], backends: [web] });
    r.addRule({ matches: [{ headers: [HeaderMatch.exact('x', 'y')] }], filters: [redirect] });
    r.addRule({ filters: [HttpFilter.requestRedirect({ path: PathModifier.replacePrefixMatch('') })] });
    expect(r.ruleCount).toBe(3);
  });

  test('rule names are checked and unique', () => {
    const chart = Testing.chart();
    const r = route(chart, [{ name: 'api', backends: [web] }]);
    expect(() => r.addRule({ name: 'api', backends: [web] })).toThrow(/HTTPRoute test\/Route: spec.rules\[1\] \("api"\): rule name "api" is already used in this route/);
    expect(() => r.addRule({ name: 'Bad_Name', backends: [web] })).toThrow(/spec.rules\[1\] \("Bad_Name"\): rule name "Bad_Name" must be a lowercase RFC 1123 subdomain/);
    // A failed addRule leaves nothing behind.
    r.addRule({ name: 'other', backends: [web] });
    expect(r.ruleCount).toBe(2);
  });

  test('timeouts', () => {
    const chart = Testing.chart();
    const r = route(chart);
    expect(() => r.addRule({ backends: [web], timeout: Duration.seconds(5), backendTimeout: Duration.seconds(10) }))
      .toThrow(/spec.rules\[0\]: backendTimeout 10s is longer than timeout 5s/);
    expect(() => r.addRule({ backends: [web], timeout: Duration.millis(1.5) })).toThrow(/spec.rules\[0\]: timeout: duration 1.5ms has a fraction of a millisecond/);
    expect(() => r.addRule({ backends: [web], backendTimeout: Duration.hours(110_000) })).toThrow(/backendTimeout: duration .* above the 5-digit limit/);
    r.addRule({ backends: [web], timeout: Duration.seconds(0), backendTimeout: Duration.seconds(30) });
    r.addRule({ backends: [web], backendTimeout: Duration.seconds(30) });
    const rules = Testing.synth(chart)[0].spec.rules;
    expect(rules[0].timeouts).toStrictEqual({ request: '0s', backendRequest: '30s' });
    expect(rules[1].timeouts).toStrictEqual({ backendRequest: '30s' });
  });

  test('weights out of range are rejected by the backend factory', () => {
    expect(() => Backend.fromServiceName('a', 80, { weight: 1_000_001 })).toThrow(/Backend: weight 1000001 is outside 0-1000000/);
    expect(() => Backend.fromServiceName('a', 80, { weight: -1 })).toThrow(/weight -1 is outside 0-1000000/);
  });
});

describe('HttpRoute synth-time validation', () => {
  test('a route without rules', () => {
    const chart = Testing.chart();
    route(chart);
    expect(() => Testing.synth(chart)).toThrow(/\[test\/Route\] HTTPRoute has no rules; add one with addRule\(\)/);
  });

  test('rules that answer 500', () => {
    const chart = Testing.chart();
    route(chart, [
      { backends: [Backend.fromServiceName('a', 80, { weight: 0 }), Backend.fromServiceName('b', 80, { weight: 0 })] },
      { matches: [{ path: PathMatch.prefix('/x') }], filters: [HttpFilter.requestHeaderModifier({ set: { a: 'b' } })] },
      { filters: [HttpFilter.extensionRef({ group: 'example.com', kind: 'Filter', name: 'f' })] },
    ]);
    expect(() => Testing.synth(chart)).toThrow(/spec.rules\[0\]: every backend has weight 0 \(Service "a:80", Service "b:80"\), so all matched requests get HTTP 500/);
    expect(() => Testing.synth(chart)).toThrow(/spec.rules\[1\]: the rule has no backends and no RequestRedirect or ExtensionRef filter/);
    expect(() => Testing.synth(chart)).not.toThrow(/spec.rules\[2\]/);
  });
});

describe('HttpRoute cross-namespace backends', () => {
  test('a backend and a mirror in other namespaces get ReferenceGrants', () => {
    const chart = Testing.chart();
    const foreignMirror: IBackendFilter = {
      filterType: 'RequestMirror',
      routeKinds: ['HTTPRoute'],
      renderFilter: () => ({ type: 'RequestMirror', requestMirror: { backendRef: { name: 'copy', namespace: 'qa', port: 81 } } }),
    };
    route(chart, [{
      backends: [Backend.fromServiceName('api', 8080, { namespace: 'api', filters: [foreignMirror] })],
      filters: [HttpFilter.requestMirror(Backend.fromServiceName('shadow', 80, { namespace: 'qa' }))],
    }]);
    const grants = Testing.synth(chart).filter(o => o.kind === 'ReferenceGrant');
    expect(grants).toStrictEqual([
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'ReferenceGrant',
        metadata: { name: 'httproute-web-to-service-api', namespace: 'api' },
        spec: {
          from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'web' }],
          to: [{ group: '', kind: 'Service', name: 'api' }],
        },
      },
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'ReferenceGrant',
        metadata: { name: 'httproute-web-to-service-shadow', namespace: 'qa' },
        spec: {
          from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'web' }],
          to: [{ group: '', kind: 'Service', name: 'shadow' }],
        },
      },
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'ReferenceGrant',
        metadata: { name: 'httproute-web-to-service-copy', namespace: 'qa' },
        spec: {
          from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'web' }],
          to: [{ group: '', kind: 'Service', name: 'copy' }],
        },
      },
    ]);
  });

  test('with createReferenceGrants off, a missing grant is a synth error and an existing one satisfies it', () => {
    const chart = Testing.chart();
    route(chart, [{ backends: [Backend.fromServiceName('api', 8080, { namespace: 'api' })] }], { createReferenceGrants: false });
    expect(() => Testing.synth(chart)).toThrow(/backend Service "api\/api:8080" is in namespace "api" but no ReferenceGrant there lets HTTPRoute from namespace "web" refer to it/);
    new ReferenceGrant(chart, 'Allow', {
      metadata: { namespace: 'api' },
      allowFrom: [ReferenceGrantFrom.httpRoutes('web')],
      allowTo: [ReferenceGrantTo.services('api')],
    });
    expect(Testing.synth(chart).map(o => o.kind)).toStrictEqual(['HTTPRoute', 'ReferenceGrant']);
  });
});

describe('HttpRoute Experimental channel', () => {
  const auth = () => HttpFilter.externalAuth(Backend.fromServiceName('authz', 9001), { protocol: ExternalAuthProtocol.GRPC });

  test('experimental fields throw in the Standard channel', () => {
    const chart = Testing.chart();
    const r = route(chart);
    const hint = /exists only in the Experimental channel of Gateway API; call GatewayApiChannel.useExperimental\(app\)/;
    expect(() => r.addRule({ backends: [web], retry: { attempts: 2 } })).toThrow(/HTTPRoute test\/Route: spec.rules\[0\]: retry exists only/);
    expect(() => r.addRule({ backends: [web], sessionPersistence: {} })).toThrow(hint);
    expect(() => r.addRule({ backends: [web], filters: [auth()] })).toThrow(/spec.rules\[0\]: the ExternalAuth filter exists only/);
    expect(() => r.addRule({ backends: [Backend.fromServiceName('a', 80, { filters: [auth()] })] })).toThrow(hint);
    expect(r.ruleCount).toBe(0);
  });

  test('the Experimental channel renders retry, sessionPersistence and ExternalAuth', () => {
    const chart = experimentalChart();
    route(chart, [{
      backends: [web],
      filters: [auth()],
      retry: { attempts: 3, backoff: Duration.millis(100), codes: [502, 503] },
      sessionPersistence: { sessionName: 'sid', absoluteTimeout: Duration.hours(1), cookieLifetime: CookieLifetimeType.PERMANENT },
    }, {
      backends: [web],
      retry: {},
      sessionPersistence: { type: SessionPersistenceType.HEADER },
    }]);
    expect(Testing.synth(chart)[0].spec.rules).toStrictEqual([
      {
        backendRefs: [{ name: 'web', port: 80 }],
        filters: [{ type: 'ExternalAuth', externalAuth: { protocol: 'GRPC', backendRef: { name: 'authz', port: 9001 }, grpc: {} } }],
        retry: { attempts: 3, backoff: '100ms', codes: [502, 503] },
        sessionPersistence: { type: 'Cookie', sessionName: 'sid', absoluteTimeout: '1h', cookieConfig: { lifetimeType: 'Permanent' } },
      },
      {
        backendRefs: [{ name: 'web', port: 80 }],
        retry: {},
        sessionPersistence: { type: 'Header' },
      },
    ]);
  });

  test('a scope pinned to Standard under an Experimental app still rejects them', () => {
    const chart = experimentalChart();
    GatewayApiChannel.useStandard(chart);
    expect(() => route(chart, [{ backends: [web], retry: { attempts: 1 } }])).toThrow(/retry exists only in the Experimental channel/);
  });

  test('switching back to Standard after adding experimental fields is a synth error', () => {
    const chart = experimentalChart();
    route(chart, [{ backends: [web], retry: { attempts: 1 } }]);
    GatewayApiChannel.useStandard(chart);
    expect(() => Testing.synth(chart)).toThrow(/spec.rules\[0\]: retry exist only in the Experimental channel, but the route targets Standard/);
  });

  test('the Experimental CRDs require visible header values', () => {
    const chart = experimentalChart();
    route(chart, [{
      matches: [{ headers: [HeaderMatch.exact('x-a', 'two  spaces')] }],
      filters: [HttpFilter.requestHeaderModifier({ add: { 'x-b': 'ok value' } })],
      backends: [Backend.fromServiceName('a', 80, { filters: [HttpFilter.responseHeaderModifier({ set: { 'x-c': ' lead' } })] })],
    }]);
    expect(() => Testing.synth(chart)).toThrow(/header value "two  spaces" is rejected by the Experimental CRDs[\s\S]*header value " lead"/);
    expect(() => Testing.synth(chart)).not.toThrow(/"ok value"/);
  });

  test('bad retry and session persistence settings are rejected', () => {
    const r = route(experimentalChart());
    expect(() => r.addRule({ backends: [web], retry: { attempts: 0 } })).toThrow(/HTTPRoute test\/Route: spec.rules\[0\].retry: attempts 0 must be a whole number, 1 or more/);
    expect(() => r.addRule({ backends: [web], retry: { codes: [600] } })).toThrow(/retry: codes: status code 600 is outside 400-599/);
    expect(() => r.addRule({ backends: [web], retry: { codes: [503, 503] } })).toThrow(/codes lists a status code more than once: 503, 503/);
    expect(() => r.addRule({ backends: [web], retry: { backoff: Duration.millis(0.5) } })).toThrow(/retry: backoff: duration 0.5ms has a fraction/);
    const headerWithCookie = { type: SessionPersistenceType.HEADER, cookieLifetime: CookieLifetimeType.SESSION };
    expect(() => r.addRule({ backends: [web], sessionPersistence: headerWithCookie }))
      .toThrow(/sessionPersistence: cookieLifetime Session applies to Cookie sessions only, the type is Header/);
    expect(() => r.addRule({ backends: [web], sessionPersistence: { cookieLifetime: CookieLifetimeType.PERMANENT } }))
      .toThrow(/sessionPersistence: a Permanent cookie needs absoluteTimeout/);
    expect(() => r.addRule({ backends: [web], sessionPersistence: { sessionName: 'x'.repeat(129) } })).toThrow(/sessionName "x+" must be 1-128 characters/);
    expect(() => r.addRule({ backends: [web], sessionPersistence: { type: 'Sticky' as SessionPersistenceType } })).toThrow(/type "Sticky" must be Cookie or Header/);
    expect(r.ruleCount).toBe(0);
  });
});

describe('HttpRoute.applyResponseHeaders', () => {

  test('merges into an existing ResponseHeaderModifier, appends one otherwise, and covers later rules', () => {
    const chart = Testing.chart();
    const r = route(chart, [
      { matches: [{ path: PathMatch.prefix('/a') }], filters: [HttpFilter.responseHeaderModifier({ set: { 'x-a': '1' }, remove: ['server'] })], backends: [web] },
      { matches: [{ path: PathMatch.prefix('/b') }], filters: [HttpFilter.requestHeaderModifier({ set: { 'x-b': '2' } })], backends: [web] },
    ]);
    r.applyResponseHeaders({ 'x-frame-options': 'DENY' });
    r.applyResponseHeaders({ 'X-Frame-Options': 'DENY' }); // same header, same value: nothing changes
    r.addRule({ matches: [{ path: PathMatch.prefix('/c') }], backends: [web] });
    expect(Testing.synth(chart)[0].spec.rules.map((x: any) => x.filters)).toStrictEqual([
      [{ type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'x-a', value: '1' }, { name: 'x-frame-options', value: 'DENY' }], remove: ['server'] } }],
      [
        { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-b', value: '2' }] } },
        { type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'x-frame-options', value: 'DENY' }] } },
      ],
      [{ type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'x-frame-options', value: 'DENY' }] } }],
    ]);
  });

  test('a rule that already sets the header to the same value keeps one entry', () => {
    const chart = Testing.chart();
    const r = route(chart, [{ filters: [HttpFilter.responseHeaderModifier({ set: { 'X-Frame-Options': 'DENY' } })], backends: [web] }]);
    r.applyResponseHeaders({ 'x-frame-options': 'DENY' });
    expect(Testing.synth(chart)[0].spec.rules[0].filters).toStrictEqual([
      { type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'X-Frame-Options', value: 'DENY' }] } },
    ]);
  });

  test('conflicts throw, name the rule and leave every rule unchanged', () => {
    const chart = Testing.chart();
    const r = route(chart, [
      { backends: [web] },
      { name: 'legacy', matches: [{ path: PathMatch.prefix('/l') }], filters: [HttpFilter.responseHeaderModifier({ set: { 'x-frame-options': 'SAMEORIGIN' } })], backends: [web] },
    ]);
    expect(() => r.applyResponseHeaders({ 'x-frame-options': 'DENY' })).toThrow(
      'HTTPRoute test/Route: spec.rules[1] ("legacy"): the rule\'s ResponseHeaderModifier already sets "x-frame-options" to "SAMEORIGIN"; it cannot also set it to "DENY"');
    expect(Testing.synth(chart)[0].spec.rules[0].filters).toBeUndefined();

    const r2 = route(Testing.chart(), [{ filters: [HttpFilter.responseHeaderModifier({ add: { 'x-a': '1' } })], backends: [web] }]);
    expect(() => r2.applyResponseHeaders({ 'x-a': '2' })).toThrow(/spec.rules\[0\]: the rule's ResponseHeaderModifier already adds "x-a"; it cannot also set it/);
    const r3 = route(Testing.chart(), [{ filters: [HttpFilter.responseHeaderModifier({ remove: ['X-A'] })], backends: [web] }]);
    expect(() => r3.applyResponseHeaders({ 'x-a': '2' })).toThrow(/the rule's ResponseHeaderModifier removes "x-a"; it cannot also set it/);
  });

  test('route-wide headers conflict with later rules and with other values', () => {
    const r = route(Testing.chart());
    r.applyResponseHeaders({ 'x-a': '1' });
    expect(() => r.applyResponseHeaders({ 'X-A': '2' })).toThrow('HTTPRoute test/Route: applyResponseHeaders: response header "X-A" is already set on every rule to "1"; it cannot also be "2"');
    expect(() => r.addRule({ filters: [HttpFilter.responseHeaderModifier({ remove: ['x-a'] })], backends: [web] }))
      .toThrow(/spec.rules\[0\]: the rule's ResponseHeaderModifier removes "x-a"; it cannot also set it \(set on every rule by applyResponseHeaders\)/);
    expect(r.ruleCount).toBe(0);
    expect(() => r.applyResponseHeaders({})).toThrow(/applyResponseHeaders: no header given/);
    expect(() => r.applyResponseHeaders({ 'bad header': 'x' })).toThrow(/applyResponseHeaders: header name "bad header" is not a valid HTTP header name/);
  });

  test('limits: 16 filters without a ResponseHeaderModifier, 16 set headers', () => {
    const mirrors = Array.from({ length: 16 }, (_, i) => HttpFilter.requestMirror(Backend.fromServiceName(`m${i}`, 80)));
    const r = route(Testing.chart(), [{ filters: mirrors, backends: [web] }]);
    expect(() => r.applyResponseHeaders({ 'x-a': '1' })).toThrow(/the rule already has 16 filters and no ResponseHeaderModifier to merge response headers into/);
    const set = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`x-${i}`, 'v']));
    const r2 = route(Testing.chart(), [{ filters: [HttpFilter.responseHeaderModifier({ set })], backends: [web] }]);
    expect(() => r2.applyResponseHeaders({ 'x-a': '1' })).toThrow(/already sets 16 headers, the maximum; "x-a" does not fit/);
  });
});
