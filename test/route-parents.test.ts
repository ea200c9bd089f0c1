import { App, Chart, Testing } from 'cdk8s';
import {
  Backend, Gateway, GatewayApiChannel, GatewayClass, HttpRoute, ListenerNamespaces, ListenerSet, Listener,
} from '../src';

function gatewayIn(chart: Chart, props: { namespace?: string } = {}): Gateway {
  return new Gateway(chart, 'Edge', {
    metadata: props.namespace ? { name: 'edge', namespace: props.namespace } : { name: 'edge' },
    gatewayClass: GatewayClass.fromGatewayClassName(chart, 'Class', 'eg'),
    allowedListeners: ListenerNamespaces.all(),
    listeners: [Listener.http(), Listener.http({ name: 'alt', port: 8080 })],
  });
}

const rules = [{ backends: [Backend.fromServiceName('web', 80)] }];

describe('parents without a namespace', () => {
  test('a Gateway of the app without a namespace cannot be the parent of a route in a namespace', () => {
    const app = Testing.app();
    const gateway = gatewayIn(new Chart(app, 'infra'));
    const chart = new Chart(app, 'web', { namespace: 'web' });
    expect(() => new HttpRoute(chart, 'Route', { parents: [gateway.listener('http')], rules }))
      .toThrow(/^HTTPRoute web\/Route: parent Gateway "edge" has no namespace \(neither its metadata nor its chart sets one\), so this route in namespace "web" would look for it in "web"; set the Gateway's metadata.namespace or its chart's namespace$/);
    expect(() => new HttpRoute(chart, 'Whole', { parents: [gateway], rules })).toThrow(/parent Gateway "edge" has no namespace/);
  });

  test('a ListenerSet without a namespace and one whose Gateway has none fail the same way', () => {
    const app = Testing.app();
    const gateway = gatewayIn(new Chart(app, 'infra'));
    const set = new ListenerSet(new Chart(app, 'nons'), 'Set', { parent: gateway, listeners: [Listener.http({ name: 'team', port: 9090 })] });
    expect(() => new HttpRoute(new Chart(app, 'web', { namespace: 'web' }), 'Route', { parents: [set], rules }))
      .toThrow(/parent ListenerSet "nons-set-c8[0-9a-f]{6}" has no namespace .* set the ListenerSet's metadata.namespace or its chart's namespace$/);
    expect(() => new ListenerSet(new Chart(app, 'team', { namespace: 'team' }), 'Set', { parent: gateway, listeners: [Listener.http({ name: 'x', port: 9091 })] }))
      .toThrow(/^ListenerSet team\/Set: parent Gateway "infra\/Edge" has no namespace .* so this ListenerSet in namespace "team" would look for it in "team"/);
  });

  test('a route and a Gateway that both have no namespace, or an imported Gateway, are fine', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'all');
    const gateway = gatewayIn(chart);
    new HttpRoute(chart, 'Route', { parents: [gateway.listener('http')], rules });
    const imported = Gateway.fromGatewayName(chart, 'Imported', 'shared');
    const web = new Chart(app, 'web', { namespace: 'web' });
    const route = new HttpRoute(web, 'Route', { parents: [imported], rules });
    expect(route.apiObject.toJson().spec.parentRefs).toStrictEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'shared' }]);
  });
});

describe('several references to one parent follow the target channel', () => {
  test('Standard: references must differ by sectionName; a port alone does not tell them apart', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'web', { namespace: 'web' });
    const gateway = gatewayIn(chart, { namespace: 'web' });
    const route = new HttpRoute(chart, 'Route', { parents: [gateway.listenersOnPort(80)], rules });
    expect(() => route.addParent(gateway.listenersOnPort(8080)))
      .toThrow(/^HTTPRoute web\/Route: parent Gateway "web\/edge" is already attached with the same sectionName; the Standard channel tells references to one parent apart by sectionName only \(port too under GatewayApiChannel.useExperimental\)$/);
    expect(() => route.addParent(gateway.listener('http')))
      .toThrow(/^HTTPRoute web\/Route: parent Gateway "web\/edge" is referenced with a sectionName \(Gateway "web\/edge" listener "http"\) and without one \(Gateway "web\/edge" port 80\); when a route references one parent several times, every reference must name a listener$/);
    expect(() => route.addParent(gateway.listenersOnPort(80))).toThrow(/parent Gateway "web\/edge" port 80 is already attached$/);
  });

  test('Experimental: two references that differ only by port are accepted and valid at synth', () => {
    const app = new App();
    GatewayApiChannel.useExperimental(app);
    const chart = new Chart(app, 'web', { namespace: 'web' });
    const gateway = gatewayIn(chart, { namespace: 'web' });
    const route = new HttpRoute(chart, 'Route', { parents: [gateway.listenersOnPort(80), gateway.listenersOnPort(8080)], rules });
    expect(route.apiObject.toJson().spec.parentRefs).toStrictEqual([
      { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge', port: 80 },
      { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge', port: 8080 },
    ]);
    expect(() => app.synthYaml()).not.toThrow();
    expect(() => route.addParent(gateway.listener('http')))
      .toThrow(/parent Gateway "web\/edge" is referenced with a sectionName .* and without one/);
  });

  test('Experimental: a port on one reference and none on the other is rejected, as the CEL rule does', () => {
    const app = new App();
    GatewayApiChannel.useExperimental(app);
    const chart = new Chart(app, 'web', { namespace: 'web' });
    const gateway = gatewayIn(chart, { namespace: 'web' });
    const route = new HttpRoute(chart, 'Route', { parents: [gateway.listener('http')], rules });
    const portAndSection = { toParentReference: () => ({ ...gateway.listener('alt').toParentReference(), port: 8080 }), knownListeners: () => undefined };
    expect(() => route.addParent(portAndSection))
      .toThrow(/^HTTPRoute web\/Route: parent Gateway "web\/edge" is referenced with a port \(Gateway "web\/edge" listener "alt" port 8080\) and without one \(Gateway "web\/edge" listener "http"\); when a route references one parent several times, either every reference sets a port or none does$/);
  });
});
