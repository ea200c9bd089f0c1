import { ApiObject, Chart, Testing } from 'cdk8s';
import { Backend, GrpcFilter, TlsRoute } from '../src';
import { StubParent } from './support/stub-parent';

const passthrough = new StubParent(
  { name: 'edge', sectionName: 'vault' },
  [{ name: 'vault', port: 443, protocol: 'TLS', hostname: 'vault.example.com' }],
);

describe('TlsRoute', () => {
  test('renders parents, hostnames and the single rule', () => {
    // GIVEN
    const chart = Testing.chart();
    // WHEN
    const route = new TlsRoute(chart, 'Vault', {
      metadata: { name: 'vault' },
      parents: [passthrough],
      hostnames: ['vault.example.com'],
      rules: [{ name: 'vault', backends: [Backend.fromServiceName('vault', 8200, { weight: 3 })] }],
    });
    route.addBackend(Backend.fromServiceName('vault-standby', 8200, { weight: 1 }));
    // THEN
    expect(ApiObject.of(route)).toBe(route.apiObject);
    expect(route.ruleCount).toBe(1);
    expect(Testing.synth(chart)).toStrictEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'TLSRoute',
      metadata: { name: 'vault' },
      spec: {
        parentRefs: [{ name: 'edge', sectionName: 'vault' }],
        hostnames: ['vault.example.com'],
        rules: [{
          name: 'vault',
          backendRefs: [{ name: 'vault', port: 8200, weight: 3 }, { name: 'vault-standby', port: 8200, weight: 1 }],
        }],
      },
    }]);
  });

  test('backends shorthand creates an unnamed rule; addHostname adds SNI names', () => {
    const chart = Testing.chart();
    const route = new TlsRoute(chart, 'Route', { metadata: { name: 'r' }, backends: [Backend.fromServiceName('db', 5432)] });
    route.addHostname('*.db.example.com');
    expect(Testing.synth(chart)[0].spec).toStrictEqual({
      hostnames: ['*.db.example.com'],
      rules: [{ backendRefs: [{ name: 'db', port: 5432 }] }],
    });
  });

  test('a cross-namespace backend gets a ReferenceGrant of kind TLSRoute', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'edge' });
    new TlsRoute(chart, 'Route', {
      hostnames: ['vault.example.com'],
      backends: [Backend.fromServiceName('vault', 8200, { namespace: 'secrets' })],
    });
    expect(Testing.synth(chart).filter(o => o.kind === 'ReferenceGrant')).toStrictEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'ReferenceGrant',
      metadata: { name: 'tlsroute-edge-to-service-vault', namespace: 'secrets' },
      spec: {
        from: [{ group: 'gateway.networking.k8s.io', kind: 'TLSRoute', namespace: 'edge' }],
        to: [{ group: '', kind: 'Service', name: 'vault' }],
      },
    }]);
  });

  test('hostnames and rules are required at synth', () => {
    const chart = Testing.chart();
    new TlsRoute(chart, 'Route');
    expect(() => Testing.synth(chart)).toThrow(/TLSRoute has no hostnames; TLSRoute v1 requires at least one SNI hostname/);
    expect(() => Testing.synth(chart)).toThrow(/TLSRoute has no rules; pass backends or rules/);
  });

  test('IP addresses and invalid hostnames are rejected', () => {
    const chart = Testing.chart();
    expect(() => new TlsRoute(chart, 'A', { hostnames: ['10.0.0.1'] }))
      .toThrow(/TLSRoute test\/A: spec.hostnames: hostname "10.0.0.1" is an IP address/);
    expect(() => new TlsRoute(chart, 'B', { hostnames: ['foo.*.example.com'] }))
      .toThrow(/TLSRoute test\/B: spec.hostnames: hostname "foo.\*.example.com" is not a lowercase RFC 1123 DNS name/);
  });

  test('exactly one rule with 1-16 backends and no per-backend filters', () => {
    const chart = Testing.chart();
    const route = new TlsRoute(chart, 'Route', { hostnames: ['a.example.com'] });
    expect(() => route.addRule({ backends: [] })).toThrow(/TLSRoute test\/Route: spec.rules\[0\]: a rule needs at least one backend/);
    const many = Array.from({ length: 17 }, (_, i) => Backend.fromServiceName(`b${i}`, 1));
    expect(() => route.addRule({ backends: many })).toThrow(/spec.rules\[0\]: 17 backends, the maximum is 16/);
    const filtered = Backend.fromServiceName('a', 1, { filters: [GrpcFilter.requestHeaderModifier({ set: { a: 'b' } })] });
    expect(() => route.addRule({ backends: [filtered] }))
      .toThrow(/TLSRoute test\/Route: spec.rules\[0\]: backend Service "a:1" has filters, but TLSRoute backends cannot have filters/);
    expect(() => route.addRule({ name: 'No_Good', backends: [Backend.fromServiceName('a', 1)] })).toThrow(/rule name "No_Good" must be a lowercase RFC 1123 subdomain/);
    route.addRule({ name: 'main', backends: [Backend.fromServiceName('a', 1)] });
    expect(() => route.addRule({ backends: [Backend.fromServiceName('b', 1)] }))
      .toThrow(/TLSRoute test\/Route: spec.rules already has a rule and TLSRoute v1 allows exactly one; add the backends to that rule/);
    expect(() => route.addBackend(filtered)).toThrow(/spec.rules\[0\] \("main"\): backend Service "a:1" has filters/);
    for (let i = 1; i < 16; i++) route.addBackend(Backend.fromServiceName(`b${i}`, 1));
    expect(() => route.addBackend(Backend.fromServiceName('x', 1))).toThrow(/spec.rules\[0\] \("main"\): already has 16 backends, the maximum/);
  });

  test('a rule whose backends all weigh 0 fails at synth', () => {
    const chart = Testing.chart();
    new TlsRoute(chart, 'Route', { hostnames: ['a.example.com'], backends: [Backend.fromServiceName('a', 1, { weight: 0 })] });
    expect(() => Testing.synth(chart)).toThrow(/spec.rules\[0\]: every backend has weight 0, so the rule sends no traffic/);
  });

  test('the parent must have a TLS listener whose hostname intersects', () => {
    const chart = Testing.chart();
    const https = new StubParent({ name: 'edge' }, [{ name: 'https', port: 443, protocol: 'HTTPS' }]);
    new TlsRoute(chart, 'A', { parents: [https], hostnames: ['a.example.com'], backends: [Backend.fromServiceName('a', 1)] });
    new TlsRoute(chart, 'B', { parents: [passthrough], hostnames: ['other.example.com'], backends: [Backend.fromServiceName('a', 1)] });
    expect(() => Testing.synth(chart)).toThrow(
      /test\/A[\s\S]*has no TLS listener for a TLSRoute[\s\S]*test\/B[\s\S]*hostnames other.example.com cannot intersect/);
  });

  test('accepts up to 1024 hostnames, the TLSRoute v1 limit (HTTPRoute stops at 16)', () => {
    const chart = Testing.chart();
    const hostnames = Array.from({ length: 1024 }, (_, i) => `h${i}.example.com`);
    const route = new TlsRoute(chart, 'Route', { hostnames, backends: [Backend.fromServiceName('a', 1)] });
    expect(route.hostnames).toHaveLength(1024);
    expect(() => route.addHostname('one-more.example.com')).toThrow(/TLSRoute test\/Route: spec.hostnames already has 1024 entries, the maximum/);
  });
});
