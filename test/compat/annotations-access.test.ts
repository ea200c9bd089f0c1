import { defaultBehaviors, defaultFeatures, extract, notice } from './annotations-fixtures';

describe('IP list annotations', () => {
  test('allow and deny lists, addresses as /32', () => {
    expect(extract({ 'allowlist-source-range': '10.0.0.0/8, 192.168.0.1', 'denylist-source-range': '10.1.0.0/16' })).toStrictEqual({
      features: defaultFeatures({
        behaviors: { ...defaultBehaviors(), ipAllowList: ['10.0.0.0/8', '192.168.0.1/32'], ipDenyList: ['10.1.0.0/16'] },
        behaviorSources: new Map([['ipAllowList', ['allowlist-source-range']], ['ipDenyList', ['denylist-source-range']]]),
      }),
      notices: [],
    });
  });

  test('whitelist-source-range is the alias; allowlist-source-range wins', () => {
    expect(extract({ 'whitelist-source-range': '10.0.0.0/8' }).features.behaviorSources.get('ipAllowList')).toStrictEqual(['whitelist-source-range']);
    const both = extract({ 'whitelist-source-range': '10.0.0.0/8', 'allowlist-source-range': '172.16.0.0/12' });
    expect(both.features.behaviors.ipAllowList).toStrictEqual(['172.16.0.0/12']);
    expect(both.notices).toStrictEqual([notice('whitelist-source-range', 'unsupported', /is ignored because allowlist-source-range is set/)]);
  });

  test('a bad list denies the locations (503) and sets no list', () => {
    const { features, notices } = extract({ 'allowlist-source-range': '10.0.0.0/8, office' });
    expect(features).toStrictEqual(defaultFeatures({
      locationDenied: 'nginx.ingress.kubernetes.io/allowlist-source-range: entry "office" is not an IP address or CIDR (e.g. 10.0.0.0/8, 2001:db8::/32; no empty entries)',
    }));
    expect(notices).toStrictEqual([notice('allowlist-source-range', 'invalid', /entry "office" is not an IP address or CIDR.*ingress-nginx answers every path of this Ingress with 503 \(location denied\)/)]);
  });
});

describe('rate limit annotations', () => {
  test('limit-rps with the default burst multiplier and the ConfigMap status', () => {
    expect(extract({ 'limit-rps': '10' }, { limitReqStatusCode: 429 })).toStrictEqual({
      features: defaultFeatures({
        behaviors: { ...defaultBehaviors(), rateLimit: { requestsPerSecond: 10, burstMultiplier: 5, rejectStatus: 429 } },
        behaviorSources: new Map([['rateLimit', ['limit-rps']]]),
      }),
      notices: [],
    });
  });

  test('limit-rpm with a burst multiplier; limit-connections', () => {
    const { features } = extract({ 'limit-rpm': '600', 'limit-burst-multiplier': '2', 'limit-connections': '20' });
    expect(features.behaviors.rateLimit).toStrictEqual({ requestsPerMinute: 600, burstMultiplier: 2, rejectStatus: 503 });
    expect(features.behaviors.connectionLimit).toBe(20);
    expect(features.behaviorSources).toStrictEqual(new Map([['rateLimit', ['limit-rpm', 'limit-burst-multiplier']], ['connectionLimit', ['limit-connections']]]));
  });

  test('both limit-rps and limit-rpm: the per-second limit is kept, limit-rpm is unsupported', () => {
    const { features, notices } = extract({ 'limit-rps': '5', 'limit-rpm': '100' });
    expect(features.behaviors.rateLimit).toStrictEqual({ requestsPerSecond: 5, burstMultiplier: 5, rejectStatus: 503 });
    expect(notices).toStrictEqual([notice('limit-rpm', 'unsupported', /\(100 per minute\) is not reproduced: ingress-nginx applies both limit-rps and limit-rpm.*only limit-rps \(5 per second\) is kept/)]);
  });

  test('0 is off; a bad burst multiplier is 5; a multiplier without a rate has no effect', () => {
    expect(extract({ 'limit-rps': '0', 'limit-connections': '0' })).toStrictEqual({ features: defaultFeatures(), notices: [] });
    const bad = extract({ 'limit-rps': '1', 'limit-burst-multiplier': '0' });
    expect(bad.features.behaviors.rateLimit).toStrictEqual({ requestsPerSecond: 1, burstMultiplier: 5, rejectStatus: 503 });
    expect(bad.notices).toStrictEqual([notice('limit-burst-multiplier', 'invalid', /value "0" is not a whole number above 0; ingress-nginx uses 5/)]);
    expect(extract({ 'limit-burst-multiplier': '3' }).notices).toStrictEqual([notice('limit-burst-multiplier', 'unsupported', /has no effect without limit-rps or limit-rpm/)]);
  });

  test('a rate that is not a whole number drops the Ingress', () => {
    expect(extract({ 'limit-connections': '1.5' })).toStrictEqual({
      features: defaultFeatures({ rejected: 'nginx.ingress.kubernetes.io/limit-connections: value "1.5" is not a whole number' }),
      notices: [notice('limit-connections', 'invalid', /ingress-nginx drops the whole Ingress for it/)],
    });
  });
});
