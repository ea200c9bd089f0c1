import { Chart, Testing } from 'cdk8s';
import {
  Backend, CanaryHeader, CanaryHeaderMode, CanarySplit, Gateway, GatewayClass, HeaderMatch, HttpFilter, HttpMethod, HttpRoute,
  PathMatch,
} from '../../src';

const v1 = Backend.fromServiceName('shop-v1', 80);
const v2 = Backend.fromServiceName('shop-v2', 80);
const ROOT = { path: { type: 'PathPrefix', value: '/' } };
const STABLE = { name: 'shop-v1', port: 80 };
const CANARY = { name: 'shop-v2', port: 80 };

function routeSpecs(chart: Chart): any[] {
  return Testing.synth(chart).filter(o => o.kind === 'HTTPRoute').map(o => o.spec);
}

/** A Gateway API RegularExpression header match, full-match semantics (as Envoy). */
function fullMatch(pattern: string, value: string): boolean {
  return new RegExp(`^(?:${pattern})$`).test(value);
}

describe('CanarySplit rules', () => {
  test('every mode: header always/never, cookie always/never, then the weighted rule, in one new route', () => {
    const chart = Testing.chart();
    const gateway = new Gateway(chart, 'Edge', { metadata: { name: 'edge' }, gatewayClass: GatewayClass.fromGatewayClassName(chart, 'Eg', 'eg') });
    const https = gateway.addHttpListener({ name: 'web' });
    const split = new CanarySplit(chart, 'Canary', {
      metadata: { name: 'shop' },
      parents: [https],
      hostnames: ['shop.example.com'],
      stable: v1,
      canary: v2,
      header: CanaryHeader.alwaysOrNever('X-Canary'),
      cookie: 'canary',
      weight: 10,
    });
    expect(split.weight).toBe(10);
    expect(split.weightTotal).toBe(100);
    expect(split.route.ruleCount).toBe(5);
    const cookie = (v: string) => ({ name: 'Cookie', type: 'RegularExpression', value: `(^|.*;\\s*)canary=${v}(;.*|$)` });
    expect(routeSpecs(chart)).toStrictEqual([{
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge', sectionName: 'web' }],
      hostnames: ['shop.example.com'],
      rules: [
        { matches: [{ ...ROOT, headers: [{ name: 'X-Canary', type: 'Exact', value: 'always' }] }], backendRefs: [CANARY] },
        { matches: [{ ...ROOT, headers: [{ name: 'X-Canary', type: 'Exact', value: 'never' }] }], backendRefs: [STABLE] },
        { matches: [{ ...ROOT, headers: [cookie('always')] }], backendRefs: [CANARY] },
        { matches: [{ ...ROOT, headers: [cookie('never')] }], backendRefs: [STABLE] },
        { matches: [ROOT], backendRefs: [{ ...STABLE, weight: 90 }, { ...CANARY, weight: 10 }] },
      ],
    }]);
  });

  test('never beats the weight: the never rule has the weighted rule\'s match plus one header condition', () => {
    const chart = Testing.chart();
    new CanarySplit(chart, 'Canary', { stable: v1, canary: v2, header: CanaryHeader.alwaysOrNever('x-canary'), cookie: 'c', weight: 100 });
    const [never, , cookieNever, weighted] = routeSpecs(chart)[0].rules.slice(1);
    expect(weighted.backendRefs).toStrictEqual([{ ...STABLE, weight: 0 }, { ...CANARY, weight: 100 }]);
    expect(weighted.matches).toStrictEqual([ROOT]);
    expect(never).toStrictEqual({ matches: [{ ...ROOT, headers: [{ name: 'x-canary', type: 'Exact', value: 'never' }] }], backendRefs: [STABLE] });
    expect(cookieNever).toStrictEqual({
      matches: [{ ...ROOT, headers: [{ name: 'Cookie', type: 'RegularExpression', value: '(^|.*;\\s*)c=never(;.*|$)' }] }],
      backendRefs: [STABLE],
    });
  });

  test('the cookie condition matches the named cookie exactly, not a substring of another cookie', () => {
    const chart = Testing.chart();
    new CanarySplit(chart, 'Canary', { stable: v1, canary: v2, cookie: 'canary' });
    const [always, never] = routeSpecs(chart)[0].rules.map((r: any) => r.matches?.[0].headers?.[0].value);
    for (const yes of ['canary=always', 'a=1; canary=always', 'a=1;canary=always; b=2', 'canary=always;b=2']) {
      expect([yes, fullMatch(always, yes)]).toStrictEqual([yes, true]);
    }
    for (const no of ['xcanary=always', 'canary=alwaysx', 'a=1; xcanary=always', 'a=canary=always', 'canary=never', 'canary = always', 'b=canary=always; c=1']) {
      expect([no, fullMatch(always, no)]).toStrictEqual([no, false]);
    }
    expect(fullMatch(never, 'a=b; canary=never')).toBe(true);
    expect(fullMatch(never, 'canary=neverx')).toBe(false);
  });

  test('cookie names with regex characters are escaped', () => {
    const chart = Testing.chart();
    new CanarySplit(chart, 'Canary', { stable: v1, canary: v2, cookie: 'can.ary+1' });
    const value = routeSpecs(chart)[0].rules[0].matches[0].headers[0].value;
    expect(value).toBe('(^|.*;\\s*)can\\.ary\\+1=always(;.*|$)');
    expect(fullMatch(value, 'canXary+1=always')).toBe(false);
    expect(fullMatch(value, 'can.ary+1=always')).toBe(true);
  });

  test('header with an exact value: one canary rule, no never rule', () => {
    const chart = Testing.chart();
    const header = CanaryHeader.exactValue('x-version', 'v2');
    expect([header.mode, header.headerName, header.headerValue]).toStrictEqual([CanaryHeaderMode.EXACT_VALUE, 'x-version', 'v2']);
    new CanarySplit(chart, 'Canary', { stable: v1, canary: v2, header });
    expect(routeSpecs(chart)[0].rules).toStrictEqual([
      { matches: [{ ...ROOT, headers: [{ name: 'x-version', type: 'Exact', value: 'v2' }] }], backendRefs: [CANARY] },
      { matches: [ROOT], backendRefs: [{ ...STABLE, weight: 100 }, { ...CANARY, weight: 0 }] },
    ]);
  });

  test('header with a pattern: an unanchored regex, wrapped for full-match engines', () => {
    const chart = Testing.chart();
    new CanarySplit(chart, 'Canary', { stable: v1, canary: v2, header: CanaryHeader.pattern('x-user', 'beta|internal'), weightTotal: 1000, weight: 5 });
    const rules = routeSpecs(chart)[0].rules;
    expect(rules).toStrictEqual([
      { matches: [{ ...ROOT, headers: [{ name: 'x-user', type: 'RegularExpression', value: '.*(?:beta|internal).*' }] }], backendRefs: [CANARY] },
      { matches: [ROOT], backendRefs: [{ ...STABLE, weight: 995 }, { ...CANARY, weight: 5 }] },
    ]);
    const pattern = rules[0].matches[0].headers[0].value;
    expect(['beta', 'a-beta-user', 'internal'].map(v => fullMatch(pattern, v))).toStrictEqual([true, true, true]);
    expect(fullMatch(pattern, 'stable')).toBe(false);
    // PCRE/RE2 syntax that JavaScript lacks is accepted as written.
    expect(CanaryHeader.pattern('x-user', '(?i)beta').headerValue).toBe('(?i)beta');
    expect(CanaryHeader.pattern('x-user', '(?P<tier>gold|silver)').headerValue).toBe('(?P<tier>gold|silver)');
  });

  test('weight only: the weighted rule alone, with the split\'s matches, filters and rule names', () => {
    const chart = Testing.chart();
    const cors = HttpFilter.cors({ allowOrigins: ['https://app.example.com'] });
    new CanarySplit(chart, 'Canary', {
      stable: v1,
      canary: v2,
      weight: 25,
      header: CanaryHeader.alwaysOrNever('x-canary'),
      matches: [{ path: PathMatch.prefix('/api'), method: HttpMethod.GET }, { path: PathMatch.exact('/health'), headers: [HeaderMatch.exact('x-env', 'prod')] }],
      filters: [cors],
      ruleNamePrefix: 'api',
    });
    const rules = routeSpecs(chart)[0].rules;
    const corsRendered = [cors.renderFilter()];
    expect(rules.map((r: any) => [r.name, r.filters])).toStrictEqual([
      ['api-header', corsRendered], ['api-header-never', corsRendered], ['api-weight', corsRendered],
    ]);
    expect(rules[0].matches).toStrictEqual([
      { path: { type: 'PathPrefix', value: '/api' }, method: 'GET', headers: [{ name: 'x-canary', type: 'Exact', value: 'always' }] },
      { path: { type: 'Exact', value: '/health' }, headers: [{ name: 'x-env', type: 'Exact', value: 'prod' }, { name: 'x-canary', type: 'Exact', value: 'always' }] },
    ]);
    expect(rules[2].matches).toStrictEqual([
      { path: { type: 'PathPrefix', value: '/api' }, method: 'GET' },
      { path: { type: 'Exact', value: '/health' }, headers: [{ name: 'x-env', type: 'Exact', value: 'prod' }] },
    ]);
    expect(rules[2].backendRefs).toStrictEqual([{ ...STABLE, weight: 75 }, { ...CANARY, weight: 25 }]);
  });

  test('adds its rules to an existing route after the route\'s own; backends keep namespace and filters', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'shop' });
    const route = new HttpRoute(chart, 'Route', { metadata: { name: 'shop' }, rules: [{ matches: [{ path: PathMatch.prefix('/static') }], backends: [Backend.fromServiceName('cdn', 80)] }] });
    const filtered = Backend.fromServiceName('shop-v2', 80, { namespace: 'canary', filters: [HttpFilter.requestHeaderModifier({ set: { 'x-canary': '1' } })] });
    const split = new CanarySplit(chart, 'Canary', { route, stable: v1, canary: filtered, cookie: 'c' });
    expect(split.route).toBe(route);
    const objects = Testing.synth(chart);
    const rules = objects.find(o => o.kind === 'HTTPRoute')!.spec.rules;
    expect(rules).toHaveLength(4);
    const canaryRef = { name: 'shop-v2', namespace: 'canary', port: 80, filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-canary', value: '1' }] } }] };
    expect(rules[1].backendRefs).toStrictEqual([canaryRef]);
    expect(rules[3].backendRefs).toStrictEqual([{ ...STABLE, weight: 100 }, { ...canaryRef, weight: 0 }]);
    expect(objects.filter(o => o.kind === 'ReferenceGrant').map(o => o.metadata.namespace)).toStrictEqual(['canary']);
  });
});

describe('CanarySplit checks', () => {
  test('weights', () => {
    const chart = Testing.chart();
    expect(() => new CanarySplit(chart, 'A', { stable: v1, canary: v2, weight: 101 })).toThrow('CanarySplit test/A: weight 101 must be a whole number from 0 to weightTotal 100');
    expect(() => new CanarySplit(chart, 'B', { stable: v1, canary: v2, weight: 1.5 })).toThrow(/weight 1.5 must be a whole number/);
    expect(() => new CanarySplit(chart, 'C', { stable: v1, canary: v2, weightTotal: 50 })).toThrow(
      'CanarySplit test/C: weightTotal 50 must be a whole number from 100 to 1000000 (ingress-nginx ignores totals below 100 and uses 100)');
    expect(() => new CanarySplit(chart, 'D', { stable: Backend.fromServiceName('a', 80, { weight: 5 }), canary: v2 })).toThrow(
      'CanarySplit test/D: stable backend Service "a:80" has weight 5; the split sets the weights, so pass the backend without one and use weight/weightTotal');
  });

  test('header, cookie and matches', () => {
    const chart = Testing.chart();
    expect(() => CanaryHeader.alwaysOrNever('x canary')).toThrow(/CanaryHeader.alwaysOrNever: header name "x canary" is not a valid HTTP header name/);
    expect(() => CanaryHeader.exactValue('x-canary', '')).toThrow(/value of header "x-canary" must be 1-4096 characters/);
    expect(() => CanaryHeader.pattern('x-canary', '')).toThrow('CanaryHeader.pattern: pattern for header "x-canary" is empty; it would match every value');
    expect(() => CanaryHeader.pattern('x-canary', '(')).toThrow(/CanaryHeader.pattern: pattern "\(" for header "x-canary" is not a valid regular expression/);
    expect(() => new CanarySplit(chart, 'A', { stable: v1, canary: v2, cookie: 'bad;name' })).toThrow(/CanarySplit test\/A: cookie: cookie name "bad;name" is not a valid/);
    expect(() => new CanarySplit(chart, 'B', { stable: v1, canary: v2, matches: [] })).toThrow('CanarySplit test/B: matches is empty; omit it to split every request');
    expect(() => new CanarySplit(chart, 'C', {
      stable: v1, canary: v2, header: CanaryHeader.alwaysOrNever('X-Canary'), matches: [{ headers: [HeaderMatch.exact('x-canary', 'a')] }],
    })).toThrow('CanarySplit test/C: matches[0] already has a condition on header "X-Canary", the canary header; remove it from the match');
    expect(() => new CanarySplit(chart, 'D', { stable: v1, canary: v2, cookie: 'c', matches: [{ headers: [HeaderMatch.regex('cookie', 'a')] }] }))
      .toThrow(/matches\[0\] already has a condition on the Cookie header/);
  });

  test('cookieFilters: implementation filters match the cookie, between the header rules and the weighted rule', () => {
    const chart = Testing.chart();
    const ref = (name: string) => HttpFilter.extensionRef({ group: 'gateway.envoyproxy.io', kind: 'HTTPRouteFilter', name });
    const cors = HttpFilter.cors({ allowOrigins: ['*'] });
    new CanarySplit(chart, 'Canary', {
      stable: v1,
      canary: v2,
      header: CanaryHeader.exactValue('x-canary', 'yes'),
      cookie: 'beta',
      weight: 5,
      filters: [cors],
      cookieFilters: { always: ref('beta-always'), never: ref('beta-never') },
    });
    const ext = (name: string) => ({ type: 'ExtensionRef', extensionRef: { group: 'gateway.envoyproxy.io', kind: 'HTTPRouteFilter', name } });
    const corsJson = cors.renderFilter();
    expect(routeSpecs(chart)[0].rules).toStrictEqual([
      { matches: [{ ...ROOT, headers: [{ name: 'x-canary', type: 'Exact', value: 'yes' }] }], filters: [corsJson], backendRefs: [CANARY] },
      { matches: [ROOT], filters: [ext('beta-always'), corsJson], backendRefs: [CANARY] },
      { matches: [ROOT], filters: [ext('beta-never'), corsJson], backendRefs: [STABLE] },
      { matches: [ROOT], filters: [corsJson], backendRefs: [{ ...STABLE, weight: 95 }, { ...CANARY, weight: 5 }] },
    ]);
  });

  test('cookieFilters needs cookie and ExtensionRef filters', () => {
    const chart = Testing.chart();
    const ref = HttpFilter.extensionRef({ group: 'gateway.envoyproxy.io', kind: 'HTTPRouteFilter', name: 'f' });
    expect(() => new CanarySplit(chart, 'A', { stable: v1, canary: v2, cookieFilters: { always: ref, never: ref } }))
      .toThrow('CanarySplit test/A: cookieFilters is set without cookie; name the canary cookie too');
    const header = HttpFilter.requestHeaderModifier({ set: { a: 'b' } });
    expect(() => new CanarySplit(chart, 'B', { stable: v1, canary: v2, cookie: 'c', cookieFilters: { always: ref, never: header } }))
      .toThrow('CanarySplit test/B: cookieFilters.never is a RequestHeaderModifier filter; give an ExtensionRef filter that matches the cookie (HttpFilter.extension)');
  });

  test('route and its own properties are exclusive; a full route is reported before any rule is added', () => {
    const chart = Testing.chart();
    const route = new HttpRoute(chart, 'Route', {});
    expect(() => new CanarySplit(chart, 'A', { route, stable: v1, canary: v2, hostnames: ['a.example.com'], metadata: { name: 'x' } })).toThrow(
      'CanarySplit test/A: hostnames, metadata cannot be set together with route; they belong to the existing HTTPRoute (set them there)');
    for (let i = 0; i < 12; i++) route.addRule({ matches: [{ path: PathMatch.prefix(`/p${i}`) }], backends: [v1] });
    expect(() => new CanarySplit(chart, 'B', { route, stable: v1, canary: v2, header: CanaryHeader.alwaysOrNever('x'), cookie: 'c' })).toThrow(
      'CanarySplit test/B: the split needs 5 rules and the route already has 12; an HTTPRoute holds at most 16 (use a new route)');
    expect(route.ruleCount).toBe(12);
  });
});
