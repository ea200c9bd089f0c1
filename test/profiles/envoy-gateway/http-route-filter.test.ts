import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { Backend, HttpFilter, HttpRoute, PathMatch } from '../../../src';
import * as envoyGateway from '../../../src/profiles/envoy-gateway';

function nsChart(namespace = 'shop'): Chart {
  return new Chart(Testing.app(), 'test', { namespace });
}

function filters(chart: Chart): any[] {
  return Testing.synth(chart).filter(o => o.kind === 'HTTPRouteFilter');
}

const { CookieMatch, HostnameRewrite, HttpRouteFilter } = envoyGateway;

describe('HttpRouteFilter', () => {
  test('kitchen sink: every prop, validated against the CRD', () => {
    const chart = nsChart();
    const filter = new HttpRouteFilter(chart, 'All', {
      metadata: { name: 'all' },
      regexRewrite: { pattern: '^/api(/|$)(.*)', substitution: '/\\2' },
      hostnameRewrite: HostnameRewrite.pathRegex('^/tenant/([a-z0-9-]+)/.*', '\\1.example.internal'),
      directResponse: { statusCode: 503, contentType: 'text/plain; charset=utf-8', body: 'maintenance %REQ(:path)%' },
      cookieMatches: [CookieMatch.exact('canary', 'always'), CookieMatch.regularExpression('session', '^beta-.*$')],
    });
    filter.addCookieMatches([CookieMatch.exact('tester', 'yes')]);
    expect(filters(chart)).toStrictEqual([{
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'HTTPRouteFilter',
      metadata: { name: 'all', namespace: 'shop' },
      spec: {
        urlRewrite: {
          path: { type: 'ReplaceRegexMatch', replaceRegexMatch: { pattern: '^/api(/|$)(.*)', substitution: '/\\2' } },
          hostname: { type: 'PathRegex', pathRegex: { pattern: '^/tenant/([a-z0-9-]+)/.*', substitution: '\\1.example.internal' } },
        },
        directResponse: { statusCode: 503, contentType: 'text/plain; charset=utf-8', body: { type: 'Inline', inline: 'maintenance %REQ(:path)%' } },
        matches: [
          {
            cookies: [
              { type: 'Exact', name: 'canary', value: 'always' },
              { type: 'RegularExpression', name: 'session', value: '^beta-.*$' },
            ],
          },
          { cookies: [{ type: 'Exact', name: 'tester', value: 'yes' }] },
        ],
      },
    }]);
  });

  test('the validator checks what the filter renders (a patched bad value fails synth)', () => {
    const chart = nsChart();
    const filter = new HttpRouteFilter(chart, 'Bad', { regexRewrite: { pattern: 'a', substitution: 'b' } });
    ApiObject.of(filter).addJsonPatch(JsonPatch.add('/spec/urlRewrite/path/type', 'ReplaceFullPath'));
    expect(() => Testing.synth(chart)).toThrow(/urlRewrite\.path\.type/);
  });

  test('referenced from an HTTPRoute rule with HttpFilter.extension', () => {
    const chart = nsChart();
    const rewrite = new HttpRouteFilter(chart, 'Strip', { metadata: { name: 'strip-api' }, regexRewrite: { pattern: '^/api/(.*)', substitution: '/\\1' } });
    expect(rewrite.filterNamespace).toBe('shop');
    expect(rewrite.toFilterExtensionReference()).toStrictEqual({ group: 'gateway.envoyproxy.io', kind: 'HTTPRouteFilter', name: 'strip-api' });
    new HttpRoute(chart, 'Route', {
      metadata: { name: 'r' },
      rules: [{ matches: [{ path: PathMatch.prefix('/api') }], filters: [HttpFilter.extension(rewrite)], backends: [Backend.fromServiceName('api', 8080)] }],
    });
    const route = Testing.synth(chart).find(o => o.kind === 'HTTPRoute')!;
    expect(route.spec.rules[0].filters).toStrictEqual([
      { type: 'ExtensionRef', extensionRef: { group: 'gateway.envoyproxy.io', kind: 'HTTPRouteFilter', name: 'strip-api' } },
    ]);
  });

  test('hostname rewrites from a header or the backend; direct response defaults', () => {
    const chart = nsChart();
    new HttpRouteFilter(chart, 'Header', { metadata: { name: 'h' }, hostnameRewrite: HostnameRewrite.fromHeader('X-Upstream-Host') });
    new HttpRouteFilter(chart, 'Backend', { metadata: { name: 'b' }, hostnameRewrite: HostnameRewrite.backend() });
    new HttpRouteFilter(chart, 'Empty', { metadata: { name: 'e' }, directResponse: {} });
    new HttpRouteFilter(chart, 'Bounds', { metadata: { name: 'x' }, directResponse: { statusCode: 200, body: '' } });
    new HttpRouteFilter(chart, 'Max', { metadata: { name: 'y' }, directResponse: { statusCode: 599 } });
    expect(filters(chart).map(f => f.spec)).toStrictEqual([
      { urlRewrite: { hostname: { type: 'Header', header: 'X-Upstream-Host' } } },
      { urlRewrite: { hostname: { type: 'Backend' } } },
      { directResponse: {} },
      { directResponse: { statusCode: 200, body: { type: 'Inline', inline: '' } } },
      { directResponse: { statusCode: 599 } },
    ]);
  });

  test('regex rewrite errors: RE2 syntax, missing groups, bad escapes', () => {
    const make = (id: string, pattern: string, substitution: string) =>
      new HttpRouteFilter(nsChart(), id, { regexRewrite: { pattern, substitution } });
    expect(() => make('Empty', '', '/')).toThrow(/HTTPRouteFilter test\/Empty: regexRewrite: pattern is empty; give an RE2 pattern such as "\^\/api\/\(\.\*\)"/);
    expect(() => make('Look', '^/(?=api)(.*)', '/\\1'))
      .toThrow(/HTTPRouteFilter test\/Look: regexRewrite: pattern "\^\/\(\?=api\)\(\.\*\)" is not a valid RE2 regular expression \(.*\); Envoy uses RE2: no lookarounds or backreferences/);
    expect(() => make('Open', '^/(api', '/')).toThrow(/regexRewrite: pattern "\^\/\(api" is not a valid RE2 regular expression/);
    expect(() => make('Group', '^/api/(.*)', '/\\2'))
      .toThrow(/HTTPRouteFilter test\/Group: regexRewrite: substitution "\/\\2" refers to group \\2 but pattern "\^\/api\/\(\.\*\)" has 1 capture group$/);
    expect(() => make('None', '^/api', '/\\1')).toThrow(/has 0 capture groups/);
    expect(() => make('Dollar', '^/api/(.*)', '/\\$1'))
      .toThrow(/regexRewrite: substitution "\/\\\$1" has "\\\$"; a backslash must start \\0-\\9 \(a capture group\) or \\\\ \(a backslash\)/);
    expect(() => make('Trailing', '^/api/(.*)', '/x\\')).toThrow(/has "\\"; a backslash must start/);
  });

  test('capture groups: non-capturing, named, escaped and in-class parentheses', () => {
    const chart = nsChart();
    new HttpRouteFilter(chart, 'Groups', {
      metadata: { name: 'g' },
      regexRewrite: { pattern: '^/(?:v1|v2)/(?P<id>[^/]+)/\\(x\\)[()]/(?i:Y)/(z)', substitution: '\\\\\\0\\1\\2' },
    });
    expect(filters(chart)[0].spec.urlRewrite.path.replaceRegexMatch.substitution).toBe('\\\\\\0\\1\\2');
    expect(() => new HttpRouteFilter(nsChart(), 'Three', { regexRewrite: { pattern: '^/(?:v1|v2)/(?P<id>[^/]+)/\\(x\\)[()]/(?i:Y)/(z)', substitution: '\\3' } }))
      .toThrow(/refers to group \\3 but pattern .* has 2 capture groups/);
    expect(() => new HttpRouteFilter(nsChart(), 'Class', { regexRewrite: { pattern: '[]()]', substitution: '\\1' } })).toThrow(/has 0 capture groups/);
  });

  test('hostname rewrite errors', () => {
    expect(() => HostnameRewrite.fromHeader('bad header')).toThrow(/HostnameRewrite.fromHeader: header name "bad header" is not a valid HTTP header name/);
    expect(() => HostnameRewrite.pathRegex('^/(a', '\\1')).toThrow(/HostnameRewrite.pathRegex: pattern "\^\/\(a" is not a valid RE2 regular expression/);
    expect(() => HostnameRewrite.pathRegex('^/(a)', '')).toThrow(/HostnameRewrite.pathRegex: substitution "" must be non-empty and have no CR, LF or NUL/);
    expect(() => HostnameRewrite.pathRegex('^/(a)', 'x\n')).toThrow(/HostnameRewrite.pathRegex: substitution "x\\n" must be non-empty/);
  });

  test('direct response errors', () => {
    const make = (id: string, directResponse: envoyGateway.DirectResponseOptions) => new HttpRouteFilter(nsChart(), id, { directResponse });
    expect(() => make('Low', { statusCode: 199 })).toThrow(/HTTPRouteFilter test\/Low: directResponse.statusCode 199 is outside 200-599/);
    expect(() => make('High', { statusCode: 600 })).toThrow(/directResponse.statusCode 600 is outside 200-599/);
    expect(() => make('Frac', { statusCode: 200.5 })).toThrow(/directResponse.statusCode 200.5 is outside 200-599/);
    expect(() => make('Type', { contentType: 'text/plain\n' })).toThrow(/HTTPRouteFilter test\/Type: directResponse.contentType "text\/plain\n" is not a valid header value/);
  });

  test('cookie matches: limits and factory errors', () => {
    const chart = nsChart();
    const filter = new HttpRouteFilter(chart, 'Cookies', { metadata: { name: 'c' } });
    const sixteen = Array.from({ length: 16 }, (_, i) => CookieMatch.exact(`c${i}`, 'v'));
    expect(() => filter.addCookieMatches([])).toThrow(/HTTPRouteFilter test\/Cookies: spec.matches\[0\].cookies: a set has 0 cookie matches; give 1-16/);
    expect(() => filter.addCookieMatches([...sixteen, CookieMatch.exact('x', 'y')])).toThrow(/a set has 17 cookie matches; give 1-16/);
    for (let i = 0; i < 8; i++) filter.addCookieMatches(i === 0 ? sixteen : [CookieMatch.exact('n', `${i}`)]);
    expect(() => filter.addCookieMatches([CookieMatch.exact('n', '9')])).toThrow(/HTTPRouteFilter test\/Cookies: spec.matches already has 8 entries, the maximum/);
    expect(filters(chart)[0].spec.matches).toHaveLength(8);
    expect(() => CookieMatch.exact('', 'v')).toThrow(/CookieMatch.exact: cookie name "" must be a token of 1-256 characters/);
    expect(() => CookieMatch.exact('a=b', 'v')).toThrow(/cookie name "a=b" must be a token/);
    expect(() => CookieMatch.exact('c'.repeat(257), 'v')).toThrow(/must be a token of 1-256 characters/);
    expect(() => CookieMatch.exact('c', '')).toThrow(/CookieMatch.exact: value of cookie "c" must be 1-4096 characters \(has 0\)/);
    expect(() => CookieMatch.exact('c', 'v'.repeat(4097))).toThrow(/must be 1-4096 characters \(has 4097\)/);
    expect(() => CookieMatch.regularExpression('c', '(?<=a)b')).toThrow(/CookieMatch.regularExpression: pattern "\(\?<=a\)b" is not a valid RE2 regular expression/);
    const max = CookieMatch.exact('c'.repeat(256), 'v'.repeat(4096));
    expect([max.type, max.name.length, max.value.length]).toStrictEqual([envoyGateway.CookieMatchType.EXACT, 256, 4096]);
  });

  test('an empty filter fails at synth', () => {
    const chart = nsChart();
    new HttpRouteFilter(chart, 'Nothing');
    expect(() => Testing.synth(chart)).toThrow(/\[test\/Nothing\] HTTPRouteFilter sets nothing; pass regexRewrite, hostnameRewrite, directResponse or cookieMatches/);
  });
});
