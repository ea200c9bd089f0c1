import { Duration, Size } from 'cdk8s';
import { defaultBehaviors, defaultFeatures, extract, notice } from './annotations-fixtures';
import { LoadBalancingAlgorithm, RetryCondition } from '../../src/profiles/behaviors';

describe('proxy annotations', () => {
  test('the ConfigMap values are the defaults, with no source key', () => {
    const { features } = extract({}, {
      proxyBodySize: '20m',
      proxyConnectTimeout: 10,
      proxyReadTimeout: 120,
      proxySendTimeout: 30,
      proxyNextUpstream: ['error', 'http_502'],
      proxyNextUpstreamTries: 5,
      proxyBuffering: true,
      loadBalance: 'ewma',
      generateRequestId: false,
      hsts: false,
    });
    expect(features).toStrictEqual(defaultFeatures({
      behaviors: {
        bodySizeLimit: Size.mebibytes(20),
        connectTimeout: Duration.seconds(10),
        loadBalancing: LoadBalancingAlgorithm.EWMA,
        proxyBuffering: true,
        readTimeout: Duration.seconds(120),
        requestId: false,
        requestTimeout: Duration.seconds(0),
        retries: { tries: 5, conditions: [RetryCondition.ERROR, RetryCondition.HTTP_502], retryNonIdempotent: false },
        sendTimeout: Duration.seconds(30),
      },
    }));
  });

  test('HSTS follows the ConfigMap', () => {
    expect(extract({}, { hstsMaxAge: 600, hstsIncludeSubdomains: false, hstsPreload: true }).features.behaviors.hsts)
      .toStrictEqual({ maxAge: Duration.seconds(600), includeSubDomains: false, preload: true });
  });

  test('annotations override, each with its source key', () => {
    const { features, notices } = extract({
      'proxy-body-size': '8M',
      'proxy-connect-timeout': '3',
      'proxy-read-timeout': '300',
      'proxy-send-timeout': '90',
      'proxy-next-upstream': 'error timeout http_503 non_idempotent',
      'proxy-next-upstream-tries': '2',
      'proxy-buffering': 'on',
      'proxy-request-buffering': 'off',
    });
    expect(features).toStrictEqual(defaultFeatures({
      behaviors: {
        ...defaultBehaviors(),
        bodySizeLimit: Size.mebibytes(8),
        connectTimeout: Duration.seconds(3),
        readTimeout: Duration.seconds(300),
        sendTimeout: Duration.seconds(90),
        proxyBuffering: true,
        retries: { tries: 2, conditions: [RetryCondition.ERROR, RetryCondition.TIMEOUT, RetryCondition.HTTP_503], retryNonIdempotent: true },
      },
      behaviorSources: new Map<any, string[]>([
        ['bodySizeLimit', ['proxy-body-size']],
        ['connectTimeout', ['proxy-connect-timeout']],
        ['proxyBuffering', ['proxy-buffering']],
        ['readTimeout', ['proxy-read-timeout']],
        ['retries', ['proxy-next-upstream', 'proxy-next-upstream-tries']],
        ['sendTimeout', ['proxy-send-timeout']],
      ]),
    }));
    expect(notices).toStrictEqual([]);
  });

  test('proxy-body-size 0 disables the limit', () => {
    expect(extract({ 'proxy-body-size': '0' }).features.behaviors.bodySizeLimit).toStrictEqual(Size.kibibytes(0));
  });

  test('proxy-next-upstream off: one try', () => {
    expect(extract({ 'proxy-next-upstream': 'off', 'proxy-next-upstream-tries': '5' }).features.behaviors.retries).toStrictEqual({ tries: 1, conditions: [], retryNonIdempotent: false });
  });

  test('bad values fall back to the ConfigMap values with invalid notices', () => {
    const { features, notices } = extract({
      'proxy-body-size': '1.5m',
      'proxy-connect-timeout': '5s',
      'proxy-read-timeout': '-1',
      'proxy-next-upstream': 'error http_501',
      'proxy-next-upstream-tries': '0',
      'proxy-buffering': 'yes',
    });
    expect(features).toStrictEqual(defaultFeatures());
    expect(notices).toStrictEqual([
      notice('proxy-body-size', 'invalid', /value "1.5m" is not an nginx size .*ConfigMap value \(1m\)/),
      notice('proxy-buffering', 'invalid', /value "yes" is not on or off; ingress-nginx uses the ConfigMap value \(off\)/),
      notice('proxy-connect-timeout', 'invalid', /value "5s" is not a whole number; ingress-nginx uses the ConfigMap value \(5\)/),
      notice('proxy-next-upstream', 'invalid', /value "error http_501" is not a space-separated list .*ConfigMap value \(error timeout\)/),
      notice('proxy-next-upstream-tries', 'invalid', /value 0 is not from 1 to 100 .*ConfigMap value \(3\)/),
      notice('proxy-read-timeout', 'invalid', /value -1 is negative; nginx refuses it, so IngressCompat uses the ConfigMap value \(60\)/),
    ]);
  });
});

describe('load balancing and affinity annotations', () => {
  test('load-balance ewma; upstream-hash-by one variable', () => {
    const ewma = extract({ 'load-balance': 'ewma' });
    expect(ewma.features.behaviors.loadBalancing).toBe(LoadBalancingAlgorithm.EWMA);
    expect(ewma.features.behaviorSources.get('loadBalancing')).toStrictEqual(['load-balance']);
    const { loadBalancing: _lb, ...rest } = defaultBehaviors();
    expect(extract({ 'upstream-hash-by': '$request_uri' }).features).toStrictEqual(defaultFeatures({
      behaviors: { ...rest, hashKey: '$request_uri' },
      behaviorSources: new Map([['hashKey', ['upstream-hash-by']]]),
    }));
  });

  test('affinity wins over upstream-hash-by, which wins over load-balance', () => {
    const hash = extract({ 'upstream-hash-by': '$remote_addr', 'load-balance': 'ewma' });
    expect(hash.features.behaviors.loadBalancing).toBeUndefined();
    expect(hash.notices).toStrictEqual([notice('load-balance', 'unsupported', /is overridden by upstream-hash-by \(it wins, as in ingress-nginx\)/)]);
    const cookie = extract({ 'affinity': 'cookie', 'upstream-hash-by': '$remote_addr', 'load-balance': 'ewma' });
    expect([cookie.features.behaviors.loadBalancing, cookie.features.behaviors.hashKey]).toStrictEqual([undefined, undefined]);
    expect(cookie.notices).toStrictEqual([
      notice('load-balance', 'unsupported', /is overridden by affinity: cookie/),
      notice('upstream-hash-by', 'unsupported', /is overridden by affinity: cookie \(affinity wins, as in ingress-nginx\)/),
    ]);
  });

  test('load-balance values other than round_robin and ewma', () => {
    expect(extract({ 'load-balance': 'least_conn' }, { loadBalance: 'ewma' })).toStrictEqual({
      features: defaultFeatures({ behaviors: { ...defaultBehaviors(), loadBalancing: LoadBalancingAlgorithm.ROUND_ROBIN } }),
      notices: [notice('load-balance', 'invalid', /value "least_conn" is not round_robin or ewma; ingress-nginx's balancer falls back to round_robin/)],
    });
    expect(extract({ 'load-balance': 'chash' }).notices).toStrictEqual([notice('load-balance', 'unsupported', /value "chash" is an algorithm ingress-nginx selects itself for upstream-hash-by or affinity/)]);
    expect(extract({ 'load-balance': 'Round-Robin' }).features.rejected).toBe('nginx.ingress.kubernetes.io/load-balance: value "Round-Robin" is not an algorithm name (round_robin or ewma)');
  });

  test('upstream-hash-by with several variables is not reproduced; bad characters drop the Ingress', () => {
    expect(extract({ 'upstream-hash-by': '$host$request_uri' }).notices).toStrictEqual([notice('upstream-hash-by', 'unsupported', /value "\$host\$request_uri" is not one nginx variable/)]);
    expect(extract({ 'upstream-hash-by': '$arg_a&b' }).features.rejected).toBe('nginx.ingress.kubernetes.io/upstream-hash-by: value "$arg_a&b" has characters other than letters, digits, -, _, $, { and }');
  });

  test('affinity: cookie with its session-cookie-* settings', () => {
    const { loadBalancing: _lb, ...rest } = defaultBehaviors();
    expect(extract({
      'affinity': 'cookie',
      'session-cookie-name': 'route',
      'session-cookie-expires': '172800',
      'session-cookie-max-age': '3600',
      'session-cookie-path': '/shop',
      'session-cookie-samesite': 'Lax',
    })).toStrictEqual({
      features: defaultFeatures({
        behaviors: { ...rest, cookieAffinity: { cookieName: 'route', maxAge: Duration.seconds(3600), path: '/shop' } },
        behaviorSources: new Map([['cookieAffinity', ['affinity', 'session-cookie-name', 'session-cookie-max-age', 'session-cookie-expires', 'session-cookie-path']]]),
      }),
      notices: [],
    });
    expect(extract({ 'affinity': 'cookie', 'session-cookie-expires': '60' }).features.behaviors.cookieAffinity).toStrictEqual({ cookieName: 'INGRESSCOOKIE', maxAge: Duration.seconds(60) });
  });

  test('bad affinity values are ignored; session-cookie-* without affinity has no effect', () => {
    const bad = extract({ 'affinity': 'cookie', 'session-cookie-name': 'my cookie', 'session-cookie-max-age': '1h', 'session-cookie-path': 'shop' });
    expect(bad.features.behaviors.cookieAffinity).toStrictEqual({ cookieName: 'INGRESSCOOKIE' });
    expect(bad.notices).toStrictEqual([
      notice('session-cookie-max-age', 'invalid', /value "1h" is not a number of seconds above 0/),
      notice('session-cookie-name', 'invalid', /value "my cookie" is not a cookie name .*ingress-nginx uses INGRESSCOOKIE/),
      notice('session-cookie-path', 'invalid', /value "shop" is not a path such as \/app/),
    ]);
    const none = extract({ 'affinity': 'ip', 'session-cookie-name': 'route', 'affinity-mode': 'persistent' });
    expect(none.features).toStrictEqual(defaultFeatures());
    expect(none.notices).toStrictEqual([
      notice('affinity', 'invalid', /value "ip" is not cookie \(the only affinity type\); ingress-nginx ignores it/),
      notice('affinity-mode', 'unsupported', /has no effect without affinity: cookie/),
      notice('session-cookie-name', 'unsupported', /has no effect without affinity: cookie/),
    ]);
  });
});
