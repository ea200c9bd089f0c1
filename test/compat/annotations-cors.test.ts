import { defaultFeatures, extract, notice } from './annotations-fixtures';
import { CORS_DEFAULTS } from '../../src/compat/annotations/cors';

describe('CORS annotations', () => {
  test('enable-cors alone: ingress-nginx defaults', () => {
    expect(extract({ 'enable-cors': 'true' })).toStrictEqual({
      features: defaultFeatures({
        cors: {
          allowOrigins: ['*'],
          allowMethods: ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS'],
          allowHeaders: ['DNT', 'Keep-Alive', 'User-Agent', 'X-Requested-With', 'If-Modified-Since', 'Cache-Control', 'Content-Type', 'Range', 'Authorization'],
          exposeHeaders: [],
          allowCredentials: true,
          maxAge: 1728000,
        },
      }),
      notices: [],
    });
  });

  test('every cors-* value is carried', () => {
    expect(extract({
      'enable-cors': 'true',
      'cors-allow-origin': 'https://a.example.com, https://*.b.example.com:8443',
      'cors-allow-methods': 'GET, POST',
      'cors-allow-headers': 'X-Token,Content-Type',
      'cors-expose-headers': 'X-Total, X-Page',
      'cors-allow-credentials': 'false',
      'cors-max-age': '600',
    }).features.cors).toStrictEqual({
      allowOrigins: ['https://a.example.com', 'https://*.b.example.com:8443'],
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['X-Token', 'Content-Type'],
      exposeHeaders: ['X-Total', 'X-Page'],
      allowCredentials: false,
      maxAge: 600,
    });
  });

  test('* anywhere in the origin list allows every origin', () => {
    expect(extract({ 'enable-cors': 'true', 'cors-allow-origin': 'https://a.example.com, *' }).features.cors!.allowOrigins).toStrictEqual(['*']);
  });

  test('bad values fall back to the defaults with invalid notices', () => {
    const { features, notices } = extract({
      'enable-cors': 'true',
      'cors-allow-origin': 'a.example.com',
      'cors-allow-methods': 'GET;POST',
      'cors-allow-headers': 'X-$var',
      'cors-expose-headers': 'X-A/B',
      'cors-allow-credentials': 'no',
      'cors-max-age': '1h',
    });
    expect(features).toStrictEqual(defaultFeatures({ cors: CORS_DEFAULTS }));
    expect(notices).toStrictEqual([
      notice('cors-allow-credentials', 'invalid', /value "no" is not a boolean \(true or false\); ingress-nginx uses true/),
      notice('cors-allow-headers', 'invalid', /value "X-\$var" is not a comma-separated list of header names; ingress-nginx uses the default \(DNT, Keep-Alive/),
      notice('cors-allow-methods', 'invalid', /value "GET;POST" is not a comma-separated list of methods; ingress-nginx uses the default \(GET, PUT, POST, DELETE, PATCH, OPTIONS\)/),
      notice('cors-allow-origin', 'invalid', /value "a.example.com" is not \* or a comma-separated list of http\(s\):\/\/host\[:port\] origins.*ingress-nginx uses \*/),
      notice('cors-expose-headers', 'invalid', /value "X-A\/B" is not a comma-separated list of header names or \*; ingress-nginx uses the default \(none\)/),
      notice('cors-max-age', 'invalid', /value "1h" is not a whole number; ingress-nginx uses 1728000/),
    ]);
  });

  test('cors-* without enable-cors: "true" has no effect', () => {
    const { features, notices } = extract({ 'cors-allow-origin': 'https://a.example.com', 'cors-max-age': '5' });
    expect(features).toStrictEqual(defaultFeatures());
    expect(notices).toStrictEqual([
      notice('cors-allow-origin', 'unsupported', /has no effect without enable-cors: "true", as in ingress-nginx/),
      notice('cors-max-age', 'unsupported', /has no effect without enable-cors: "true"/),
    ]);
  });
});
