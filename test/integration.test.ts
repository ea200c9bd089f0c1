import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as gw from '../src';

/** Real Gateways, ListenerSets and routes together (unit tests use stand-ins). */
describe('Gateway, ListenerSet and routes together', () => {
  function platform() {
    const app = Testing.app();
    const chart = new Chart(app, 'platform', { namespace: 'shop' });
    const gateway = new gw.Gateway(chart, 'Edge', {
      metadata: { name: 'edge', namespace: 'infra' },
      gatewayClass: gw.GatewayClass.fromGatewayClassName(chart, 'Eg', 'eg'),
      allowedListeners: gw.ListenerNamespaces.all(),
    });
    return { app, chart, gateway };
  }

  test('a whole chart: listeners, a kplus Service backend, a cross-namespace backend and its grant', () => {
    const { chart, gateway } = platform();
    const http = gateway.addHttpListener({ allowedRoutes: gw.RouteNamespaces.all() });
    const https = gateway.addHttpsListener({
      hostname: '*.example.com',
      certificates: [gw.CertificateRef.fromSecretName('wildcard-tls')],
      allowedRoutes: gw.RouteNamespaces.all(),
    });
    const web = new kplus.Service(chart, 'WebService', { metadata: { name: 'web' }, ports: [{ port: 8080 }] });
    new gw.HttpRoute(chart, 'Shop', {
      metadata: { name: 'shop' },
      parents: [http, https],
      hostnames: ['shop.example.com'],
      rules: [
        { matches: [{ path: gw.PathMatch.prefix('/') }], backends: [gw.Backend.fromService(web)] },
        { matches: [{ path: gw.PathMatch.prefix('/pay') }], backends: [gw.Backend.fromServiceName('payments', 443, { namespace: 'payments' })] },
      ],
    });
    const objects = Testing.synth(chart);
    expect(objects.filter(o => o.kind === 'ReferenceGrant')).toStrictEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'ReferenceGrant',
      metadata: { name: 'httproute-shop-to-service-payments', namespace: 'payments' },
      spec: {
        from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }],
        to: [{ group: '', kind: 'Service', name: 'payments' }],
      },
    }]);
    expect(objects).toMatchSnapshot();
  });

  test('a route attached to a listener by name renders sectionName and checks it exists at synth', () => {
    const { chart, gateway } = platform();
    gateway.addHttpListener({ name: 'web', allowedRoutes: gw.RouteNamespaces.all() });
    new gw.HttpRoute(chart, 'Good', { metadata: { name: 'good' }, parents: [gateway.listener('web')], rules: [{ backends: [gw.Backend.fromServiceName('a', 80)] }] });
    new gw.HttpRoute(chart, 'Typo', { metadata: { name: 'typo' }, parents: [gateway.listener('wbe')], rules: [{ backends: [gw.Backend.fromServiceName('a', 80)] }] });
    expect(() => Testing.synth(chart)).toThrow(/\[platform\/Typo\] parent Gateway "infra\/edge" has no listener named "wbe"; add the listener or fix the section name/);
    expect(() => Testing.synth(chart)).not.toThrow(/platform\/Good/);
  });

  test('route hostnames that cannot intersect the listener hostname fail at synth', () => {
    const { chart, gateway } = platform();
    const https = gateway.addHttpsListener({ hostname: '*.example.com', certificates: [gw.CertificateRef.fromSecretName('tls')] });
    new gw.HttpRoute(chart, 'Elsewhere', {
      parents: [https],
      hostnames: ['shop.example.org', 'example.com'],
      rules: [{ backends: [gw.Backend.fromServiceName('a', 80)] }],
    });
    expect(() => Testing.synth(chart)).toThrow(
      /\[platform\/Elsewhere\] hostnames shop.example.org, example.com cannot intersect the hostname of any listener of parent Gateway "infra\/edge" listener "https" \(https HTTPS\/443 \*.example.com\); the route would never match/);
  });

  test('an HTTPRoute on a TCP-only listener, and a TCPRoute on an HTTP listener, fail at synth', () => {
    const { chart, gateway } = platform();
    const tcp = gateway.addTcpListener({ port: 5432 });
    const http = gateway.addHttpListener();
    new gw.HttpRoute(chart, 'Web', { parents: [tcp], rules: [{ backends: [gw.Backend.fromServiceName('a', 80)] }] });
    new gw.TcpRoute(chart, 'Db', { parents: [http], rules: [{ backends: [gw.Backend.fromServiceName('pg', 5432)] }] });
    expect(() => Testing.synth(chart)).toThrow(/\[platform\/Web\] parent Gateway "infra\/edge" listener "tcp-5432" has no HTTP\/HTTPS listener for a HTTPRoute[\s\S]*\[platform\/Db\] parent Gateway "infra\/edge" listener "http" has no TCP listener for a TCPRoute/);
  });

  test('a ListenerSet listener is a route parent of kind ListenerSet; a Gateway that does not allow ListenerSets is an error', () => {
    const app = new App();
    const chart = new Chart(app, 'team', { namespace: 'team-a' });
    const closed = new gw.Gateway(chart, 'Closed', {
      metadata: { name: 'closed', namespace: 'infra' },
      gatewayClass: gw.GatewayClass.fromGatewayClassName(chart, 'Eg', 'eg'),
      listeners: [gw.Listener.http()],
    });
    const set = new gw.ListenerSet(chart, 'Mine', { metadata: { name: 'mine' }, parent: closed });
    const https = set.addHttpsListener({ hostname: 'a.example.com', certificates: [gw.CertificateRef.fromSecretName('a-tls')] });
    const route = new gw.HttpRoute(chart, 'App', { metadata: { name: 'app' }, parents: [https], hostnames: ['a.example.com'], rules: [{ backends: [gw.Backend.fromServiceName('app', 80)] }] });
    expect(route.parents[0].toParentReference()).toStrictEqual({ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'mine', namespace: 'team-a', sectionName: 'https' });
    expect(() => app.synthYaml()).toThrow(/\[team\/Mine\][^\n]*allowedListeners/);
  });

  test('output is byte-identical across runs', () => {
    const build = () => {
      const { app, chart, gateway } = platform();
      const http = gateway.addHttpListener({ allowedRoutes: gw.RouteNamespaces.all() });
      new gw.HttpRoute(chart, 'R', { parents: [http], hostnames: ['a.example.com'], rules: [{ backends: [gw.Backend.fromServiceName('x', 80, { namespace: 'other' })] }] });
      return app.synthYaml();
    };
    const expected = [
      'apiVersion: gateway.networking.k8s.io/v1',
      'kind: Gateway',
      'metadata:',
      '  name: edge',
      '  namespace: infra',
      'spec:',
      '  allowedListeners:',
      '    namespaces:',
      '      from: All',
      '  gatewayClassName: eg',
      '  listeners:',
      '    - allowedRoutes:',
      '        namespaces:',
      '          from: All',
      '      name: http',
      '      port: 80',
      '      protocol: HTTP',
      '---',
      'apiVersion: gateway.networking.k8s.io/v1',
      'kind: HTTPRoute',
      'metadata:',
      // cdk8s's generated name for the construct path platform/R
      '  name: platform-r-c8ae5290',
      '  namespace: shop',
      'spec:',
      '  hostnames:',
      '    - a.example.com',
      '  parentRefs:',
      '    - group: gateway.networking.k8s.io',
      '      kind: Gateway',
      '      name: edge',
      '      namespace: infra',
      '      sectionName: http',
      '  rules:',
      '    - backendRefs:',
      '        - name: x',
      '          namespace: other',
      '          port: 80',
      '---',
      'apiVersion: gateway.networking.k8s.io/v1',
      'kind: ReferenceGrant',
      'metadata:',
      '  name: httproute-shop-to-service-x',
      '  namespace: other',
      'spec:',
      '  from:',
      '    - group: gateway.networking.k8s.io',
      '      kind: HTTPRoute',
      '      namespace: shop',
      '  to:',
      '    - group: ""',
      '      kind: Service',
      '      name: x',
      '',
    ].join('\n');
    expect(build()).toBe(expected);
    expect(build()).toBe(expected);
  });
});
