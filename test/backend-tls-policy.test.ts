import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { BackendTlsPolicy, CaCertificateRef, PolicyTarget, SubjectAltName, SubjectAltNameType, WellKnownCaCertificates } from '../src';

function nsChart(namespace = 'web'): Chart {
  return new Chart(Testing.app(), 'test', { namespace });
}

describe('BackendTlsPolicy', () => {
  test('renders targets, hostname, CA refs, SANs and options', () => {
    // GIVEN
    const chart = nsChart();
    const svc = new kplus.Service(chart, 'Payments', { metadata: { name: 'payments' }, ports: [{ port: 8443, name: 'https' }] });
    const ca = new kplus.ConfigMap(chart, 'Ca', { metadata: { name: 'payments-ca' } });
    // WHEN
    const policy = new BackendTlsPolicy(chart, 'Tls', {
      metadata: { name: 'payments-tls' },
      targets: [PolicyTarget.fromService(svc, { sectionName: 'https' })],
      hostname: 'payments.internal.example.com',
      caCertificates: [CaCertificateRef.fromConfigMap(ca), CaCertificateRef.fromSecretName('extra-ca')],
      subjectAltNames: [SubjectAltName.hostname('*.internal.example.com'), SubjectAltName.uri('spiffe://cluster.local/ns/web/sa/payments')],
      options: { 'example.com/min-version': '1.3', 'acme.io/ciphers': 'modern' },
    });
    policy.addCaCertificate(CaCertificateRef.fromConfigMapName('payments-ca'));
    policy.addSubjectAltName(SubjectAltName.hostname('*.internal.example.com'));
    // THEN
    expect(ApiObject.of(policy)).toBe(policy.apiObject);
    expect(policy.hostname).toBe('payments.internal.example.com');
    expect(Testing.synth(chart).filter(o => o.kind === 'BackendTLSPolicy')).toStrictEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'BackendTLSPolicy',
      metadata: { name: 'payments-tls', namespace: 'web' },
      spec: {
        targetRefs: [{ group: '', kind: 'Service', name: 'payments', sectionName: 'https' }],
        validation: {
          hostname: 'payments.internal.example.com',
          caCertificateRefs: [
            { group: '', kind: 'ConfigMap', name: 'payments-ca' },
            { group: '', kind: 'Secret', name: 'extra-ca' },
          ],
          subjectAltNames: [
            { type: 'Hostname', hostname: '*.internal.example.com' },
            { type: 'URI', uri: 'spiffe://cluster.local/ns/web/sa/payments' },
          ],
        },
        options: { 'acme.io/ciphers': 'modern', 'example.com/min-version': '1.3' },
      },
    }]);
  });

  test('well-known CA certificates', () => {
    const chart = Testing.chart();
    new BackendTlsPolicy(chart, 'Tls', {
      metadata: { name: 'ext' },
      targets: [PolicyTarget.fromServiceName('external-api')],
      hostname: 'api.partner.com',
      wellKnownCaCertificates: WellKnownCaCertificates.SYSTEM,
    });
    expect(Testing.synth(chart)).toStrictEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'BackendTLSPolicy',
      metadata: { name: 'ext' },
      spec: {
        targetRefs: [{ group: '', kind: 'Service', name: 'external-api' }],
        validation: { hostname: 'api.partner.com', wellKnownCACertificates: 'System' },
      },
    }]);
    expect(WellKnownCaCertificates.custom('example.com/corp-cas').value).toBe('example.com/corp-cas');
    expect(WellKnownCaCertificates.custom('System').value).toBe('System');
    expect(() => WellKnownCaCertificates.custom('corp-cas')).toThrow(/WellKnownCaCertificates.custom: "corp-cas" is neither "System" nor a domain-prefixed name/);
  });

  test('CA refs and well-known CAs are exclusive, and one is required', () => {
    const chart = Testing.chart();
    const targets = [PolicyTarget.fromServiceName('api')];
    expect(() => new BackendTlsPolicy(chart, 'Both', {
      targets,
      hostname: 'api.example.com',
      caCertificates: [CaCertificateRef.fromConfigMapName('ca')],
      wellKnownCaCertificates: WellKnownCaCertificates.SYSTEM,
    })).toThrow(/BackendTLSPolicy test\/Both: caCertificates and wellKnownCaCertificates \(System\) are exclusive; pass one/);
    expect(() => new BackendTlsPolicy(chart, 'Neither', { targets, hostname: 'api.example.com' }))
      .toThrow(/BackendTLSPolicy test\/Neither: neither caCertificates nor wellKnownCaCertificates given; pass one/);
    const wk = new BackendTlsPolicy(chart, 'Wk', { targets, hostname: 'api.example.com', wellKnownCaCertificates: WellKnownCaCertificates.SYSTEM });
    expect(() => wk.addCaCertificate(CaCertificateRef.fromConfigMapName('ca')))
      .toThrow(/BackendTLSPolicy test\/Wk: cannot add CA certificate ConfigMap "ca": the policy uses wellKnownCaCertificates \(System\)/);
  });

  test('hostname must be a precise DNS name', () => {
    const chart = Testing.chart();
    const base = { targets: [PolicyTarget.fromServiceName('api')], wellKnownCaCertificates: WellKnownCaCertificates.SYSTEM };
    expect(() => new BackendTlsPolicy(chart, 'Wild', { ...base, hostname: '*.example.com' }))
      .toThrow(/BackendTLSPolicy test\/Wild: spec.validation.hostname: hostname "\*.example.com" must be a lowercase RFC 1123 DNS name without a wildcard/);
    expect(() => new BackendTlsPolicy(chart, 'Ip', { ...base, hostname: '10.1.2.3' }))
      .toThrow(/BackendTLSPolicy test\/Ip: spec.validation.hostname: hostname "10.1.2.3" is an IP address/);
    expect(() => new BackendTlsPolicy(chart, 'Upper', { ...base, hostname: 'API.example.com' })).toThrow(/hostname "API.example.com"/);
  });

  test('limits: 8 CA refs, 5 SANs, 16 options; duplicates are merged', () => {
    const chart = Testing.chart();
    const policy = new BackendTlsPolicy(chart, 'Tls', {
      targets: [PolicyTarget.fromServiceName('api')],
      hostname: 'api.example.com',
      caCertificates: [CaCertificateRef.fromConfigMapName('ca0')],
    });
    policy.addCaCertificate(CaCertificateRef.fromConfigMapName('ca0'));
    for (let i = 1; i < 8; i++) policy.addCaCertificate(CaCertificateRef.fromConfigMapName(`ca${i}`));
    expect(() => policy.addCaCertificate(CaCertificateRef.fromConfigMapName('ca8')))
      .toThrow(/BackendTLSPolicy test\/Tls: spec.validation.caCertificateRefs already has 8 entries, the maximum/);
    for (let i = 0; i < 5; i++) policy.addSubjectAltName(SubjectAltName.hostname(`h${i}.example.com`));
    expect(() => policy.addSubjectAltName(SubjectAltName.uri('spiffe://x/y')))
      .toThrow(/BackendTLSPolicy test\/Tls: spec.validation.subjectAltNames already has 5 entries, the maximum/);
    for (let i = 0; i < 16; i++) policy.addOption(`example.com/o${i}`, 'v');
    policy.addOption('example.com/o0', 'replaced');
    expect(() => policy.addOption('example.com/o16', 'v')).toThrow(/BackendTLSPolicy test\/Tls: spec.options already has 16 entries, the maximum/);
    const spec = Testing.synth(chart)[0].spec;
    // ca0, added twice, appears once
    expect(spec.validation.caCertificateRefs).toStrictEqual(['ca0', 'ca1', 'ca2', 'ca3', 'ca4', 'ca5', 'ca6', 'ca7'].map(name => ({ group: '', kind: 'ConfigMap', name })));
    expect(spec.options['example.com/o0']).toBe('replaced');
  });

  test('option keys must be domain-prefixed and values at most 4096 characters', () => {
    const chart = Testing.chart();
    const base = { targets: [PolicyTarget.fromServiceName('api')], hostname: 'api.example.com', wellKnownCaCertificates: WellKnownCaCertificates.SYSTEM };
    expect(() => new BackendTlsPolicy(chart, 'A', { ...base, options: { minVersion: '1.3' } }))
      .toThrow(/BackendTLSPolicy test\/A: spec.options: key "minVersion" must be domain-prefixed/);
    expect(() => new BackendTlsPolicy(chart, 'B', { ...base, options: { 'example.com/x': 'v'.repeat(4097) } }))
      .toThrow(/BackendTLSPolicy test\/B: spec.options: value of "example.com\/x" has 4097 characters, the maximum is 4096/);
  });

  test('CA refs are local: objects in another namespace are rejected', () => {
    const chart = nsChart('web');
    const other = nsChart('certs');
    const cm = new kplus.ConfigMap(other, 'Ca', { metadata: { name: 'ca' } });
    const secret = new kplus.Secret(other, 'S', { metadata: { name: 'ca-secret' } });
    const policy = new BackendTlsPolicy(chart, 'Tls', {
      targets: [PolicyTarget.fromServiceName('api')],
      hostname: 'api.example.com',
      caCertificates: [CaCertificateRef.fromSecret(kplus.Secret.fromSecretName(chart, 'Imported', 'imported-ca'))],
    });
    expect(() => policy.addCaCertificate(CaCertificateRef.fromConfigMap(cm)))
      .toThrow(/BackendTLSPolicy test\/Tls: CA certificate ConfigMap "ca" is in namespace "certs" but spec.validation.caCertificateRefs are local references; it must be in the policy's namespace "web"/);
    expect(() => policy.addCaCertificate(CaCertificateRef.fromSecret(secret))).toThrow(/CA certificate Secret "ca-secret" is in namespace "certs"/);
    expect(Testing.synth(chart).find(o => o.kind === 'BackendTLSPolicy')!.spec.validation.caCertificateRefs)
      .toStrictEqual([{ group: '', kind: 'Secret', name: 'imported-ca' }]);
  });

  test('a policy without targets fails at synth; cross-namespace targets are rejected', () => {
    const chart = nsChart();
    const policy = new BackendTlsPolicy(chart, 'Tls', { hostname: 'api.example.com', wellKnownCaCertificates: WellKnownCaCertificates.SYSTEM });
    expect(() => policy.addTarget(PolicyTarget.fromServiceName('api', { namespace: 'api' })))
      .toThrow(/BackendTLSPolicy test\/Tls: target Service "api" is in namespace "api", not the policy's namespace "web"/);
    expect(() => Testing.synth(chart)).toThrow(/BackendTLSPolicy has no targets; pass targets or call addTarget\(\)/);
  });
});

describe('SubjectAltName and CaCertificateRef', () => {
  test('factories check their values', () => {
    expect(SubjectAltName.uri('spiffe://td/ns/a').type).toBe(SubjectAltNameType.URI);
    expect(SubjectAltName.hostname('a.example.com').value).toBe('a.example.com');
    expect(() => SubjectAltName.hostname('bad_host')).toThrow(/SubjectAltName.hostname: hostname "bad_host" is not a lowercase RFC 1123 DNS name/);
    expect(() => SubjectAltName.uri('not-a-uri')).toThrow(/SubjectAltName.uri: "not-a-uri" must be a URI of 1-253 characters with a scheme and an authority/);
    expect(() => SubjectAltName.uri(`spiffe://${'a'.repeat(250)}`)).toThrow(/SubjectAltName.uri/);
    expect(() => CaCertificateRef.fromConfigMapName('Bad')).toThrow(/CaCertificateRef.fromConfigMapName: name "Bad" must be a lowercase RFC 1123 subdomain/);
    expect(() => CaCertificateRef.fromSecretName('')).toThrow(/CaCertificateRef.fromSecretName: name ""/);
  });
});
