import { HeaderMatch, HttpMethod, MatchType, PathMatch, PathMatchType, QueryParamMatch } from '../src';
import { checkHttpPath, isPrefixMatch, renderHttpRouteMatch } from '../src/routes/http-match';

describe('PathMatch', () => {
  test('prefix, exact and regex render their type and value', () => {
    expect(PathMatch.prefix('/api')._toKube()).toStrictEqual({ type: 'PathPrefix', value: '/api' });
    expect(PathMatch.exact('/healthz')._toKube()).toStrictEqual({ type: 'Exact', value: '/healthz' });
    expect(PathMatch.regex('^/v[0-9]+//x$')._toKube()).toStrictEqual({ type: 'RegularExpression', value: '^/v[0-9]+//x$' });
    expect(PathMatch.prefix('/').type).toBe(PathMatchType.PATH_PREFIX);
    expect(PathMatch.exact('/a').value).toBe('/a');
  });

  test('accepts RFC 3986 characters and %-escapes', () => {
    expect(PathMatch.exact("/a-b_c.d~e!$&'()*+,;=:@/%20x").value).toBe("/a-b_c.d~e!$&'()*+,;=:@/%20x");
    expect(PathMatch.prefix('/..foo/.bar').value).toBe('/..foo/.bar');
  });

  test.each([
    ['api', /PathMatch.prefix: path "api" must be absolute \(start with "\/"\)/],
    ['', /PathMatch.prefix: path "" must be absolute/],
    ['/a//b', /PathMatch.prefix: path "\/a\/\/b" must not contain "\/\/"/],
    ['/a/./b', /must not contain "\/\.\/"/],
    ['/a/../b', /must not contain "\/\.\.\/"/],
    ['/a%2fb', /must not contain "%2f"/],
    ['/a%2Fb', /must not contain "%2F"/],
    ['/a#frag', /must not contain "#"/],
    ['/a/..', /path "\/a\/\.\." must not end with "\/\.\."/],
    ['/a/.', /path "\/a\/\." must not end with "\/\."/],
    ['/a b', /path "\/a b" may only contain RFC 3986 path characters/],
    ['/a?x=1', /may only contain RFC 3986 path characters/],
    ['/%zz', /may only contain RFC 3986 path characters/],
    [`/${'a'.repeat(1024)}`, /is longer than 1024 characters/],
  ])('prefix(%j) is rejected', (path, message) => {
    expect(() => PathMatch.prefix(path)).toThrow(message);
  });

  test('exact paths follow the same rules', () => {
    expect(() => PathMatch.exact('/x//y')).toThrow(/PathMatch.exact: path "\/x\/\/y" must not contain "\/\/"/);
  });

  test('regular expressions are exempt from path syntax but not from length', () => {
    expect(PathMatch.regex('.*#//%2f').value).toBe('.*#//%2f');
    expect(() => PathMatch.regex('')).toThrow(/PathMatch.regex: pattern must be 1-1024 characters, got 0/);
    expect(() => PathMatch.regex('a'.repeat(1025))).toThrow(/PathMatch.regex: pattern must be 1-1024 characters, got 1025/);
  });

  test('checkHttpPath returns undefined for a valid path', () => {
    expect(checkHttpPath('/ok')).toBeUndefined();
  });
});

describe('QueryParamMatch', () => {
  test('exact and regex render name, type and value', () => {
    expect(QueryParamMatch.exact('page', '1')._toKube()).toStrictEqual({ name: 'page', type: 'Exact', value: '1' });
    expect(QueryParamMatch.regex('id', '^[0-9]+$')._toKube()).toStrictEqual({ name: 'id', type: 'RegularExpression', value: '^[0-9]+$' });
    expect(QueryParamMatch.exact('a', 'b').type).toBe(MatchType.EXACT);
  });

  test('bad names and values are rejected', () => {
    expect(() => QueryParamMatch.exact('a b', 'x')).toThrow(/QueryParamMatch.exact: query parameter name "a b" is not a valid/);
    expect(() => QueryParamMatch.regex('', 'x')).toThrow(/QueryParamMatch.regex: query parameter name ""/);
    expect(() => QueryParamMatch.exact('a', '')).toThrow(/QueryParamMatch.exact: value of query parameter "a" must be 1-1024 characters, got 0/);
    expect(() => QueryParamMatch.exact('a', 'x'.repeat(1025))).toThrow(/must be 1-1024 characters, got 1025/);
  });
});

describe('HttpRouteMatch rendering', () => {
  test('renders every condition with explicit match types', () => {
    expect(renderHttpRouteMatch('m', {
      path: PathMatch.prefix('/v1'),
      headers: [HeaderMatch.exact('x-api', 'v1'), HeaderMatch.regex('x-user', '^a.*')],
      queryParams: [QueryParamMatch.exact('debug', 'true')],
      method: HttpMethod.GET,
    })).toStrictEqual({
      path: { type: 'PathPrefix', value: '/v1' },
      headers: [
        { name: 'x-api', type: 'Exact', value: 'v1' },
        { name: 'x-user', type: 'RegularExpression', value: '^a.*' },
      ],
      queryParams: [{ name: 'debug', type: 'Exact', value: 'true' }],
      method: 'GET',
    });
  });

  test('an empty match renders the default path; other matches omit it', () => {
    expect(renderHttpRouteMatch('m', {})).toStrictEqual({
      path: { type: 'PathPrefix', value: '/' }, headers: undefined, queryParams: undefined, method: undefined,
    });
    expect(renderHttpRouteMatch('m', { method: HttpMethod.POST, headers: [] }).path).toBeUndefined();
  });

  test('limits and duplicates are rejected', () => {
    const headers = Array.from({ length: 17 }, (_, i) => HeaderMatch.exact(`h${i}`, 'v'));
    expect(() => renderHttpRouteMatch('R: m[0]', { headers })).toThrow(/R: m\[0\]: headers has 17 entries, the maximum is 16/);
    const queryParams = Array.from({ length: 17 }, (_, i) => QueryParamMatch.exact(`q${i}`, 'v'));
    expect(() => renderHttpRouteMatch('m', { queryParams })).toThrow(/queryParams has 17 entries, the maximum is 16/);
    expect(() => renderHttpRouteMatch('m', { headers: [HeaderMatch.exact('X-A', '1'), HeaderMatch.exact('x-a', '2')] }))
      .toThrow(/header "x-a" is matched more than once/);
    expect(() => renderHttpRouteMatch('m', { queryParams: [QueryParamMatch.exact('a', '1'), QueryParamMatch.regex('a', '2')] }))
      .toThrow(/m: query parameter "a" is matched more than once in one match/);
    expect(() => renderHttpRouteMatch('m', { method: 'FETCH' as HttpMethod })).toThrow(/m: method "FETCH" is not one of GET, HEAD/);
  });

  test('isPrefixMatch follows Gateway API defaulting', () => {
    expect(isPrefixMatch({})).toBe(true);
    expect(isPrefixMatch({ path: PathMatch.prefix('/a') })).toBe(true);
    expect(isPrefixMatch({ path: PathMatch.exact('/a') })).toBe(false);
  });

  test('HttpMethod lists the nine methods of the CRD', () => {
    expect(Object.values(HttpMethod)).toStrictEqual(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);
  });
});
