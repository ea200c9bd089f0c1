import { App, Chart } from 'cdk8s';
import * as gw from '../../src';
import { RoutingModel } from '../../src/simulate';

function app(): App {
  const a = new App();
  const chart = new Chart(a, 'web');
  const edge = new gw.Gateway(chart, 'Edge', { metadata: { name: 'edge', namespace: 'infra' }, gatewayClass: gw.GatewayClass.fromGatewayClassName(chart, 'Eg', 'eg') });
  const http = edge.addHttpListener({ allowedRoutes: gw.RouteNamespaces.all() });
  new gw.HttpRoute(chart, 'Web', {
    metadata: { name: 'web', namespace: 'web' },
    parents: [http],
    hostnames: ['www.example.com'],
    rules: [
      { matches: [{ path: gw.PathMatch.prefix('/') }], backends: [gw.Backend.fromServiceName('web', 80)] },
      {
        matches: [{ path: gw.PathMatch.prefix('/api') }],
        filters: [gw.HttpFilter.requestHeaderModifier({ set: { 'x-env': 'prod' }, remove: ['x-debug'] })],
        backends: [gw.Backend.fromServiceName('api', 8080, { weight: 3 }), gw.Backend.fromServiceName('api-next', 8080, { weight: 1 })],
      },
    ],
  });
  return a;
}

describe('RoutingModel sources', () => {
  test('fromApp reads every chart', () => {
    const m = RoutingModel.fromApp(app());
    expect(m.objects.map(o => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['Gateway infra/edge', 'HTTPRoute web/web']);
    expect(m.route({ url: 'http://www.example.com/api/x' })).toMatchObject({
      status: 200,
      backends: [
        { kind: 'Service', namespace: 'web', name: 'api', port: '8080', weight: 0.75 },
        { kind: 'Service', namespace: 'web', name: 'api-next', port: '8080', weight: 0.25 },
      ],
      requestHeaders: [{ name: 'x-debug', value: '' }, { name: 'x-env', value: 'prod' }],
      source: 'HTTPRoute web/web',
    });
  });

  test('fromYaml reads documents and Lists, and reports syntax errors with the document', () => {
    const yaml = [
      'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: gw, namespace: infra}\nspec: {listeners: [{name: http, port: 80, protocol: HTTP}]}',
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: gateway.networking.k8s.io/v1\n  kind: HTTPRoute\n  metadata: {name: r, namespace: infra}\n  spec: {parentRefs: [{name: gw}], rules: [{backendRefs: [{name: s, port: 80}]}]}',
      '',
    ].join('\n---\n');
    expect(RoutingModel.fromYaml(yaml).route({ url: 'http://any/' }).backends).toEqual([{ kind: 'Service', namespace: 'infra', name: 's', port: '80', weight: 1 }]);
    expect(() => RoutingModel.fromYaml('a: 1\n---\nkind: [')).toThrow(/^RoutingModel.fromYaml: document 2: /);
  });

  test('fromObjects ignores values that are not objects', () => {
    expect(RoutingModel.fromObjects([null, 3, { kind: 'X' }, { kind: 'Gateway', metadata: { name: 'g' } }]).objects).toEqual([{ kind: 'Gateway', metadata: { name: 'g' } }]);
  });
});

describe('explain', () => {
  test('explainLines: one line per step, the result, touched headers and what is not modeled', () => {
    const m = RoutingModel.fromApp(app());
    expect(m.explain({ url: 'http://www.example.com/api/x?q=1', headers: [{ name: 'X-Debug', value: '1' }] })).toEqual([
      'listener  Gateway infra/edge listener http: HTTP port 80, hostname (any); only listener matching www.example.com',
      'route     HTTPRoute web/web: hostnames www.example.com; 1 attached HTTPRoute',
      'rule      HTTPRoute web/web rule 1: matches PathPrefix /api; longest PathPrefix among 2 matching rules',
      'filter    RequestHeaderModifier: set x-env: prod, remove x-debug',
      'backend   Service web/api:8080: weight 3 of 4 (75%)',
      'backend   Service web/api-next:8080: weight 1 of 4 (25%)',
      'result    200 → Service web/api:8080 75%, Service web/api-next:8080 25% (www.example.com/api/x?q=1)',
      'request   x-debug: (removed)',
      'request   x-env: prod',
    ]);
  });

  test('explainLines for a redirect, a mirror and a note', () => {
    const outcome = {
      status: 308,
      location: 'https://a/',
      backends: [],
      requestHeaders: [],
      responseHeaders: [{ name: 'x', value: '1' }],
      mirrors: [{ kind: 'Service', namespace: 'n', name: 'm', port: '80', weight: 0.5 }],
      annotations: [],
      steps: [{ stage: 'filter', name: 'RequestRedirect', detail: '308 to https://a/' }],
      notModeled: ['something'],
    };
    expect(RoutingModel.explainLines(outcome)).toEqual([
      'filter    RequestRedirect: 308 to https://a/',
      'result    308 → https://a/',
      'response  x: 1',
      'mirror    Service n/m:80 50%',
      'not modeled something',
    ]);
  });
});
