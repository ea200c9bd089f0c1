import { Duration } from 'cdk8s';
import { defaultBehaviors, defaultFeatures, extract, notice } from './annotations-fixtures';

describe('canary annotations', () => {
  test('canary: "true" alone: weight 0 out of 100', () => {
    expect(extract({ canary: 'true' })).toStrictEqual({ features: defaultFeatures({ canary: { weight: 0, weightTotal: 100 } }), notices: [] });
  });

  test('every mode is carried', () => {
    expect(extract({
      'canary': 'true',
      'canary-by-header': 'X-Canary',
      'canary-by-header-value': 'yes',
      'canary-by-cookie': 'canary',
      'canary-weight': '10',
      'canary-weight-total': '1000',
    }).features.canary).toStrictEqual({ header: 'X-Canary', headerValue: 'yes', cookie: 'canary', weight: 10, weightTotal: 1000 });
    expect(extract({ 'canary': 'true', 'canary-by-header': 'X-Canary', 'canary-by-header-pattern': '^(a|b)$' }).features.canary)
      .toStrictEqual({ header: 'X-Canary', headerPattern: '^(a|b)$', weight: 0, weightTotal: 100 });
  });

  test('a header value wins over a pattern; value and pattern need a header', () => {
    const both = extract({ 'canary': 'true', 'canary-by-header': 'X-Canary', 'canary-by-header-value': 'yes', 'canary-by-header-pattern': 'y.*' });
    expect(both.features.canary).toStrictEqual({ header: 'X-Canary', headerValue: 'yes', weight: 0, weightTotal: 100 });
    expect(both.notices).toStrictEqual([notice('canary-by-header-pattern', 'unsupported', /is ignored because canary-by-header-value is set/)]);
    const headless = extract({ 'canary': 'true', 'canary-by-header-value': 'yes' });
    expect(headless.features.canary).toStrictEqual({ weight: 0, weightTotal: 100 });
    expect(headless.notices).toStrictEqual([notice('canary-by-header-value', 'unsupported', /has no effect without canary-by-header/)]);
  });

  test('bad values fall back to the defaults; a total not above 100 is 100', () => {
    const { features, notices } = extract({
      'canary': 'true',
      'canary-by-cookie': 'my cookie!',
      'canary-weight': 'ten',
      'canary-weight-total': '50',
    });
    expect(features.canary).toStrictEqual({ weight: 0, weightTotal: 100 });
    expect(notices).toStrictEqual([
      notice('canary-by-cookie', 'invalid', /value "my cookie!" is not a cookie name; ingress-nginx ignores it/),
      notice('canary-weight', 'invalid', /value "ten" is not a whole number; ingress-nginx uses 0/),
      notice('canary-weight-total', 'invalid', /value 50 is not above 100; ingress-nginx's balancer then uses 100/),
    ]);
  });

  test('canary-* without canary: "true" has no effect', () => {
    const { features, notices } = extract({ 'canary': 'false', 'canary-weight': '50' });
    expect(features).toStrictEqual(defaultFeatures());
    expect(notices).toStrictEqual([notice('canary-weight', 'unsupported', /has no effect without canary: "true", as in ingress-nginx/)]);
    expect(extract({ canary: 'yes' }).notices).toStrictEqual([notice('canary', 'invalid', /value "yes" is not a boolean.*served as a normal \(non-canary\) Ingress/)]);
  });

  test('a canary Ingress ignores its other annotations, except load balancing and affinity', () => {
    const { features, notices } = extract({
      'canary': 'true',
      'canary-weight': '20',
      'proxy-body-size': '8m',
      'enable-cors': 'true',
      'rewrite-target': '/',
      'configuration-snippet': 'more_set_headers "X: y";',
      'affinity': 'cookie',
      'session-cookie-max-age': '3600',
    });
    const { loadBalancing: _lb, ...behaviors } = defaultBehaviors();
    expect(features).toStrictEqual(defaultFeatures({
      canary: { weight: 20, weightTotal: 100 },
      behaviors: { ...behaviors, cookieAffinity: { cookieName: 'INGRESSCOOKIE', maxAge: Duration.seconds(3600) } },
      behaviorSources: new Map([['cookieAffinity', ['affinity', 'session-cookie-max-age']]]),
    }));
    expect(notices).toStrictEqual([
      notice('enable-cors', 'unsupported', /is ignored on a canary Ingress, as ingress-nginx does/),
      notice('proxy-body-size', 'unsupported', /is ignored on a canary Ingress/),
      notice('rewrite-target', 'unsupported', /is ignored on a canary Ingress.*Put it on the main Ingress$/),
    ]);
  });

  test('a value that drops an Ingress drops a canary too', () => {
    const { features, notices } = extract({ 'canary': 'true', 'limit-rps': 'many' });
    expect(features).toStrictEqual(defaultFeatures({ canary: { weight: 0, weightTotal: 100 }, rejected: 'nginx.ingress.kubernetes.io/limit-rps: value "many" is not a whole number' }));
    expect(notices).toStrictEqual([notice('limit-rps', 'invalid', /value "many" is not a whole number; ingress-nginx drops the whole Ingress/)]);
  });
});
