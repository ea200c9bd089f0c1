import { Chart, Testing } from 'cdk8s';
import { CaCertificateRef, HttpRoute, WellKnownCaCertificates } from '../../../src';
import * as envoyGateway from '../../../src/profiles/envoy-gateway';

function nsChart(namespace = 'shop'): Chart {
  return new Chart(Testing.app(), 'test', { namespace });
}

function backends(chart: Chart): any[] {
  return Testing.synth(chart).filter(o => o.kind === 'Backend');
}

const { Backend, BackendEndpoint, BackendAppProtocol, BackendTlsVersion } = envoyGateway;

describe('Envoy Gateway Backend', () => {
  test('kitchen sink: FQDN endpoints over TLS with every option, validated against the CRD', () => {
    const chart = nsChart();
    const backend = new Backend(chart, 'Partner', {
      metadata: { name: 'partner' },
      endpoints: [BackendEndpoint.fqdn('api.partner.com', 443, { zone: 'eu-1', hostname: 'api.partner.com' })],
      tls: {
        sni: 'api.partner.com',
        caCertificates: [CaCertificateRef.fromConfigMapName('partner-ca'), CaCertificateRef.fromSecret({ name: 'extra-ca', metadata: { namespace: 'shop' } })],
        minVersion: BackendTlsVersion.V1_2,
        maxVersion: BackendTlsVersion.V1_3,
        alpnProtocols: ['h2', 'http/1.1'],
      },
      appProtocols: [BackendAppProtocol.H2C, BackendAppProtocol.H2C, BackendAppProtocol.WS],
      fallback: true,
    });
    backend.addEndpoint(BackendEndpoint.fqdn('api2.partner.com.', 8443));
    expect(backends(chart)).toStrictEqual([{
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'Backend',
      metadata: { name: 'partner', namespace: 'shop' },
      spec: {
        endpoints: [
          { fqdn: { hostname: 'api.partner.com', port: 443 }, zone: 'eu-1', hostname: 'api.partner.com' },
          { fqdn: { hostname: 'api2.partner.com.', port: 8443 } },
        ],
        appProtocols: ['gateway.envoyproxy.io/h2c', 'gateway.envoyproxy.io/ws'],
        tls: {
          sni: 'api.partner.com',
          caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'partner-ca' }, { group: '', kind: 'Secret', name: 'extra-ca' }],
          minVersion: '1.2',
          maxVersion: '1.3',
          alpnProtocols: ['h2', 'http/1.1'],
        },
        fallback: true,
      },
    }]);
  });

  test('HTTPS without verification (ingress-nginx backend-protocol HTTPS), referenced from a route', () => {
    const chart = nsChart();
    const legacy = new Backend(chart, 'Legacy', {
      metadata: { name: 'legacy' },
      endpoints: [BackendEndpoint.ip('10.1.2.3', 8443), BackendEndpoint.ip('2001:db8::7', 8443)],
      tls: { insecureSkipVerify: true },
    });
    new HttpRoute(chart, 'Route', { metadata: { name: 'r' }, rules: [{ backends: [legacy.toBackend({ port: 8443, weight: 3 })] }] });
    const out = Testing.synth(chart);
    expect(out.find(o => o.kind === 'Backend')!.spec).toStrictEqual({
      endpoints: [{ ip: { address: '10.1.2.3', port: 8443 } }, { ip: { address: '2001:db8::7', port: 8443 } }],
      tls: { insecureSkipVerify: true },
    });
    expect(out.find(o => o.kind === 'HTTPRoute')!.spec.rules[0].backendRefs).toStrictEqual([
      { group: 'gateway.envoyproxy.io', kind: 'Backend', name: 'legacy', port: 8443, weight: 3 },
    ]);
    const ref = legacy.toBackend();
    expect([ref.group, ref.kind, ref.name, ref.namespace, ref.port, ref.weight]).toStrictEqual(['gateway.envoyproxy.io', 'Backend', 'legacy', 'shop', undefined, undefined]);
  });

  test('Unix sockets, auto SNI with endpoint hostnames, well-known CAs, Auto versions', () => {
    const chart = nsChart();
    new Backend(chart, 'Sock', {
      metadata: { name: 'sock' },
      endpoints: [BackendEndpoint.unix('/var/run/app.sock', { hostname: 'app.local' }), BackendEndpoint.ip('127.0.0.1', 1, { hostname: 'app.local' })],
      tls: {
        autoSniFromEndpointHostname: true,
        wellKnownCaCertificates: WellKnownCaCertificates.SYSTEM,
        minVersion: BackendTlsVersion.AUTO,
        maxVersion: BackendTlsVersion.AUTO,
      },
    });
    new Backend(chart, 'MaxOnly', { metadata: { name: 'max-only' }, endpoints: [BackendEndpoint.ip('127.0.0.1', 65535)], tls: { maxVersion: BackendTlsVersion.V1_2 } });
    expect(backends(chart).map(b => b.spec)).toStrictEqual([
      {
        endpoints: [{ unix: { path: '/var/run/app.sock' }, hostname: 'app.local' }, { ip: { address: '127.0.0.1', port: 1 }, hostname: 'app.local' }],
        tls: { autoSNIFromEndpointHostname: true, wellKnownCACertificates: 'System', minVersion: 'Auto', maxVersion: 'Auto' },
      },
      { endpoints: [{ ip: { address: '127.0.0.1', port: 65535 } }], tls: { maxVersion: '1.2' } },
    ]);
  });

  test('endpoint factory errors', () => {
    expect(() => BackendEndpoint.fqdn('https://api.example.com', 443)).toThrow(/BackendEndpoint.fqdn: hostname "https:\/\/api.example.com" must be a lowercase DNS name of 1-253 characters/);
    expect(() => BackendEndpoint.fqdn('API.example.com', 443)).toThrow(/hostname "API.example.com" must be a lowercase DNS name/);
    expect(() => BackendEndpoint.fqdn(`${'a'.repeat(63)}.`.repeat(4) + 'com', 443)).toThrow(/must be a lowercase DNS name of 1-253 characters/);
    expect(() => BackendEndpoint.fqdn('api.example.com', 0)).toThrow(/BackendEndpoint.fqdn: port 0 is outside 1-65535/);
    expect(() => BackendEndpoint.fqdn('api.example.com', 65536)).toThrow(/port 65536 is outside 1-65535/);
    expect(() => BackendEndpoint.ip('10.0.0.1', 80.5)).toThrow(/BackendEndpoint.ip: port 80.5 is not an integer/);
    expect(() => BackendEndpoint.ip('10.0.0', 80)).toThrow(/BackendEndpoint.ip: address "10.0.0" is not an IPv4 or IPv6 address/);
    expect(() => BackendEndpoint.ip('::1', 80)).toThrow(/BackendEndpoint.ip: address "::1" is in an IPv6 form the Backend CRD's pattern refuses .*write the address in full, such as "0:0:0:0:0:0:0:1"/);
    expect(BackendEndpoint.ip('0:0:0:0:0:0:0:1', 80).type).toBe('ip');
    expect(() => BackendEndpoint.unix('')).toThrow(/BackendEndpoint.unix: path "" must be 1-108 characters/);
    expect(() => BackendEndpoint.unix(`/${'s'.repeat(108)}`)).toThrow(/must be 1-108 characters/);
    expect(BackendEndpoint.unix(`/${'s'.repeat(107)}`).type).toBe('unix');
    expect(() => BackendEndpoint.ip('10.0.0.1', 80, { hostname: '*.example.com' })).toThrow(/BackendEndpoint.ip: options.hostname: hostname "\*.example.com" must be a lowercase RFC 1123 DNS name without a wildcard/);
    expect(() => BackendEndpoint.ip('10.0.0.1', 80, { zone: '' })).toThrow(/BackendEndpoint.ip: options.zone is empty/);
  });

  test('endpoint list errors: empty, mixed kinds, more than 256, auto SNI without hostnames', () => {
    expect(() => new Backend(nsChart(), 'None', { endpoints: [] }))
      .toThrow(/Backend test\/None: spec.endpoints is empty; give at least one BackendEndpoint \(fqdn, ip or unix\)/);
    expect(() => new Backend(nsChart(), 'Mixed', { endpoints: [BackendEndpoint.fqdn('a.example.com', 80), BackendEndpoint.ip('10.0.0.1', 80)] }))
      .toThrow(/Backend test\/Mixed: spec.endpoints: ip endpoint 10.0.0.1:80 cannot be mixed with fqdn endpoint a.example.com:80; FQDN endpoints cannot be mixed with IP or Unix socket endpoints/);
    expect(() => new Backend(nsChart(), 'Mixed2', { endpoints: [BackendEndpoint.unix('/s'), BackendEndpoint.fqdn('a.example.com', 80)] }))
      .toThrow(/fqdn endpoint a.example.com:80 cannot be mixed with unix endpoint unix:\/s/);
    const many = Array.from({ length: 256 }, (_, i) => BackendEndpoint.ip(`10.0.${Math.floor(i / 256)}.${i % 256}`, 80));
    const chart = nsChart();
    const full = new Backend(chart, 'Full', { endpoints: many });
    expect(() => full.addEndpoint(BackendEndpoint.ip('10.0.1.0', 80))).toThrow(/Backend test\/Full: spec.endpoints already has 256 entries, the maximum/);
    expect(backends(chart)[0].spec.endpoints).toHaveLength(256);
    expect(() => new Backend(nsChart(), 'Sni', { endpoints: [BackendEndpoint.ip('10.0.0.1', 443)], tls: { autoSniFromEndpointHostname: true } }))
      .toThrow(/Backend test\/Sni: spec.endpoints: ip endpoint 10.0.0.1:443 has no hostname, which tls.autoSniFromEndpointHostname needs; pass options.hostname/);
  });

  test('TLS errors mirror the CRD rules', () => {
    const ep = [BackendEndpoint.fqdn('a.example.com', 443)];
    const make = (id: string, tls: envoyGateway.BackendTlsOptions) => new Backend(nsChart(), id, { endpoints: ep, tls });
    const ca = CaCertificateRef.fromConfigMapName('ca');
    expect(() => make('Both', { caCertificates: [ca], wellKnownCaCertificates: WellKnownCaCertificates.SYSTEM }))
      .toThrow(/Backend test\/Both: spec.tls: caCertificates and wellKnownCaCertificates \(System\) are exclusive; pass one/);
    expect(() => make('Skip', { insecureSkipVerify: true, caCertificates: [ca] }))
      .toThrow(/Backend test\/Skip: spec.tls: insecureSkipVerify cannot be combined with caCertificates or wellKnownCaCertificates/);
    expect(() => make('SkipWk', { insecureSkipVerify: true, wellKnownCaCertificates: WellKnownCaCertificates.SYSTEM })).toThrow(/insecureSkipVerify cannot be combined/);
    expect(() => make('NoCa', { caCertificates: [] })).toThrow(/Backend test\/NoCa: spec.tls.caCertificateRefs has 0 entries; give 1-8 or omit caCertificates/);
    expect(() => make('NineCa', { caCertificates: Array.from({ length: 9 }, (_, i) => CaCertificateRef.fromConfigMapName(`ca${i}`)) })).toThrow(/has 9 entries; give 1-8/);
    expect(() => make('Remote', { caCertificates: [CaCertificateRef.fromSecret({ name: 'ca', metadata: { namespace: 'other' } })] }))
      .toThrow(/Backend test\/Remote: spec.tls.caCertificateRefs: Secret "ca" is in namespace "other"; CA references are local: it must be in the Backend's namespace "shop"/);
    expect(() => make('BadSni', { sni: '*.example.com' })).toThrow(/Backend test\/BadSni: spec.tls.sni: hostname "\*.example.com" must be a lowercase RFC 1123 DNS name without a wildcard/);
    expect(() => make('TwoSni', { sni: 'a.example.com', autoSniFromEndpointHostname: true })).toThrow(/spec.tls: sni \("a.example.com"\) and autoSniFromEndpointHostname are exclusive/);
    expect(() => make('Versions', { minVersion: BackendTlsVersion.V1_3, maxVersion: BackendTlsVersion.V1_2 })).toThrow(/Backend test\/Versions: spec.tls: minVersion 1.3 is above maxVersion 1.2/);
    expect(() => make('DefaultMin', { maxVersion: BackendTlsVersion.V1_1 })).toThrow(/spec.tls: minVersion 1.2 \(default\) is above maxVersion 1.1/);
    expect(make('AutoMin', { minVersion: BackendTlsVersion.AUTO, maxVersion: BackendTlsVersion.V1_0 }).name).toMatch(/^test-automin-/);
  });
});
