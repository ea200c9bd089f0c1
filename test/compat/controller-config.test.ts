import { Duration } from 'cdk8s';
import { controllerConfigFromManifest, effectiveControllerConfig } from '../../src/compat/controller-config';
import { CompatNotice } from '../../src/compat/notices';
import { readControllerConfigMap } from '../../src/compat/parse/configmap';
import { goAtoi, goParseBool, weakInt } from '../../src/compat/parse/go-values';

const DEFAULTS = {
  sslRedirect: true,
  forceSslRedirect: false,
  httpRedirectCode: 308,
  noTlsRedirectLocations: ['/.well-known/acme-challenge'],
  hsts: true,
  hstsMaxAge: 31536000,
  hstsIncludeSubdomains: true,
  hstsPreload: false,
  proxyBodySize: '1m',
  proxyConnectTimeout: 5,
  proxyReadTimeout: 60,
  proxySendTimeout: 60,
  proxyNextUpstream: ['error', 'timeout'],
  proxyNextUpstreamTries: 3,
  proxyBuffering: false,
  loadBalance: 'round_robin',
  generateRequestId: true,
  useForwardedHeaders: false,
  allowSnippetAnnotations: false,
  annotationsRiskLevel: 'High',
  strictValidatePathType: true,
  allowCrossNamespaceResources: false,
  limitReqStatusCode: 503,
  limitConnStatusCode: 503,
  unusedKeys: [],
};

describe('effectiveControllerConfig', () => {
  test('no config: ingress-nginx defaults (config.go NewDefault), no notices', () => {
    const notices: CompatNotice[] = [];
    expect(effectiveControllerConfig(undefined, notices)).toStrictEqual(DEFAULTS);
    expect(notices).toStrictEqual([]);
  });

  test('typed fields', () => {
    const notices: CompatNotice[] = [];
    const config = effectiveControllerConfig({
      sslRedirect: false,
      forceSslRedirect: true,
      httpRedirectCode: 301,
      noTlsRedirectLocations: ['/.well-known/acme-challenge', '/health'],
      hsts: false,
      hstsMaxAge: Duration.days(1),
      hstsIncludeSubdomains: false,
      hstsPreload: true,
      proxyBodySize: '16m',
      proxyConnectTimeout: Duration.seconds(10),
      proxyReadTimeout: Duration.minutes(2),
      proxySendTimeout: Duration.seconds(30),
      proxyNextUpstream: 'error timeout http_502',
      proxyNextUpstreamTries: 5,
      proxyBuffering: true,
      loadBalance: 'ewma',
      generateRequestId: false,
      useForwardedHeaders: true,
      allowSnippetAnnotations: true,
      annotationsRiskLevel: 'Critical',
      strictValidatePathType: false,
      allowCrossNamespaceResources: true,
      limitReqStatusCode: 429,
      limitConnStatusCode: 429,
    }, notices);
    expect(notices).toStrictEqual([]);
    expect(config).toStrictEqual({
      sslRedirect: false,
      forceSslRedirect: true,
      httpRedirectCode: 301,
      noTlsRedirectLocations: ['/.well-known/acme-challenge', '/health'],
      hsts: false,
      hstsMaxAge: 86400,
      hstsIncludeSubdomains: false,
      hstsPreload: true,
      proxyBodySize: '16m',
      proxyConnectTimeout: 10,
      proxyReadTimeout: 120,
      proxySendTimeout: 30,
      proxyNextUpstream: ['error', 'timeout', 'http_502'],
      proxyNextUpstreamTries: 5,
      proxyBuffering: true,
      loadBalance: 'ewma',
      generateRequestId: false,
      useForwardedHeaders: true,
      allowSnippetAnnotations: true,
      annotationsRiskLevel: 'Critical',
      strictValidatePathType: false,
      allowCrossNamespaceResources: true,
      limitReqStatusCode: 429,
      limitConnStatusCode: 429,
      unusedKeys: [],
    });
  });

  test('ConfigMap data parsed as Go parses it; a typed field wins over data', () => {
    const notices: CompatNotice[] = [];
    const config = effectiveControllerConfig({
      sslRedirect: true,
      data: {
        'ssl-redirect': 'false',
        'hsts': 'F',
        'hsts-preload': '1',
        'hsts-max-age': '600',
        'proxy-read-timeout': '0x10',
        'proxy-send-timeout': '',
        'proxy-buffering': 'ON',
        'no-tls-redirect-locations': ' /a , /b ,',
        'annotations-risk-level': 'medium',
        'http-redirect-code': '+307',
      },
    }, notices);
    expect(notices).toStrictEqual([]);
    expect(config).toStrictEqual({
      ...DEFAULTS,
      sslRedirect: true,
      hsts: false,
      hstsPreload: true,
      hstsMaxAge: 600,
      proxyReadTimeout: 16,
      proxySendTimeout: 0,
      proxyBuffering: true,
      noTlsRedirectLocations: ['/a', '/b'],
      annotationsRiskLevel: 'Medium',
      httpRedirectCode: 307,
    });
  });

  test('invalid values: a notice naming the key and value, and ingress-nginx\'s fallback', () => {
    const notices: CompatNotice[] = [];
    const config = effectiveControllerConfig({
      data: {
        'ssl-redirect': 'yes',
        'http-redirect-code': '303',
        'proxy-connect-timeout': '5s',
        'proxy-body-size': '1 MB',
        'load-balance': 'least_conn',
        'annotations-risk-level': 'extreme',
        'proxy-next-upstream': 'error bogus',
        'limit-req-status-code': '200',
      },
    }, notices, 'configmap/ingress-nginx-controller');
    expect(config).toStrictEqual({ ...DEFAULTS, annotationsRiskLevel: 'Low' });
    expect(notices.map(n => [n.ingress, n.status, n.annotation])).toStrictEqual(Array(8).fill(['configmap/ingress-nginx-controller', 'invalid', undefined]));
    expect(notices.map(n => n.message)).toStrictEqual([
      'ssl-redirect: "yes" is not a boolean (Go strconv.ParseBool: true, false, 1, 0, t, f, …); ingress-nginx logs it and keeps the default "true"',
      'http-redirect-code: "303" is not a valid redirect code (301, 302, 307 or 308); ingress-nginx logs it and keeps the default "308"',
      'proxy-body-size: "1 MB" is not an nginx size (digits with an optional k, m or g; 0 = no limit), nginx would refuse the configuration; ingress-nginx logs it and keeps the default "1m"',
      'proxy-connect-timeout: "5s" is not a number of seconds (Go strconv.ParseInt); ingress-nginx logs it and keeps the default "5"',
      'proxy-next-upstream: "error bogus" has "bogus": nginx\'s proxy_next_upstream takes error, timeout, invalid_header, http_500, http_502, http_503, http_504, http_403, http_404, http_429, non_idempotent, off; ingress-nginx logs it and keeps the default "error timeout"',
      'load-balance: "least_conn" is not round_robin or ewma (balancer.lua falls back to round_robin); ingress-nginx logs it and keeps the default "round_robin"',
      'annotations-risk-level: "extreme" is not Low, Medium, High or Critical; ingress-nginx reads an unknown level as Low (parser/main.go StringRiskToRisk), so every annotation above Low drops its Ingress',
      'limit-req-status-code: "200" is outside 400-599; ingress-nginx logs it and keeps the default "503"',
    ]);
  });

  test('typed values without a ConfigMap form are invalid: the default is kept', () => {
    const notices: CompatNotice[] = [];
    const typed = { proxyReadTimeout: Duration.millis(1500), httpRedirectCode: 200, proxyNextUpstreamTries: 2.5 };
    const config = effectiveControllerConfig(typed, notices);
    expect([config.proxyReadTimeout, config.httpRedirectCode, config.proxyNextUpstreamTries]).toStrictEqual([60, 308, 3]);
    expect(notices.map(n => n.message)).toStrictEqual([
      'proxy-read-timeout: proxyReadTimeout 1500ms is not a whole number of seconds (ingress-nginx takes seconds); the default is kept',
      'http-redirect-code: "200" is not a valid redirect code (301, 302, 307 or 308); ingress-nginx logs it and keeps the default "308"',
      'proxy-next-upstream-tries: "2.5" is not an integer (Go strconv.ParseInt); ingress-nginx logs it and keeps the default "3"',
    ]);
  });

  test('keys IngressCompat does not use: listed in unusedKeys, one unsupported notice each', () => {
    const notices: CompatNotice[] = [];
    const config = effectiveControllerConfig({ data: { 'use-gzip': 'true', 'hsts': 'true', 'my-typo-key': 'x' } }, notices);
    expect(config.unusedKeys).toStrictEqual(['my-typo-key', 'use-gzip']);
    expect(notices).toStrictEqual([
      { ingress: 'controllerConfig', status: 'unsupported', message: 'my-typo-key: not used by IngressCompat: an nginx setting with no counterpart in the generated objects; configure the Gateway implementation if you need it' },
      { ingress: 'controllerConfig', status: 'unsupported', message: 'use-gzip: not used by IngressCompat: gzip compression' },
    ]);
  });
});

describe('controllerConfigFromManifest', () => {
  const yaml = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: ingress-nginx-controller',
    '  namespace: ingress-nginx',
    'data:',
    '  ssl-redirect: "false"',
    '  proxy-body-size: 8m',
    '',
  ].join('\n');

  test('reads the data of a ConfigMap manifest (text or object)', () => {
    expect(controllerConfigFromManifest(yaml)).toStrictEqual({ 'ssl-redirect': 'false', 'proxy-body-size': '8m' });
    expect(controllerConfigFromManifest({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } })).toStrictEqual({});
    expect(readControllerConfigMap(yaml)).toStrictEqual({ name: 'ingress-nginx-controller', namespace: 'ingress-nginx', data: { 'ssl-redirect': 'false', 'proxy-body-size': '8m' } });
  });

  test('the data feeds effectiveControllerConfig', () => {
    const config = effectiveControllerConfig({ data: controllerConfigFromManifest(yaml) }, []);
    expect([config.sslRedirect, config.proxyBodySize]).toStrictEqual([false, '8m']);
  });

  test('errors: not a ConfigMap, not one object, unquoted values, bad syntax', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret' };
    expect(() => controllerConfigFromManifest(secret)).toThrow(/^controllerConfig: expected a v1 ConfigMap, found kind "Secret" apiVersion "v1"/);
    expect(() => controllerConfigFromManifest(`${yaml}---\n${yaml}`)).toThrow(/^controllerConfig: expected one ConfigMap, found 2 objects/);
    expect(() => controllerConfigFromManifest('apiVersion: v1\nkind: ConfigMap\ndata:\n  ssl-redirect: false\n')).toThrow(/^controllerConfig: data\.ssl-redirect false must be a string \(the API server rejects the ConfigMap\); quote it \("false"\)$/);
    expect(() => controllerConfigFromManifest('apiVersion: v1\nkind: ConfigMap\ndata: [\n')).toThrow(/^controllerConfig: \d+:\d+: /);
  });
});

describe('Go parsing helpers', () => {
  test('strconv.ParseBool accepts exactly its spellings', () => {
    expect(['1', 't', 'T', 'TRUE', 'true', 'True'].map(goParseBool)).toStrictEqual(Array(6).fill(true));
    expect(['0', 'f', 'F', 'FALSE', 'false', 'False'].map(goParseBool)).toStrictEqual(Array(6).fill(false));
    expect(['yes', 'on', 'tRUE', ''].map(goParseBool)).toStrictEqual(Array(4).fill(undefined));
  });

  test('Atoi is decimal; ParseInt base 0 takes prefixes, octal and underscores', () => {
    expect(['42', '+42', '-7', '0x10', '4.0', ''].map(goAtoi)).toStrictEqual([42, 42, -7, undefined, undefined, undefined]);
    expect(['42', '0x1F', '0o17', '017', '0b101', '1_000', '0x_1F', '', '08', '1__0', '_1', '1_', 'abc'].map(weakInt))
      .toStrictEqual([42, 31, 15, 15, 5, 1000, 31, 0, undefined, undefined, undefined, undefined, undefined]);
  });
});
