import { GatewayByHost } from '../../../src/compat/verify/gateway-by-host';

const gateway = (ns: string) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'gw', namespace: ns },
  spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' } } }] },
});
const route = (ns: string, name: string, hostnames: string[], service: string) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name, namespace: ns },
  spec: { parentRefs: [{ name: 'gw' }], ...(hostnames.length ? { hostnames } : {}), rules: [{ backendRefs: [{ name: service, port: 80 }] }] },
});

describe('GatewayByHost', () => {
  const objects = [
    gateway('a'), gateway('b'), gateway('c'),
    route('a', 'site', ['a.example'], 'web-a'),
    route('b', 'wild', ['*.b.example'], 'web-b'),
    route('c', 'default', [], 'fallback'),
  ];
  const model = new GatewayByHost(objects, {});

  test('each host goes through the Gateway whose routes name it, a wildcard by its suffix', () => {
    expect(model.gatewayFor('a.example')).toBe('a/gw');
    expect(model.gatewayFor('x.b.example')).toBe('b/gw');
    expect(model.route({ url: 'http://a.example/' }).backends.map(b => `${b.namespace}/${b.name}`)).toEqual(['a/web-a']);
    expect(model.route({ url: 'http://x.b.example/' }).backends.map(b => `${b.namespace}/${b.name}`)).toEqual(['b/web-b']);
  });

  test('a host no Gateway names reaches the Gateway with the catch-all route, not the first catch-all listener', () => {
    expect(model.gatewayFor('unknown.example')).toBe('c/gw');
    expect(model.route({ url: 'http://unknown.example/' }).backends.map(b => `${b.namespace}/${b.name}`)).toEqual(['c/fallback']);
  });
});
