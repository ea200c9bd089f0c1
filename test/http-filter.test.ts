import { Duration } from 'cdk8s';
import { Backend, ExternalAuthProtocol, GrpcFilter, HttpFilter, HttpMethod, PathModifier, PathModifierType } from '../src';

describe('HttpFilter header modifiers', () => {
  test('requestHeaderModifier renders set, add and remove', () => {
    const f = HttpFilter.requestHeaderModifier({ set: { 'x-env': 'prod' }, add: { 'x-trace': '1' }, remove: ['x-debug'] });
    expect(f.filterType).toBe('RequestHeaderModifier');
    expect(f.routeKinds).toStrictEqual(['HTTPRoute']);
    expect(f.backend).toBeUndefined();
    expect(f.renderFilter()).toStrictEqual({
      type: 'RequestHeaderModifier',
      requestHeaderModifier: {
        set: [{ name: 'x-env', value: 'prod' }],
        add: [{ name: 'x-trace', value: '1' }],
        remove: ['x-debug'],
      },
    });
  });

  test('responseHeaderModifier omits empty lists', () => {
    expect(HttpFilter.responseHeaderModifier({ remove: ['server'] }).renderFilter()).toStrictEqual({
      type: 'ResponseHeaderModifier',
      responseHeaderModifier: { remove: ['server'] },
    });
  });

  test('bad header changes are rejected by the factory', () => {
    expect(() => HttpFilter.requestHeaderModifier({})).toThrow(/HttpFilter.requestHeaderModifier: no header to set, add or remove/);
    expect(() => HttpFilter.responseHeaderModifier({ set: { 'bad header': 'x' } }))
      .toThrow(/HttpFilter.responseHeaderModifier: set: header name "bad header" is not a valid HTTP header name/);
  });

  test('header values must be 1-4096 characters, as the CRDs require (found by the fuzz test)', () => {
    expect(() => HttpFilter.requestHeaderModifier({ set: { 'x-env': '' } }))
      .toThrow(/^HttpFilter.requestHeaderModifier: set: value of header "x-env" must be 1-4096 characters, got 0$/);
    expect(() => HttpFilter.responseHeaderModifier({ add: { 'x-big': 'x'.repeat(4097) } }))
      .toThrow(/^HttpFilter.responseHeaderModifier: add: value of header "x-big" must be 1-4096 characters, got 4097$/);
    expect(() => GrpcFilter.requestHeaderModifier({ set: { 'x-env': '' } }))
      .toThrow(/^GrpcFilter.requestHeaderModifier: set: value of header "x-env" must be 1-4096 characters, got 0$/);
    expect(HttpFilter.requestHeaderModifier({ set: { 'x-big': 'x'.repeat(4096) } }).renderFilter().requestHeaderModifier.set[0].value).toHaveLength(4096);
  });

  test('renderFilter returns a fresh object each time', () => {
    const f = HttpFilter.requestHeaderModifier({ set: { a: 'b' } });
    f.renderFilter().requestHeaderModifier.set.push({ name: 'c', value: 'd' });
    expect(f.renderFilter().requestHeaderModifier.set).toHaveLength(1);
  });
});

describe('PathModifier', () => {
  test('replaceFullPath and replacePrefixMatch render their own field', () => {
    expect(PathModifier.replaceFullPath('/new')._toKube()).toStrictEqual({ type: 'ReplaceFullPath', replaceFullPath: '/new' });
    expect(PathModifier.replacePrefixMatch('/v2')._toKube()).toStrictEqual({ type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' });
    expect(PathModifier.replacePrefixMatch('').value).toBe('');
    expect(PathModifier.replaceFullPath('/x').type).toBe(PathModifierType.REPLACE_FULL_PATH);
  });

  test('bad paths are rejected', () => {
    expect(() => PathModifier.replaceFullPath('')).toThrow(/PathModifier.replaceFullPath: path "" must start with "\/"/);
    expect(() => PathModifier.replaceFullPath('new')).toThrow(/PathModifier.replaceFullPath: path "new" must start with "\/"/);
    expect(() => PathModifier.replacePrefixMatch('/a b')).toThrow(/PathModifier.replacePrefixMatch: path "\/a b" may only contain RFC 3986 path characters/);
    expect(() => PathModifier.replaceFullPath(`/${'a'.repeat(1024)}`)).toThrow(/path is longer than 1024 characters/);
  });
});

describe('HttpFilter.requestRedirect', () => {
  test('renders every field', () => {
    const f = HttpFilter.requestRedirect({
      scheme: 'https', hostname: 'www.example.com', path: PathModifier.replaceFullPath('/home'), port: 8443, statusCode: 301,
    });
    expect(f.renderFilter()).toStrictEqual({
      type: 'RequestRedirect',
      requestRedirect: {
        scheme: 'https',
        hostname: 'www.example.com',
        path: { type: 'ReplaceFullPath', replaceFullPath: '/home' },
        port: 8443,
        statusCode: 301,
      },
    });
  });

  test('the status code defaults to 302 and is rendered explicitly', () => {
    expect(HttpFilter.requestRedirect({ scheme: 'https' }).renderFilter()).toStrictEqual({
      type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 302 },
    });
  });

  test('bad redirects are rejected', () => {
    expect(() => HttpFilter.requestRedirect({})).toThrow(/HttpFilter.requestRedirect: the redirect changes nothing \(no scheme, hostname, path or port\)/);
    expect(() => HttpFilter.requestRedirect({ statusCode: 301 })).toThrow(/the redirect changes nothing/);
    expect(() => HttpFilter.requestRedirect({ scheme: 'ftp' })).toThrow(/HttpFilter.requestRedirect: scheme "ftp" must be "http" or "https"/);
    expect(() => HttpFilter.requestRedirect({ hostname: '*.example.com' }))
      .toThrow(/HttpFilter.requestRedirect: hostname "\*.example.com" must be a lowercase RFC 1123 DNS name without a wildcard/);
    expect(() => HttpFilter.requestRedirect({ port: 70000 })).toThrow(/HttpFilter.requestRedirect: port 70000 is outside 1-65535/);
    expect(() => HttpFilter.requestRedirect({ scheme: 'https', statusCode: 304 }))
      .toThrow(/HttpFilter.requestRedirect: statusCode 304 must be one of 301, 302, 303, 307, 308/);
  });
});

describe('HttpFilter.urlRewrite', () => {
  test('renders hostname and path', () => {
    expect(HttpFilter.urlRewrite({ hostname: 'backend.internal', path: PathModifier.replacePrefixMatch('/') }).renderFilter()).toStrictEqual({
      type: 'URLRewrite',
      urlRewrite: { hostname: 'backend.internal', path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } },
    });
  });

  test('a rewrite that changes nothing or a bad hostname is rejected', () => {
    expect(() => HttpFilter.urlRewrite({})).toThrow(/HttpFilter.urlRewrite: the rewrite changes nothing; set hostname or path/);
    expect(() => HttpFilter.urlRewrite({ hostname: 'UPPER.example.com' })).toThrow(/HttpFilter.urlRewrite: hostname "UPPER.example.com"/);
  });
});

describe('HttpFilter.requestMirror', () => {
  test('renders the backend and the fraction', () => {
    const shadow = Backend.fromServiceName('shadow', 80, { namespace: 'qa' });
    const f = HttpFilter.requestMirror(shadow, { fraction: { numerator: 1, denominator: 1000 } });
    expect(f.backend).toBe(shadow);
    expect(f.renderFilter()).toStrictEqual({
      type: 'RequestMirror',
      requestMirror: { backendRef: { name: 'shadow', namespace: 'qa', port: 80 }, fraction: { numerator: 1, denominator: 1000 } },
    });
    expect(HttpFilter.requestMirror(Backend.fromServiceName('s', 81)).renderFilter()).toStrictEqual({
      type: 'RequestMirror', requestMirror: { backendRef: { name: 's', port: 81 } },
    });
  });

  test('bad mirrors are rejected', () => {
    expect(() => HttpFilter.requestMirror(Backend.fromServiceName('s', 80, { weight: 5 })))
      .toThrow(/HttpFilter.requestMirror: the mirror backend Service "s:80" cannot have a weight or filters/);
    expect(() => HttpFilter.requestMirror(Backend.fromServiceName('s', 80), { percent: 101 })).toThrow(/percent 101 must be an integer in 0-100/);
  });
});

describe('HttpFilter.cors', () => {
  test('renders every field', () => {
    const f = HttpFilter.cors({
      allowOrigins: ['https://app.example.com', 'https://*.example.org:8443', 'http://localhost:3000'],
      allowMethods: [HttpMethod.GET, HttpMethod.PUT, HttpMethod.OPTIONS],
      allowHeaders: ['Authorization', 'Content-Type'],
      exposeHeaders: ['X-Request-Id'],
      allowCredentials: true,
      maxAge: Duration.minutes(10),
    });
    expect(f.filterType).toBe('CORS');
    expect(f.renderFilter()).toStrictEqual({
      type: 'CORS',
      cors: {
        allowOrigins: ['https://app.example.com', 'https://*.example.org:8443', 'http://localhost:3000'],
        allowMethods: ['GET', 'PUT', 'OPTIONS'],
        allowHeaders: ['Authorization', 'Content-Type'],
        exposeHeaders: ['X-Request-Id'],
        allowCredentials: true,
        maxAge: 600,
      },
    });
  });

  test('wildcards render alone; unset fields are omitted', () => {
    expect(HttpFilter.cors({ allowOrigins: ['*'], allowAllMethods: true, allowHeaders: ['*'], allowCredentials: false }).renderFilter()).toStrictEqual({
      type: 'CORS', cors: { allowOrigins: ['*'], allowMethods: ['*'], allowHeaders: ['*'], allowCredentials: false },
    });
  });

  test.each([
    ['HttpFilter.cors: allowOrigins is empty, so no origin would b', { allowOrigins: [] }, /HttpFilter.cors: allowOrigins is empty, so no origin would be allowed/],
    ['allowOrigins contains "*" alongside other origins', { allowOrigins: ['*', 'https://a.com'] }, /allowOrigins contains "\*" alongside other origins/],
    ['allowOrigins entry "https://a.com/path" must be "*" or schem', { allowOrigins: ['https://a.com/path'] }, /allowOrigins entry "https:\/\/a.com\/path" must be "\*" or scheme:\/\/host\[:port\]/],
    ['allowOrigins entry "ftp://a.com"', { allowOrigins: ['ftp://a.com'] }, /allowOrigins entry "ftp:\/\/a.com"/],
    ['allowOrigins entry "https://a.com:0"', { allowOrigins: ['https://a.com:0'] }, /allowOrigins entry "https:\/\/a.com:0"/],
    ['allowOrigins entry "https://a.com:70000"', { allowOrigins: ['https://a.com:70000'] }, /allowOrigins entry "https:\/\/a.com:70000"/],
    ['allowOrigins lists an origin more than once', { allowOrigins: ['https://a.com', 'https://a.com'] }, /allowOrigins lists an origin more than once/],
    ['allowOrigins has 65 entries, the maximum is 64', { allowOrigins: Array.from({ length: 65 }, (_, i) => `https://h${i}.com`) }, /allowOrigins has 65 entries, the maximum is 64/],
    ['allowAllMethods and allowMethods are exclusive', { allowOrigins: ['*'], allowAllMethods: true, allowMethods: [HttpMethod.GET] }, /allowAllMethods and allowMethods are exclusive/],
    ['allowMethods lists a method more than once: GET, GET', { allowOrigins: ['*'], allowMethods: [HttpMethod.GET, HttpMethod.GET] }, /allowMethods lists a method more than once: GET, GET/],
    ['allowMethods entry "*" is not one of GET', { allowOrigins: ['*'], allowMethods: ['*' as HttpMethod] }, /allowMethods entry "\*" is not one of GET/],
    ['allowHeaders contains "*" alongside other headers', { allowOrigins: ['*'], allowHeaders: ['*', 'x-a'] }, /allowHeaders contains "\*" alongside other headers/],
    ['allowHeaders: header name "x a" is not a valid HTTP header n', { allowOrigins: ['*'], allowHeaders: ['x a'] }, /allowHeaders: header name "x a" is not a valid HTTP header name/],
    ['exposeHeaders lists header "x-a" more than once', { allowOrigins: ['*'], exposeHeaders: ['X-A', 'x-a'] }, /exposeHeaders lists header "x-a" more than once/],
    ['allowHeaders has 65 entries, the maximum is 64', { allowOrigins: ['*'], allowHeaders: Array.from({ length: 65 }, (_, i) => `h${i}`) }, /allowHeaders has 65 entries, the maximum is 64/],
    ['HttpFilter.cors: maxAge 1500ms must be a whole number of sec', { allowOrigins: ['*'], maxAge: Duration.millis(1500) }, /HttpFilter.cors: maxAge 1500ms must be a whole number of seconds, at least 1s/],
    ['maxAge 0ms must be a whole number of seconds, at least 1s', { allowOrigins: ['*'], maxAge: Duration.seconds(0) }, /maxAge 0ms must be a whole number of seconds, at least 1s/],
  ])('rejects: %s', (_label, options, message) => {
    expect(() => HttpFilter.cors(options as any)).toThrow(message);
  });
});

describe('HttpFilter.extensionRef', () => {
  test('renders the reference', () => {
    expect(HttpFilter.extensionRef({ group: 'gateway.envoyproxy.io', kind: 'HTTPRouteFilter', name: 'rewrite' }).renderFilter()).toStrictEqual({
      type: 'ExtensionRef', extensionRef: { group: 'gateway.envoyproxy.io', kind: 'HTTPRouteFilter', name: 'rewrite' },
    });
  });

  test('bad references are rejected', () => {
    expect(() => HttpFilter.extensionRef({ group: '', kind: '9bad', name: 'x' })).toThrow(/HttpFilter.extensionRef: kind "9bad"/);
    expect(() => HttpFilter.extensionRef({ group: 'Bad_Group', kind: 'Filter', name: 'x' })).toThrow(/HttpFilter.extensionRef: group "Bad_Group"/);
  });
});

describe('HttpFilter.externalAuth', () => {
  const auth = Backend.fromServiceName('authz', 9001);

  test('HTTP protocol renders the http block', () => {
    const f = HttpFilter.externalAuth(auth, {
      protocol: ExternalAuthProtocol.HTTP,
      pathPrefix: '/check',
      allowedHeaders: ['x-user'],
      allowedResponseHeaders: ['x-auth-user'],
      forwardBodyMaxBytes: 8192,
    });
    expect(f.filterType).toBe('ExternalAuth');
    expect(f.backend).toBe(auth);
    expect(f.renderFilter()).toStrictEqual({
      type: 'ExternalAuth',
      externalAuth: {
        protocol: 'HTTP',
        backendRef: { name: 'authz', port: 9001 },
        http: { path: '/check', allowedHeaders: ['x-user'], allowedResponseHeaders: ['x-auth-user'] },
        forwardBody: { maxSize: 8192 },
      },
    });
  });

  test('GRPC protocol renders a grpc block, even an empty one', () => {
    expect(HttpFilter.externalAuth(auth, { protocol: ExternalAuthProtocol.GRPC }).renderFilter()).toStrictEqual({
      type: 'ExternalAuth', externalAuth: { protocol: 'GRPC', backendRef: { name: 'authz', port: 9001 }, grpc: {} },
    });
    expect(HttpFilter.externalAuth(auth, { protocol: ExternalAuthProtocol.HTTP }).renderFilter().externalAuth.http).toStrictEqual({});
  });

  test('bad options are rejected', () => {
    expect(() => HttpFilter.externalAuth(auth, { protocol: ExternalAuthProtocol.GRPC, pathPrefix: '/x' }))
      .toThrow(/HttpFilter.externalAuth: allowedResponseHeaders and pathPrefix apply to the HTTP protocol only/);
    expect(() => HttpFilter.externalAuth(Backend.fromServiceName('a', 1, { weight: 1 }), { protocol: ExternalAuthProtocol.HTTP }))
      .toThrow(/HttpFilter.externalAuth: the authorization backend Service "a:1" cannot have a weight or filters/);
    expect(() => HttpFilter.externalAuth(auth, { protocol: 'SOAP' as ExternalAuthProtocol })).toThrow(/protocol "SOAP" must be HTTP or GRPC/);
    expect(() => HttpFilter.externalAuth(auth, { protocol: ExternalAuthProtocol.HTTP, pathPrefix: '/a b' }))
      .toThrow(/pathPrefix "\/a b" must be 1-1024 RFC 3986 path characters/);
    expect(() => HttpFilter.externalAuth(auth, { protocol: ExternalAuthProtocol.HTTP, forwardBodyMaxBytes: -1 }))
      .toThrow(/forwardBodyMaxBytes -1 must be a whole number of bytes, 0 or more/);
    expect(() => HttpFilter.externalAuth(auth, { protocol: ExternalAuthProtocol.GRPC, allowedHeaders: ['bad header'] }))
      .toThrow(/allowedHeaders: header name "bad header"/);
  });
});
