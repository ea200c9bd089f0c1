import { ApiObject, Chart, Testing } from 'cdk8s';
import {
  Backend, CertificateRef, Gateway, GatewayClass, ListenerNamespaces, ListenerSet, RouteNamespaces, SslRedirect,
} from '../../src';

function edge(chart: Chart): Gateway {
  return new Gateway(chart, 'Edge', {
    metadata: { name: 'edge', namespace: 'infra' },
    gatewayClass: GatewayClass.fromGatewayClassName(chart, 'Eg', 'eg'),
    allowedListeners: ListenerNamespaces.all(),
  });
}

function routes(chart: Chart): any[] {
  return Testing.synth(chart).filter(o => o.kind === 'HTTPRoute');
}

const REDIRECT_RULE = {
  name: 'redirect-to-https',
  matches: [{ path: { type: 'PathPrefix', value: '/' } }],
  filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 308 } }],
};

describe('SslRedirect', () => {
  test('defaults: 308 to https, no port, on the HTTP listener of a Gateway, for the given hostnames', () => {
    const chart = Testing.chart();
    const gateway = edge(chart);
    const http = gateway.addHttpListener({ allowedRoutes: RouteNamespaces.all() });
    gateway.addHttpsListener({ certificates: [CertificateRef.fromSecretName('tls')], allowedRoutes: RouteNamespaces.all() });
    const redirect = new SslRedirect(chart, 'Redirect', {
      metadata: { name: 'shop-https-redirect', namespace: 'shop' },
      parents: [http],
      hostnames: ['shop.example.com', '*.shop.example.com'],
    });
    expect(redirect.statusCode).toBe(308);
    expect(ApiObject.of(redirect.route)).toBe(redirect.route.apiObject);
    expect(routes(chart)).toStrictEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'shop-https-redirect', namespace: 'shop' },
      spec: {
        parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge', namespace: 'infra', sectionName: 'http' }],
        hostnames: ['shop.example.com', '*.shop.example.com'],
        rules: [REDIRECT_RULE],
      },
    }]);
  });

  test('every hostname of a ListenerSet\'s HTTP listener, with the ACME exemption to a backend', () => {
    const chart = Testing.chart();
    const gateway = edge(chart);
    gateway.addHttpsListener({ certificates: [CertificateRef.fromSecretName('tls')] });
    const set = new ListenerSet(chart, 'Team', { metadata: { name: 'team', namespace: 'shop' }, parent: gateway });
    set.addHttpListener({ hostname: '*.shop.example.com' });
    new SslRedirect(chart, 'Redirect', {
      metadata: { name: 'r', namespace: 'shop' },
      parents: [set],
      statusCode: 301,
      acmeChallengeBackend: Backend.fromServiceName('acme-solver', 8089),
    });
    expect(routes(chart)[0].spec).toStrictEqual({
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'team' }],
      rules: [
        { ...REDIRECT_RULE, filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] },
        { name: 'acme-challenge', matches: [{ path: { type: 'PathPrefix', value: '/.well-known/acme-challenge' } }], backendRefs: [{ name: 'acme-solver', port: 8089 }] },
      ],
    });
  });

  test('a redirect rule never carries backends; the exemption path and port are settable', () => {
    const chart = Testing.chart();
    const gateway = edge(chart);
    const http = gateway.addHttpListener({ allowedRoutes: RouteNamespaces.all() }); // the route is in namespace shop
    new SslRedirect(chart, 'Redirect', {
      metadata: { name: 'r', namespace: 'shop' },
      parents: [http],
      port: 8443,
      statusCode: 307,
      acmeChallengeBackend: Backend.fromServiceName('solver', 80, { namespace: 'cert-manager' }),
      acmeChallengePath: '/.well-known/acme/',
    });
    const objects = Testing.synth(chart);
    const spec = objects.find(o => o.kind === 'HTTPRoute')!.spec;
    expect(spec.rules[0]).toStrictEqual({
      ...REDIRECT_RULE,
      filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', port: 8443, statusCode: 307 } }],
    });
    expect(spec.rules[0].backendRefs).toBeUndefined();
    expect(spec.rules[1].backendRefs).toStrictEqual([{ name: 'solver', namespace: 'cert-manager', port: 80 }]);
    expect(objects.filter(o => o.kind === 'ReferenceGrant').map(o => o.metadata.namespace)).toStrictEqual(['cert-manager']);
  });

  test('bad input throws with the construct path', () => {
    const chart = Testing.chart();
    const http = edge(chart).addHttpListener();
    const solver = Backend.fromServiceName('solver', 80);
    expect(() => new SslRedirect(chart, 'A', { parents: [] })).toThrow(
      'SslRedirect test/A: parents is empty; pass the HTTP listener to redirect from, e.g. gateway.listener(\'http\')');
    expect(() => new SslRedirect(chart, 'B', { parents: [http], statusCode: 303 })).toThrow(
      'SslRedirect test/B: statusCode 303 must be one of 301, 302, 307, 308 (ingress-nginx\'s http-redirect-code values)');
    expect(() => new SslRedirect(chart, 'C', { parents: [http], port: 0 })).toThrow('SslRedirect test/C: port: port 0 is outside 1-65535');
    expect(() => new SslRedirect(chart, 'D', { parents: [http], acmeChallengePath: '/acme' })).toThrow(
      'SslRedirect test/D: acmeChallengePath "/acme" is set without acmeChallengeBackend; pass the backend that answers the challenges');
    expect(() => new SslRedirect(chart, 'E', { parents: [http], acmeChallengeBackend: solver, acmeChallengePath: 'acme' })).toThrow(
      'SslRedirect test/E: acmeChallengePath: path "acme" must be absolute (start with "/")');
    expect(() => new SslRedirect(chart, 'F', { parents: [http], acmeChallengeBackend: solver, acmeChallengePath: '/' })).toThrow(
      'SslRedirect test/F: acmeChallengePath "/" would exempt every path from the redirect');
    expect(() => new SslRedirect(chart, 'G', { parents: [http], hostnames: ['Shop.example.com'] })).toThrow(/HTTPRoute test\/G\/Route: spec.hostnames: hostname "Shop.example.com"/);
  });

  test('a parent with an HTTPS listener fails at synth (the redirect would loop)', () => {
    const chart = Testing.chart();
    const gateway = edge(chart);
    gateway.addHttpListener({ name: 'web' });
    gateway.addHttpsListener({ certificates: [CertificateRef.fromSecretName('tls')] });
    new SslRedirect(chart, 'Redirect', { parents: [gateway] });
    expect(() => Testing.synth(chart)).toThrow(
      '[test/Redirect] parent Gateway "infra/edge" has HTTPS listener "https"; the HTTPS redirect would answer those requests too and loop; attach to the HTTP listener only (gateway.listener(\'web\'))');
  });

  test('an imported parent is not checked', () => {
    const chart = Testing.chart();
    const imported = ListenerSet.fromListenerSetName(chart, 'Set', 'team');
    new SslRedirect(chart, 'Redirect', { metadata: { name: 'r' }, parents: [imported.listener('http')] });
    expect(routes(chart)[0].spec.parentRefs).toStrictEqual([{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'team', sectionName: 'http' }]);
  });
});
