import { CONFIG, defaultFeatures, extract, notice } from './annotations-fixtures';

describe('routing annotations', () => {
  test('no annotations: the defaults, no notice', () => {
    expect(extract({})).toStrictEqual({ features: defaultFeatures(), notices: [] });
  });

  test('valid routing values are carried, with no notice', () => {
    const { features, notices } = extract({
      'use-regex': 'True',
      'rewrite-target': '/$2',
      'app-root': '/app',
      'x-forwarded-prefix': '/shop',
      'upstream-vhost': 'internal.example.com',
      'server-alias': 'b.example.com, a.example.com,b.example.com,',
      'ssl-redirect': 'false',
      'force-ssl-redirect': '1',
      'preserve-trailing-slash': 'true',
      'use-port-in-redirects': 'false',
      'relative-redirects': 'true',
      'ssl-passthrough': 'true',
      'default-backend': 'errors',
      'custom-http-errors': '404,503',
      'mirror-target': 'https://mirror.example.com$request_uri',
      'mirror-host': 'mirror.example.com',
    });
    expect(features).toStrictEqual(defaultFeatures({
      useRegex: true,
      rewriteTarget: '/$2',
      appRoot: '/app',
      xForwardedPrefix: '/shop',
      upstreamVhost: 'internal.example.com',
      serverAliases: ['a.example.com', 'b.example.com'],
      sslRedirect: false,
      forceSslRedirect: true,
      sslPassthrough: true,
      defaultBackendService: 'errors',
      customHttpErrors: [404, 503],
      mirrorTarget: 'https://mirror.example.com$request_uri',
    }));
    expect(notices).toStrictEqual([]);
  });

  test('ssl-redirect and force-ssl-redirect default to the ConfigMap', () => {
    expect(extract({}, { sslRedirect: false, forceSslRedirect: true }).features)
      .toStrictEqual(defaultFeatures({ sslRedirect: false, forceSslRedirect: true }));
  });

  test('bad values that fall back to the default', () => {
    const { features, notices } = extract({
      'use-regex': 'yes',
      'rewrite-target': '/a b',
      'app-root': 'https://example.com/app',
      'ssl-redirect': 'nope',
      'force-ssl-redirect': 'on',
      'preserve-trailing-slash': 'maybe',
      'mirror-target': 'https://mirror.example.com/#x',
      'mirror-request-body': 'off',
    }, { sslRedirect: false });
    expect(features).toStrictEqual(defaultFeatures({ sslRedirect: false }));
    expect(notices).toStrictEqual([
      notice('app-root', 'invalid', /app-root value "https:\/\/example.com\/app" is not an absolute path .*ignores it/),
      notice('force-ssl-redirect', 'invalid', /force-ssl-redirect value "on" is not a boolean.*ConfigMap value \(false\)/),
      notice('mirror-request-body', 'unsupported', /has no effect without a valid mirror-target/),
      notice('mirror-target', 'invalid', /value "https:\/\/mirror.example.com\/#x" is not a URL.*no mirror/),
      notice('preserve-trailing-slash', 'invalid', /value "maybe" is not a boolean.*ConfigMap value \(false: one trailing \/ is stripped/),
      notice('rewrite-target', 'invalid', /value "\/a b" is not a path .*no rewrite, no regex mode/),
      notice('ssl-redirect', 'invalid', /value "nope" is not a boolean.*ConfigMap value \(false\)/),
      notice('use-regex', 'invalid', /value "yes" is not a boolean \(true or false\); ingress-nginx uses false \(no regex mode\)$/),
    ]);
  });

  test.each([
    ['x-forwarded-prefix', '/a b', 'value "/a b" has characters other than letters, digits and -._~:/'],
    ['upstream-vhost', 'a b.example.com', 'value "a b.example.com" is not a server name'],
    ['server-alias', 'a.example.com,b example.com', 'entry "b example.com" is not a server name'],
    ['ssl-passthrough', 'yes', 'value "yes" is not a boolean (true or false)'],
    ['default-backend', 'Errors', 'value "Errors" is not a Service name (a DNS-1035 label: lower-case letters, digits and -, starting with a letter)'],
    ['custom-http-errors', '404,200', 'value "404,200" is not a comma-separated list of 4xx/5xx status codes (e.g. 404,503)'],
  ])('%s "%s" drops the whole Ingress', (key, value, problem) => {
    const { features, notices } = extract({ [key]: value });
    expect(features).toStrictEqual(defaultFeatures({ rejected: `nginx.ingress.kubernetes.io/${key}: ${problem}` }));
    expect(notices).toStrictEqual([{
      ingress: 'shop/web',
      annotation: `nginx.ingress.kubernetes.io/${key}`,
      status: 'invalid',
      message: `nginx.ingress.kubernetes.io/${key} ${problem}; ingress-nginx drops the whole Ingress for it (nothing of it is served), and so does IngressCompat: fix the value`,
    }]);
  });

  test('with several values that drop the Ingress, the first key alphabetically gives the reason', () => {
    const { features, notices } = extract({ 'default-backend': 'Errors', 'ssl-passthrough': 'yes' });
    expect(features.rejected).toBe('nginx.ingress.kubernetes.io/default-backend: value "Errors" is not a Service name (a DNS-1035 label: lower-case letters, digits and -, starting with a letter)');
    expect(notices.map(n => n.status)).toStrictEqual(['invalid', 'invalid']);
  });

  test('an empty value is ignored with a notice', () => {
    expect(extract({ 'rewrite-target': '  ' })).toStrictEqual({
      features: defaultFeatures(),
      notices: [notice('rewrite-target', 'invalid', /rewrite-target is empty; ingress-nginx ignores it and uses no rewrite/)],
    });
  });
});

describe('backend protocol and TLS annotations', () => {
  test('backend-protocol is case-insensitive; a bad one is HTTP', () => {
    expect(extract({ 'backend-protocol': 'grpcs' }).features.backendProtocol).toStrictEqual({ protocol: 'GRPCS', proxySslVerify: false, proxySslServerName: false });
    expect(extract({ 'backend-protocol': 'h2c' })).toStrictEqual({
      features: defaultFeatures(),
      notices: [notice('backend-protocol', 'invalid', /value "h2c" is not one of HTTP, HTTPS, AUTO_HTTP, GRPC, GRPCS, FCGI; ingress-nginx uses HTTP/)],
    });
  });

  test('proxy-ssl-secret enables the other proxy-ssl keys', () => {
    const { features, notices } = extract({
      'backend-protocol': 'HTTPS',
      'proxy-ssl-secret': 'shop/backend-ca',
      'proxy-ssl-verify': 'on',
      'proxy-ssl-name': 'api.internal',
      'proxy-ssl-server-name': 'yes',
    });
    expect(features).toStrictEqual(defaultFeatures({
      backendProtocol: { protocol: 'HTTPS', proxySslSecret: 'shop/backend-ca', proxySslVerify: true, proxySslName: 'api.internal', proxySslServerName: false },
    }));
    expect(notices).toStrictEqual([notice('proxy-ssl-server-name', 'invalid', /value "yes" is not on or off; ingress-nginx uses off/)]);
  });

  test('proxy-ssl-* without proxy-ssl-secret has no effect', () => {
    const { features, notices } = extract({ 'proxy-ssl-verify': 'on', 'proxy-ssl-protocols': 'TLSv1.3' });
    expect(features).toStrictEqual(defaultFeatures());
    expect(notices).toStrictEqual([
      notice('proxy-ssl-protocols', 'unsupported', /has no effect without proxy-ssl-secret, as in ingress-nginx/),
      notice('proxy-ssl-verify', 'unsupported', /has no effect without proxy-ssl-secret/),
    ]);
  });

  test('a proxy-ssl-secret without namespace or in another namespace denies the locations', () => {
    const bare = extract({ 'proxy-ssl-secret': 'backend-ca' });
    expect(bare.features).toStrictEqual(defaultFeatures({ locationDenied: 'nginx.ingress.kubernetes.io/proxy-ssl-secret: value "backend-ca" is not in namespace/name form (write shop/backend-ca)' }));
    expect(bare.notices).toStrictEqual([notice('proxy-ssl-secret', 'invalid', /not in namespace\/name form \(write shop\/backend-ca\); ingress-nginx answers every path of this Ingress with 503/)]);
    const other = extract({ 'proxy-ssl-secret': 'infra/backend-ca' });
    expect(other.notices).toStrictEqual([notice('proxy-ssl-secret', 'invalid', /names Secret "infra\/backend-ca" in another namespace than the Ingress's \(shop\) while the ConfigMap's allow-cross-namespace-resources is false/)]);
    expect(extract({ 'proxy-ssl-secret': 'infra/backend-ca' }, { allowCrossNamespaceResources: true }).features.backendProtocol.proxySslSecret).toBe('infra/backend-ca');
  });

  test('auth-tls-* with defaults and fallbacks', () => {
    expect(extract({ 'auth-tls-secret': 'shop/ca' }).features.authTls).toStrictEqual({ secret: 'shop/ca', verifyClient: 'on', verifyDepth: 1, passCertificateToUpstream: false });
    const { features, notices } = extract({
      'auth-tls-secret': 'shop/ca',
      'auth-tls-verify-client': 'required',
      'auth-tls-verify-depth': 'two',
      'auth-tls-pass-certificate-to-upstream': 'true',
    });
    expect(features).toStrictEqual(defaultFeatures({ authTls: { secret: 'shop/ca', verifyClient: 'on', verifyDepth: 1, passCertificateToUpstream: true } }));
    expect(notices).toStrictEqual([
      notice('auth-tls-verify-client', 'invalid', /value "required" is not one of on, off, optional, optional_no_ca; ingress-nginx uses on/),
      notice('auth-tls-verify-depth', 'invalid', /value "two" is not a whole number; ingress-nginx uses 1/),
    ]);
    expect(extract({ 'auth-tls-secret': 'shop/ca', 'auth-tls-verify-client': 'optional', 'auth-tls-verify-depth': '3' }).features.authTls)
      .toStrictEqual({ secret: 'shop/ca', verifyClient: 'optional', verifyDepth: 3, passCertificateToUpstream: false });
  });

  test('auth-tls-pass-certificate-to-upstream that is not a boolean drops the Ingress; auth-tls-* without a secret has no effect', () => {
    expect(extract({ 'auth-tls-secret': 'shop/ca', 'auth-tls-pass-certificate-to-upstream': 'y' }).features.rejected)
      .toBe('nginx.ingress.kubernetes.io/auth-tls-pass-certificate-to-upstream: value "y" is not a boolean (true or false)');
    expect(extract({ 'auth-tls-verify-client': 'off' }).notices).toStrictEqual([notice('auth-tls-verify-client', 'unsupported', /has no effect without auth-tls-secret/)]);
  });

  test('CONFIG fixture is ingress-nginx\'s NewDefault()', () => {
    expect([CONFIG.proxyBodySize, CONFIG.proxyConnectTimeout, CONFIG.httpRedirectCode]).toStrictEqual(['1m', 5, 308]);
  });
});
