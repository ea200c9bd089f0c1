import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { CaCertificateRef, CertificateRef, Gateway, GatewayClass, IPolicyTarget, PolicyTarget } from '../../../src';
import {
  ClientIpDetection, ClientTrafficPolicy, ClientValidationMode, RequestIdMode, UnderscoresAction,
} from '../../../src/profiles/envoy-gateway';

const GW = 'gateway.networking.k8s.io';
const HSTS = 'max-age=31536000; includeSubDomains';

function nsChart(namespace = 'shop'): Chart {
  return new Chart(Testing.app(), 'test', { namespace });
}

function edge(chart: Chart): Gateway {
  const gateway = new Gateway(chart, 'Edge', { metadata: { name: 'edge' }, gatewayClass: GatewayClass.fromGatewayClassName(chart, 'Eg', 'eg') });
  gateway.addHttpListener();
  gateway.addHttpsListener({ certificates: [CertificateRef.fromSecretName('tls')] });
  return gateway;
}

function listener(gateway: Gateway, name: string): IPolicyTarget {
  return gateway.listener(name) as unknown as IPolicyTarget;
}

function policies(chart: Chart): any[] {
  return Testing.synth(chart).filter(o => o.kind === 'ClientTrafficPolicy');
}

/** Synthesizes one policy on Gateway "edge" with the given props and returns its spec without targetRefs. */
function specOf(props: any): any {
  const chart = nsChart();
  new ClientTrafficPolicy(chart, 'P', { targets: [PolicyTarget.fromRef({ group: GW, kind: 'Gateway', name: 'edge' })], ...props });
  const { targetRefs, ...spec } = policies(chart)[0].spec;
  return spec;
}

describe('ClientTrafficPolicy', () => {
  test('kitchen sink: every prop set renders the exact object and passes the CRD', () => {
    // GIVEN
    const chart = nsChart();
    const gateway = edge(chart);
    const ca = new kplus.Secret(chart, 'Ca', { metadata: { name: 'client-ca' } });
    // WHEN
    new ClientTrafficPolicy(chart, 'Https', {
      metadata: { name: 'https' },
      targets: [listener(gateway, 'https')],
      requestId: RequestIdMode.PRESERVE_OR_GENERATE,
      clientIpDetection: ClientIpDetection.xForwardedForTrustedHops(2, { disableAppend: true }),
      lateResponseHeaders: { set: { 'Strict-Transport-Security': HSTS, 'X-Frame-Options': 'DENY' }, add: { Vary: 'Origin' }, remove: ['Server', 'X-Powered-By'] },
      withUnderscoresAction: UnderscoresAction.DROP_HEADER,
      connectionLimit: 1000,
      connectionLimitCloseDelay: Duration.seconds(1),
      clientValidation: {
        caCertificates: [CaCertificateRef.fromSecret(ca), CaCertificateRef.fromConfigMapName('more-cas'), CaCertificateRef.fromSecretName('client-ca')],
        mode: ClientValidationMode.VERIFY_IF_GIVEN,
      },
      streamIdleTimeout: Duration.seconds(60),
      httpIdleTimeout: Duration.seconds(75),
      requestReceivedTimeout: Duration.seconds(30),
    });
    // THEN
    expect(policies(chart)).toStrictEqual([{
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'ClientTrafficPolicy',
      metadata: { name: 'https', namespace: 'shop' },
      spec: {
        targetRefs: [{ group: GW, kind: 'Gateway', name: 'edge', sectionName: 'https' }],
        clientIPDetection: { xForwardedFor: { numTrustedHops: 2, disableXForwardedForAppend: true } },
        headers: {
          requestID: 'PreserveOrGenerate',
          withUnderscoresAction: 'DropHeader',
          lateResponseHeaders: {
            set: [{ name: 'Strict-Transport-Security', value: HSTS }, { name: 'X-Frame-Options', value: 'DENY' }],
            add: [{ name: 'Vary', value: 'Origin' }],
            remove: ['Server', 'X-Powered-By'],
          },
        },
        connection: { connectionLimit: { value: 1000, closeDelay: '1s' } },
        tls: {
          clientValidation: {
            caCertificateRefs: [
              { group: '', kind: 'Secret', name: 'client-ca' },
              { group: '', kind: 'ConfigMap', name: 'more-cas' },
            ],
            mode: 'VerifyIfGiven',
          },
        },
        timeout: { http: { streamIdleTimeout: '1m', idleTimeout: '1m15s', requestReceivedTimeout: '30s' } },
      },
    }]);
  });

  test('ingress-nginx defaults on a Gateway: preserve-or-generate X-Request-ID, drop underscore headers', () => {
    const chart = nsChart();
    new ClientTrafficPolicy(chart, 'Defaults', {
      metadata: { name: 'edge' },
      targets: [edge(chart)],
      requestId: RequestIdMode.PRESERVE_OR_GENERATE,
      withUnderscoresAction: UnderscoresAction.DROP_HEADER,
    });
    expect(policies(chart)[0].spec).toStrictEqual({
      targetRefs: [{ group: GW, kind: 'Gateway', name: 'edge' }],
      headers: { requestID: 'PreserveOrGenerate', withUnderscoresAction: 'DropHeader' },
    });
  });

  test('HSTS on the HTTPS listener only', () => {
    const chart = nsChart();
    new ClientTrafficPolicy(chart, 'Hsts', { targets: [listener(edge(chart), 'https')], lateResponseHeaders: { set: { 'Strict-Transport-Security': HSTS } } });
    expect(policies(chart)[0].spec).toStrictEqual({
      targetRefs: [{ group: GW, kind: 'Gateway', name: 'edge', sectionName: 'https' }],
      headers: { lateResponseHeaders: { set: [{ name: 'Strict-Transport-Security', value: HSTS }] } },
    });
  });

  test('every request ID mode and underscore action is a CRD value', () => {
    for (const requestId of Object.values(RequestIdMode)) {
      expect(specOf({ requestId }).headers).toStrictEqual({ requestID: requestId });
    }
    for (const withUnderscoresAction of Object.values(UnderscoresAction)) {
      expect(specOf({ withUnderscoresAction }).headers).toStrictEqual({ withUnderscoresAction });
    }
    expect(Object.values(RequestIdMode)).toStrictEqual(['PreserveOrGenerate', 'Preserve', 'Generate', 'Disable']);
  });

  test('connection limit alone; optional client validation; a CA in another namespace keeps its namespace', () => {
    expect(specOf({ connectionLimit: 1 }).connection).toStrictEqual({ connectionLimit: { value: 1 } });
    expect(specOf({ clientValidation: { caCertificates: [CaCertificateRef.fromSecretName('ca')], optional: true } }).tls).toStrictEqual({
      clientValidation: { caCertificateRefs: [{ group: '', kind: 'Secret', name: 'ca' }], optional: true },
    });
    const chart = nsChart();
    const ca = new kplus.ConfigMap(chart, 'Ca', { metadata: { name: 'corp-ca', namespace: 'pki' } });
    new ClientTrafficPolicy(chart, 'P', { targets: [edge(chart)], clientValidation: { caCertificates: [CaCertificateRef.fromConfigMap(ca)] } });
    expect(policies(chart)[0].spec.tls).toStrictEqual({
      clientValidation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'corp-ca', namespace: 'pki' }] },
    });
  });

  describe('ClientIpDetection', () => {
    test('each source renders its CRD shape', () => {
      expect(specOf({ clientIpDetection: ClientIpDetection.xForwardedForTrustedHops(1) }).clientIPDetection)
        .toStrictEqual({ xForwardedFor: { numTrustedHops: 1 } });
      expect(specOf({ clientIpDetection: ClientIpDetection.xForwardedForTrustedCidrs(['10.0.0.0/8', '192.168.1.10', '2001:db8::/32', '10.0.0.0/8']) }).clientIPDetection)
        .toStrictEqual({ xForwardedFor: { trustedCIDRs: ['10.0.0.0/8', '192.168.1.10/32', '2001:db8::/32'] } });
      expect(specOf({ clientIpDetection: ClientIpDetection.xForwardedForTrustedCidrs(['::/0'], { disableAppend: false }) }).clientIPDetection)
        .toStrictEqual({ xForwardedFor: { trustedCIDRs: ['::/0'], disableXForwardedForAppend: false } });
      expect(specOf({ clientIpDetection: ClientIpDetection.customHeader('X-Real-IP', { failClosed: true }) }).clientIPDetection)
        .toStrictEqual({ customHeader: { name: 'X-Real-IP', failClosed: true } });
      expect(specOf({ clientIpDetection: ClientIpDetection.customHeader('CF-Connecting-IP') }).clientIPDetection)
        .toStrictEqual({ customHeader: { name: 'CF-Connecting-IP' } });
      expect(specOf({ clientIpDetection: ClientIpDetection.directSourceIp() }).clientIPDetection).toStrictEqual({ directSourceIP: {} });
    });

    test('errors', () => {
      expect(() => ClientIpDetection.xForwardedForTrustedHops(0))
        .toThrow(/^ClientIpDetection.xForwardedForTrustedHops: hops is 0; it must be a whole number 1-2147483647 \(to use the connection's peer address/);
      expect(() => ClientIpDetection.xForwardedForTrustedHops(1.5)).toThrow(/hops is 1.5/);
      expect(() => ClientIpDetection.xForwardedForTrustedHops(2147483648)).toThrow(/hops is 2147483648/);
      expect(() => ClientIpDetection.xForwardedForTrustedCidrs([]))
        .toThrow(/^ClientIpDetection.xForwardedForTrustedCidrs: no CIDR given; pass at least one trusted range/);
      expect(() => ClientIpDetection.xForwardedForTrustedCidrs(['10.0.0.0/33']))
        .toThrow(/^ClientIpDetection.xForwardedForTrustedCidrs: "10.0.0.0\/33" has prefix length "33"; an IPv4 prefix length is a whole number 0-32$/);
      expect(() => ClientIpDetection.xForwardedForTrustedCidrs(['proxy.internal']))
        .toThrow(/^ClientIpDetection.xForwardedForTrustedCidrs: "proxy.internal" is neither an IP address nor a CIDR range/);
      expect(() => ClientIpDetection.customHeader('X_Real_IP')).toThrow(/^ClientIpDetection.customHeader: header name "X_Real_IP" must be 1-255 letters, digits and "-"$/);
      expect(() => ClientIpDetection.customHeader('')).toThrow(/header name "" must be 1-255/);
      expect(ClientIpDetection.customHeader('a'.repeat(255))).toBeInstanceOf(ClientIpDetection);
      expect(() => ClientIpDetection.customHeader('a'.repeat(256))).toThrow(/must be 1-255 letters/);
    });
  });

  describe('targets', () => {
    test('Gateway, one listener, ListenerSet', () => {
      const chart = nsChart();
      const gateway = edge(chart);
      const policy = new ClientTrafficPolicy(chart, 'P', { targets: [listener(gateway, 'http')], requestId: RequestIdMode.PRESERVE });
      policy.addTarget(PolicyTarget.fromRef({ group: GW, kind: 'ListenerSet', name: 'team-a', sectionName: 'https' }));
      new ClientTrafficPolicy(chart, 'Q', { targets: [gateway], requestId: RequestIdMode.PRESERVE });
      expect(policies(chart).map(p => p.spec.targetRefs)).toStrictEqual([
        [{ group: GW, kind: 'Gateway', name: 'edge', sectionName: 'http' }, { group: GW, kind: 'ListenerSet', name: 'team-a', sectionName: 'https' }],
        [{ group: GW, kind: 'Gateway', name: 'edge' }],
      ]);
    });

    test('routes and Services are rejected with the kinds the CRD allows', () => {
      const chart = nsChart();
      for (const kind of ['HTTPRoute', 'GRPCRoute', 'TCPRoute']) {
        expect(() => new ClientTrafficPolicy(chart, kind, { targets: [PolicyTarget.fromRef({ group: GW, kind, name: 'web' })] }))
          .toThrow(new RegExp(`^ClientTrafficPolicy test/${kind}: target ${kind}.gateway.networking.k8s.io "web" is of a kind this ClientTrafficPolicy cannot target; its CRD allows Gateway, ListenerSet$`));
      }
      expect(() => new ClientTrafficPolicy(chart, 'Svc', { targets: [PolicyTarget.fromServiceName('web')] }))
        .toThrow(/ClientTrafficPolicy test\/Svc: target Service "web" is of a kind .* its CRD allows Gateway, ListenerSet/);
    });

    test('no target fails at synth', () => {
      const chart = nsChart();
      new ClientTrafficPolicy(chart, 'Lonely', { requestId: RequestIdMode.GENERATE });
      expect(() => Testing.synth(chart)).toThrow(/\[test\/Lonely\] ClientTrafficPolicy has no targets; pass targets or call addTarget\(\)/);
    });
  });

  describe('eager errors name the path, field and value', () => {
    const make = (props: any) => new ClientTrafficPolicy(nsChart(), 'P', { targets: [PolicyTarget.fromRef({ group: GW, kind: 'Gateway', name: 'edge' })], ...props });
    const ca = [CaCertificateRef.fromSecretName('ca')];

    test('connection limit', () => {
      expect(() => make({ connectionLimit: 0 }))
        .toThrow(/^ClientTrafficPolicy test\/P: spec.connection.connectionLimit.value \(connectionLimit\) is 0; it must be a whole number 1-9007199254740991$/);
      expect(() => make({ connectionLimit: 10.5 })).toThrow(/connectionLimit\) is 10.5/);
      expect(() => make({ connectionLimitCloseDelay: Duration.seconds(1) }))
        .toThrow(/^ClientTrafficPolicy test\/P: connectionLimitCloseDelay is set without connectionLimit/);
      expect(() => make({ connectionLimit: 5, connectionLimitCloseDelay: Duration.millis(0.5) }))
        .toThrow(/spec.connection.connectionLimit.closeDelay \(connectionLimitCloseDelay\): duration 0.5ms/);
    });

    test('late response headers', () => {
      expect(() => make({ lateResponseHeaders: {} }))
        .toThrow(/^ClientTrafficPolicy test\/P: spec.headers.lateResponseHeaders: no header to set, add or remove; pass at least one$/);
      expect(() => make({ lateResponseHeaders: { set: { 'Bad Name': 'x' } } }))
        .toThrow(/spec.headers.lateResponseHeaders.set: header name "Bad Name" is not a valid HTTP header name/);
      expect(() => make({ lateResponseHeaders: { set: { 'X-A': '1' }, remove: ['x-a'] } }))
        .toThrow(/spec.headers.lateResponseHeaders: header "x-a" appears more than once \(header names are case-insensitive\)/);
      expect(() => make({ lateResponseHeaders: { add: { 'X-A': '' } } }))
        .toThrow(/spec.headers.lateResponseHeaders.add: value of header "X-A" must be 1-4096 characters, got 0/);
      expect(() => make({ lateResponseHeaders: { set: { 'X-A': 'x'.repeat(4097) } } })).toThrow(/got 4097/);
      const many = (n: number) => Array.from({ length: n }, (_, i) => `x-h${i}`);
      expect(make({ lateResponseHeaders: { remove: many(64) } })).toBeInstanceOf(ClientTrafficPolicy);
      expect(() => make({ lateResponseHeaders: { remove: many(65) } }))
        .toThrow(/spec.headers.lateResponseHeaders.remove has 65 headers, the maximum is 64/);
    });

    test('client validation', () => {
      expect(() => make({ clientValidation: { caCertificates: [] } }))
        .toThrow(/^ClientTrafficPolicy test\/P: spec.tls.clientValidation.caCertificateRefs is empty; pass at least one CA certificate/);
      const nine = Array.from({ length: 9 }, (_, i) => CaCertificateRef.fromSecretName(`ca-${i}`));
      expect(make({ clientValidation: { caCertificates: nine.slice(0, 8) } })).toBeInstanceOf(ClientTrafficPolicy);
      expect(() => make({ clientValidation: { caCertificates: nine } }))
        .toThrow(/spec.tls.clientValidation.caCertificateRefs has 9 entries, the maximum is 8; merge the CA bundles/);
      expect(() => make({ clientValidation: { caCertificates: ca, optional: true, mode: ClientValidationMode.REQUIRE_ANY } }))
        .toThrow(/spec.tls.clientValidation: optional \(true\) and mode \(RequireAny\) are exclusive; use mode/);
    });

    test('timeouts', () => {
      expect(() => make({ streamIdleTimeout: Duration.millis(0.5) })).toThrow(/^ClientTrafficPolicy test\/P: spec.timeout.http.streamIdleTimeout: duration 0.5ms/);
      expect(() => make({ httpIdleTimeout: Duration.hours(200_000) })).toThrow(/spec.timeout.http.idleTimeout \(httpIdleTimeout\): duration \d+ms is above the 5-digit limit/);
      expect(() => make({ requestReceivedTimeout: Duration.millis(0.5) })).toThrow(/spec.timeout.http.requestReceivedTimeout: duration 0.5ms/);
    });
  });
});
