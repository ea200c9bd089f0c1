import { ApiObject, Chart, Testing } from 'cdk8s';
import { Backend, GrpcFilter, RouteParentListener, TcpRoute, UdpRoute } from '../src';
import { StubParent } from './support/stub-parent';

const listeners: RouteParentListener[] = [
  { name: 'postgres', port: 5432, protocol: 'TCP' },
  { name: 'dns', port: 53, protocol: 'UDP' },
];

describe('TcpRoute', () => {
  test('renders parents and the single rule', () => {
    const chart = Testing.chart();
    const route = new TcpRoute(chart, 'Postgres', {
      metadata: { name: 'postgres' },
      parents: [new StubParent({ name: 'edge', sectionName: 'postgres' }, listeners.slice(0, 1))],
      rules: [{ name: 'primary', backends: [Backend.fromServiceName('postgres', 5432)] }],
    });
    expect(ApiObject.of(route)).toBe(route.apiObject);
    expect(route.ruleCount).toBe(1);
    expect(Testing.synth(chart)).toStrictEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'TCPRoute',
      metadata: { name: 'postgres' },
      spec: {
        parentRefs: [{ name: 'edge', sectionName: 'postgres' }],
        rules: [{ name: 'primary', backendRefs: [{ name: 'postgres', port: 5432 }] }],
      },
    }]);
  });

  test('a cross-namespace backend gets a ReferenceGrant of kind TCPRoute', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'edge' });
    new TcpRoute(chart, 'Route', { backends: [Backend.fromServiceName('postgres', 5432, { namespace: 'db' })] });
    expect(Testing.synth(chart).filter(o => o.kind === 'ReferenceGrant')).toStrictEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'ReferenceGrant',
      metadata: { name: 'tcproute-edge-to-service-postgres', namespace: 'db' },
      spec: {
        from: [{ group: 'gateway.networking.k8s.io', kind: 'TCPRoute', namespace: 'edge' }],
        to: [{ group: '', kind: 'Service', name: 'postgres' }],
      },
    }]);
  });

  test('rules are required, exactly one, and backends cannot have filters', () => {
    const chart = Testing.chart();
    const route = new TcpRoute(chart, 'Route');
    const filtered = Backend.fromServiceName('a', 1, { filters: [GrpcFilter.responseHeaderModifier({ remove: ['x'] })] });
    expect(() => route.addBackend(filtered)).toThrow(/TCPRoute test\/Route: spec.rules\[0\]: backend Service "a:1" has filters, but TCPRoute backends cannot have filters/);
    expect(() => Testing.synth(chart)).toThrow(/TCPRoute has no rules; pass backends or rules, or call addBackend\(\) or addRule\(\)/);
    route.addRule({ backends: [Backend.fromServiceName('a', 1)] });
    expect(() => route.addRule({ backends: [Backend.fromServiceName('b', 1)] }))
      .toThrow(/TCPRoute test\/Route: spec.rules already has a rule and TCPRoute v1 allows exactly one/);
  });

  test('a parent without TCP listeners fails at synth', () => {
    const chart = Testing.chart();
    new TcpRoute(chart, 'Route', {
      parents: [new StubParent({ name: 'edge', sectionName: 'dns' }, listeners.slice(1))],
      backends: [Backend.fromServiceName('a', 1)],
    });
    expect(() => Testing.synth(chart)).toThrow(/has no TCP listener for a TCPRoute \(listeners: dns UDP\/53\)/);
  });

  test('metadata names and namespaces must be valid Kubernetes names (found by the fuzz test)', () => {
    const chart = Testing.chart();
    const backends = [Backend.fromServiceName('a', 1)];
    expect(() => new TcpRoute(chart, 'Upper', { metadata: { name: 'route_0' }, backends }))
      .toThrow(/^TCPRoute test\/Upper: metadata: name "route_0" must be a lowercase RFC 1123 subdomain of 1-253 characters$/);
    expect(() => new TcpRoute(chart, 'Ns', { metadata: { name: 'r', namespace: 'Team-A' }, backends }))
      .toThrow(/^TCPRoute test\/Ns: metadata: namespace "Team-A" must be a lowercase RFC 1123 label of 1-63 characters$/);
    const app = Testing.app();
    new TcpRoute(new Chart(app, 'apps', { namespace: 'team_a' }), 'Route', { metadata: { name: 'r' }, backends });
    expect(() => app.synth()).toThrow(/\[apps\/Route\] metadata: the chart's namespace "team_a" must be a lowercase RFC 1123 label of 1-63 characters/);
  });
});

describe('UdpRoute', () => {
  test('renders parents and the single rule from backends', () => {
    const chart = Testing.chart();
    const route = new UdpRoute(chart, 'Dns', {
      metadata: { name: 'dns' },
      parents: [new StubParent({ name: 'edge', port: 53 }, listeners.slice(1))],
      backends: [Backend.fromServiceName('dns', 53, { weight: 5 })],
    });
    route.addBackend(Backend.fromServiceName('dns-backup', 53, { weight: 1 }));
    expect(route.ruleCount).toBe(1);
    expect(Testing.synth(chart)).toStrictEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'UDPRoute',
      metadata: { name: 'dns' },
      spec: {
        parentRefs: [{ name: 'edge', port: 53 }],
        rules: [{ backendRefs: [{ name: 'dns', port: 53, weight: 5 }, { name: 'dns-backup', port: 53, weight: 1 }] }],
      },
    }]);
  });

  test('a cross-namespace backend gets a ReferenceGrant of kind UDPRoute', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'edge' });
    new UdpRoute(chart, 'Route', { rules: [{ backends: [Backend.fromServiceName('dns', 53, { namespace: 'kube-system' })] }] });
    const grants = Testing.synth(chart).filter(o => o.kind === 'ReferenceGrant');
    expect(grants.map(g => [g.metadata, g.spec.from])).toStrictEqual([[
      { name: 'udproute-edge-to-service-dns', namespace: 'kube-system' },
      [{ group: 'gateway.networking.k8s.io', kind: 'UDPRoute', namespace: 'edge' }],
    ]]);
  });

  test('errors: a second rule, all weights zero, a parent without UDP listeners', () => {
    const chart = Testing.chart();
    const route = new UdpRoute(chart, 'Route', { backends: [Backend.fromServiceName('a', 1, { weight: 0 })] });
    expect(() => route.addRule({ backends: [Backend.fromServiceName('b', 1)] }))
      .toThrow(/UDPRoute test\/Route: spec.rules already has a rule and UDPRoute v1 allows exactly one/);
    new UdpRoute(chart, 'Wrong', {
      parents: [new StubParent({ name: 'edge' }, listeners.slice(0, 1))],
      backends: [Backend.fromServiceName('a', 1)],
    });
    expect(() => Testing.synth(chart)).toThrow(
      /test\/Route[\s\S]*spec.rules\[0\]: every backend has weight 0[\s\S]*test\/Wrong[\s\S]*has no UDP listener for a UDPRoute/);
  });
});
