import { defaultFeatures, extract, notice } from './annotations-fixtures';

describe('redirect annotations', () => {
  test('permanent-redirect defaults to 301; a code in 300-308 is kept', () => {
    expect(extract({ 'permanent-redirect': 'https://new.example.com/x' })).toStrictEqual({
      features: defaultFeatures({ permanentRedirect: { url: 'https://new.example.com/x', code: 301 } }),
      notices: [],
    });
    expect(extract({ 'permanent-redirect': 'https://new.example.com', 'permanent-redirect-code': '308' }).features.permanentRedirect)
      .toStrictEqual({ url: 'https://new.example.com', code: 308 });
  });

  test('a permanent-redirect-code outside 300-308 falls back to 301 with an invalid notice', () => {
    expect(extract({ 'permanent-redirect': 'https://new.example.com', 'permanent-redirect-code': '309' })).toStrictEqual({
      features: defaultFeatures({ permanentRedirect: { url: 'https://new.example.com', code: 301 } }),
      notices: [notice('permanent-redirect-code', 'invalid', /value 309 is outside 300-308; ingress-nginx uses 301, and so does IngressCompat$/)],
    });
  });

  test('temporal-redirect defaults to 302, accepts 300-307 and falls back to 302 outside', () => {
    expect(extract({ 'temporal-redirect': 'http://tmp.example.com' }).features.temporalRedirect).toStrictEqual({ url: 'http://tmp.example.com', code: 302 });
    expect(extract({ 'temporal-redirect': 'http://tmp.example.com', 'temporal-redirect-code': '307' }).features.temporalRedirect).toStrictEqual({ url: 'http://tmp.example.com', code: 307 });
    expect(extract({ 'temporal-redirect': 'http://tmp.example.com', 'temporal-redirect-code': '308' })).toStrictEqual({
      features: defaultFeatures({ temporalRedirect: { url: 'http://tmp.example.com', code: 302 } }),
      notices: [notice('temporal-redirect-code', 'invalid', /value 308 is outside 300-307; ingress-nginx uses 302/)],
    });
  });

  test('temporal-redirect wins; the permanent keys are ignored with a notice', () => {
    const { features, notices } = extract({
      'temporal-redirect': 'https://tmp.example.com',
      'permanent-redirect': 'https://new.example.com',
      'permanent-redirect-code': 'abc',
      'from-to-www-redirect': 'true',
    });
    expect(features).toStrictEqual(defaultFeatures({ temporalRedirect: { url: 'https://tmp.example.com', code: 302 }, fromToWwwRedirect: true }));
    expect(notices).toStrictEqual([
      notice('permanent-redirect', 'unsupported', /is ignored because temporal-redirect is set \(temporal-redirect wins, as in ingress-nginx\)/),
      notice('permanent-redirect-code', 'unsupported', /is ignored because temporal-redirect is set/),
    ]);
  });

  test('from-to-www-redirect alone', () => {
    expect(extract({ 'from-to-www-redirect': 'true' })).toStrictEqual({ features: defaultFeatures({ fromToWwwRedirect: true }), notices: [] });
  });

  test.each([
    ['from-to-www-redirect', 'sure', 'value "sure" is not a boolean (true or false)'],
    ['permanent-redirect-code', '30x', 'value "30x" is not a whole number'],
    ['temporal-redirect-code', 'x', 'value "x" is not a whole number'],
    ['permanent-redirect', 'https://new.example.com/a b', 'value "https://new.example.com/a b" has characters a redirect URL may not have (letters, digits and -._~:/?&= only)'],
  ])('%s "%s" drops the whole Ingress', (key, value, problem) => {
    const { features, notices } = extract({ [key]: value });
    expect(features.rejected).toBe(`nginx.ingress.kubernetes.io/${key}: ${problem}`);
    expect(notices).toStrictEqual([notice(key, 'invalid', /ingress-nginx drops the whole Ingress for it/)]);
  });

  test('a redirect URL whose scheme is not http(s) makes ingress-nginx ignore the whole redirect group', () => {
    const { features, notices } = extract({ 'permanent-redirect': 'new.example.com/x', 'permanent-redirect-code': '308', 'from-to-www-redirect': 'true' });
    expect(features).toStrictEqual(defaultFeatures());
    expect(notices).toStrictEqual([
      notice('from-to-www-redirect', 'unsupported', /is ignored because permanent-redirect is not an http\(s\) URL/),
      notice('permanent-redirect', 'invalid', /value "new.example.com\/x" is not an http:\/\/ or https:\/\/ URL; ingress-nginx ignores every redirect annotation/),
      notice('permanent-redirect-code', 'unsupported', /is ignored because permanent-redirect is not an http\(s\) URL/),
    ]);
  });

  test('a code without its redirect has no effect', () => {
    expect(extract({ 'permanent-redirect-code': '308', 'temporal-redirect-code': '307' })).toStrictEqual({
      features: defaultFeatures(),
      notices: [
        notice('permanent-redirect-code', 'unsupported', /has no effect without permanent-redirect/),
        notice('temporal-redirect-code', 'unsupported', /has no effect without temporal-redirect/),
      ],
    });
  });
});
