import { Duration } from 'cdk8s';
import { CorsPreset, HttpMethod } from '../../src';

const DEFAULT_HEADERS = ['DNT', 'Keep-Alive', 'User-Agent', 'X-Requested-With', 'If-Modified-Since', 'Cache-Control', 'Content-Type', 'Range', 'Authorization'];
const DEFAULT_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS'];

describe('CorsPreset defaults', () => {
  test('the filter carries ingress-nginx\'s enable-cors defaults', () => {
    expect(CorsPreset.filter().renderFilter()).toStrictEqual({
      type: 'CORS',
      cors: {
        allowOrigins: ['*'],
        allowMethods: DEFAULT_METHODS,
        allowHeaders: DEFAULT_HEADERS,
        allowCredentials: true,
        maxAge: 1728000,
      },
    });
  });

  test('options() returns the resolved settings; each field overrides one default', () => {
    const options = CorsPreset.options({ allowOrigins: ['https://app.example.com'], exposeHeaders: ['X-Request-Id'] });
    expect(options.allowOrigins).toStrictEqual(['https://app.example.com']);
    expect(options.allowMethods).toStrictEqual(DEFAULT_METHODS);
    expect(options.allowHeaders).toStrictEqual(DEFAULT_HEADERS);
    expect(options.exposeHeaders).toStrictEqual(['X-Request-Id']);
    expect(options.allowCredentials).toBe(true);
    expect(options.maxAge!.toSeconds()).toBe(1728000);
    expect(CorsPreset.filter({
      allowOrigins: ['https://*.example.org'],
      allowMethods: [HttpMethod.GET],
      allowHeaders: ['*'],
      exposeHeaders: [],
      allowCredentials: false,
      maxAge: Duration.minutes(10),
    }).renderFilter()).toStrictEqual({
      type: 'CORS',
      cors: { allowOrigins: ['https://*.example.org'], allowMethods: ['GET'], allowHeaders: ['*'], allowCredentials: false, maxAge: 600 },
    });
  });

  test('overrides are checked by the CORS filter', () => {
    expect(() => CorsPreset.filter({ allowOrigins: ['app.example.com'] })).toThrow(/HttpFilter.cors: allowOrigins entry "app.example.com" must be/);
  });
});

describe('CorsPreset.parseAnnotations', () => {
  test('comma-separated forms are split, trimmed and typed; unset fields stay unset', () => {
    expect(CorsPreset.parseAnnotations({
      allowOrigin: 'https://a.example.com, https://*.example.org:8443,https://a.example.com',
      allowMethods: 'get,POST , Put',
      allowHeaders: 'X-Token, content-type,X-TOKEN',
      exposeHeaders: 'X-Request-Id,  X-Trace',
      allowCredentials: 'false',
      maxAge: ' 600 ',
    })).toStrictEqual({
      allowOrigins: ['https://a.example.com', 'https://*.example.org:8443'],
      allowMethods: [HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT],
      allowHeaders: ['X-Token', 'content-type'],
      exposeHeaders: ['X-Request-Id', 'X-Trace'],
      allowCredentials: false,
      maxAge: Duration.seconds(600),
    });
    expect(Object.values(CorsPreset.parseAnnotations({})).filter(v => v !== undefined)).toStrictEqual([]);
  });

  test('"*" anywhere in the origin list means every origin, as in ingress-nginx', () => {
    expect(CorsPreset.parseAnnotations({ allowOrigin: 'https://a.example.com, *' }).allowOrigins).toStrictEqual(['*']);
  });

  test('Go boolean forms are accepted for credentials', () => {
    expect(['1', 't', 'TRUE', 'True'].map(v => CorsPreset.parseAnnotations({ allowCredentials: v }).allowCredentials)).toStrictEqual([true, true, true, true]);
    expect(['0', 'f', 'FALSE', 'False'].map(v => CorsPreset.parseAnnotations({ allowCredentials: v }).allowCredentials)).toStrictEqual([false, false, false, false]);
  });

  test('fromAnnotations: the preset with the parsed values', () => {
    expect(CorsPreset.fromAnnotations({ allowOrigin: 'https://app.example.com', maxAge: '60' }).renderFilter()).toStrictEqual({
      type: 'CORS',
      cors: { allowOrigins: ['https://app.example.com'], allowMethods: DEFAULT_METHODS, allowHeaders: DEFAULT_HEADERS, allowCredentials: true, maxAge: 60 },
    });
  });

  test('values ingress-nginx would silently drop throw, naming the annotation', () => {
    const p = (v: any) => () => CorsPreset.parseAnnotations(v);
    expect(p({ allowOrigin: ' , ' })).toThrow('CorsPreset.parseAnnotations: cors-allow-origin " , " lists no origin; leave it unset for every origin ("*")');
    expect(p({ allowOrigin: 'null' })).toThrow('CorsPreset.parseAnnotations: cors-allow-origin "null" cannot be expressed in a Gateway API CORS filter; remove it');
    expect(p({ allowOrigin: 'https://a.example.com/path' })).toThrow(
      'CorsPreset.parseAnnotations: cors-allow-origin entry "https://a.example.com/path" is not "*" or scheme://host[:port] (http or https, optional "*." host prefix, no path); ingress-nginx would skip it');
    expect(p({ allowOrigin: 'a.example.com' })).toThrow(/cors-allow-origin entry "a.example.com" is not/);
    expect(p({ allowMethods: 'GET, FETCH' })).toThrow(
      'CorsPreset.parseAnnotations: cors-allow-methods entry "FETCH" is not one of GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH; ingress-nginx would ignore the whole list and use its default');
    expect(p({ allowMethods: ',' })).toThrow(/cors-allow-methods "," lists no method/);
    expect(p({ allowHeaders: 'X-Ok, X Bad' })).toThrow(/cors-allow-headers: header name "X Bad" is not a valid HTTP header name .*; ingress-nginx would ignore the whole list/);
    expect(p({ allowHeaders: '*, X-Token' })).toThrow('CorsPreset.parseAnnotations: cors-allow-headers "*, X-Token" mixes "*" with header names; "*" must stand alone');
    expect(p({ exposeHeaders: '' })).toThrow(/cors-expose-headers "" lists no header/);
    expect(p({ allowCredentials: 'yes' })).toThrow('CorsPreset.parseAnnotations: cors-allow-credentials "yes" is not a boolean ("true" or "false")');
    expect(p({ maxAge: '0' })).toThrow('CorsPreset.parseAnnotations: cors-max-age "0" must be a whole number of seconds, at least 1 (Gateway API cannot send 0)');
    expect(p({ maxAge: '1.5' })).toThrow(/cors-max-age "1.5" must be a whole number/);
  });
});
