import { ApiObject, Chart, Testing } from 'cdk8s';
import { Backend, GrpcFilter, GrpcMethodMatch, GrpcRoute, GrpcRouteMatch, IBackendFilter } from '../src';
import { StubParent } from './support/stub-parent';
import { HeaderMatch } from '../src/routes/header-match';

const httpsListener = new StubParent(
  { name: 'edge', sectionName: 'https' },
  [{ name: 'https', port: 443, protocol: 'HTTPS', hostname: '*.example.com' }],
);

function nsChart(namespace = 'web'): Chart {
  return new Chart(Testing.app(), 'test', { namespace });
}

function matches(n: number): GrpcRouteMatch[] {
  return Array.from({ length: n }, (_, i) => ({ method: GrpcMethodMatch.exact('svc.Api', `M${i}`) }));
}

describe('GrpcRoute', () => {
  test('renders parents, hostnames, named rules, matches, filters and backends', () => {
    // GIVEN
    const chart = Testing.chart();
    // WHEN
    const route = new GrpcRoute(chart, 'Route', {
      metadata: { name: 'orders' },
      parents: [httpsListener],
      hostnames: ['grpc.example.com'],
      rules: [{
        name: 'orders',
        matches: [
          { method: GrpcMethodMatch.exact('orders.v1.Orders', 'Get'), headers: [HeaderMatch.exact('x-tenant', 'a')] },
          { method: GrpcMethodMatch.regex('orders\\.v[0-9]+\\.Orders') },
          { headers: [HeaderMatch.regex('x-env', 'prod|staging')] },
        ],
        filters: [
          GrpcFilter.requestHeaderModifier({ set: { 'x-route': 'orders' }, remove: ['x-debug'] }),
          GrpcFilter.responseHeaderModifier({ add: { 'x-served-by': 'gw' } }),
          GrpcFilter.requestMirror(Backend.fromServiceName('shadow', 50051), { percent: 10 }),
          GrpcFilter.extensionRef({ group: 'example.com', kind: 'RateLimit', name: 'rl' }),
        ],
        backends: [
          Backend.fromServiceName('orders', 50051, { weight: 90 }),
          Backend.fromServiceName('orders-canary', 50051, {
            weight: 10,
            filters: [GrpcFilter.requestHeaderModifier({ set: { 'x-canary': 'true' } })],
          }),
        ],
      }],
    });
    route.addRule({ backends: [Backend.fromServiceName('fallback', 9000)] });

    // THEN
    expect(ApiObject.of(route)).toBe(route.apiObject);
    expect(route.ruleCount).toBe(2);
    expect(Testing.synth(chart)).toStrictEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GRPCRoute',
      metadata: { name: 'orders' },
      spec: {
        parentRefs: [{ name: 'edge', sectionName: 'https' }],
        hostnames: ['grpc.example.com'],
        rules: [
          {
            name: 'orders',
            matches: [
              {
                method: { type: 'Exact', service: 'orders.v1.Orders', method: 'Get' },
                headers: [{ name: 'x-tenant', type: 'Exact', value: 'a' }],
              },
              { method: { type: 'RegularExpression', service: 'orders\\.v[0-9]+\\.Orders' } },
              { headers: [{ name: 'x-env', type: 'RegularExpression', value: 'prod|staging' }] },
            ],
            filters: [
              { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-route', value: 'orders' }], remove: ['x-debug'] } },
              { type: 'ResponseHeaderModifier', responseHeaderModifier: { add: [{ name: 'x-served-by', value: 'gw' }] } },
              { type: 'RequestMirror', requestMirror: { backendRef: { name: 'shadow', port: 50051 }, percent: 10 } },
              { type: 'ExtensionRef', extensionRef: { group: 'example.com', kind: 'RateLimit', name: 'rl' } },
            ],
            backendRefs: [
              { name: 'orders', port: 50051, weight: 90 },
              {
                name: 'orders-canary',
                port: 50051,
                weight: 10,
                filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-canary', value: 'true' }] } }],
              },
            ],
          },
          { backendRefs: [{ name: 'fallback', port: 9000 }] },
        ],
      },
    }]);
  });

  test('a minimal route omits empty lists', () => {
    const chart = Testing.chart();
    const route = new GrpcRoute(chart, 'Route', { metadata: { name: 'r' } });
    route.addRule({ matches: [{}], backends: [Backend.fromServiceName('api', 50051)] });
    route.addHostname('api.example.com');
    route.addHostname('api.example.com');
    expect(Testing.synth(chart)[0].spec).toStrictEqual({
      hostnames: ['api.example.com'],
      rules: [{ matches: [{}], backendRefs: [{ name: 'api', port: 50051 }] }],
    });
  });

  test('mirror fraction and method-only matches', () => {
    const chart = Testing.chart();
    new GrpcRoute(chart, 'Route', {
      metadata: { name: 'r' },
      rules: [{
        matches: [{ method: GrpcMethodMatch.exact(undefined, 'Ping') }, { method: GrpcMethodMatch.regex(undefined, 'Get.*') }],
        filters: [GrpcFilter.requestMirror(Backend.fromServiceName('shadow', 1), { fraction: { numerator: 1 } })],
      }],
    });
    expect(Testing.synth(chart)[0].spec.rules).toStrictEqual([{
      matches: [{ method: { type: 'Exact', method: 'Ping' } }, { method: { type: 'RegularExpression', method: 'Get.*' } }],
      filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'shadow', port: 1 }, fraction: { numerator: 1, denominator: 100 } } }],
    }]);
  });

  test('a cross-namespace backend and mirror backend get ReferenceGrants of kind GRPCRoute', () => {
    const chart = nsChart();
    new GrpcRoute(chart, 'Route', {
      metadata: { name: 'orders' },
      rules: [{
        filters: [GrpcFilter.requestMirror(Backend.fromServiceName('shadow', 50051, { namespace: 'audit' }))],
        backends: [Backend.fromServiceName('orders', 50051, { namespace: 'api' })],
      }],
    });
    const grants = Testing.synth(chart).filter(o => o.kind === 'ReferenceGrant');
    expect(grants).toStrictEqual([
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'ReferenceGrant',
        metadata: { name: 'grpcroute-web-to-service-orders', namespace: 'api' },
        spec: {
          from: [{ group: 'gateway.networking.k8s.io', kind: 'GRPCRoute', namespace: 'web' }],
          to: [{ group: '', kind: 'Service', name: 'orders' }],
        },
      },
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'ReferenceGrant',
        metadata: { name: 'grpcroute-web-to-service-shadow', namespace: 'audit' },
        spec: {
          from: [{ group: 'gateway.networking.k8s.io', kind: 'GRPCRoute', namespace: 'web' }],
          to: [{ group: '', kind: 'Service', name: 'shadow' }],
        },
      },
    ]);
  });

  test('a backend-level mirror in another namespace also gets a grant; opting out makes it a synth error', () => {
    const chart = nsChart();
    new GrpcRoute(chart, 'Route', {
      createReferenceGrants: false,
      rules: [{
        backends: [Backend.fromServiceName('orders', 50051, {
          filters: [GrpcFilter.requestMirror(Backend.fromServiceName('shadow', 1, { namespace: 'audit' }))],
        })],
      }],
    });
    expect(() => Testing.synth(chart)).toThrow(/backend Service "audit\/shadow:1" is in namespace "audit" but no ReferenceGrant there lets GRPCRoute/);
  });

  test('a route without rules and a rule whose backends all weigh 0 fail at synth', () => {
    const chart = Testing.chart();
    new GrpcRoute(chart, 'Empty');
    new GrpcRoute(chart, 'Zero', {
      rules: [{ name: 'drain', backends: [Backend.fromServiceName('a', 1, { weight: 0 }), Backend.fromServiceName('b', 1, { weight: 0 })] }],
    });
    expect(() => Testing.synth(chart)).toThrow(/test\/Empty[\s\S]*GRPCRoute has no rules; pass rules or call addRule\(\)[\s\S]*test\/Zero[\s\S]*spec.rules\[0\] \("drain"\): every backend has weight 0/);
  });

  test('a parent without HTTP or HTTPS listeners fails at synth', () => {
    const chart = Testing.chart();
    const tcp = new StubParent({ name: 'edge' }, [{ name: 'db', port: 5432, protocol: 'TCP' }]);
    new GrpcRoute(chart, 'Route', { parents: [tcp], rules: [{ backends: [Backend.fromServiceName('a', 1)] }] });
    expect(() => Testing.synth(chart)).toThrow(/has no HTTP\/HTTPS listener for a GRPCRoute/);
  });

  test('rule limits and names are checked eagerly', () => {
    const chart = Testing.chart();
    const route = new GrpcRoute(chart, 'Route');
    expect(() => route.addRule({ name: 'Bad_Name' })).toThrow(/GRPCRoute test\/Route: spec.rules\[0\] \("Bad_Name"\): rule name "Bad_Name" must be a lowercase RFC 1123 subdomain/);
    route.addRule({ name: 'a' });
    expect(() => route.addRule({ name: 'a' })).toThrow(/spec.rules\[1\] \("a"\): a rule named "a" already exists/);
    expect(() => route.addRule({ matches: matches(65) })).toThrow(/spec.rules\[1\]: 65 matches, the maximum is 64 per rule/);
    route.addRule({ matches: matches(64) });
    route.addRule({ matches: matches(64) });
    expect(() => route.addRule({ matches: matches(1) })).toThrow(/the route would have 129 matches, the maximum is 128 across all rules/);
    for (let i = route.ruleCount; i < 16; i++) route.addRule({});
    expect(() => route.addRule({})).toThrow(/GRPCRoute test\/Route: spec.rules already has 16 entries, the maximum/);
  });

  test('match headers: at most 16, no repeated name', () => {
    const chart = Testing.chart();
    const route = new GrpcRoute(chart, 'Route');
    const headers = Array.from({ length: 17 }, (_, i) => HeaderMatch.exact(`x-h${i}`, 'v'));
    expect(() => route.addRule({ matches: [{ headers }] })).toThrow(/spec.rules\[0\].matches\[0\]: 17 headers, the maximum is 16/);
    expect(() => route.addRule({ matches: [{}, { headers: [HeaderMatch.exact('X-A', '1'), HeaderMatch.exact('x-a', '2')] }] }))
      .toThrow(/GRPCRoute test\/Route: spec.rules\[0\].matches\[1\]: header "x-a" is matched more than once/);
  });

  test('filters: at most 16, header modifiers may not repeat, only GRPCRoute filters', () => {
    const chart = Testing.chart();
    const route = new GrpcRoute(chart, 'Route');
    const mod = GrpcFilter.requestHeaderModifier({ set: { a: 'b' } });
    expect(() => route.addRule({ filters: [mod, mod] })).toThrow(/spec.rules\[0\].filters: RequestHeaderModifier appears more than once/);
    const ext = GrpcFilter.extensionRef({ group: '', kind: 'Thing', name: 't' });
    expect(() => route.addRule({ filters: Array(17).fill(ext) })).toThrow(/spec.rules\[0\].filters: 17 filters, the maximum is 16/);
    const resp = GrpcFilter.responseHeaderModifier({ remove: ['x'] });
    expect(() => route.addRule({ backends: [Backend.fromServiceName('a', 1, { filters: [resp, resp] })] }))
      .toThrow(/spec.rules\[0\].backendRefs\[0\] \(Service "a:1"\) filters: ResponseHeaderModifier appears more than once/);
    const httpOnly: IBackendFilter = { filterType: 'URLRewrite', routeKinds: ['HTTPRoute'], renderFilter: () => ({}) };
    expect(() => route.addRule({ backends: [Backend.fromServiceName('a', 1, { filters: [httpOnly] })] }))
      .toThrow(/a URLRewrite filter for HTTPRoute cannot be used in a GRPCRoute; use GrpcFilter/);
    const many = Array.from({ length: 17 }, (_, i) => Backend.fromServiceName(`b${i}`, 1));
    expect(() => route.addRule({ backends: many })).toThrow(/spec.rules\[0\]: 17 backends, the maximum is 16/);
    expect(route.ruleCount).toBe(0);
  });

  test('repeatable filters (mirror, extensionRef) may repeat', () => {
    const chart = Testing.chart();
    const route = new GrpcRoute(chart, 'Route');
    const ext = GrpcFilter.extensionRef({ group: 'example.com', kind: 'Thing', name: 't' });
    route.addRule({ filters: [ext, ext] });
    const extensionRef = { type: 'ExtensionRef', extensionRef: { group: 'example.com', kind: 'Thing', name: 't' } };
    expect(Testing.synth(chart)[0].spec.rules[0].filters).toStrictEqual([extensionRef, extensionRef]);
  });

  test('hostnames are checked', () => {
    const chart = Testing.chart();
    expect(() => new GrpcRoute(chart, 'Route', { hostnames: ['Bad.Example.com'] }))
      .toThrow(/GRPCRoute test\/Route: spec.hostnames: hostname "Bad.Example.com" is not a lowercase RFC 1123 DNS name/);
  });
});

describe('GrpcMethodMatch', () => {
  test('exact checks service and method syntax (service case-insensitive, optional leading dot)', () => {
    expect(GrpcMethodMatch.exact('.Foo.Bar_v1').service).toBe('.Foo.Bar_v1');
    expect(() => GrpcMethodMatch.exact()).toThrow(/GrpcMethodMatch.exact: neither service nor method given; pass at least one/);
    expect(() => GrpcMethodMatch.exact('')).toThrow(/GrpcMethodMatch.exact: service is empty; omit it/);
    expect(() => GrpcMethodMatch.exact('svc', '')).toThrow(/GrpcMethodMatch.exact: method is empty/);
    expect(() => GrpcMethodMatch.exact('orders/v1')).toThrow(/GrpcMethodMatch.exact: service "orders\/v1" is not a valid gRPC service name/);
    expect(() => GrpcMethodMatch.exact('1orders')).toThrow(/service "1orders" is not a valid gRPC service name/);
    expect(() => GrpcMethodMatch.exact('orders', 'Get-All')).toThrow(/GrpcMethodMatch.exact: method "Get-All" is not a valid gRPC method name/);
    expect(() => GrpcMethodMatch.exact('a'.repeat(1025))).toThrow(/is not a valid gRPC service name/);
  });

  test('regex needs one pattern of at most 1024 characters', () => {
    expect(GrpcMethodMatch.regex('.*', '[A-Z].*')._toKube()).toStrictEqual({ type: 'RegularExpression', service: '.*', method: '[A-Z].*' });
    expect(() => GrpcMethodMatch.regex()).toThrow(/GrpcMethodMatch.regex: neither service nor method given/);
    expect(() => GrpcMethodMatch.regex(undefined, 'x'.repeat(1025))).toThrow(/GrpcMethodMatch.regex: method pattern "x+" must be 1-1024 characters/);
  });
});

describe('GrpcFilter', () => {
  test('factories check their input', () => {
    expect(() => GrpcFilter.requestHeaderModifier({})).toThrow(/GrpcFilter.requestHeaderModifier: no header to set, add or remove/);
    expect(() => GrpcFilter.responseHeaderModifier({ remove: ['bad header'] })).toThrow(/GrpcFilter.responseHeaderModifier: remove: header name "bad header"/);
    expect(() => GrpcFilter.requestMirror(Backend.fromServiceName('a', 1, { weight: 2 }))).toThrow(/GrpcFilter.requestMirror: the mirror backend Service "a:1" cannot have a weight/);
    expect(() => GrpcFilter.requestMirror(Backend.fromServiceName('a', 1), { percent: 101 })).toThrow(/GrpcFilter.requestMirror: percent 101 must be an integer in 0-100/);
    expect(() => GrpcFilter.extensionRef({ group: 'example.com', kind: '1bad', name: 'x' })).toThrow(/GrpcFilter.extensionRef: kind "1bad"/);
  });

  test('filters declare their type and route kind', () => {
    const f = GrpcFilter.extensionRef({ group: 'example.com', kind: 'Thing', name: 't' });
    expect(f.filterType).toBe('ExtensionRef');
    expect(f.routeKinds).toStrictEqual(['GRPCRoute']);
  });
});
