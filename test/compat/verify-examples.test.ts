import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { ImplementationProfile, IngressCompat } from '../../src';
import { verifyMigration } from '../../src/compat/verify/verify-migration';
import { VerifyReport } from '../../src/compat/verify/verify-types';
import { PathRegexDialect } from '../../src/simulate/path-regex-dialect';

/*
 * examples/migrate-ingress verified on every profile: no request routed differently than by
 * ingress-nginx without a notice or a known divergence saying so; and a deliberately broken
 * translation (the output patched: the HTTP → HTTPS redirect dropped, the canary weights
 * swapped) is caught as unexpected, naming the request.
 */

const TEXT = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'migrate-ingress', 'ingresses.yaml'), 'utf8');
const P = 'nginx.ingress.kubernetes.io/';

function migrate(profile: ImplementationProfile) {
  const chart = new Chart(Testing.app(), 'migrated');
  const compat = IngressCompat.fromManifests(chart, 'Ingresses', { manifests: TEXT, profile, printNotices: false });
  return { compat, objects: Testing.synth(chart) };
}

/** `request → what explains it` for each expected finding (notice keys without the prefix, or the divergence's short name). */
function explained(report: VerifyReport): Record<string, string> {
  return Object.fromEntries(report.findings.filter(f => f.expected).map(f => [f.request, [
    ...f.notices.map(n => `${n.ingress} ${(n.annotation ?? '(Ingress)').replace(P, '')}`),
    ...f.divergences.map(d => d.replace(/:.*/s, '')),
  ].join(', ')]));
}

const TRAILING = 'trailing-slash-in-https-redirect';
const CORS = 'shop/shop cors-allow-origin, shop/shop enable-cors';
const REWRITE = 'shop/shop-api rewrite-target, shop/shop-api use-regex';
/** use-regex is translated on NGINX Gateway Fabric (its regex locations are nginx's). */
const REWRITE_NGF = 'shop/shop-api rewrite-target';

/** The expected findings common to the three profiles. */
const COMMON: Record<string, string> = {
  'GET http://docs.example.com/?verify=1': 'shop/docs permanent-redirect',
  'GET http://shop.example.com/': TRAILING,
  'GET http://shop.example.com/ [origin: https://app.example.com]': CORS,
  'GET http://shop.example.com/ [origin: https://origin.verify.example]': TRAILING,
  'GET http://shop.example.com/ [x-canary: always]': TRAILING,
  'GET http://shop.example.com/ [x-canary: never]': TRAILING,
  'GET http://shop.example.com/ [x-canary: verify-other]': TRAILING,
  'GET http://shop.example.com/api/': TRAILING,
  'GET http://shop.example.com/checkout [origin: https://app.example.com]': CORS,
  'GET http://shop.example.com/checkout/': TRAILING,
  'GET https://shop.example.com/ [origin: https://app.example.com]': CORS,
  'GET https://shop.example.com/checkout [origin: https://app.example.com]': CORS,
  'OPTIONS http://shop.example.com/ [origin: https://app.example.com; access-control-request-method: GET]': CORS,
  'OPTIONS http://shop.example.com/ [origin: https://origin.verify.example; access-control-request-method: GET]': TRAILING,
  'OPTIONS http://shop.example.com/checkout [origin: https://app.example.com; access-control-request-method: GET]': CORS,
  'OPTIONS https://shop.example.com/ [origin: https://app.example.com; access-control-request-method: GET]': CORS,
  'OPTIONS https://shop.example.com/ [origin: https://origin.verify.example; access-control-request-method: GET]': 'cors-preflight-from-other-origin',
  'OPTIONS https://shop.example.com/checkout [origin: https://app.example.com; access-control-request-method: GET]': CORS,
  'OPTIONS https://shop.example.com/checkout [origin: https://origin.verify.example; access-control-request-method: GET]': 'cors-preflight-from-other-origin',
};

/** Without a regex rewrite, the rewrite idiom's PathPrefix loses /api requests to the host's regex paths (its notice says so). */
const prefixIdiom = (explanation: string): Record<string, string> => Object.fromEntries(
  ['/API', '/api', '/api/', '/api/x'].map(p => [`GET https://shop.example.com${p}`, explanation]));

describe('examples/migrate-ingress verified', () => {
  test.each([
    ['envoy-gateway', ImplementationProfile.envoyGateway(), COMMON],
    ['standard', ImplementationProfile.standard(), { ...COMMON, ...prefixIdiom(REWRITE) }],
    ['nginx-gateway-fabric', ImplementationProfile.nginxGatewayFabric(), { ...COMMON, ...prefixIdiom(REWRITE_NGF) }],
  ])('%s: no unexpected difference; each expected one names its notice or divergence', (_, profile, expected) => {
    const report = migrate(profile).compat.verify();
    expect(report.findings.filter(f => !f.expected)).toStrictEqual([]);
    expect(explained(report)).toStrictEqual(expected);
    expect([report.probes, report.unexpected, report.expected, report.agreeing])
      .toStrictEqual([61, 0, Object.keys(expected).length, 61 - Object.keys(expected).length]);
  });

  test('envoy-gateway: the rewrite idiom routes /api requests like ingress-nginx (backend api, prefix removed)', () => {
    const report = migrate(ImplementationProfile.envoyGateway()).compat.verify();
    for (const p of ['/api', '/api/', '/api/x', '/API']) {
      expect(report.findings.find(f => f.request === `GET https://shop.example.com${p}`)).toBeUndefined();
    }
  });

  test('standard: the /api/x finding shows the backend the host\'s regex path takes it to', () => {
    const f = migrate(ImplementationProfile.standard()).compat.verify().findings.find(x => x.request === 'GET https://shop.example.com/api/x')!;
    expect(f.differences).toStrictEqual([
      { field: 'backends', ingressNginx: 'Service shop/api:8080 100%', gatewayApi: 'Service shop/web-v2:80 10%, Service shop/web:80 90%' },
      { field: 'upstreamPath', ingressNginx: '/x', gatewayApi: '/api/x' },
    ]);
    expect(f.notices.find(n => n.annotation === `${P}rewrite-target`)!.message).toMatch(/requests for \/api and \/api\/… then go to \/ \(Ingress shop\/shop\) instead of this path/);
  });
});

describe('a broken translation is caught', () => {
  const { compat, objects } = migrate(ImplementationProfile.envoyGateway());
  const verifyPatched = (patch: (o: any) => any): VerifyReport => verifyMigration({
    text: TEXT,
    options: {},
    output: objects.map(o => patch(JSON.parse(JSON.stringify(o)))),
    notices: compat.notices,
    pathRegexDialect: PathRegexDialect.RE2_FULL_MATCH,
  });

  test('the unpatched output verifies clean through verifyMigration too', () => {
    expect(verifyPatched(o => o).unexpected).toBe(0);
  });

  test('the 308 redirect rule dropped: plain-HTTP requests of the TLS host are unexpected', () => {
    const report = verifyPatched(o => {
      if (o.kind === 'HTTPRoute' && o.metadata.name === 'shop-shop-example-com-https-redirect') {
        o.spec.rules = o.spec.rules.filter((r: any) => !(r.filters ?? []).some((f: any) => f.type === 'RequestRedirect'));
      }
      return o;
    });
    const unexpected = report.findings.filter(f => !f.expected);
    expect(report.unexpected).toBeGreaterThan(0);
    const checkout = unexpected.find(f => f.request === 'GET http://shop.example.com/checkout')!;
    expect(checkout.differences.slice(0, 2)).toStrictEqual([
      { field: 'status', ingressNginx: '308', gatewayApi: '404' },
      { field: 'location', ingressNginx: 'https://shop.example.com/checkout', gatewayApi: '-' },
    ]);
    expect(checkout.notices).toStrictEqual([]);
  });

  test('the canary weights swapped: the weighted request is unexpected, with both distributions', () => {
    const report = verifyPatched(o => {
      if (o.kind === 'HTTPRoute' && o.metadata.name === 'shop-shop-example-com') {
        for (const rule of o.spec.rules) {
          const refs = rule.backendRefs ?? [];
          if (refs.length === 2 && refs.every((b: any) => b.weight !== undefined)) {
            [refs[0].weight, refs[1].weight] = [refs[1].weight, refs[0].weight];
          }
        }
      }
      return o;
    });
    const f = report.findings.find(x => x.request === 'GET https://shop.example.com/')!;
    expect(f.expected).toBe(false);
    expect(f.differences).toStrictEqual([{
      field: 'backends',
      ingressNginx: 'Service shop/web-v2:80 10%, Service shop/web:80 90%',
      gatewayApi: 'Service shop/web-v2:80 90%, Service shop/web:80 10%',
    }]);
    expect(report.unexpected).toBeGreaterThan(0);
  });
});
