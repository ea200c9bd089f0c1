import { ApiObject, App, Chart, Duration, IResolver, JsonPatch, Lazy, ResolutionContext, Testing } from 'cdk8s';
import { Backend, GatewayApiValidation, GatewayClass, Gateway, HeaderMatch, HttpFilter, HttpRoute, PathMatch, RouteNamespaces } from '../src';

/*
 * The API objects of the L2 constructs render their spec without cdk8s's resolve pass when the
 * app has only the built-in resolvers: the JSON must be the one cdk8s's own ApiObject.toJson
 * produces, key order included, and every other case must take cdk8s's path.
 */

function routeApp(app: App = Testing.app()): { chart: Chart; route: HttpRoute } {
  GatewayApiValidation.configure(app, { disabled: true });
  const chart = new Chart(app, 'c', { namespace: 'shop', labels: { team: 'web' } });
  const gateway = new Gateway(chart, 'gw', { gatewayClass: GatewayClass.fromGatewayClassName(chart, 'cls', 'eg') });
  const listener = gateway.addHttpListener({ allowedRoutes: RouteNamespaces.all() });
  const route = new HttpRoute(chart, 'route', {
    metadata: { annotations: { 'b-note': 'x', 'a-note': 'y' } },
    parents: [listener],
    hostnames: ['shop.example.com'],
    rules: [
      { matches: [{ path: PathMatch.prefix('/') }], backends: [Backend.fromServiceName('web', 80, { weight: 9 }), Backend.fromServiceName('canary', 80, { weight: 1 })] },
      {
        matches: [{ path: PathMatch.exact('/api'), headers: [HeaderMatch.exact('x-v', '2')] }],
        filters: [HttpFilter.requestHeaderModifier({ set: { 'x-b': '1', 'x-a': '2' }, remove: ['x-c'] })],
        backends: [Backend.fromServiceName('api', 8080)],
        timeout: Duration.seconds(10),
      },
    ],
  });
  return { chart, route };
}

/** What cdk8s's own rendering gives for the object. */
function cdk8sJson(obj: ApiObject): unknown {
  return ApiObject.prototype.toJson.call(obj);
}

describe('RenderedApiObject', () => {
  test('renders the JSON cdk8s renders, with the same key order', () => {
    const { chart, route } = routeApp();
    for (const obj of [route.apiObject, ...chart.node.findAll().filter(ApiObject.isApiObject)]) {
      expect(JSON.stringify(obj.toJson())).toBe(JSON.stringify(cdk8sJson(obj)));
    }
    expect(Object.keys(route.apiObject.toJson())).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(route.apiObject.toJson().spec.rules[1]).toEqual({
      backendRefs: [{ name: 'api', port: 8080 }],
      filters: [{ requestHeaderModifier: { remove: ['x-c'], set: [{ name: 'x-a', value: '2' }, { name: 'x-b', value: '1' }] }, type: 'RequestHeaderModifier' }],
      matches: [{ headers: [{ name: 'x-v', type: 'Exact', value: '2' }], path: { type: 'Exact', value: '/api' } }],
      timeouts: { request: '10s' },
    });
  });

  test('keys are sorted as cdk8s sorts them (by code unit: digits, upper case, then lower case)', () => {
    const app = Testing.app();
    GatewayApiValidation.configure(app, { disabled: true });
    const chart = new Chart(app, 'c');
    const keys = ['b', 'B', 'a.example.com/z', 'a.example.com/A', 'x_y', 'x-2', 'x-10', 'Z9', 'Z', 'zz', '0a', 'a', 'aa', 'ab', 'A-b', 'a-B'];
    const gateway = new Gateway(chart, 'gw', {
      gatewayClass: GatewayClass.fromGatewayClassName(chart, 'cls', 'eg'),
      infrastructure: { annotations: Object.fromEntries(keys.map((k, i) => [k, String(i)])) },
    });
    gateway.addHttpListener();
    const json = gateway.apiObject.toJson();
    expect(JSON.stringify(json)).toBe(JSON.stringify(cdk8sJson(gateway.apiObject)));
    expect(Object.keys(json.spec.infrastructure.annotations)).toEqual([...keys].sort());
  });

  test('custom resolvers of the app apply to the spec', () => {
    class Rename implements IResolver {
      public resolve(context: ResolutionContext): void {
        if (context.value === 'canary') context.replaceValue('canary-v2');
      }
    }
    const { route } = routeApp(Testing.app({ resolvers: [new Rename()] }));
    expect(route.apiObject.toJson().spec.rules[0].backendRefs).toEqual([{ name: 'web', port: 80, weight: 9 }, { name: 'canary-v2', port: 80, weight: 1 }]);
  });

  test('JSON patches apply', () => {
    const { route } = routeApp();
    route.apiObject.addJsonPatch(JsonPatch.add('/spec/extra', 1));
    expect(route.apiObject.toJson().spec.extra).toBe(1);
    expect(route.apiObject.toJson()).toEqual(cdk8sJson(route.apiObject));
  });

  test('metadata values that are tokens are resolved', () => {
    const { route } = routeApp();
    route.metadata.addLabel('lazy', Lazy.any({ produce: () => 'later' }) as unknown as string);
    expect(route.apiObject.toJson().metadata.labels).toEqual({ lazy: 'later', team: 'web' });
  });

  test('CDK8S_DISABLE_SORT takes cdk8s\'s path', () => {
    const { route } = routeApp();
    process.env.CDK8S_DISABLE_SORT = '1';
    try {
      expect(JSON.stringify(route.apiObject.toJson())).toBe(JSON.stringify(cdk8sJson(route.apiObject)));
    } finally {
      delete process.env.CDK8S_DISABLE_SORT;
    }
  });

  test('synth writes the JSON cdk8s renders', () => {
    const { chart, route } = routeApp();
    expect(Testing.synth(chart).find(o => o.kind === 'HTTPRoute')).toEqual(cdk8sJson(route.apiObject));
  });
});
