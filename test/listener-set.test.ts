import { ApiObject, Chart, Testing } from 'cdk8s';
import {
  CertificateRef, Gateway, GatewayClass, IGatewayClass, Listener, ListenerNamespaces, ListenerSet, RouteNamespaces,
} from '../src';

function setup(allowedListeners?: ListenerNamespaces): { chart: Chart; cls: IGatewayClass; gw: Gateway } {
  const chart = Testing.chart();
  const cls = GatewayClass.fromGatewayClassName(chart, 'Eg', 'eg');
  const gw = new Gateway(chart, 'Gw', {
    metadata: { name: 'shared', namespace: 'infra' },
    gatewayClass: cls,
    listeners: [Listener.http()],
    allowedListeners,
  });
  return { chart, cls, gw };
}

function listenerSets(chart: Chart): any[] {
  return Testing.synth(chart).filter(o => o.kind === 'ListenerSet');
}

describe('ListenerSet', () => {
  test('renders parentRef and listeners; the parent namespace only when it differs', () => {
    const { chart, gw } = setup(ListenerNamespaces.all());
    const set = new ListenerSet(chart, 'TeamA', {
      metadata: { name: 'team-a', namespace: 'team-a' },
      parent: gw,
      listeners: [Listener.https({ hostname: 'a.example.com', certificates: [CertificateRef.fromSecretName('a-tls')] })],
    });
    set.addHttpListener({ name: 'plain', port: 8080, allowedRoutes: RouteNamespaces.same() });
    expect(ApiObject.of(set)).toBe(set.apiObject);
    expect(listenerSets(chart)).toStrictEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'ListenerSet',
      metadata: { name: 'team-a', namespace: 'team-a' },
      spec: {
        parentRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'shared', namespace: 'infra' },
        listeners: [
          {
            hostname: 'a.example.com',
            name: 'https',
            port: 443,
            protocol: 'HTTPS',
            tls: { certificateRefs: [{ group: '', kind: 'Secret', name: 'a-tls' }], mode: 'Terminate' },
          },
          { allowedRoutes: { namespaces: { from: 'Same' } }, name: 'plain', port: 8080, protocol: 'HTTP' },
        ],
      },
    }]);
    expect(set.listeners.map(l => l.name)).toStrictEqual(['https', 'plain']);
  });

  test('same namespace as the parent: no parentRef namespace', () => {
    const { chart, gw } = setup(ListenerNamespaces.same());
    new ListenerSet(chart, 'Ls', { metadata: { name: 'ls', namespace: 'infra' }, parent: gw, listeners: [Listener.tcp({ port: 5432 })] });
    expect(listenerSets(chart)[0].spec.parentRef).toStrictEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'shared' });
  });

  test('route parents have kind ListenerSet', () => {
    const { chart, gw } = setup(ListenerNamespaces.all());
    const set = new ListenerSet(chart, 'Ls', { metadata: { name: 'ls', namespace: 'apps' }, parent: gw });
    const https = set.addHttpsListener({ certificates: [CertificateRef.fromSecretName('tls')] });
    const tls = set.addTlsListener({ port: 8443 });
    const tcp = set.addTcpListener({ port: 5432 });
    const udp = set.addUdpListener({ port: 53 });
    expect(https.toParentReference()).toStrictEqual({ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'ls', namespace: 'apps', sectionName: 'https' });
    expect([tls, tcp, udp].map(p => p.toParentReference().sectionName)).toStrictEqual(['tls', 'tcp-5432', 'udp-53']);
    expect(set.toParentReference()).toStrictEqual({ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'ls', namespace: 'apps' });
    expect(set.listener('tls').knownListeners()).toStrictEqual([{ name: 'tls', port: 8443, protocol: 'TLS', hostname: undefined }]);
    expect(set.listenersOnPort(53).toParentReference().port).toBe(53);
    expect(set.knownListeners()).toHaveLength(4);
    expect(set.toPolicyTargetReference()).toStrictEqual({ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'ls' });
    expect([set.listenerSetName, set.listenerSetNamespace, set.targetNamespace, set.parentGateway]).toStrictEqual(['ls', 'apps', 'apps', gw]);
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('a cross-namespace certificate creates a ReferenceGrant from the ListenerSet', () => {
    const { chart, gw } = setup(ListenerNamespaces.all());
    new ListenerSet(chart, 'Ls', {
      metadata: { name: 'ls', namespace: 'apps' },
      parent: gw,
      listeners: [Listener.https({ certificates: [CertificateRef.fromSecretName('wildcard-tls', { namespace: 'certs' })] })],
    });
    expect(Testing.synth(chart).filter(o => o.kind === 'ReferenceGrant')).toStrictEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'ReferenceGrant',
      metadata: { name: 'listenerset-apps-to-secret-wildcard-tls', namespace: 'certs' },
      spec: {
        from: [{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', namespace: 'apps' }],
        to: [{ group: '', kind: 'Secret', name: 'wildcard-tls' }],
      },
    }]);
  });

  test('createReferenceGrants: false makes a missing grant a synth error', () => {
    const { chart, gw } = setup(ListenerNamespaces.all());
    new ListenerSet(chart, 'Ls', {
      metadata: { name: 'ls', namespace: 'apps' },
      parent: gw,
      createReferenceGrants: false,
      listeners: [Listener.https({ certificates: [CertificateRef.fromSecretName('wildcard-tls', { namespace: 'certs' })] })],
    });
    expect(() => Testing.synth(chart)).toThrow(/\[test\/Ls\] listener "https" certificate Secret "certs\/wildcard-tls" is in namespace "certs" but no ReferenceGrant there lets ListenerSet from namespace "apps" refer to it/);
  });

  test('the parent Gateway must admit the ListenerSet (None by default)', () => {
    const { chart, gw } = setup();
    new ListenerSet(chart, 'Ls', { metadata: { name: 'ls', namespace: 'infra' }, parent: gw, listeners: [Listener.http({ port: 8080 })] });
    expect(() => Testing.synth(chart)).toThrow(/\[test\/Ls\] parent Gateway "test\/Gw" does not admit ListenerSets \(its allowedListeners is None, the default\); set allowedListeners: ListenerNamespaces.same\(\) \(or .all\(\) \/ .selector\(\)\) on the Gateway/);
  });

  test('allowedListeners Same admits only the Gateway namespace', () => {
    const { chart, gw } = setup(ListenerNamespaces.same());
    new ListenerSet(chart, 'Ls', { metadata: { name: 'ls', namespace: 'apps' }, parent: gw, listeners: [Listener.http({ port: 8080 })] });
    expect(() => Testing.synth(chart)).toThrow(/\[test\/Ls\] parent Gateway "test\/Gw" admits ListenerSets from its own namespace only \(allowedListeners Same\), but this ListenerSet is in namespace "apps" and the Gateway in "infra"/);
  });

  test('allowedListeners Selector cannot be checked and is accepted; imported parents are not checked', () => {
    const { chart, gw } = setup(ListenerNamespaces.selector({ shared: 'yes' }));
    new ListenerSet(chart, 'A', { metadata: { name: 'a', namespace: 'apps' }, parent: gw, listeners: [Listener.http({ port: 8080 })] });
    const imported = Gateway.fromGatewayName(chart, 'Imp', 'other');
    new ListenerSet(chart, 'B', { metadata: { name: 'b', namespace: 'apps' }, parent: imported, listeners: [Listener.http()] });
    const sets = listenerSets(chart);
    expect(sets.map(s => s.spec.parentRef)).toStrictEqual([
      { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'shared', namespace: 'infra' },
      { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'other' },
    ]);
  });

  test('listener checks apply: no listeners, conflicts, missing certificates', () => {
    const { chart, gw } = setup(ListenerNamespaces.all());
    new ListenerSet(chart, 'Empty', { metadata: { namespace: 'apps' }, parent: gw });
    new ListenerSet(chart, 'Bad', {
      metadata: { namespace: 'apps' },
      parent: gw,
      listeners: [Listener.http(), Listener.http(), Listener.https({ name: 'x' })],
    });
    let message = '';
    try { Testing.synth(chart); } catch (e) { message = (e as Error).message; }
    expect(message).toMatch(/\[test\/Empty\] ListenerSet has no listeners; pass listeners or call addHttpListener\(\)/);
    expect(message).toMatch(/\[test\/Bad\] listener name "http" is used by 2 listeners/);
    expect(message).toMatch(/\[test\/Bad\] listeners "http" and "http" conflict: same port 80, protocol HTTP and no hostname/);
    expect(message).toMatch(/\[test\/Bad\] listener "x" \(HTTPS\/443\) has no certificates; pass certificates to Listener.https\(\)/);
  });

  test('fromListenerSetName imports a ListenerSet', () => {
    const chart = Testing.chart();
    const set = ListenerSet.fromListenerSetName(chart, 'Imp', 'team-a', { namespace: 'team-a' });
    expect([set.listenerSetName, set.listenerSetNamespace, set.targetNamespace]).toStrictEqual(['team-a', 'team-a', 'team-a']);
    expect(set.toParentReference()).toStrictEqual({ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'team-a', namespace: 'team-a' });
    expect(set.listener('https').toParentReference().sectionName).toBe('https');
    expect(set.listenersOnPort(443).knownListeners()).toBeUndefined();
    expect(set.knownListeners()).toBeUndefined();
    expect(set.toPolicyTargetReference()).toStrictEqual({ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'team-a' });
    expect(() => ListenerSet.fromListenerSetName(chart, 'Bad', 'Bad_Name')).toThrow(/^ListenerSet.fromListenerSetName: name "Bad_Name"/);
  });
});
