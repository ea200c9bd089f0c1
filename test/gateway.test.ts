import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import {
  CertificateRef, FrontendValidationMode, Gateway, GatewayAddress, GatewayClass, IGatewayClass, IPolicyTarget, Listener,
  ListenerNamespaces, ReferenceGrant, ReferenceGrantFrom, ReferenceGrantTo, Route, RouteNamespaces, RouteProps, TlsMode,
} from '../src';

/** A minimal route for attachment checks (the route base is what matters). */
class TestRoute extends Route {
  public constructor(scope: Construct, id: string, props: RouteProps) {
    super(scope, id, { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute' }, props);
  }
  protected _listenerProtocols(): string[] {
    return ['HTTP', 'HTTPS'];
  }
  protected _toSpec(): any {
    return { parentRefs: this._renderParentRefs() };
  }
}

const cert = CertificateRef.fromSecretName('site-tls');

function setup(): { chart: Chart; cls: IGatewayClass } {
  const chart = Testing.chart();
  return { chart, cls: GatewayClass.fromGatewayClassName(chart, 'Eg', 'eg') };
}

function gatewayObject(chart: Chart): any {
  return Testing.synth(chart).filter(o => o.kind === 'Gateway');
}

describe('Gateway', () => {
  test('a minimal Gateway: class and one HTTP listener', () => {
    const { chart, cls } = setup();
    const gw = new Gateway(chart, 'Gw', { metadata: { name: 'edge', namespace: 'infra' }, gatewayClass: cls });
    gw.addHttpListener();
    expect(ApiObject.of(gw)).toBe(gw.apiObject);
    expect(Testing.synth(chart)).toStrictEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'edge', namespace: 'infra' },
      spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
    }]);
  });

  test('every spec field renders', () => {
    const chart = new Chart(new App(), 'c', { namespace: 'infra' });
    const cls = new GatewayClass(chart, 'Eg', { metadata: { name: 'eg' }, controllerName: 'example.com/c' });
    const gw = new Gateway(chart, 'Gw', {
      metadata: { name: 'edge' },
      gatewayClass: cls,
      listeners: [Listener.http({ allowedRoutes: RouteNamespaces.all() })],
      addresses: [GatewayAddress.ipAddress('10.0.0.1'), GatewayAddress.hostname('lb.example.com')],
      infrastructure: {
        labels: { 'example.com/team': 'edge' },
        annotations: { 'example.com/lb': 'internal' },
        parametersRef: { group: 'example.com', kind: 'ProxyConfig', name: 'edge' },
      },
      allowedListeners: ListenerNamespaces.same(),
      clientCertificateValidation: { caCertificates: [CertificateRef.fromConfigMapName('client-ca')] },
      backendClientCertificate: CertificateRef.fromSecretName('gw-client'),
    });
    gw.addHttpsListener({ hostname: '*.example.com', certificates: [cert] });
    gw.addAddress(GatewayAddress.named('reserved-ip'));
    gw.addClientCertificateValidationForPort(8443, {
      caCertificates: [CertificateRef.fromConfigMapName('partner-ca')],
      mode: FrontendValidationMode.ALLOW_INSECURE_FALLBACK,
    });
    expect(gatewayObject(chart)).toStrictEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'edge', namespace: 'infra' },
      spec: {
        addresses: [
          { type: 'IPAddress', value: '10.0.0.1' },
          { type: 'Hostname', value: 'lb.example.com' },
          { type: 'NamedAddress', value: 'reserved-ip' },
        ],
        allowedListeners: { namespaces: { from: 'Same' } },
        gatewayClassName: 'eg',
        infrastructure: {
          annotations: { 'example.com/lb': 'internal' },
          labels: { 'example.com/team': 'edge' },
          parametersRef: { group: 'example.com', kind: 'ProxyConfig', name: 'edge' },
        },
        listeners: [
          { allowedRoutes: { namespaces: { from: 'All' } }, name: 'http', port: 80, protocol: 'HTTP' },
          {
            hostname: '*.example.com',
            name: 'https',
            port: 443,
            protocol: 'HTTPS',
            tls: { certificateRefs: [{ group: '', kind: 'Secret', name: 'site-tls' }], mode: 'Terminate' },
          },
        ],
        tls: {
          backend: { clientCertificateRef: { group: '', kind: 'Secret', name: 'gw-client' } },
          frontend: {
            default: { validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'client-ca' }], mode: 'AllowValidOnly' } },
            perPort: [{
              port: 8443,
              tls: { validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'partner-ca' }], mode: 'AllowInsecureFallback' } },
            }],
          },
        },
      },
    }]);
    expect(gw.listeners.map(l => l.name)).toStrictEqual(['http', 'https']);
    expect(gw.addresses).toHaveLength(3);
  });

  test('per-port validation alone renders an empty default', () => {
    const { chart, cls } = setup();
    const gw = new Gateway(chart, 'Gw', { gatewayClass: cls, listeners: [Listener.https({ certificates: [cert] })] });
    gw.addClientCertificateValidationForPort(443, { caCertificates: [CertificateRef.fromConfigMapName('ca')] });
    expect(gatewayObject(chart)[0].spec.tls).toStrictEqual({
      frontend: {
        default: {},
        perPort: [{ port: 443, tls: { validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca' }], mode: 'AllowValidOnly' } } }],
      },
    });
  });

  test('explicit ListenerNamespaces render, including None and selector', () => {
    const { chart, cls } = setup();
    new Gateway(chart, 'A', { gatewayClass: cls, listeners: [Listener.http()], allowedListeners: ListenerNamespaces.none() });
    new Gateway(chart, 'B', { gatewayClass: cls, listeners: [Listener.http()], allowedListeners: ListenerNamespaces.selector({ team: 'x' }) });
    new Gateway(chart, 'C', { gatewayClass: cls, listeners: [Listener.http()], allowedListeners: ListenerNamespaces.all() });
    expect(gatewayObject(chart).map((g: any) => g.spec.allowedListeners)).toStrictEqual([
      { namespaces: { from: 'None' } },
      { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'x' } } } },
      { namespaces: { from: 'All' } },
    ]);
    expect(() => ListenerNamespaces.selector({})).toThrow(/ListenerNamespaces.selector: matchLabels is empty/);
  });

  test('addXxxListener return route parents bound to the listener', () => {
    const { chart, cls } = setup();
    const gw = new Gateway(chart, 'Gw', { metadata: { name: 'edge', namespace: 'infra' }, gatewayClass: cls });
    const http = gw.addHttpListener();
    const https = gw.addHttpsListener({ certificates: [cert] });
    const tls = gw.addTlsListener({ port: 8443 });
    const tcp = gw.addTcpListener({ port: 5432 });
    const udp = gw.addUdpListener({ port: 53 });
    expect([http, https, tls, tcp, udp].map(p => p.toParentReference().sectionName)).toStrictEqual(['http', 'https', 'tls', 'tcp-5432', 'udp-53']);
    expect(https.toParentReference()).toStrictEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge', namespace: 'infra', sectionName: 'https' });
    expect(https.knownListeners()).toStrictEqual([{ name: 'https', port: 443, protocol: 'HTTPS', hostname: undefined }]);
    expect(gw.listenersOnPort(443).toParentReference()).toStrictEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge', namespace: 'infra', port: 443 });
    expect(gw.listenersOnPort(443).knownListeners()!.map(l => l.name)).toStrictEqual(['https']);
    expect(gw.toParentReference()).toStrictEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge', namespace: 'infra' });
    expect(gw.knownListeners()).toHaveLength(5);
    expect(gw.toPolicyTargetReference()).toStrictEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge' });
    expect([gw.gatewayName, gw.gatewayNamespace, gw.targetNamespace]).toStrictEqual(['edge', 'infra', 'infra']);
    expect(gw.listener('tls').knownListeners()).toStrictEqual([{ name: 'tls', port: 8443, protocol: 'TLS', hostname: undefined }]);
    expect(gw.listener('nope').knownListeners()).toStrictEqual([]);
    expect(gw.listener('https').toParentReference().kind).toBe('Gateway');
    // listener handles are policy targets too (sectionName = listener name)
    const target = gw.listener('https') as unknown as IPolicyTarget;
    expect(target.toPolicyTargetReference()).toStrictEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge', sectionName: 'https' });
    expect(target.targetNamespace).toBe('infra');
    expect(Testing.synth(chart)[0].spec.listeners[2]).toStrictEqual({ name: 'tls', port: 8443, protocol: 'TLS', tls: { mode: 'Passthrough' } });
  });

  test('routes attach through listener handles; a missing listener is a synth error of the route', () => {
    const { chart, cls } = setup();
    const gw = new Gateway(chart, 'Gw', { metadata: { name: 'edge', namespace: 'infra' }, gatewayClass: cls, listeners: [Listener.http()] });
    const route = new TestRoute(chart, 'Ok', { metadata: { name: 'ok', namespace: 'infra' }, parents: [gw.listener('http')] });
    expect(ApiObject.of(route).toJson().spec).toStrictEqual({
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge', sectionName: 'http' }],
    });
    new TestRoute(chart, 'Bad', { metadata: { name: 'bad', namespace: 'infra' }, parents: [gw.listener('https')] });
    expect(() => Testing.synth(chart)).toThrow(/\[test\/Bad\] parent Gateway "infra\/edge" has no listener named "https"/);
  });

  test('listener() and listenersOnPort() check their input', () => {
    const { chart, cls } = setup();
    const gw = new Gateway(chart, 'Gw', { gatewayClass: cls });
    expect(() => gw.listener('Bad_Name')).toThrow(/Gateway test\/Gw: listener name "Bad_Name" must be a lowercase RFC 1123 subdomain/);
    expect(() => gw.listenersOnPort(0)).toThrow(/Gateway test\/Gw: listenersOnPort: port 0 is outside 1-65535/);
    expect(() => gw.addListener({} as any)).toThrow(/Gateway test\/Gw: addListener expects a Listener/);
  });

  test('fromGatewayName imports a Gateway whose listeners are unknown', () => {
    const chart = Testing.chart();
    const gw = Gateway.fromGatewayName(chart, 'Shared', 'shared', { namespace: 'infra' });
    expect([gw.gatewayName, gw.gatewayNamespace, gw.targetNamespace]).toStrictEqual(['shared', 'infra', 'infra']);
    expect(gw.toParentReference()).toStrictEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'shared', namespace: 'infra' });
    expect(gw.knownListeners()).toBeUndefined();
    expect(gw.listener('https').toParentReference().sectionName).toBe('https');
    expect(gw.listener('https').knownListeners()).toBeUndefined();
    expect(gw.listenersOnPort(443).toParentReference().port).toBe(443);
    expect(gw.toPolicyTargetReference()).toStrictEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'shared' });
    new TestRoute(chart, 'R', { parents: [gw.listener('anything')] });
    expect(() => Testing.synth(chart)).not.toThrow();
    expect(() => Gateway.fromGatewayName(chart, 'Bad', 'shared', { namespace: 'Bad_NS' })).toThrow(/^Gateway.fromGatewayName: namespace "Bad_NS"/);
    expect(() => gw.listener('X')).toThrow(/Gateway test\/Shared: listener name "X"/);
  });

  test('a certificate in another namespace creates a ReferenceGrant from the Gateway', () => {
    const { chart, cls } = setup();
    new Gateway(chart, 'Gw', {
      metadata: { name: 'edge', namespace: 'infra' },
      gatewayClass: cls,
      listeners: [
        Listener.https({ certificates: [CertificateRef.fromSecretName('wildcard-tls', { namespace: 'certs' })] }),
        Listener.https({ name: 'https-alt', port: 8443, certificates: [CertificateRef.fromSecretName('wildcard-tls', { namespace: 'certs' })] }),
      ],
    });
    const manifests = Testing.synth(chart);
    expect(manifests.filter(o => o.kind === 'ReferenceGrant')).toStrictEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'ReferenceGrant',
      metadata: { name: 'gateway-infra-to-secret-wildcard-tls', namespace: 'certs' },
      spec: {
        from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra' }],
        to: [{ group: '', kind: 'Secret', name: 'wildcard-tls' }],
      },
    }]);
    expect(manifests.find(o => o.kind === 'Gateway').spec.listeners[0].tls.certificateRefs)
      .toStrictEqual([{ group: '', kind: 'Secret', name: 'wildcard-tls', namespace: 'certs' }]);
  });

  test('CA bundles and the backend client certificate in other namespaces get grants too', () => {
    const { chart, cls } = setup();
    const gw = new Gateway(chart, 'Gw', {
      metadata: { name: 'edge', namespace: 'infra' },
      gatewayClass: cls,
      listeners: [Listener.https({ certificates: [cert] })],
      clientCertificateValidation: { caCertificates: [CertificateRef.fromConfigMapName('client-ca', { namespace: 'pki' })] },
      backendClientCertificate: CertificateRef.fromSecretName('gw-client', { namespace: 'pki' }),
    });
    gw.addClientCertificateValidationForPort(443, { caCertificates: [CertificateRef.fromConfigMapName('partner-ca', { namespace: 'partners' })] });
    const grants = Testing.synth(chart).filter(o => o.kind === 'ReferenceGrant');
    expect(grants.map(g => [g.metadata.namespace, g.spec.to[0].kind, g.spec.to[0].name])).toStrictEqual([
      ['pki', 'ConfigMap', 'client-ca'],
      ['pki', 'Secret', 'gw-client'],
      ['partners', 'ConfigMap', 'partner-ca'],
    ]);
  });

  test('createReferenceGrants: false makes a missing grant a synth error, and an existing grant satisfies it', () => {
    const { chart, cls } = setup();
    const other = new Chart(Testing.app(), 'other');
    new Gateway(chart, 'Gw', {
      metadata: { name: 'edge', namespace: 'infra' },
      gatewayClass: cls,
      createReferenceGrants: false,
      listeners: [Listener.https({ certificates: [CertificateRef.fromSecretName('wildcard-tls', { namespace: 'certs' })] })],
    });
    expect(() => Testing.synth(chart)).toThrow(/\[test\/Gw\] listener "https" certificate Secret "certs\/wildcard-tls" is in namespace "certs" but no ReferenceGrant there lets Gateway from namespace "infra" refer to it; add a ReferenceGrant \(or leave createReferenceGrants on\)/);
    expect(Testing.synth(other)).toStrictEqual([]);

    new ReferenceGrant(chart, 'Allow', {
      metadata: { name: 'allow', namespace: 'certs' },
      allowFrom: [ReferenceGrantFrom.gateways('infra')],
      allowTo: [ReferenceGrantTo.secrets()],
    });
    expect(Testing.synth(chart).map(o => o.kind)).toStrictEqual(['Gateway', 'ReferenceGrant']);
  });

  test('a cross-namespace certificate needs the Gateway to have a namespace', () => {
    const { chart, cls } = setup();
    const gw = new Gateway(chart, 'Gw', { gatewayClass: cls });
    expect(() => gw.addHttpsListener({ certificates: [CertificateRef.fromSecretName('x', { namespace: 'certs' })] }))
      .toThrow(/Gateway test\/Gw: listener "https" certificate Secret "certs\/x" is in namespace "certs" but this Gateway has no namespace/);
  });

  test('listener problems are all reported at synth, with name, field, value and fix', () => {
    const { chart, cls } = setup();
    new Gateway(chart, 'Gw', {
      gatewayClass: cls,
      listeners: [
        Listener.http(),
        Listener.http({ port: 8080 }),
        Listener.http({ name: 'web' }),
        Listener.https({ name: 'a', hostname: 'a.example.com', certificates: [cert] }),
        Listener.https({ name: 'b', hostname: 'a.example.com', certificates: [cert] }),
        Listener.https({ name: 'nocert', port: 8443 }),
        Listener.tls({ name: 'term', port: 9443, mode: TlsMode.TERMINATE }),
        Listener.custom({ name: 'custom', protocol: 'example.com/p', port: 9000, mode: TlsMode.TERMINATE }),
        Listener.tcp({ port: 5432, name: 'pg1' }),
        Listener.tcp({ port: 5432, name: 'pg2' }),
        Listener.tcp({ port: 443, name: 'raw' }),
        Listener.tls({ name: 'pass', port: 8443, hostname: 'mixed.example.com' }),
        Listener.https({ name: 'mixed', port: 8443, hostname: 'mixed.example.com', certificates: [cert] }),
      ],
    });
    let message = '';
    try { Testing.synth(chart); } catch (e) { message = (e as Error).message; }
    expect(message).toMatch(/\[test\/Gw\] listener name "http" is used by 2 listeners \(HTTP\/80, HTTP\/8080\); give each listener a unique name/);
    expect(message).toMatch(/listeners "http" and "web" conflict: same port 80, protocol HTTP and no hostname; give each a distinct port or hostname/);
    expect(message).toMatch(/listeners "a" and "b" conflict: same port 443, protocol HTTPS and hostname "a.example.com"/);
    expect(message).toMatch(/listeners "pg1" and "pg2" conflict: both TCP on port 5432; TCP listeners must differ in port/);
    expect(message).toMatch(/TCP listener "raw" shares port 443 with HTTPS listener "a"; implementations reject both as conflicted/);
    expect(message).toMatch(/listeners "pass" \(TLS\) and "mixed" \(HTTPS\) share port 8443 and hostname "mixed.example.com"; HTTP, HTTPS and TLS listeners on one port must differ in hostname/);
    expect(message).not.toMatch(/"a" \(HTTPS\) and/);
    expect(message).toMatch(/listener "nocert" \(HTTPS\/8443\) has no certificates; pass certificates to Listener.https\(\)/);
    expect(message).toMatch(/listener "term" \(TLS\/9443\) has no certificates; pass certificates to Listener.tls\(\) or use mode TlsMode.PASSTHROUGH/);
    expect(message).toMatch(/listener "custom" \(example.com\/p\/9000\) has no certificates; pass certificates to Listener.custom\(\)/);
  });

  test('tlsOptions alone satisfy an HTTPS listener', () => {
    const { chart, cls } = setup();
    new Gateway(chart, 'Gw', { gatewayClass: cls, listeners: [Listener.https({ tlsOptions: { 'example.com/cert-source': 'vault' } })] });
    expect(gatewayObject(chart)[0].spec.listeners[0].tls).toStrictEqual({ mode: 'Terminate', options: { 'example.com/cert-source': 'vault' } });
  });

  test('a Gateway without listeners, and one with more than 64, fail at synth', () => {
    const { chart, cls } = setup();
    new Gateway(chart, 'Empty', { gatewayClass: cls });
    const big = new Gateway(chart, 'Big', { gatewayClass: cls });
    for (let i = 0; i < 65; i++) big.addHttpListener({ name: `l${i}`, port: 1000 + i });
    expect(() => Testing.synth(chart)).toThrow(/\[test\/Empty\] Gateway has no listeners; pass listeners or call addHttpListener\(\)[\s\S]*\[test\/Big\] Gateway has 65 listeners; at most 64 are allowed/);
  });

  test('addresses are checked', () => {
    const { chart, cls } = setup();
    const gw = new Gateway(chart, 'Gw', { gatewayClass: cls });
    gw.addAddress(GatewayAddress.ipAddress('2001:db8::1'));
    expect(() => gw.addAddress(GatewayAddress.ipAddress('2001:db8::1'))).toThrow(/Gateway test\/Gw: address IPAddress "2001:db8::1" is already requested/);
    for (let i = 2; i <= 16; i++) gw.addAddress(GatewayAddress.ipAddress(`10.0.0.${i}`));
    expect(() => gw.addAddress(GatewayAddress.ipAddress('10.0.1.1'))).toThrow(/spec.addresses already has 16 entries, the maximum/);
    expect(() => GatewayAddress.ipAddress('10.0.0.256')).toThrow(/GatewayAddress.ipAddress: "10.0.0.256" is not a valid IPv4 or IPv6 address/);
    expect(() => GatewayAddress.hostname('LB.example.com')).toThrow(/GatewayAddress.hostname: hostname "LB.example.com"/);
    expect(() => GatewayAddress.named('')).toThrow(/GatewayAddress.named: value "" must be 1-253 characters/);
    expect(GatewayAddress.custom('example.com/pool')._toKube()).toStrictEqual({ type: 'example.com/pool', value: undefined });
    expect(GatewayAddress.custom('example.com/pool', 'blue').value).toBe('blue');
    expect(() => GatewayAddress.custom('pool')).toThrow(/GatewayAddress.custom: type "pool" must be domain-prefixed/);
    expect(() => GatewayAddress.custom('example.com/pool', 'x'.repeat(254))).toThrow(/GatewayAddress.custom: value "x+" is longer than 253 characters/);
  });

  test('infrastructure limits and formats are checked', () => {
    const { chart, cls } = setup();
    const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
    expect(() => new Gateway(chart, 'A', { gatewayClass: cls, infrastructure: { labels: many(9) } }))
      .toThrow(/Gateway test\/A: infrastructure.labels has 9 entries; at most 8 are allowed/);
    expect(() => new Gateway(chart, 'B', { gatewayClass: cls, infrastructure: { annotations: many(17) } }))
      .toThrow(/Gateway test\/B: infrastructure.annotations has 17 entries; at most 16 are allowed/);
    expect(() => new Gateway(chart, 'C', { gatewayClass: cls, infrastructure: { labels: { 'bad key!': 'v' } } }))
      .toThrow(/infrastructure.labels key "bad key!" must be an optional DNS subdomain prefix/);
    expect(() => new Gateway(chart, 'D', { gatewayClass: cls, infrastructure: { labels: { team: '-bad-' } } }))
      .toThrow(/infrastructure.labels\["team"\] value "-bad-" must be at most 63 letters/);
    expect(() => new Gateway(chart, 'E', { gatewayClass: cls, infrastructure: { annotations: { note: 'x'.repeat(4097) } } }))
      .toThrow(/infrastructure.annotations\["note"\] value is 4097 characters; at most 4096 are allowed/);
    expect(() => new Gateway(chart, 'F', { gatewayClass: cls, infrastructure: { parametersRef: { group: '', kind: 'ConfigMap', name: 'Bad_Name' } } }))
      .toThrow(/infrastructure.parametersRef: name "Bad_Name"/);
    // A fresh chart: the constructors above threw halfway, leaving Gateways without listeners
    // in `chart`, which synth-time validation rejects.
    const fresh = setup();
    const ok = new Gateway(fresh.chart, 'G', { gatewayClass: fresh.cls, listeners: [Listener.http()], infrastructure: { annotations: many(16), labels: {} } });
    expect(Object.keys(Testing.synth(fresh.chart).find(o => o.metadata.name === ok.name).spec.infrastructure)).toStrictEqual(['annotations']);
  });

  test('an empty infrastructure block is not rendered', () => {
    const { chart, cls } = setup();
    new Gateway(chart, 'Gw', { gatewayClass: cls, listeners: [Listener.http()], infrastructure: {} });
    expect(gatewayObject(chart)[0].spec.infrastructure).toBeUndefined();
  });

  test('client certificate validation is checked', () => {
    const { chart, cls } = setup();
    const ca = CertificateRef.fromConfigMapName('ca');
    expect(() => new Gateway(chart, 'A', { gatewayClass: cls, clientCertificateValidation: { caCertificates: [] } }))
      .toThrow(/Gateway test\/A: clientCertificateValidation has 0 caCertificates; pass 1-16/);
    const gw = new Gateway(chart, 'B', { gatewayClass: cls });
    expect(() => gw.addClientCertificateValidationForPort(443, { caCertificates: Array(17).fill(ca) }))
      .toThrow(/client certificate validation for port 443 has 17 caCertificates; pass 1-16/);
    expect(() => gw.addClientCertificateValidationForPort(0, { caCertificates: [ca] })).toThrow(/addClientCertificateValidationForPort: port 0 is outside 1-65535/);
    gw.addClientCertificateValidationForPort(443, { caCertificates: [ca] });
    expect(() => gw.addClientCertificateValidationForPort(443, { caCertificates: [ca] })).toThrow(/client certificate validation for port 443 is already set/);
    for (let p = 1; p < 64; p++) gw.addClientCertificateValidationForPort(8000 + p, { caCertificates: [ca] });
    expect(() => gw.addClientCertificateValidationForPort(9999, { caCertificates: [ca] })).toThrow(/spec.tls.frontend.perPort already has 64 entries, the maximum/);
  });
});
