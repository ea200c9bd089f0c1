import { Chart, Testing } from 'cdk8s';
import { ImplementationProfile, IngressCompat, NoticeStatus } from '../../src';

/*
 * Translation bugs found by comparing the ingress-nginx model with the Gateway API model on
 * generated Ingresses (IngressCompat.verify()), each pinned with the exact objects or notice and
 * the verified outcome: the regex-mode rewrite idiom, a canary Ingress's spec.tls, a canary
 * Ingress in another namespace, and the CORS preflight on plain HTTP of a redirected host.
 */

const P = 'nginx.ingress.kubernetes.io/';
const EG = ImplementationProfile.envoyGateway();
const NGF = ImplementationProfile.nginxGatewayFabric();
const STD = ImplementationProfile.standard();

interface Ing {
  readonly name: string;
  readonly namespace?: string;
  readonly created: string;
  readonly annotations?: Record<string, string>;
  readonly tls?: boolean;
  readonly host?: string;
  readonly paths: Array<[string, string, number, string?]>;
  /** `spec.defaultBackend` Service (port 80). */
  readonly defaultBackend?: string;
}

function ingress(i: Ing): any {
  const host = i.host ?? 'shop.example.com';
  const rules = i.paths.length === 0 ? [] : [{
    ...(i.host === '' ? {} : { host }),
    http: {
      paths: i.paths.map(([path, service, port, pathType]) => ({
        path,
        pathType: pathType ?? (/[()$]/.test(path) ? 'ImplementationSpecific' : 'Prefix'),
        backend: { service: { name: service, port: { number: port } } },
      })),
    },
  }];
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: i.name,
      namespace: i.namespace ?? 'shop',
      creationTimestamp: i.created,
      annotations: Object.fromEntries(Object.entries(i.annotations ?? {}).map(([k, v]) => [`${P}${k}`, v])),
    },
    spec: {
      ingressClassName: 'nginx',
      ...(i.defaultBackend ? { defaultBackend: { service: { name: i.defaultBackend, port: { number: 80 } } } } : {}),
      ...(i.tls ? { tls: [{ hosts: [host], secretName: `${i.name}-tls` }] } : {}),
      ...(rules.length ? { rules } : {}),
    },
  };
}

function migrate(profile: ImplementationProfile, ingresses: Ing[]) {
  const chart = new Chart(Testing.app(), 'c');
  const compat = IngressCompat.fromManifests(chart, 'C', { objects: ingresses.map(ingress), profile, printNotices: false });
  return { compat, objects: Testing.synth(chart) };
}

/** The verify finding of a request, or undefined when both models agree on it. */
function finding(compat: IngressCompat, request: string) {
  return compat.verify().findings.find(f => f.request === request);
}

const WEB: Ing = { name: 'web', created: '2025-01-01T00:00:00Z', tls: true, paths: [['/', 'web', 80]] };
const API: Ing = {
  name: 'api',
  created: '2025-01-02T00:00:00Z',
  annotations: { 'use-regex': 'true', 'rewrite-target': '/$2' },
  paths: [['/api(/|$)(.*)', 'api', 8080]],
};

describe('the rewrite idiom `/api(/|$)(.*)` → `/$2` on a host in regex mode', () => {
  test('Envoy Gateway: a RegularExpression match with the HTTPRouteFilter regex rewrite, so the host\'s `(?i)/.*` does not take /api/x', () => {
    const { compat, objects } = migrate(EG, [WEB, API]);
    const route = objects.find(o => o.kind === 'HTTPRoute' && o.metadata.name === 'api-shop-example-com');
    expect(route.spec.rules).toStrictEqual([{
      matches: [{ path: { type: 'RegularExpression', value: '(?i)/api(/|$)(.*).*' } }],
      filters: [
        { type: 'ExtensionRef', extensionRef: { group: 'gateway.envoyproxy.io', kind: 'HTTPRouteFilter', name: expect.any(String) } },
        expect.objectContaining({ type: 'ResponseHeaderModifier' }),
      ],
      backendRefs: [{ name: 'api', port: 8080 }],
    }]);
    const filter = objects.find(o => o.kind === 'HTTPRouteFilter' && o.metadata.name === route.spec.rules[0].filters[0].extensionRef.name);
    expect(filter.spec).toStrictEqual({
      urlRewrite: { path: { type: 'ReplaceRegexMatch', replaceRegexMatch: { pattern: '(?i)^(?:/api(/|$)(.*)).*', substitution: '/\\2' } } },
    });
    expect(compat.notices.find(n => n.ingress === 'shop/api' && n.annotation === `${P}rewrite-target`)).toStrictEqual({
      ingress: 'shop/api',
      annotation: `${P}rewrite-target`,
      status: NoticeStatus.TRANSLATED,
      message: '/$2 with capture groups (Envoy Gateway HTTPRouteFilter ReplaceRegexMatch, substitution /\\2)',
    });
    for (const p of ['/api/x', '/api', '/API/x']) expect(finding(compat, `GET https://shop.example.com${p}`)).toBeUndefined();
    const report = compat.verify();
    expect(report.unexpected).toBe(0);
  });

  test.each([
    [STD, 'Gateway API leaves the precedence of RegularExpression matches to the implementation, and Envoy-based ones (Envoy Gateway) and NGINX Gateway Fabric rank them above every PathPrefix'],
    [NGF, 'NGINX Gateway Fabric renders RegularExpression matches as nginx regex locations (`location ~`), which nginx prefers to any prefix location'],
  ])('%s: PathPrefix + ReplacePrefixMatch, and the notice names the regex paths that take its requests', (profile, ranking) => {
    const { compat, objects } = migrate(profile, [WEB, API]);
    const route = objects.find(o => o.kind === 'HTTPRoute' && o.metadata.name === 'api-shop-example-com');
    expect(route.spec.rules[0].matches).toStrictEqual([{ path: { type: 'PathPrefix', value: '/api' } }]);
    expect(compat.notices.find(n => n.ingress === 'shop/api' && n.annotation === `${P}rewrite-target`)).toStrictEqual({
      ingress: 'shop/api',
      annotation: `${P}rewrite-target`,
      status: NoticeStatus.APPROXIMATE,
      message: '/api(/|$)(.*) with /$2: the prefix is replaced by / (PathPrefix match with URLRewrite ReplacePrefixMatch); the match is case-sensitive, '
        + 'where nginx\'s regex location also matches other letter cases; the host is in regex mode, so its other paths are RegularExpression matches, and '
        + `${ranking}: requests for /api and /api/… then go to / (Ingress shop/web) instead of this path, where ingress-nginx (first matching regex location, `
        + 'longest path first) sends them here — on Envoy Gateway use the envoy-gateway profile (a RegularExpression match with an HTTPRouteFilter regex rewrite)',
    });
    const f = finding(compat, 'GET https://shop.example.com/api/x')!;
    expect(f.expected).toBe(true);
    expect(f.notices.map(n => n.annotation)).toContain(`${P}rewrite-target`);
    expect(f.differences.map(d => d.field)).toStrictEqual(['backends', 'upstreamPath']);
  });

  test('without a rival regex path the notice has no ranking caveat', () => {
    const { compat } = migrate(STD, [API]);
    expect(compat.notices.find(n => n.annotation === `${P}rewrite-target`)!.message).toBe(
      '/api(/|$)(.*) with /$2: the prefix is replaced by / (PathPrefix match with URLRewrite ReplacePrefixMatch); the match is case-sensitive, where nginx\'s regex location also matches other letter cases');
  });
});

describe('canary Ingresses', () => {
  const MAIN: Ing = { name: 'main', created: '2025-01-01T00:00:00Z', paths: [['/', 'web', 80]] };

  test('a canary Ingress\'s spec.tls gives the host no certificate (createServers skips canaries): no HTTPS listener, no redirect', () => {
    const canary: Ing = { name: 'canary', created: '2025-01-02T00:00:00Z', tls: true, annotations: { 'canary': 'true', 'canary-weight': '10' }, paths: [['/', 'web-v2', 80]] };
    const { compat, objects } = migrate(EG, [MAIN, canary]);
    expect(objects.filter(o => o.kind === 'Gateway').flatMap(g => g.spec.listeners.map((l: any) => l.protocol))).toStrictEqual(['HTTP']);
    expect(objects.filter(o => o.kind === 'HTTPRoute').map(o => o.metadata.name)).toStrictEqual(['main-shop-example-com']);
    expect(compat.notices.filter(n => n.ingress === 'shop/canary' && n.annotation === undefined)).toStrictEqual([{
      ingress: 'shop/canary',
      status: NoticeStatus.TRANSLATED,
      message: 'spec.tls of a canary Ingress is ignored, as ingress-nginx ignores it (a host\'s certificate, and with it the HTTPS redirect, comes from its main Ingresses)',
    }]);
    expect(finding(compat, 'GET http://shop.example.com/')).toBeUndefined();
    // https:// probes of the host remain: the probes take the canary's spec.tls for a certificate,
    // where ingress-nginx serves the host's HTTPS with its default certificate (clients reject it).
    expect(compat.verify().findings.filter(f => !f.expected && !f.request.includes('https://'))).toStrictEqual([]);
  });

  test('a canary Ingress in another namespace refers to its Service in that namespace, with a ReferenceGrant', () => {
    const canary: Ing = { name: 'canary', namespace: 'team-a', created: '2025-01-02T00:00:00Z', annotations: { 'canary': 'true', 'canary-weight': '10' }, paths: [['/', 'web-v2', 80]] };
    const { compat, objects } = migrate(STD, [MAIN, canary]);
    const route = objects.find(o => o.kind === 'HTTPRoute');
    expect(route.spec.rules.map((r: any) => r.backendRefs)).toStrictEqual([[
      { name: 'web', port: 80, weight: 90 },
      { name: 'web-v2', namespace: 'team-a', port: 80, weight: 10 },
    ]]);
    expect(objects.filter(o => o.kind === 'ReferenceGrant').map(o => [o.metadata.namespace, o.spec])).toStrictEqual([['team-a', {
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }],
      to: [{ group: '', kind: 'Service', name: 'web-v2' }],
    }]]);
    expect(finding(compat, 'GET http://shop.example.com/')).toBeUndefined();
    expect(compat.verify().unexpected).toBe(0);
  });
});

test('enable-cors on a host redirected to HTTPS: the notice says the plain-HTTP preflight gets the redirect', () => {
  const cors: Ing = { ...WEB, annotations: { 'enable-cors': 'true', 'cors-allow-origin': 'https://app.example.com' } };
  const { compat } = migrate(EG, [cors]);
  expect(compat.notices.find(n => n.annotation === `${P}enable-cors`)!.message).toBe(
    'CORS filter with the cors-* values; Gateway API echoes the Origin where ingress-nginx sends `*` with credentials, and answers only real preflights '
    + 'locally (docs/ingress-nginx.md#corspreset); on other responses to an allowed origin the Gateway sends Access-Control-Allow-Origin, -Allow-Credentials and '
    + '-Expose-Headers only, where ingress-nginx also sends -Allow-Methods, -Allow-Headers and -Max-Age (on its redirects too); a preflight (OPTIONS) on plain HTTP gets the host\'s HTTPS redirect (308) from the Gateway, where '
    + 'ingress-nginx answers it (204) before redirecting');
  const f = finding(compat, 'OPTIONS http://shop.example.com/ [origin: https://app.example.com; access-control-request-method: GET]')!;
  expect([f.ingressNginxOutcome.status, f.gatewayApiOutcome.status, f.gatewayApiOutcome.location]).toStrictEqual([204, 308, 'https://shop.example.com/']);
  expect(f.expected).toBe(true);
  const plain = migrate(EG, [{ ...cors, tls: false }]).compat;
  expect(plain.notices.find(n => n.annotation === `${P}enable-cors`)!.message).not.toMatch(/plain HTTP/);
});

describe('spec.defaultBackend and the catch-all server', () => {
  test('a rule-less Ingress with a defaultBackend becomes the catch-all route for every unknown host', () => {
    const { compat, objects } = migrate(STD, [{ name: 'catchall', created: '2025-01-01T00:00:00Z', paths: [], defaultBackend: 'fallback' }]);
    expect(objects.filter(o => o.kind === 'HTTPRoute').map(o => [o.metadata.name, o.spec.hostnames, o.spec.rules])).toStrictEqual([[
      'catchall-any-host', undefined, [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'fallback', port: 80 }] }],
    ]]);
    const report = compat.verify();
    expect(report.findings).toStrictEqual([]);
    expect(report.probes).toBeGreaterThan(0);
  });

  test('the defaultBackend of the last Ingress that has one, rules or not, answers unknown hosts (kubernetes/ingress-nginx#8825)', () => {
    const { compat, objects } = migrate(STD, [
      { name: 'catchall', created: '2025-01-01T00:00:00Z', paths: [], defaultBackend: 'first' },
      { name: 'web', created: '2025-01-02T00:00:00Z', paths: [['/x', 'x', 80]], defaultBackend: 'home' },
    ]);
    const route = (name: string) => objects.find(o => o.kind === 'HTTPRoute' && o.metadata.name === name).spec.rules;
    expect(route('catchall-any-host')).toStrictEqual([{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'home', port: 80 }] }]);
    expect(route('web-shop-example-com').map((r: any) => r.backendRefs[0].name)).toStrictEqual(['home', 'x']);
    expect(compat.notices.filter(n => n.ingress === 'shop/web')).toStrictEqual([{
      ingress: 'shop/web',
      status: NoticeStatus.TRANSLATED,
      message: 'spec.defaultBackend also answers every request for a host no Ingress of class nginx names, as ingress-nginx\'s catch-all server takes the defaultBackend of the last Ingress that has one (a rule on the catch-all route)',
    }]);
    expect(compat.verify().findings).toStrictEqual([]);
  });

  test('a host-less rule with a defaultBackend: the catch-all route has the rule and the defaultBackend behind it', () => {
    const { compat, objects } = migrate(STD, [{ name: 'h', created: '2025-01-01T00:00:00Z', host: '', paths: [['/app', 'app', 80]], defaultBackend: 'fallback' }]);
    expect(objects.filter(o => o.kind === 'HTTPRoute').map(o => o.spec.rules.map((r: any) => [r.matches[0].path.value, r.backendRefs[0].name]))).toStrictEqual([[['/', 'fallback'], ['/app', 'app']]]);
    expect(compat.verify().findings).toStrictEqual([]);
  });
});

test('an Exact ACME challenge path exempts only itself from the HTTPS redirect', () => {
  const { compat, objects } = migrate(STD, [{ ...WEB, paths: [['/', 'web', 80], ['/.well-known/acme-challenge', 'solver', 8089, 'Exact']] }]);
  const redirect = objects.find(o => o.kind === 'HTTPRoute' && o.metadata.name === 'web-shop-example-com-https-redirect');
  expect(redirect.spec.rules.map((r: any) => [r.name, r.matches[0].path, r.backendRefs])).toStrictEqual([
    ['redirect-to-https', { type: 'PathPrefix', value: '/' }, undefined],
    ['acme-challenge', { type: 'Exact', value: '/.well-known/acme-challenge' }, [{ name: 'solver', port: 8089 }]],
  ]);
  expect(finding(compat, 'GET http://shop.example.com/.well-known/acme-challenge/verify-token')).toBeUndefined();
  expect(compat.verify().unexpected).toBe(0);
});

test('a host\'s defaultBackend rule carries the first Ingress\'s location filters, as nginx\'s catch-all `location /` takes its annotations', () => {
  const { compat, objects } = migrate(STD, [{
    name: 'web', created: '2025-01-01T00:00:00Z', paths: [['/api', 'api', 80]], defaultBackend: 'home', annotations: { 'upstream-vhost': 'www.example.com' },
  }]);
  const rules = objects.find(o => o.kind === 'HTTPRoute').spec.rules;
  expect(rules.map((r: any) => [r.matches[0].path.value, r.filters, r.backendRefs[0].name])).toStrictEqual([
    ['/', [{ type: 'URLRewrite', urlRewrite: { hostname: 'www.example.com' } }], 'home'],
    ['/api', [{ type: 'URLRewrite', urlRewrite: { hostname: 'www.example.com' } }], 'api'],
  ]);
  const f = compat.verify();
  expect(f.findings).toStrictEqual([]);
});
