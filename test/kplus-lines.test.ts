import { Chart, Testing } from 'cdk8s';
import * as kplus28 from 'cdk8s-plus-28';
import * as kplus33 from 'cdk8s-plus-33';
import {
  Backend, BackendTlsPolicy, CaCertificateRef, CertificateRef, Gateway, GatewayClass, HttpRoute, PolicyTarget,
} from '../src';

/**
 * The object-taking conveniences accept the Service, Secret and ConfigMap of every cdk8s-plus
 * 2.x line as is (no casts here: `npx tsc --noEmit -p test/tsconfig.json` checks that). -28 is
 * the oldest line, -33 the one `cdk8s init typescript-app` scaffolds; their classes are
 * nominally different (protected `apiObject`), so a parameter typed with one line's class
 * rejects the other's.
 */

/** What the conveniences made of one line's objects. */
interface FromObjects {
  /** `Backend.fromService` of a single-port Service in the chart's namespace. */
  readonly web: Backend;
  /** `Backend.fromService` of a two-port Service in namespace `payments`, with a port and weight. */
  readonly payments: Backend;
  /** `PolicyTarget.fromService` of that Service, one port by name. */
  readonly paymentsTarget: PolicyTarget;
  /** `CertificateRef.fromSecret` of a Secret in namespace `certs`. */
  readonly siteCert: CertificateRef;
  /** `CertificateRef.fromSecret` of a Secret imported by name. */
  readonly importedCert: CertificateRef;
  /** `CertificateRef.fromConfigMap` of a ConfigMap in namespace `pki`. */
  readonly clientCa: CertificateRef;
  /** `CaCertificateRef.fromConfigMap` of a ConfigMap in namespace `payments`. */
  readonly paymentsCa: CaCertificateRef;
}

function newChart(): Chart {
  return new Chart(Testing.app(), 'apps', { namespace: 'shop' });
}

/** A Gateway, an HTTPRoute and a BackendTLSPolicy built from the references; their synthesized objects. */
function synthGatewayApi(chart: Chart, refs: FromObjects): any[] {
  const gateway = new Gateway(chart, 'Edge', {
    metadata: { name: 'edge' },
    gatewayClass: GatewayClass.fromGatewayClassName(chart, 'Eg', 'eg'),
    clientCertificateValidation: { caCertificates: [refs.clientCa] },
  });
  const https = gateway.addHttpsListener({ hostname: 'shop.example.com', certificates: [refs.siteCert, refs.importedCert] });
  new HttpRoute(chart, 'Shop', {
    metadata: { name: 'shop' },
    parents: [https],
    hostnames: ['shop.example.com'],
    rules: [{ backends: [refs.web, refs.payments] }],
  });
  new BackendTlsPolicy(chart, 'PaymentsTls', {
    metadata: { name: 'payments-tls', namespace: 'payments' },
    targets: [refs.paymentsTarget],
    hostname: 'payments.internal.example.com',
    caCertificates: [refs.paymentsCa],
  });
  return Testing.synth(chart).filter(o => o.apiVersion.startsWith('gateway.networking.k8s.io/'));
}

/** A ReferenceGrant the Gateway (`fromKind` Gateway) or the route (HTTPRoute) creates in `namespace`. */
function grant(name: string, namespace: string, fromKind: string, toKind: string, toName: string): any {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'ReferenceGrant',
    metadata: { name, namespace },
    spec: {
      from: [{ group: 'gateway.networking.k8s.io', kind: fromKind, namespace: 'shop' }],
      to: [{ group: '', kind: toKind, name: toName }],
    },
  };
}

/** The same objects whatever the cdk8s-plus line (hand-written). */
const EXPECTED = [
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'edge', namespace: 'shop' },
    spec: {
      gatewayClassName: 'eg',
      listeners: [{
        name: 'https',
        hostname: 'shop.example.com',
        port: 443,
        protocol: 'HTTPS',
        tls: {
          mode: 'Terminate',
          certificateRefs: [
            { group: '', kind: 'Secret', name: 'site-tls', namespace: 'certs' },
            { group: '', kind: 'Secret', name: 'fallback-tls' },
          ],
        },
      }],
      tls: {
        frontend: {
          default: {
            validation: {
              caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'client-ca', namespace: 'pki' }],
              mode: 'AllowValidOnly',
            },
          },
        },
      },
    },
  },
  grant('gateway-shop-to-configmap-client-ca', 'pki', 'Gateway', 'ConfigMap', 'client-ca'),
  grant('gateway-shop-to-secret-site-tls', 'certs', 'Gateway', 'Secret', 'site-tls'),
  grant('httproute-shop-to-service-payments', 'payments', 'HTTPRoute', 'Service', 'payments'),
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'shop', namespace: 'shop' },
    spec: {
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge', sectionName: 'https' }],
      hostnames: ['shop.example.com'],
      rules: [{
        backendRefs: [
          { name: 'web', port: 8080 },
          { name: 'payments', namespace: 'payments', port: 8443, weight: 3 },
        ],
      }],
    },
  },
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'BackendTLSPolicy',
    metadata: { name: 'payments-tls', namespace: 'payments' },
    spec: {
      targetRefs: [{ group: '', kind: 'Service', name: 'payments', sectionName: 'https' }],
      validation: {
        hostname: 'payments.internal.example.com',
        caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'payments-ca' }],
      },
    },
  },
];

describe('cdk8s-plus objects of any 2.x line', () => {
  test('cdk8s-plus-28: Backend.fromService, PolicyTarget.fromService, CertificateRef.fromSecret/fromConfigMap', () => {
    // GIVEN
    const chart = newChart();
    const web = new kplus28.Service(chart, 'Web', { metadata: { name: 'web' }, ports: [{ port: 8080 }] });
    const payments = new kplus28.Service(chart, 'Payments', {
      metadata: { name: 'payments', namespace: 'payments' },
      ports: [{ port: 8443, name: 'https' }, { port: 8080, name: 'http' }],
    });
    const site = new kplus28.Secret(chart, 'Site', { metadata: { name: 'site-tls', namespace: 'certs' } });
    const clientCa = new kplus28.ConfigMap(chart, 'ClientCa', { metadata: { name: 'client-ca', namespace: 'pki' } });
    const paymentsCa = new kplus28.ConfigMap(chart, 'PaymentsCa', { metadata: { name: 'payments-ca', namespace: 'payments' } });
    // WHEN
    const synthesized = synthGatewayApi(chart, {
      web: Backend.fromService(web),
      payments: Backend.fromService(payments, { port: 8443, weight: 3 }),
      paymentsTarget: PolicyTarget.fromService(payments, { sectionName: 'https' }),
      siteCert: CertificateRef.fromSecret(site),
      importedCert: CertificateRef.fromSecret(kplus28.Secret.fromSecretName(chart, 'Fallback', 'fallback-tls')),
      clientCa: CertificateRef.fromConfigMap(clientCa),
      paymentsCa: CaCertificateRef.fromConfigMap(paymentsCa),
    });
    // THEN
    expect(synthesized).toStrictEqual(EXPECTED);
  });

  test('cdk8s-plus-33: the same calls give the same objects', () => {
    // GIVEN
    const chart = newChart();
    const web = new kplus33.Service(chart, 'Web', { metadata: { name: 'web' }, ports: [{ port: 8080 }] });
    const payments = new kplus33.Service(chart, 'Payments', {
      metadata: { name: 'payments', namespace: 'payments' },
      ports: [{ port: 8443, name: 'https' }, { port: 8080, name: 'http' }],
    });
    const site = new kplus33.Secret(chart, 'Site', { metadata: { name: 'site-tls', namespace: 'certs' } });
    const clientCa = new kplus33.ConfigMap(chart, 'ClientCa', { metadata: { name: 'client-ca', namespace: 'pki' } });
    const paymentsCa = new kplus33.ConfigMap(chart, 'PaymentsCa', { metadata: { name: 'payments-ca', namespace: 'payments' } });
    // the two lines' classes really are distinct
    expect(web).not.toBeInstanceOf(kplus28.Service);
    expect(site).not.toBeInstanceOf(kplus28.Resource);
    // WHEN
    const synthesized = synthGatewayApi(chart, {
      web: Backend.fromService(web),
      payments: Backend.fromService(payments, { port: 8443, weight: 3 }),
      paymentsTarget: PolicyTarget.fromService(payments, { sectionName: 'https' }),
      siteCert: CertificateRef.fromSecret(site),
      importedCert: CertificateRef.fromSecret(kplus33.Secret.fromSecretName(chart, 'Fallback', 'fallback-tls')),
      clientCa: CertificateRef.fromConfigMap(clientCa),
      paymentsCa: CaCertificateRef.fromConfigMap(paymentsCa),
    });
    // THEN
    expect(synthesized).toStrictEqual(EXPECTED);
  });

  test('a Service in the chart namespace, and a Secret/ConfigMap whose namespace is the chart\'s, render no namespace', () => {
    const chart = newChart();
    const svc = new kplus33.Service(chart, 'Svc', { metadata: { name: 'api' }, ports: [{ port: 80, name: 'http' }] });
    const secret = new kplus33.Secret(chart, 'Tls', { metadata: { name: 'api-tls' } });
    const cm = new kplus33.ConfigMap(chart, 'Ca', { metadata: { name: 'api-ca' } });
    expect(Backend.fromService(svc)._toKube('shop')).toStrictEqual(
      { group: undefined, kind: undefined, name: 'api', namespace: undefined, port: 80, weight: undefined });
    expect(PolicyTarget.fromService(svc).targetNamespace).toBe('shop');
    expect(CertificateRef.fromSecret(secret)._toKube('shop')).toStrictEqual({ group: '', kind: 'Secret', name: 'api-tls', namespace: undefined });
    expect(CertificateRef.fromSecret(secret)._toKube('other')).toStrictEqual({ group: '', kind: 'Secret', name: 'api-tls', namespace: 'shop' });
    expect(CertificateRef.fromConfigMap(cm)._toKube('other')).toStrictEqual({ group: '', kind: 'ConfigMap', name: 'api-ca', namespace: 'shop' });
  });

  test.each([
    ['cdk8s-plus-28', (chart: Chart) => Backend.fromService(new kplus28.Service(chart, 'Two', { metadata: { name: 'two' }, ports: [{ port: 80 }, { port: 443 }] }))],
    ['cdk8s-plus-33', (chart: Chart) => Backend.fromService(new kplus33.Service(chart, 'Two', { metadata: { name: 'two' }, ports: [{ port: 80 }, { port: 443 }] }))],
  ])('%s: Backend.fromService of a two-port Service without options.port names the ports', (_line, build) => {
    expect(() => build(newChart())).toThrow(/Backend\.fromService: service "two" exposes ports 80,443; pass options\.port to pick one/);
  });

  test.each([
    ['cdk8s-plus-28', (chart: Chart) => PolicyTarget.fromService(new kplus28.Service(chart, 'Api', { metadata: { name: 'api' }, ports: [{ port: 443, name: 'https' }] }), { sectionName: 'http' })],
    ['cdk8s-plus-33', (chart: Chart) => PolicyTarget.fromService(new kplus33.Service(chart, 'Api', { metadata: { name: 'api' }, ports: [{ port: 443, name: 'https' }] }), { sectionName: 'http' })],
  ])('%s: PolicyTarget.fromService checks sectionName against the port names', (_line, build) => {
    expect(() => build(newChart())).toThrow(/PolicyTarget\.fromService: service "api" has no port named "http" \(named ports: https\)/);
  });

  test('any object with the members read works too (the interfaces are structural)', () => {
    const svc = { name: 'ext', metadata: { namespace: 'shop' }, ports: [{ port: 9000 }] };
    expect(Backend.fromService(svc)._toKube('web')).toStrictEqual(
      { group: undefined, kind: undefined, name: 'ext', namespace: 'shop', port: 9000, weight: undefined });
    expect(CertificateRef.fromSecret({ name: 'bare' })._toKube()).toStrictEqual({ group: '', kind: 'Secret', name: 'bare', namespace: undefined });
  });
});
