import { Chart, Testing } from 'cdk8s';
import {
  AppRootRedirect, Backend, Gateway, GatewayClass, HeaderMatch, HttpRoute, HttpRouteRule, PathMatch, UrlRedirect, WwwRedirect,
} from '../../src';

function http(chart: Chart, namespace?: string) {
  const gateway = new Gateway(chart, 'Edge', { metadata: { name: 'edge', namespace }, gatewayClass: GatewayClass.fromGatewayClassName(chart, 'Eg', 'eg') });
  return { gateway, http: gateway.addHttpListener() };
}

/** Renders rules through a real HttpRoute. */
function render(...rules: HttpRouteRule[]): any[] {
  const chart = Testing.chart();
  new HttpRoute(chart, 'Route', { metadata: { name: 'r' }, rules });
  return Testing.synth(chart)[0].spec.rules;
}

const PREFIX_ROOT = [{ path: { type: 'PathPrefix', value: '/' } }];

describe('UrlRedirect', () => {
  test('permanent: 301 to the URL, full path replaced, every request by default', () => {
    expect(render(UrlRedirect.permanent('https://www.example.com/new/place'))).toStrictEqual([{
      matches: PREFIX_ROOT,
      filters: [{
        type: 'RequestRedirect',
        requestRedirect: { scheme: 'https', hostname: 'www.example.com', path: { type: 'ReplaceFullPath', replaceFullPath: '/new/place' }, statusCode: 301 },
      }],
    }]);
  });

  test('temporal: 302; a URL without a path goes to "/", an explicit port is kept', () => {
    expect(render(UrlRedirect.temporal('http://Maintenance.Example.com:8080'))[0].filters).toStrictEqual([{
      type: 'RequestRedirect',
      requestRedirect: { scheme: 'http', hostname: 'maintenance.example.com', port: 8080, path: { type: 'ReplaceFullPath', replaceFullPath: '/' }, statusCode: 302 },
    }]);
  });

  test('codes, matches and names are selectable; the rule never has backends', () => {
    const rules = render(
      UrlRedirect.permanent('https://a.example.com/x', { name: 'moved', statusCode: 308, matches: [{ path: PathMatch.prefix('/old') }] }),
      UrlRedirect.temporal('https://a.example.com/y', { statusCode: 307, matches: [{ headers: [HeaderMatch.exact('x-beta', '1')] }] }),
    );
    expect(rules.map(r => [r.name, r.matches, r.filters[0].requestRedirect.statusCode, r.backendRefs])).toStrictEqual([
      ['moved', [{ path: { type: 'PathPrefix', value: '/old' } }], 308, undefined],
      [undefined, [{ headers: [{ name: 'x-beta', type: 'Exact', value: '1' }] }], 307, undefined],
    ]);
    expect(UrlRedirect.permanent('https://a.example.com').backends).toBeUndefined();
  });

  test('a redirect rule cannot be given backends', () => {
    const chart = Testing.chart();
    const route = new HttpRoute(chart, 'Route', {});
    expect(() => route.addRule({ ...UrlRedirect.permanent('https://a.example.com'), backends: [Backend.fromServiceName('web', 80)] }))
      .toThrow(/a RequestRedirect filter cannot be used together with backends/);
  });

  test('URLs Gateway API cannot express throw', () => {
    expect(() => UrlRedirect.permanent('https://a.example.com$request_uri')).toThrow(
      'UrlRedirect.permanent: URL "https://a.example.com$request_uri" contains an nginx variable ("$..."); Gateway API redirects cannot use variables (omit the path to keep the request path instead)');
    expect(() => UrlRedirect.permanent('/relative')).toThrow(/UrlRedirect.permanent: "\/relative" is not an absolute URL; pass scheme:\/\/host\[:port\]\[\/path\]/);
    expect(() => UrlRedirect.permanent('ftp://a.example.com/')).toThrow(/has scheme "ftp"; only http and https redirects are possible/);
    expect(() => UrlRedirect.permanent('https://u:p@a.example.com/')).toThrow(/carries credentials/);
    expect(() => UrlRedirect.temporal('https://a.example.com/?x=1')).toThrow(
      'UrlRedirect.temporal: URL "https://a.example.com/?x=1" has a query string; Gateway API redirects cannot set one (implementations keep the request\'s)');
    expect(() => UrlRedirect.temporal('https://a.example.com/#top')).toThrow(/has a fragment/);
    expect(() => UrlRedirect.temporal('https://[::1]/')).toThrow(/hostname "\[::1\]" must be a lowercase RFC 1123 DNS name/);
    expect(() => UrlRedirect.temporal('https://a.example.com/a//b')).toThrow(/path "\/a\/\/b" must not contain "\/\/"/);
  });

  test('status codes: permanent takes any Gateway API code, temporal only the temporary ones', () => {
    expect(() => UrlRedirect.permanent('https://a.example.com', { statusCode: 300 })).toThrow(
      'UrlRedirect.permanent: statusCode 300 must be one of 301, 302, 303, 307, 308 (Gateway API cannot send 300, 304, 305 or 306)');
    expect(() => UrlRedirect.temporal('https://a.example.com', { statusCode: 308 })).toThrow(/UrlRedirect.temporal: statusCode 308 must be one of 301, 302, 303, 307/);
  });
});

describe('AppRootRedirect', () => {
  test('only the exact path "/" is redirected, with 302, to the app root', () => {
    const chart = Testing.chart();
    const { http: parent } = http(chart, 'site');
    const redirect = new AppRootRedirect(chart, 'AppRoot', {
      metadata: { name: 'www-app-root', namespace: 'site' },
      parents: [parent],
      hostnames: ['www.example.com'],
      appRoot: '/home',
    });
    expect(Testing.synth(chart).filter(o => o.kind === 'HTTPRoute')).toStrictEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'www-app-root', namespace: 'site' },
      spec: {
        parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge', sectionName: 'http' }],
        hostnames: ['www.example.com'],
        rules: [{
          name: 'app-root',
          matches: [{ path: { type: 'Exact', value: '/' } }],
          filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: '/home' }, statusCode: 302 } }],
        }],
      },
    }]);
    expect(redirect.route.ruleCount).toBe(1);
  });

  test('AppRootRedirect.rule adds the same rule to an existing route', () => {
    expect(render(AppRootRedirect.rule('/app/', { name: 'root', statusCode: 301 }), { backends: [Backend.fromServiceName('site', 80)] })).toStrictEqual([
      {
        name: 'root',
        matches: [{ path: { type: 'Exact', value: '/' } }],
        filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: '/app/' }, statusCode: 301 } }],
      },
      { backendRefs: [{ name: 'site', port: 80 }] },
    ]);
  });

  test('bad app roots throw', () => {
    expect(() => AppRootRedirect.rule('https://elsewhere.example.com/')).toThrow(
      'AppRootRedirect.rule: appRoot "https://elsewhere.example.com/" is a URL; ingress-nginx\'s app-root accepts a path only (use UrlRedirect for another host)');
    expect(() => AppRootRedirect.rule('//elsewhere.example.com')).toThrow(/is a URL/);
    expect(() => AppRootRedirect.rule('/home?tab=1')).toThrow(/appRoot "\/home\?tab=1" has a query or fragment/);
    expect(() => AppRootRedirect.rule('home')).toThrow('AppRootRedirect.rule: appRoot: path "home" must be absolute (start with "/")');
    expect(() => AppRootRedirect.rule('/')).toThrow('AppRootRedirect.rule: appRoot "/" would redirect "/" to itself and loop');
    expect(() => AppRootRedirect.rule('/home', { statusCode: 304 })).toThrow(/statusCode 304 must be one of 301, 302, 303, 307, 308/);
    const chart = Testing.chart();
    expect(() => new AppRootRedirect(chart, 'A', { parents: [], appRoot: '/home' })).toThrow('AppRootRedirect test/A: parents is empty; pass the listeners to redirect on');
    const { http: parent } = http(chart);
    expect(() => new AppRootRedirect(chart, 'B', { parents: [parent], appRoot: 'x' })).toThrow(/AppRootRedirect test\/B: appRoot: path "x" must be absolute/);
  });
});

describe('WwwRedirect', () => {
  test('bare → www: a route for the bare name redirecting to www with 308, path and scheme kept', () => {
    const chart = Testing.chart();
    const { http: parent } = http(chart, 'site');
    const redirect = new WwwRedirect(chart, 'Www', { metadata: { name: 'to-www', namespace: 'site' }, parents: [parent], hostname: 'www.example.com' });
    expect(redirect.fromHostname).toBe('example.com');
    expect(redirect.toHostname).toBe('www.example.com');
    expect(Testing.synth(chart).find(o => o.kind === 'HTTPRoute')!.spec).toStrictEqual({
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge', sectionName: 'http' }],
      hostnames: ['example.com'],
      rules: [{
        name: 'to-www',
        matches: PREFIX_ROOT,
        filters: [{ type: 'RequestRedirect', requestRedirect: { hostname: 'www.example.com', statusCode: 308 } }],
      }],
    });
  });

  test('www → bare when the site is served on the bare name; the code is selectable', () => {
    const chart = Testing.chart();
    const { gateway } = http(chart);
    const redirect = new WwwRedirect(chart, 'Www', { metadata: { name: 'r' }, parents: [gateway], hostname: 'example.com', statusCode: 301 });
    expect(redirect.fromHostname).toBe('www.example.com');
    const spec = Testing.synth(chart).find(o => o.kind === 'HTTPRoute')!.spec;
    expect(spec.hostnames).toStrictEqual(['www.example.com']);
    expect(spec.rules).toStrictEqual([{
      name: 'from-www',
      matches: PREFIX_ROOT,
      filters: [{ type: 'RequestRedirect', requestRedirect: { hostname: 'example.com', statusCode: 301 } }],
    }]);
  });

  test('bad input throws with the construct path', () => {
    const chart = Testing.chart();
    const { http: parent } = http(chart);
    expect(() => new WwwRedirect(chart, 'A', { parents: [parent], hostname: '*.example.com' })).toThrow(
      'WwwRedirect test/A: hostname: hostname "*.example.com" must be a lowercase RFC 1123 DNS name without a wildcard');
    expect(() => new WwwRedirect(chart, 'B', { parents: [], hostname: 'example.com' })).toThrow('WwwRedirect test/B: parents is empty; pass the listeners to redirect on');
    expect(() => new WwwRedirect(chart, 'C', { parents: [parent], hostname: 'example.com', statusCode: 200 })).toThrow(/WwwRedirect test\/C: statusCode 200 must be one of/);
    expect(() => new WwwRedirect(chart, 'D', { parents: [parent], hostname: `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}` }))
      .toThrow(/WwwRedirect test\/D: hostname "a+\.b+\.c+\.d+" has no valid www\. twin/);
  });
});
