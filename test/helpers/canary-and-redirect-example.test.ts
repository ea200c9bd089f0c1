import { RoutingModel, SimOutcome } from '../../src/simulate';
import { ManifestValidator } from '../../src/validation';
import { freshYaml } from '../support/examples';

/*
 * The output of examples/canary-and-redirect, synthesized now (test/examples-valid.test.ts checks
 * that the committed dist/ is the same), routed through the Gateway API request-routing model:
 * every behaviour the example promises.
 */
const yaml = freshYaml('canary-and-redirect');
const router = RoutingModel.fromYaml(yaml);

function get(url: string, headers: Record<string, string> = {}, method?: string): SimOutcome {
  return router.route({ url, method, headers: Object.entries(headers).map(([name, value]) => ({ name, value })) });
}

/** The name of the selected rule (`HTTPRoute shop/shop rule 3 (shop-header)` → `shop-header`). */
function ruleName(r: SimOutcome): string | undefined {
  return /\((.*)\)$/.exec(r.steps.find(s => s.stage === 'rule')?.name ?? '')?.[1];
}

/** Filter names of the selected rule, in order. */
function filters(r: SimOutcome): string[] {
  return r.steps.filter(s => s.stage === 'filter').map(s => s.name);
}

const HSTS = { name: 'strict-transport-security', value: 'max-age=31536000; includeSubDomains' };

/** `namespace/name:port` → share of the traffic, for backends that get any. */
function split(r: SimOutcome): Record<string, number> {
  return Object.fromEntries(r.backends.filter(b => b.weight > 0).map(b => [`${b.namespace}/${b.name}:${b.port}`, b.weight]));
}

function shop(pathAndQuery: string, headers: Record<string, string> = {}): SimOutcome {
  return get(`https://shop.example.com${pathAndQuery}`, headers);
}

const V1 = { 'shop/shop-v1:80': 1 };
const V2 = { 'shop/shop-v2:80': 1 };
const WEIGHTED = { 'shop/shop-v1:80': 0.9, 'shop/shop-v2:80': 0.1 };

describe('examples/canary-and-redirect', () => {
  test('every object passes the v1.6.1 Standard CRD schemas and CEL rules', () => {
    const errors = ManifestValidator.validateYaml(yaml).filter((r: any) => (r.severity ?? 'error') === 'error');
    expect(errors).toEqual([]);
  });

  test('http://shop.example.com/<anything> → 308 to https, path and query kept', () => {
    for (const p of ['/', '/cart/items', '/search?q=shoes&page=2', '/.well-known/other']) {
      const r = get(`http://shop.example.com${p}`, { 'X-Canary': 'always' });
      expect([p, r.status, r.location, r.backends]).toStrictEqual([p, 308, `https://shop.example.com${p}`, []]);
    }
  });

  test('http://shop.example.com/.well-known/acme-challenge/… → acme-solver:8089', () => {
    const r = get('http://shop.example.com/.well-known/acme-challenge/token-123');
    expect([r.status, r.location, ruleName(r), split(r)]).toStrictEqual([200, undefined, 'acme-challenge', { 'shop/acme-solver:8089': 1 }]);
  });

  test('https: header X-Canary always → v2, never → v1 whatever the cookie', () => {
    expect(split(shop('/p', { 'X-Canary': 'always' }))).toStrictEqual(V2);
    expect(split(shop('/p', { 'x-canary': 'always', 'Cookie': 'canary=never' }))).toStrictEqual(V2);
    expect(split(shop('/p', { 'X-Canary': 'never' }))).toStrictEqual(V1);
    expect(split(shop('/p', { 'X-Canary': 'never', 'Cookie': 'canary=always' }))).toStrictEqual(V1);
    expect(ruleName(shop('/p', { 'X-Canary': 'never', 'Cookie': 'canary=always' }))).toBe('shop-header-never');
  });

  test('https: cookie canary=always → v2, canary=never → v1; a header that decides nothing falls through to the cookie', () => {
    expect(split(shop('/p', { Cookie: 'canary=always' }))).toStrictEqual(V2);
    expect(split(shop('/p', { Cookie: 'session=abc; canary=always; theme=dark' }))).toStrictEqual(V2);
    expect(split(shop('/p', { 'X-Canary': 'maybe', 'Cookie': 'canary=always' }))).toStrictEqual(V2);
    expect(split(shop('/p', { Cookie: 'canary=never' }))).toStrictEqual(V1);
  });

  test('https: cookies xcanary=always and canary=alwaysx do not hit the canary rule', () => {
    for (const cookie of ['xcanary=always', 'canary=alwaysx', 'a=1; xcanary=always', 'other=canary=always']) {
      const r = shop('/p', { Cookie: cookie });
      expect([cookie, ruleName(r), split(r)]).toStrictEqual([cookie, 'shop-weight', WEIGHTED]);
    }
  });

  test('https: otherwise 90/10 between shop-v1 and shop-v2', () => {
    const r = shop('/products/1');
    expect([r.status, ruleName(r), split(r)]).toStrictEqual([200, 'shop-weight', WEIGHTED]);
  });

  test('every https response of the shop carries HSTS', () => {
    const requests: Array<[string, Record<string, string>]> = [
      ['/', {}], ['/x', { 'X-Canary': 'always' }], ['/x', { 'X-Canary': 'never' }], ['/x', { Cookie: 'canary=always' }],
      ['/x', { Cookie: 'canary=never' }], ['/api/v1', {}], ['/api', { 'X-Canary': 'never' }], ['/api/x', { Cookie: 'canary=always' }],
    ];
    for (const [p, headers] of requests) {
      expect(shop(p, headers).responseHeaders).toStrictEqual([HSTS]);
    }
  });

  test('/api: the same canary decisions, with the CORS preset for https://app.example.com only', () => {
    const cases: Array<[Record<string, string>, string, Record<string, number>]> = [
      [{ 'X-Canary': 'always' }, 'api-header', V2],
      [{ 'X-Canary': 'never', 'Cookie': 'canary=always' }, 'api-header-never', V1],
      [{ Cookie: 'canary=always' }, 'api-cookie', V2],
      [{ Cookie: 'canary=never' }, 'api-cookie-never', V1],
      [{ Cookie: 'xcanary=always' }, 'api-weight', WEIGHTED],
      [{}, 'api-weight', WEIGHTED],
    ];
    for (const [headers, rule, backends] of cases) {
      const r = shop('/api/orders', headers);
      expect([headers, ruleName(r), split(r), filters(r)]).toStrictEqual([headers, rule, backends, ['CORS', 'ResponseHeaderModifier']]);
    }
    const route = router.objects.find(o => o.metadata.name === 'shop')!;
    const cors = route.spec.rules.filter((r: any) => r.name.startsWith('api-')).map((r: any) => r.filters[0].cors);
    expect(cors).toHaveLength(5);
    for (const c of cors) expect(c.allowOrigins).toStrictEqual(['https://app.example.com']);
    expect(filters(shop('/apis'))).toStrictEqual(['ResponseHeaderModifier']); // /apis is not under /api
  });

  test('/api: a CORS preflight from https://app.example.com is answered by the proxy (204), others get no CORS headers', () => {
    const preflight = (origin: string) => get('https://shop.example.com/api/orders', { 'Origin': origin, 'Access-Control-Request-Method': 'PUT' }, 'OPTIONS');
    const ok = preflight('https://app.example.com');
    expect([ok.status, ok.backends, ok.responseHeaders.map(h => h.name)]).toStrictEqual([204, [], [
      'access-control-allow-credentials', 'access-control-allow-headers', 'access-control-allow-methods', 'access-control-allow-origin',
      'access-control-max-age', 'strict-transport-security',
    ]]);
    expect(ok.responseHeaders.find(h => h.name === 'access-control-allow-origin')?.value).toBe('https://app.example.com');
    const other = preflight('https://evil.example.com');
    expect([other.status, other.responseHeaders]).toStrictEqual([204, [HSTS]]);
    const simple = shop('/api/orders', { Origin: 'https://app.example.com' });
    expect([simple.status, simple.responseHeaders.map(h => h.name)]).toStrictEqual([200,
      ['access-control-allow-credentials', 'access-control-allow-origin', 'strict-transport-security']]);
  });

  test('http://example.com/<path> → 308 to http://www.example.com/<path>', () => {
    for (const p of ['/', '/about/team', '/a?b=c']) {
      const r = get(`http://example.com${p}`);
      expect([p, r.status, r.location, r.backends]).toStrictEqual([p, 308, `http://www.example.com${p}`, []]);
    }
  });

  test('http://www.example.com/ (exact "/" only) → 302 to /home; every other path → site:80', () => {
    const root = get('http://www.example.com/');
    expect([root.status, root.location, root.backends]).toStrictEqual([302, 'http://www.example.com/home', []]);
    for (const p of ['/home', '/about', '/index.html', '/x/']) {
      const r = get(`http://www.example.com${p}`);
      expect([p, r.status, split(r)]).toStrictEqual([p, 200, { 'site/site:80': 1 }]);
    }
  });

  test('nothing else is served: the site has no HTTPS route, other hosts get 404', () => {
    expect(get('https://www.example.com/').status).toBe(404);
    expect(get('http://other.example.com/').status).toBe(404);
    expect(get('https://example.com/').status).toBe(404);
  });
});
