import { closestAnnotationKey, damerauLevenshtein, unknownAnnotationNotice, unknownAnnotationVerdict } from '../../src/compat/annotations/unknown';
import { NoticeStatus } from '../../src/compat/notices';

describe('damerauLevenshtein', () => {
  test.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', 'abc', 0],
    ['ab', 'ba', 1],
    ['kitten', 'sitting', 3],
    ['rewrite-traget', 'rewrite-target', 1],
    ['ca', 'abc', 3],
  ])('%s → %s is %d', (a, b, d) => {
    expect(damerauLevenshtein(a, b)).toBe(d);
    expect(damerauLevenshtein(b, a)).toBe(d);
  });
});

describe('closestAnnotationKey', () => {
  test.each([
    ['use_regex', 'use-regex'],
    ['Use-Regex', 'use-regex'],
    ['proxy_body_size', 'proxy-body-size'],
    ['rewrite-traget', 'rewrite-target'],
    ['cors-allow-orgin', 'cors-allow-origin'],
    ['nginx.ingress.kubernetes.io/ssl-redirects', 'ssl-redirect'],
    ['whitelist-source-ranges', 'whitelist-source-range'],
    // distance 1 from both limit-rpm and limit-rps: the alphabetically first wins
    ['limit-rpx', 'limit-rpm'],
    ['canary-weigh-totals', 'canary-weight-total'],
    // distance 3, the largest suggested
    ['canery-weigt-totl', 'canary-weight-total'],
  ])('%s → %s', (key, closest) => {
    expect(closestAnnotationKey(key)).toBe(closest);
  });

  // distance 4 (cenery-weigt-totl), or a length 4 away
  test.each(['x-custom-thing', 'enable-everything', 'cenery-weigt-totl', 'canary-weight-totalsxyz'])('%s has no key within distance 3', key => {
    expect(closestAnnotationKey(key)).toBeUndefined();
  });
});

describe('unknownAnnotationNotice', () => {
  test('suggests the closest key', () => {
    expect(unknownAnnotationNotice('shop/web', 'canary-weigth')).toStrictEqual({
      ingress: 'shop/web',
      annotation: 'nginx.ingress.kubernetes.io/canary-weigth',
      status: NoticeStatus.UNSUPPORTED,
      message: '`nginx.ingress.kubernetes.io/canary-weigth` is not an ingress-nginx annotation, so ingress-nginx ignores it; did you mean `nginx.ingress.kubernetes.io/canary-weight`?',
    });
  });

  test('accepts the full key', () => {
    expect(unknownAnnotationNotice('shop/web', 'nginx.ingress.kubernetes.io/enable_cors').annotation).toBe('nginx.ingress.kubernetes.io/enable_cors');
    expect(unknownAnnotationVerdict('nginx.ingress.kubernetes.io/enable_cors').message).toMatch(/^`nginx\.ingress\.kubernetes\.io\/enable_cors` .* did you mean `nginx\.ingress\.kubernetes\.io\/enable-cors`\?$/);
  });

  test('says a key far from every known one has no effect', () => {
    expect(unknownAnnotationVerdict('x-custom-thing')).toStrictEqual({
      status: NoticeStatus.UNSUPPORTED,
      message: '`nginx.ingress.kubernetes.io/x-custom-thing` is not an ingress-nginx annotation; it has no effect (ingress-nginx ignores it too).',
    });
  });
});
