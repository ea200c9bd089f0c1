import { defaultBehaviors, defaultFeatures, extract, notice } from './annotations-fixtures';

describe('basic auth annotations', () => {
  test('auth-type basic with a Secret and a realm', () => {
    expect(extract({ 'auth-type': 'basic', 'auth-secret': 'users', 'auth-realm': 'Shop staff' })).toStrictEqual({
      features: defaultFeatures({
        behaviors: { ...defaultBehaviors(), basicAuth: { secretName: 'users', realm: 'Shop staff' } },
        behaviorSources: new Map([['basicAuth', ['auth-type', 'auth-secret']]]),
      }),
      notices: [],
    });
    expect(extract({ 'auth-type': 'basic', 'auth-secret': 'shop/users' }).features.behaviors.basicAuth).toStrictEqual({ secretName: 'users' });
  });

  test('a Secret in another namespace denies the locations unless cross-namespace resources are allowed', () => {
    const denied = extract({ 'auth-type': 'basic', 'auth-secret': 'infra/users' });
    expect(denied.features).toStrictEqual(defaultFeatures({
      locationDenied: 'nginx.ingress.kubernetes.io/auth-secret: names Secret "infra/users" in another namespace than the Ingress\'s (shop) while the ConfigMap\'s allow-cross-namespace-resources is false',
    }));
    expect(denied.notices).toStrictEqual([notice('auth-secret', 'invalid', /in another namespace .*ingress-nginx answers every path of this Ingress with 503/)]);
    const allowed = extract({ 'auth-type': 'basic', 'auth-secret': 'infra/users' }, { allowCrossNamespaceResources: true });
    expect(allowed.features).toStrictEqual(defaultFeatures());
    expect(allowed.notices).toStrictEqual([notice('auth-secret', 'unsupported', /the profiles read the htpasswd Secret from the route's namespace only. Copy the Secret to shop/)]);
  });

  test('auth-type basic without auth-secret denies the locations', () => {
    expect(extract({ 'auth-type': 'basic' }).notices).toStrictEqual([notice('auth-type', 'invalid', /auth-type basic needs nginx.ingress.kubernetes.io\/auth-secret .*which is missing; ingress-nginx answers every path/)]);
  });

  test('digest and auth-map are not reproduced; other types drop the Ingress', () => {
    expect(extract({ 'auth-type': 'digest', 'auth-secret': 'users' }).notices).toStrictEqual([notice('auth-type', 'unsupported', /value "digest" \(HTTP digest authentication\) has no equivalent/)]);
    const map = extract({ 'auth-type': 'basic', 'auth-secret': 'users', 'auth-secret-type': 'auth-map' });
    expect(map.features.behaviors.basicAuth).toStrictEqual({ secretName: 'users' });
    expect(map.notices).toStrictEqual([notice('auth-secret-type', 'unsupported', /value "auth-map" .*under the key "auth" of Secret users/)]);
    expect(extract({ 'auth-type': 'oauth' }).features.rejected).toBe('nginx.ingress.kubernetes.io/auth-type: value "oauth" is not basic or digest');
  });

  test('auth-secret without auth-type has no effect', () => {
    expect(extract({ 'auth-secret': 'users', 'auth-realm': 'x' }).notices).toStrictEqual([
      notice('auth-realm', 'unsupported', /has no effect without auth-type/),
      notice('auth-secret', 'unsupported', /has no effect without auth-type/),
    ]);
  });
});

describe('external auth annotations', () => {
  test('an in-cluster Service URL of the same namespace', () => {
    expect(extract({
      'auth-url': 'http://oauth2-proxy.shop.svc.cluster.local:4180/oauth2/auth',
      'auth-response-headers': 'X-Auth-Request-User, X-Auth-Request-Email',
      'auth-signin': 'https://shop.example.com/oauth2/start?rd=$escaped_request_uri',
    })).toStrictEqual({
      features: defaultFeatures({
        behaviors: {
          ...defaultBehaviors(),
          externalAuth: { serviceName: 'oauth2-proxy', port: 4180, path: '/oauth2/auth', responseHeaders: ['X-Auth-Request-User', 'X-Auth-Request-Email'] },
          authSignin: 'https://shop.example.com/oauth2/start?rd=$escaped_request_uri',
        },
        behaviorSources: new Map([['authSignin', ['auth-signin']], ['externalAuth', ['auth-url', 'auth-response-headers']]]),
      }),
      notices: [],
    });
    expect(extract({ 'auth-url': 'http://auth.shop.svc' }).features.behaviors.externalAuth).toStrictEqual({ serviceName: 'auth', port: 80, path: '/' });
  });

  test.each([
    ['https://auth.example.com/verify', /its host auth.example.com is not a Service of namespace shop/],
    ['http://auth.infra.svc.cluster.local/verify', /its host auth.infra.svc.cluster.local is not a Service of namespace shop/],
    ['https://auth.shop.svc.cluster.local/verify', /its scheme is https/],
    ['http://auth.shop.svc.cluster.local/verify?x=1', /it has a query string/],
    ['http://auth.shop.svc.cluster.local/$host', /it has nginx variables/],
  ])('auth-url %s is not reproduced', (url, why) => {
    const { features, notices } = extract({ 'auth-url': url, 'auth-signin': 'https://login.example.com' });
    expect(features).toStrictEqual(defaultFeatures());
    expect(notices).toStrictEqual([
      notice('auth-signin', 'unsupported', /is not reproduced because auth-url is not/),
      notice('auth-url', 'unsupported', new RegExp(`value "${url.replace(/[$?.]/g, '\\$&')}" is not reproduced: ${why.source}.*expose it as one`)),
    ]);
  });

  test('failure modes: bad characters drop the Ingress; no host, a bad method or header deny the locations', () => {
    expect(extract({ 'auth-url': 'http://auth.shop.svc/a b' }).features.rejected).toBe('nginx.ingress.kubernetes.io/auth-url: value "http://auth.shop.svc/a b" has characters an auth URL may not have (letters, digits, -._~:/?&=$ only)');
    expect(extract({ 'auth-url': '/oauth2/auth' }).features.locationDenied).toBe('nginx.ingress.kubernetes.io/auth-url: value "/oauth2/auth" is not a URL with scheme and host');
    expect(extract({ 'auth-url': 'http://auth.shop.svc', 'auth-method': 'FETCH' }).features.locationDenied).toMatch(/^nginx.ingress.kubernetes.io\/auth-method: value "FETCH" is not an HTTP method/);
    const header = extract({ 'auth-url': 'http://auth.shop.svc', 'auth-response-headers': 'X-User, X User' });
    expect(header.features).toStrictEqual(defaultFeatures({ locationDenied: 'nginx.ingress.kubernetes.io/auth-response-headers: entry "X User" is not a header name' }));
  });

  test('auth-always-set-cookie that is not a boolean drops external auth altogether', () => {
    const { features, notices } = extract({ 'auth-url': 'http://auth.shop.svc', 'auth-always-set-cookie': 'yes' });
    expect(features).toStrictEqual(defaultFeatures());
    expect(notices).toStrictEqual([
      notice('auth-always-set-cookie', 'invalid', /value "yes" is not a boolean; ingress-nginx then ignores every external-auth annotation/),
      notice('auth-url', 'unsupported', /is ignored because nginx.ingress.kubernetes.io\/auth-always-set-cookie is not a boolean/),
    ]);
  });

  test('auth-signin: relative or bad values; dependants without auth-url have no effect', () => {
    expect(extract({ 'auth-url': 'http://auth.shop.svc', 'auth-signin': '/oauth2/start' }).notices)
      .toStrictEqual([notice('auth-signin', 'unsupported', /value "\/oauth2\/start" is not an absolute http\(s\) URL.*https:\/\/<host>\/oauth2\/start/)]);
    expect(extract({ 'auth-url': 'http://auth.shop.svc', 'auth-signin': 'https://login.example.com/#x' }).notices)
      .toStrictEqual([notice('auth-signin', 'invalid', /has characters a sign-in URL may not have.*ingress-nginx ignores it/)]);
    expect(extract({ 'auth-signin': 'https://login.example.com', 'auth-response-headers': 'X-User' }).notices).toStrictEqual([
      notice('auth-response-headers', 'unsupported', /has no effect without auth-url/),
      notice('auth-signin', 'unsupported', /has no effect without auth-url/),
    ]);
  });
});
