import { Chart, Testing } from 'cdk8s';
import { ImplementationProfile, IngressCompat, ManifestValidator, NoticeStatus } from '../../src';

const PREFIX = 'nginx.ingress.kubernetes.io/';
const GW = 'gateway.networking.k8s.io';

function ingress(name: string, annotations: Record<string, string>, spec: any): any {
  const prefixed = Object.fromEntries(Object.entries(annotations).map(([k, v]) => [`${PREFIX}${k}`, v]));
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace: 'apps', annotations: prefixed }, spec: { ingressClassName: 'nginx', ...spec } };
}

function rule(host: string, service: string): any {
  return { host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: service, port: { number: 80 } } } }] } };
}

const TUNED = {
  'service-upstream': 'true',
  'limit-rate': '100',
  'affinity': 'cookie',
  'session-cookie-domain': 'example.com',
  'session-cookie-samesite': 'Lax',
  'proxy-next-upstream-timeout': '30',
  'custom-http-errors': '404,503',
  'mirror-target': 'http://shadow.apps.svc.cluster.local$request_uri',
  'proxy-buffering': 'on',
  'proxy-buffer-size': '16k',
  'proxy-buffers-number': '8',
};

const INPUT = [
  ingress('main', {}, { rules: [rule('shop.example.com', 'shop')] }),
  ingress('main-canary', { 'canary': 'true', 'canary-by-header': 'X-Canary', 'canary-by-cookie': 'beta', 'canary-weight': '10' }, { rules: [rule('shop.example.com', 'shop-v2')] }),
  ingress('tuned', TUNED, { tls: [{ hosts: ['tuned.example.com'], secretName: 'tuned-tls' }], rules: [rule('tuned.example.com', 'tuned')] }),
  ingress('www', { 'from-to-www-redirect': 'true', 'server-alias': 'shop.example.net, alias.example.com' },
    { tls: [{ hosts: ['example.com', 'www.example.com', 'alias.example.com'], secretName: 'ex-tls' }], rules: [rule('example.com', 'web')] }),
];

const PROFILES = [['standard', ImplementationProfile.standard()], ['envoy-gateway', ImplementationProfile.envoyGateway()], ['nginx-gateway-fabric', ImplementationProfile.nginxGatewayFabric()]] as const;

function migrate(objects: any[], profile: ImplementationProfile) {
  const chart = new Chart(Testing.app(), 'c');
  const compat = IngressCompat.fromManifests(chart, 'C', { objects, profile, printNotices: false });
  const synthed = Testing.synth(chart);
  const find = (kind: string, name?: string) => synthed.filter(o => o.kind === kind && (name === undefined || o.metadata.name === name));
  const noticeOf = (ing: string, key: string) => compat.notices.find(n => n.ingress === `apps/${ing}` && n.annotation === `${PREFIX}${key}`);
  return { synthed, find, noticeOf };
}

describe('IngressCompat emit: canary cookie, proxy extras, mirror, server names', () => {
  test.each(PROFILES)('the output is accepted by the CRDs on %s', (_name, profile) => {
    expect(ManifestValidator.validateObjects(migrate(INPUT, profile).synthed)).toStrictEqual([]);
  });

  test('canary-by-cookie on envoy-gateway: HTTPRouteFilter cookie matches between the header rules and the weighted rule', () => {
    const { find, noticeOf } = migrate(INPUT, ImplementationProfile.envoyGateway());
    const root = { path: { type: 'PathPrefix', value: '/' } };
    const extension = (name: string) => [{ type: 'ExtensionRef', extensionRef: { group: 'gateway.envoyproxy.io', kind: 'HTTPRouteFilter', name } }];
    expect(find('HTTPRoute', 'main-shop-example-com')[0].spec.rules).toStrictEqual([
      { matches: [{ ...root, headers: [{ name: 'X-Canary', type: 'Exact', value: 'always' }] }], backendRefs: [{ name: 'shop-v2', port: 80 }] },
      { matches: [{ ...root, headers: [{ name: 'X-Canary', type: 'Exact', value: 'never' }] }], backendRefs: [{ name: 'shop', port: 80 }] },
      { matches: [root], filters: extension('main-shop-example-com-canary-0-always'), backendRefs: [{ name: 'shop-v2', port: 80 }] },
      { matches: [root], filters: extension('main-shop-example-com-canary-0-never'), backendRefs: [{ name: 'shop', port: 80 }] },
      { matches: [root], backendRefs: [{ name: 'shop', port: 80, weight: 90 }, { name: 'shop-v2', port: 80, weight: 10 }] },
    ]);
    expect(find('HTTPRouteFilter').map(f => [f.metadata, f.spec])).toStrictEqual(['always', 'never'].map(value => [
      { name: `main-shop-example-com-canary-0-${value}`, namespace: 'apps' },
      { matches: [{ cookies: [{ name: 'beta', type: 'Exact', value }] }] },
    ]));
    expect(noticeOf('main-canary', 'canary-by-cookie')).toMatchObject({ status: NoticeStatus.TRANSLATED, message: expect.stringMatching(/cookie beta `always` → canary.*HTTPRouteFilter matches\[\]\.cookies/) });
  });

  test.each([PROFILES[0], PROFILES[2]])('canary-by-cookie on %s: a Cookie header regex, approximate', (_name, profile) => {
    const { find, noticeOf } = migrate(INPUT, profile);
    const cookie = (v: string) => [{ name: 'Cookie', type: 'RegularExpression', value: `(^|.*;\\s*)beta=${v}(;.*|$)` }];
    expect(find('HTTPRoute', 'main-shop-example-com')[0].spec.rules.slice(2, 4).map((r: any) => r.matches[0].headers)).toStrictEqual([cookie('always'), cookie('never')]);
    expect(find('HTTPRouteFilter')).toStrictEqual([]);
    expect(noticeOf('main-canary', 'canary-by-cookie')).toMatchObject({ status: NoticeStatus.APPROXIMATE, message: expect.stringMatching(/RegularExpression match on the Cookie header .* case-insensitively/) });
  });

  test('envoy-gateway: service-upstream, limit-rate, cookie attributes and custom-http-errors in the route\'s BackendTrafficPolicy', () => {
    const { find, noticeOf } = migrate(INPUT, ImplementationProfile.envoyGateway());
    const btp = find('BackendTrafficPolicy').filter(p => p.spec.targetRefs[0].kind === 'HTTPRoute');
    expect(btp.map(p => p.spec)).toStrictEqual([{
      bandwidthLimit: { response: { limit: { unit: 'Second', value: '100Ki' } } },
      loadBalancer: { type: 'ConsistentHash', consistentHash: { type: 'Cookie', cookie: { name: 'INGRESSCOOKIE', ttl: '0s', attributes: { Domain: 'example.com', SameSite: 'Lax', Secure: '' } } } },
      mergeType: 'StrategicMerge',
      responseOverride: [{
        match: { statusCodes: [{ type: 'Value', value: 404 }, { type: 'Value', value: 503 }] },
        response: { body: { inline: '<html><head><title>Error</title></head><body><h1>Error</h1><p>The request could not be completed.</p></body></html>', type: 'Inline' }, contentType: 'text/html' },
        source: 'Backend',
      }],
      routingType: 'Service',
      targetRefs: [{ group: GW, kind: 'HTTPRoute', name: 'tuned-tuned-example-com' }],
    }]);
    expect(noticeOf('tuned', 'service-upstream')).toMatchObject({ status: NoticeStatus.TRANSLATED, message: expect.stringMatching(/routingType: Service/) });
    expect(noticeOf('tuned', 'limit-rate')).toMatchObject({ status: NoticeStatus.APPROXIMATE, message: expect.stringMatching(/response stream rather than each client connection/) });
    expect(noticeOf('tuned', 'session-cookie-domain')).toStrictEqual({
      ingress: 'apps/tuned',
      annotation: `${PREFIX}session-cookie-domain`,
      status: NoticeStatus.TRANSLATED,
      message: 'Domain=example.com on the affinity cookie (BackendTrafficPolicy loadBalancer.consistentHash.cookie.attributes)',
    });
    expect(noticeOf('tuned', 'session-cookie-samesite')?.status).toBe(NoticeStatus.TRANSLATED);
    expect(noticeOf('tuned', 'custom-http-errors')).toMatchObject({ status: NoticeStatus.APPROXIMATE, message: expect.stringMatching(/static response bodies/) });
    expect(noticeOf('tuned', 'proxy-next-upstream-timeout')).toMatchObject({ status: NoticeStatus.UNSUPPORTED, message: expect.stringMatching(/^30 s: nginx stops starting new tries .* never cuts a try short/) });
    expect(noticeOf('tuned', 'proxy-buffer-size')?.status).toBe(NoticeStatus.UNSUPPORTED);
  });

  test('proxy-next-upstream-timeout has no effect with a single try', () => {
    const objects = [ingress('once', { 'proxy-next-upstream-timeout': '30', 'proxy-next-upstream': 'off' }, { rules: [rule('once.example.com', 'once')] })];
    expect(migrate(objects, ImplementationProfile.envoyGateway()).noticeOf('once', 'proxy-next-upstream-timeout'))
      .toMatchObject({ status: NoticeStatus.TRANSLATED, message: expect.stringMatching(/^no effect: this Ingress makes a single try/) });
  });

  test('nginx-gateway-fabric: proxy buffers in the route\'s ProxySettingsPolicy when proxy-buffering is on', () => {
    const { find, noticeOf } = migrate(INPUT, ImplementationProfile.nginxGatewayFabric());
    expect(find('ProxySettingsPolicy').filter(p => p.spec.targetRefs[0].kind === 'HTTPRoute').map(p => p.spec)).toStrictEqual([{
      buffering: { disable: false, bufferSize: '16k', buffers: { number: 8, size: '16k' } },
      targetRefs: [{ group: GW, kind: 'HTTPRoute', name: 'tuned-tuned-example-com' }],
    }]);
    expect(noticeOf('tuned', 'proxy-buffers-number')).toMatchObject({ status: NoticeStatus.TRANSLATED, message: expect.stringMatching(/^ProxySettingsPolicy `buffering.bufferSize`/) });
  });

  test('proxy buffer annotations with proxy-buffering off: no effect (the header buffer size is approximate)', () => {
    const objects = [ingress('off', { 'proxy-buffers-number': '8', 'proxy-buffer-size': '16k' }, { rules: [rule('off.example.com', 'off')] })];
    const { find, noticeOf } = migrate(objects, ImplementationProfile.nginxGatewayFabric());
    expect(find('ProxySettingsPolicy').filter(p => p.spec.targetRefs[0].kind === 'HTTPRoute')).toStrictEqual([]);
    expect(noticeOf('off', 'proxy-buffers-number')).toMatchObject({ status: NoticeStatus.TRANSLATED, message: expect.stringMatching(/^no effect while proxy-buffering is off/) });
    expect(noticeOf('off', 'proxy-buffer-size')).toMatchObject({ status: NoticeStatus.APPROXIMATE, message: expect.stringMatching(/^not applied: proxy-buffering is off/) });
  });

  test.each(PROFILES)('mirror-target to an in-cluster Service URL: RequestMirror on every rule (%s)', (_name, profile) => {
    const { find, noticeOf } = migrate(INPUT, profile);
    expect(find('HTTPRoute', 'tuned-tuned-example-com')[0].spec.rules[0].filters[0]).toStrictEqual({ type: 'RequestMirror', requestMirror: { backendRef: { name: 'shadow', port: 80 } } });
    expect(noticeOf('tuned', 'mirror-target')).toMatchObject({ status: NoticeStatus.APPROXIMATE, message: expect.stringMatching(/^every request of the Ingress is copied to Service apps\/shadow port 80 \(RequestMirror\); the copy is fire-and-forget/) });
  });

  test('mirror-target to an external URL: an Envoy Gateway Backend on envoy-gateway, unsupported elsewhere', () => {
    const objects = [ingress('ext', { 'mirror-target': 'https://mirror.example.org/copy' }, { rules: [rule('ext.example.com', 'ext')] })];
    const eg = migrate(objects, ImplementationProfile.envoyGateway());
    expect(eg.find('Backend').map(b => [b.metadata, b.spec])).toStrictEqual([[
      { name: 'mirror-mirror-example-org-443', namespace: 'apps' },
      { endpoints: [{ fqdn: { hostname: 'mirror.example.org', port: 443 } }], tls: { insecureSkipVerify: true } },
    ]]);
    expect(eg.find('HTTPRoute', 'ext-ext-example-com')[0].spec.rules[0].filters).toStrictEqual([{
      type: 'RequestMirror', requestMirror: { backendRef: { group: 'gateway.envoyproxy.io', kind: 'Backend', name: 'mirror-mirror-example-org-443', namespace: 'apps', port: 443 } },
    }]);
    expect(eg.noticeOf('ext', 'mirror-target')).toMatchObject({ status: NoticeStatus.APPROXIMATE, message: expect.stringMatching(/copied to mirror\.example\.org:443 over TLS .*; the copy keeps the request's path, where nginx sends it to \/copy$/) });
    const std = migrate(objects, ImplementationProfile.standard());
    expect(std.find('HTTPRoute', 'ext-ext-example-com')[0].spec.rules[0].filters).toBeUndefined();
    expect(std.noticeOf('ext', 'mirror-target')).toMatchObject({ status: NoticeStatus.UNSUPPORTED, message: expect.stringMatching(/is not a plain-HTTP in-cluster Service URL/) });
  });

  test('from-to-www-redirect and server-alias: listeners for the names the certificate lists, a redirect route for www', () => {
    const { find, noticeOf } = migrate(INPUT, ImplementationProfile.standard());
    const listeners = find('Gateway', 'nginx')[0].spec.listeners.map((l: any) => [l.name, l.hostname, l.tls?.certificateRefs[0].name]);
    expect(listeners).toStrictEqual([
      ['http', undefined, undefined],
      ['https-example-com', 'example.com', 'ex-tls'],
      ['https-alias-example-com', 'alias.example.com', 'ex-tls'],
      ['https-www-example-com', 'www.example.com', 'ex-tls'],
      ['https-tuned-example-com', 'tuned.example.com', 'tuned-tls'],
    ]);
    const routes = Object.fromEntries(find('HTTPRoute').filter(r => r.metadata.name.startsWith('www-')).map(r => [r.metadata.name, { hostnames: r.spec.hostnames, parents: r.spec.parentRefs.map((p: any) => p.sectionName) }]));
    expect(routes).toStrictEqual({
      'www-example-com': { hostnames: ['example.com', 'alias.example.com'], parents: ['https-example-com', 'https-alias-example-com'] },
      'www-example-com-alias-http': { hostnames: ['shop.example.net'], parents: ['http'] },
      'www-example-com-https-redirect': { hostnames: ['example.com', 'alias.example.com'], parents: ['http'] },
      'www-www-example-com-www-redirect': { hostnames: ['www.example.com'], parents: ['http', 'https-www-example-com'] },
    });
    expect(find('HTTPRoute', 'www-www-example-com-www-redirect')[0].spec.rules).toStrictEqual([{ filters: [{ type: 'RequestRedirect', requestRedirect: { hostname: 'example.com', statusCode: 308 } }] }]);
    expect(noticeOf('www', 'from-to-www-redirect')).toMatchObject({ status: NoticeStatus.APPROXIMATE, message: expect.stringMatching(/^www\.example\.com answers 308 to example\.com on HTTP and HTTPS, keeping the scheme/) });
    expect(noticeOf('www', 'server-alias')).toMatchObject({
      status: NoticeStatus.APPROXIMATE,
      message: expect.stringMatching(/alias\.example\.com gets an HTTPS listener with example\.com's certificate; shop\.example\.net is not in the spec\.tls entry .* served on plain HTTP without a redirect/),
    });
  });

  test('from-to-www-redirect has no effect when the other name is a host of the class; server-alias on a plain host is translated', () => {
    const objects = [
      ingress('apex', { 'from-to-www-redirect': 'true', 'server-alias': 'apex.example.org' }, { rules: [rule('example.com', 'web')] }),
      ingress('www', {}, { rules: [rule('www.example.com', 'www')] }),
    ];
    const { find, noticeOf } = migrate(objects, ImplementationProfile.standard());
    // Ingresses without creation time are in ingress-nginx's order: name descending.
    expect(find('HTTPRoute').map(r => [r.metadata.name, r.spec.hostnames])).toStrictEqual([['www-www-example-com', ['www.example.com']], ['apex-example-com', ['example.com', 'apex.example.org']]]);
    expect(noticeOf('apex', 'from-to-www-redirect')).toMatchObject({ status: NoticeStatus.TRANSLATED, message: expect.stringMatching(/^no effect, as in ingress-nginx: www\.example\.com is already served/) });
    expect(noticeOf('apex', 'server-alias')).toMatchObject({ status: NoticeStatus.TRANSLATED, message: 'apex.example.org also reaches every path of example.com (extra hostnames on its HTTPRoutes)' });
  });

  test('the same input in another order gives the same output', () => {
    const a = migrate(INPUT, ImplementationProfile.envoyGateway()).synthed;
    const b = migrate([...INPUT].reverse(), ImplementationProfile.envoyGateway()).synthed;
    expect(b).toStrictEqual(a);
  });
});
