import { Chart, Testing } from 'cdk8s';
import { ImplementationProfile, IngressCompat, ManifestValidator } from '../../src';
import { annotationSpec, profileHandling } from '../../src/compat/annotations/table';

/*
 * One small Ingress per annotation family and per profile → the exact objects synthesized:
 * the defaults every Gateway gets (ingress-nginx config.go NewDefault()), proxy, auth and
 * rate limits, CORS and redirects. Generated names are left out (any string); everything
 * else is compared whole.
 */

const P = 'nginx.ingress.kubernetes.io/';
const EG = ImplementationProfile.envoyGateway();
const NGF = ImplementationProfile.nginxGatewayFabric();
const STD = ImplementationProfile.standard();
const GATEWAY_TARGET = { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'nginx' };
const ROUTE_TARGET = { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'web-shop-example-com' };
const NAME = { name: expect.any(String), namespace: 'shop' };

function migrate(profile: ImplementationProfile, annotations: Record<string, string>): any[] {
  const chart = new Chart(Testing.app(), 'c');
  IngressCompat.fromSpec(chart, 'C', {
    profile,
    printNotices: false,
    ingresses: [{
      name: 'web',
      namespace: 'shop',
      annotations: Object.fromEntries(Object.entries(annotations).map(([k, v]) => [`${P}${k}`, v])),
      rules: [{ host: 'shop.example.com', paths: [{ path: '/', pathType: 'Prefix', serviceName: 'web', servicePort: 80 }] }],
    }],
  });
  const out = Testing.synth(chart);
  expect(ManifestValidator.validateObjects(out)).toStrictEqual([]);
  return out;
}

/** The objects targeting the Ingress's route or its Services (the Gateway's defaults left out). */
const routePolicies = (objects: any[]) => objects.filter(o => o.apiVersion !== 'gateway.networking.k8s.io/v1'
  && JSON.stringify(o.spec.targetRefs ?? o.spec.targetRef ?? []).indexOf('"Gateway"') < 0);
const routes = (objects: any[]) => objects.filter(o => o.kind === 'HTTPRoute');

function route(rules: any[]): any {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'web-shop-example-com', namespace: 'shop' },
    spec: {
      hostnames: ['shop.example.com'],
      parentRefs: [{ ...GATEWAY_TARGET, sectionName: 'http' }],
      rules,
    },
  };
}
const BACKEND_RULE = { backendRefs: [{ name: 'web', port: 80 }], matches: [{ path: { type: 'PathPrefix', value: '/' } }] };

describe('defaults: the Gateway-level policies from ingress-nginx\'s defaults', () => {
  test('envoy-gateway: body 1m, connect 5s, read/send 60s idle, no request deadline, 2 retries, round robin, X-Request-ID kept or generated', () => {
    const out = migrate(EG, {});
    expect(out.filter(o => o.apiVersion === 'gateway.envoyproxy.io/v1alpha1')).toStrictEqual([
      {
        apiVersion: 'gateway.envoyproxy.io/v1alpha1',
        kind: 'BackendTrafficPolicy',
        metadata: NAME,
        spec: {
          loadBalancer: { type: 'RoundRobin' },
          requestBuffer: { limit: '1Mi' },
          retry: { numRetries: 2, retryOn: { triggers: ['connect-failure', 'refused-stream', 'reset-before-request'] } },
          targetRefs: [GATEWAY_TARGET],
          timeout: { http: { requestTimeout: '0s', streamIdleTimeout: '1m' }, tcp: { connectTimeout: '5s' } },
        },
      },
      {
        apiVersion: 'gateway.envoyproxy.io/v1alpha1',
        kind: 'ClientTrafficPolicy',
        metadata: NAME,
        spec: { headers: { requestID: 'PreserveOrGenerate' }, targetRefs: [GATEWAY_TARGET] },
      },
    ]);
    expect(routes(out)).toStrictEqual([route([BACKEND_RULE])]);
  });

  test('nginx-gateway-fabric: body 1m, connect 5s, read/send 60s, buffering off', () => {
    const out = migrate(NGF, {});
    expect(out.filter(o => o.apiVersion === 'gateway.nginx.org/v1alpha1')).toStrictEqual([
      { apiVersion: 'gateway.nginx.org/v1alpha1', kind: 'ClientSettingsPolicy', metadata: NAME, spec: { body: { maxSize: '1m' }, targetRef: GATEWAY_TARGET } },
      {
        apiVersion: 'gateway.nginx.org/v1alpha1',
        kind: 'ProxySettingsPolicy',
        metadata: NAME,
        spec: { buffering: { disable: true }, targetRefs: [GATEWAY_TARGET], timeout: { connect: '5s', read: '1m', send: '1m' } },
      },
    ]);
  });

  test('standard: nothing but the Gateway and the route', () => {
    expect(migrate(STD, {}).map(o => o.kind)).toStrictEqual(['Gateway', 'HTTPRoute']);
  });
});

describe('proxy family', () => {
  test('envoy-gateway: the route\'s BackendTrafficPolicy (body, connect, read idle, tries, EWMA → LeastRequest), merged into the Gateway\'s', () => {
    expect(routePolicies(migrate(EG, { 'proxy-body-size': '8m', 'proxy-connect-timeout': '3', 'proxy-read-timeout': '120', 'proxy-next-upstream-tries': '5', 'load-balance': 'ewma' }))).toStrictEqual([{
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'BackendTrafficPolicy',
      metadata: NAME,
      spec: {
        loadBalancer: { type: 'LeastRequest' },
        mergeType: 'StrategicMerge',
        requestBuffer: { limit: '8Mi' },
        retry: { numRetries: 4, retryOn: { triggers: ['connect-failure', 'refused-stream', 'reset-before-request'] } },
        targetRefs: [ROUTE_TARGET],
        timeout: { http: { streamIdleTimeout: '2m' }, tcp: { connectTimeout: '3s' } },
      },
    }]);
  });

  test('nginx-gateway-fabric: ClientSettingsPolicy, ProxySettingsPolicy on the route, UpstreamSettingsPolicy on the Service', () => {
    expect(routePolicies(migrate(NGF, { 'proxy-body-size': '8m', 'proxy-connect-timeout': '3', 'proxy-read-timeout': '120', 'load-balance': 'ewma' }))).toStrictEqual([
      { apiVersion: 'gateway.nginx.org/v1alpha1', kind: 'ClientSettingsPolicy', metadata: NAME, spec: { body: { maxSize: '8m' }, targetRef: ROUTE_TARGET } },
      { apiVersion: 'gateway.nginx.org/v1alpha1', kind: 'ProxySettingsPolicy', metadata: NAME, spec: { targetRefs: [ROUTE_TARGET], timeout: { connect: '3s', read: '2m' } } },
      {
        apiVersion: 'gateway.nginx.org/v1alpha1',
        kind: 'UpstreamSettingsPolicy',
        metadata: NAME,
        spec: { loadBalancingMethod: 'least_conn', targetRefs: [{ group: '', kind: 'Service', name: 'web' }] },
      },
    ]);
  });
});

describe('auth family', () => {
  const AUTH = { 'auth-type': 'basic', 'auth-secret': 'shop/htpasswd', 'auth-realm': 'Shop', 'limit-rps': '10' };

  test('envoy-gateway: basic auth and the allow list in a SecurityPolicy; limit-rps per client IP with 503 in a BackendTrafficPolicy', () => {
    expect(routePolicies(migrate(EG, { ...AUTH, 'whitelist-source-range': '10.0.0.0/8' }))).toStrictEqual([
      {
        apiVersion: 'gateway.envoyproxy.io/v1alpha1',
        kind: 'BackendTrafficPolicy',
        metadata: NAME,
        spec: {
          mergeType: 'StrategicMerge',
          rateLimit: {
            local: {
              rules: [
                { clientSelectors: [{ sourceCIDR: { type: 'Distinct', value: '0.0.0.0/0' } }], limit: { requests: 10, unit: 'Second' } },
                { clientSelectors: [{ sourceCIDR: { type: 'Distinct', value: '::/0' } }], limit: { requests: 10, unit: 'Second' } },
              ],
            },
            type: 'Local',
          },
          responseOverride: [{ match: { statusCodes: [{ type: 'Value', value: 429 }] }, response: { statusCode: 503 }, source: 'Local' }],
          targetRefs: [ROUTE_TARGET],
        },
      },
      {
        apiVersion: 'gateway.envoyproxy.io/v1alpha1',
        kind: 'SecurityPolicy',
        metadata: NAME,
        spec: {
          authorization: { defaultAction: 'Deny', rules: [{ action: 'Allow', principal: { clientCIDRs: ['10.0.0.0/8'] } }] },
          basicAuth: { users: { name: 'htpasswd' } },
          mergeType: 'StrategicMerge',
          targetRefs: [ROUTE_TARGET],
        },
      },
    ]);
  });

  test('envoy-gateway: auth-url → SecurityPolicy extAuth to the Service, path and response headers', () => {
    expect(routePolicies(migrate(EG, { 'auth-url': 'http://auth.shop.svc.cluster.local:8080/verify', 'auth-response-headers': 'X-User' }))).toStrictEqual([{
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'SecurityPolicy',
      metadata: NAME,
      spec: {
        extAuth: { http: { backendRefs: [{ group: '', kind: 'Service', name: 'auth', port: 8080 }], headersToBackend: ['X-User'], pathOverride: '/verify' } },
        mergeType: 'StrategicMerge',
        targetRefs: [ROUTE_TARGET],
      },
    }]);
  });

  test('nginx-gateway-fabric: an AuthenticationFilter on the rule, a RateLimitPolicy with burst 5 × rate, nodelay, 503', () => {
    const out = migrate(NGF, AUTH);
    const filter = routePolicies(out).find(o => o.kind === 'AuthenticationFilter');
    expect(routePolicies(out)).toStrictEqual([
      { apiVersion: 'gateway.nginx.org/v1alpha1', kind: 'AuthenticationFilter', metadata: NAME, spec: { basic: { realm: 'Shop', secretRef: { name: 'htpasswd' } }, type: 'Basic' } },
      {
        apiVersion: 'gateway.nginx.org/v1alpha1',
        kind: 'RateLimitPolicy',
        metadata: NAME,
        spec: {
          rateLimit: { local: { rules: [{ burst: 50, key: '$binary_remote_addr', noDelay: true, rate: '10r/s', zoneSize: '5m' }] }, rejectCode: 503 },
          targetRefs: [ROUTE_TARGET],
        },
      },
    ]);
    expect(routes(out)).toStrictEqual([route([{
      ...BACKEND_RULE,
      filters: [{ extensionRef: { group: 'gateway.nginx.org', kind: 'AuthenticationFilter', name: filter.metadata.name }, type: 'ExtensionRef' }],
    }])]);
  });
});

describe('cors and routing families (standard Gateway API)', () => {
  test('enable-cors alone: the CORS filter with ingress-nginx\'s defaults', () => {
    expect(routes(migrate(STD, { 'enable-cors': 'true' }))).toStrictEqual([route([{
      ...BACKEND_RULE,
      filters: [{
        cors: {
          allowCredentials: true,
          allowHeaders: ['DNT', 'Keep-Alive', 'User-Agent', 'X-Requested-With', 'If-Modified-Since', 'Cache-Control', 'Content-Type', 'Range', 'Authorization'],
          allowMethods: ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS'],
          allowOrigins: ['*'],
          maxAge: 1728000,
        },
        type: 'CORS',
      }],
    }])]);
  });

  test('permanent-redirect with permanent-redirect-code 308: a RequestRedirect instead of the backend', () => {
    expect(routes(migrate(STD, { 'permanent-redirect': 'https://new.example.com/', 'permanent-redirect-code': '308' }))).toStrictEqual([route([{
      filters: [{ requestRedirect: { hostname: 'new.example.com', path: { replaceFullPath: '/', type: 'ReplaceFullPath' }, scheme: 'https', statusCode: 308 }, type: 'RequestRedirect' }],
      matches: [{ path: { type: 'PathPrefix', value: '/' } }],
    }])]);
  });

  test('permanent-redirect without a code: 301 (the default)', () => {
    const [r] = routes(migrate(STD, { 'permanent-redirect': 'https://new.example.com/' }));
    expect(r.spec.rules[0].filters[0].requestRedirect.statusCode).toBe(301);
  });

  test('temporal-redirect: 302 (the default), and it wins over permanent-redirect', () => {
    const [r] = routes(migrate(STD, { 'permanent-redirect': 'https://a.example.com/', 'temporal-redirect': 'https://b.example.com/x' }));
    expect(r.spec.rules).toStrictEqual([{
      filters: [{ requestRedirect: { hostname: 'b.example.com', path: { replaceFullPath: '/x', type: 'ReplaceFullPath' }, scheme: 'https', statusCode: 302 }, type: 'RequestRedirect' }],
      matches: [{ path: { type: 'PathPrefix', value: '/' } }],
    }]);
  });

  test('app-root: exact / answers 302 to the root, before the backend rule', () => {
    expect(routes(migrate(STD, { 'app-root': '/app' }))).toStrictEqual([route([
      { filters: [{ requestRedirect: { path: { replaceFullPath: '/app', type: 'ReplaceFullPath' }, statusCode: 302 }, type: 'RequestRedirect' }], matches: [{ path: { type: 'Exact', value: '/' } }] },
      BACKEND_RULE,
    ])]);
  });
});

describe('TLS defaults (ssl-redirect true, http-redirect-code 308, HSTS, no-tls-redirect-locations)', () => {
  const HSTS = { responseHeaderModifier: { set: [{ name: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }] }, type: 'ResponseHeaderModifier' };
  const HTTPS_REF = { ...GATEWAY_TARGET, sectionName: 'https-shop-example-com' };

  test('a TLS host: HTTPS listener, routes with HSTS, HTTP answers 308 except the ACME challenge path (cert-manager\'s solver Ingress)', () => {
    const chart = new Chart(Testing.app(), 'c');
    IngressCompat.fromSpec(chart, 'C', {
      printNotices: false,
      ingresses: [
        {
          name: 'web',
          namespace: 'shop',
          creationTimestamp: '2024-01-01T00:00:00Z',
          tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
          rules: [{ host: 'shop.example.com', paths: [{ path: '/', pathType: 'Prefix', serviceName: 'web', servicePort: 80 }] }],
        },
        {
          name: 'acme',
          namespace: 'shop',
          creationTimestamp: '2024-02-01T00:00:00Z',
          rules: [{ host: 'shop.example.com', paths: [{ path: '/.well-known/acme-challenge/tok', pathType: 'ImplementationSpecific', serviceName: 'solver', servicePort: 8089 }] }],
        },
      ],
    });
    const out = Testing.synth(chart);
    expect(ManifestValidator.validateObjects(out)).toStrictEqual([]);
    expect(out.find(o => o.kind === 'Gateway').spec.listeners).toStrictEqual([
      { name: 'http', port: 80, protocol: 'HTTP' },
      {
        hostname: 'shop.example.com',
        name: 'https-shop-example-com',
        port: 443,
        protocol: 'HTTPS',
        tls: { certificateRefs: [{ group: '', kind: 'Secret', name: 'shop-tls' }], mode: 'Terminate' },
      },
    ]);
    const routeOf = (name: string, rules: any[], parent: any) => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name, namespace: 'shop' },
      spec: { hostnames: ['shop.example.com'], parentRefs: [parent], rules },
    });
    expect(routes(out)).toStrictEqual([
      routeOf('acme-shop-example-com', [{
        backendRefs: [{ name: 'solver', port: 8089 }], filters: [HSTS], matches: [{ path: { type: 'PathPrefix', value: '/.well-known/acme-challenge/tok' } }],
      }], HTTPS_REF),
      routeOf('web-shop-example-com', [{ ...BACKEND_RULE, filters: [HSTS] }], HTTPS_REF),
      routeOf('web-shop-example-com-https-redirect', [
        {
          filters: [{ requestRedirect: { scheme: 'https', statusCode: 308 }, type: 'RequestRedirect' }],
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          name: 'redirect-to-https',
        },
        { backendRefs: [{ name: 'solver', port: 8089 }], matches: [{ path: { type: 'PathPrefix', value: '/.well-known/acme-challenge/tok' } }], name: 'acme-challenge' },
      ], { ...GATEWAY_TARGET, sectionName: 'http' }),
    ]);
  });
});

describe('observability family', () => {
  test('logging, tracing and WAF annotations emit nothing (the objects of a plain Ingress); each key is unsupported with the table\'s reason', () => {
    const annotations = { 'enable-access-log': 'false', 'enable-opentelemetry': 'true', 'enable-modsecurity': 'true' };
    for (const profile of [STD, EG, NGF]) {
      const chart = new Chart(Testing.app(), 'c');
      const compat = IngressCompat.fromSpec(chart, 'C', {
        profile,
        printNotices: false,
        ingresses: [{
          name: 'web',
          namespace: 'shop',
          annotations: Object.fromEntries(Object.entries(annotations).map(([k, v]) => [`${P}${k}`, v])),
          rules: [{ host: 'shop.example.com', paths: [{ path: '/', pathType: 'Prefix', serviceName: 'web', servicePort: 80 }] }],
        }],
      });
      expect(Testing.synth(chart)).toStrictEqual(migrate(profile, {}));
      expect(compat.notices.filter(n => n.ingress === 'shop/web')).toStrictEqual(Object.keys(annotations).sort().map(key => ({
        ingress: 'shop/web',
        annotation: `${P}${key}`,
        status: 'unsupported',
        message: profileHandling(annotationSpec(key)!, profile.name).message,
      })));
    }
  });
});
