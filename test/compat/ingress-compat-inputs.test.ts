import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Gateway, GatewayClass, ImplementationProfile, IngressCompat, NoticeStatus } from '../../src';

const routes = (chart: Chart) => Testing.synth(chart).filter(o => o.kind === 'HTTPRoute');

describe('IngressCompat inputs', () => {
  test('fromIngress migrates a cdk8s-plus Ingress in place and can remove it', () => {
    const chart = new Chart(Testing.app(), 'app', { namespace: 'web' });
    const svc = new kplus.Service(chart, 'Web', { metadata: { name: 'web' }, ports: [{ port: 8080, name: 'http' }] });
    const ingress = new kplus.Ingress(chart, 'Ingress', {
      metadata: { name: 'site', annotations: { 'nginx.ingress.kubernetes.io/app-root': '/home' } },
      className: 'nginx',
      rules: [{ host: 'www.example.com', path: '/', pathType: kplus.HttpIngressPathType.PREFIX, backend: kplus.IngressBackend.fromService(svc) }],
    });
    const compat = IngressCompat.fromIngress(chart, 'Compat', ingress, { removeOriginal: true, printNotices: false });
    const objects = Testing.synth(chart);
    expect(objects.some(o => o.kind === 'Ingress')).toBe(false);
    expect(routes(chart).map(r => r.spec)).toStrictEqual([{
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'nginx', sectionName: 'http' }],
      hostnames: ['www.example.com'],
      rules: [
        { matches: [{ path: { type: 'Exact', value: '/' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: '/home' }, statusCode: 302 } }] },
        { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'web', port: 8080 }] },
      ],
    }]);
    expect(compat.notices).toContainEqual({ ingress: 'web/site', annotation: 'nginx.ingress.kubernetes.io/app-root', status: NoticeStatus.APPROXIMATE, message: expect.stringMatching(/302 to \/home .*keeps the query string/) });
  });

  test('fromIngress refuses an object that is not an Ingress', () => {
    const chart = new Chart(Testing.app(), 'app');
    const cm = new ApiObject(chart, 'Cm', { apiVersion: 'v1', kind: 'ConfigMap' });
    expect(() => IngressCompat.fromIngress(chart, 'Compat', cm)).toThrow(/IngressCompat.fromIngress: app\/Cm is a ConfigMap, not an Ingress/);
  });

  test('fromSpec takes typed Ingresses and attaches to an existing Gateway', () => {
    const chart = new Chart(Testing.app(), 'app', { namespace: 'shop' });
    const gateway = new Gateway(chart, 'Edge', { metadata: { name: 'edge' }, gatewayClass: GatewayClass.fromGatewayClassName(chart, 'Eg', 'eg') });
    gateway.addHttpListener({ name: 'web' });
    IngressCompat.fromSpec(chart, 'Compat', {
      gateway,
      httpListenerName: 'web',
      profile: ImplementationProfile.standard(),
      printNotices: false,
      ingresses: [{
        name: 'shop',
        namespace: 'shop',
        ingressClassName: 'nginx',
        rules: [{ host: 'shop.example.com', paths: [{ path: '/', pathType: 'Prefix', serviceName: 'web', servicePort: 80 }] }],
      }],
    });
    const objects = Testing.synth(chart);
    expect(objects.filter(o => o.kind === 'Gateway').map(o => o.metadata.name)).toStrictEqual(['edge']);
    expect(routes(chart).map(r => [r.metadata.name, r.spec.parentRefs])).toStrictEqual([
      ['shop-shop-example-com', [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge', sectionName: 'web' }]],
    ]);
  });
});

describe('IngressCompat CORS values Gateway API spells differently', () => {
  test('methods are upper-cased and de-duplicated, non-standard ones left out with a notice; headers once each', () => {
    const chart = new Chart(Testing.app(), 'app');
    const compat = IngressCompat.fromSpec(chart, 'Compat', {
      printNotices: false,
      ingresses: [{
        name: 'a',
        namespace: 'web',
        ingressClassName: 'nginx',
        annotations: {
          'nginx.ingress.kubernetes.io/enable-cors': 'true',
          'nginx.ingress.kubernetes.io/cors-allow-methods': 'get, GET, PROPFIND',
          'nginx.ingress.kubernetes.io/cors-allow-headers': 'X-Token, x-token',
        },
        rules: [{ host: 'a.example.com', paths: [{ path: '/', serviceName: 's', servicePort: 80 }] }],
      }],
    });
    const cors = routes(chart)[0].spec.rules[0].filters.find((f: any) => f.type === 'CORS').cors;
    expect([cors.allowMethods, cors.allowHeaders]).toStrictEqual([['GET'], ['X-Token']]);
    expect(compat.notices).toContainEqual({
      ingress: 'web/a',
      annotation: 'nginx.ingress.kubernetes.io/cors-allow-methods',
      status: NoticeStatus.APPROXIMATE,
      message: expect.stringMatching(/standard methods only .*; PROPFIND left out/),
    });
  });
});
