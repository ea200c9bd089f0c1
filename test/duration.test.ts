import { Duration } from 'cdk8s';
import * as fc from 'fast-check';
import { toGatewayDuration } from '../src/core/duration';
import { ManifestValidator } from '../src/validation';

/** The pattern of every Gateway API duration field (HTTPRoute `timeouts.request`, ...) in the v1.6.1 CRDs. */
const CRD_PATTERN = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;

/** Milliseconds of a Gateway API duration string, parsed independently of the renderer. */
function parseMillis(text: string): number {
  const perUnit: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };
  let total = 0;
  for (const [, digits, unit] of text.matchAll(/([0-9]+)(ms|h|m|s)/g)) total += Number(digits) * perUnit[unit];
  return total;
}

/** 99999h99999m99999s99999ms, the longest duration the CRD pattern admits, in milliseconds (written out by hand). */
const LONGEST = 366_096_438_999; // 359996400000 + 5999940000 + 99999000 + 99999

describe('toGatewayDuration', () => {
  test.each([
    [Duration.seconds(0), '0s'],
    [Duration.millis(500), '500ms'],
    [Duration.seconds(10), '10s'],
    [Duration.minutes(90), '1h30m'],
    [Duration.millis(3_723_004), '1h2m3s4ms'],
    [Duration.days(2), '48h'],
  ])('%s renders as %s', (duration, expected) => {
    expect(toGatewayDuration(duration)).toStrictEqual({ value: expected });
  });

  test.each([
    ['99999h, the largest hour component', Duration.hours(99_999), '99999h'],
    ['99999h59m59s999ms, the longest greedy form', Duration.millis(359_999_999_999), '99999h59m59s999ms'],
    ['100000h carries one hour into minutes', Duration.hours(100_000), '99999h60m'],
    ['100000h1ms', Duration.millis(360_000_000_001), '99999h60m1ms'],
    ['101665h39m is 99999h + 99999m', Duration.minutes(6_099_939), '99999h99999m'],
    ['99999h + 99999m + 1s: the seconds take the rest', Duration.millis(359_996_400_000 + 5_999_940_000 + 1_000), '99999h99999m1s'],
    ['99999h + 99999m + 60s: the minutes are full, so seconds carry', Duration.millis(359_996_400_000 + 5_999_940_000 + 60_000), '99999h99999m60s'],
    ['99999h + 99999m + 99999s + 1000ms', Duration.millis(359_996_400_000 + 5_999_940_000 + 99_999_000 + 1_000), '99999h99999m99999s1000ms'],
    ['the longest duration', Duration.millis(LONGEST), '99999h99999m99999s99999ms'],
  ])('%s', (_name, duration, expected) => {
    expect(toGatewayDuration(duration)).toStrictEqual({ value: expected });
  });

  test('one millisecond more than 99999h99999m99999s99999ms is reported, not thrown', () => {
    expect(toGatewayDuration(Duration.millis(LONGEST + 1))).toStrictEqual({
      error: 'duration 366096439000ms is above the 5-digit limit of Gateway API durations: the longest is 99999h99999m99999s99999ms (366096438999ms)',
    });
    expect(toGatewayDuration(Duration.hours(110_000)).error).toMatch(/^duration 396000000000ms is above the 5-digit limit/);
  });

  test('fractions of a millisecond are reported, not thrown', () => {
    expect(toGatewayDuration(Duration.millis(1.5)).error).toMatch(/duration 1.5ms has a fraction of a millisecond/);
    expect(toGatewayDuration(Duration.millis(LONGEST - 0.5)).error).toMatch(/duration 366096438998.5ms has a fraction of a millisecond/);
    expect(toGatewayDuration(Duration.seconds(0.0005)).error).toMatch(/duration 0.5ms has a fraction of a millisecond/);
  });

  test('every whole number of milliseconds up to the longest renders to a CRD-valid string of the same length of time', () => {
    const millis = fc.oneof(
      fc.integer({ min: 0, max: LONGEST }),
      fc.integer({ min: 359_990_000_000, max: LONGEST }),
      fc.integer({ min: LONGEST - 100_000_000, max: LONGEST }),
      fc.integer({ min: 0, max: 100_000_000 }),
    );
    fc.assert(fc.property(millis, ms => {
      const { value, error } = toGatewayDuration(Duration.millis(ms));
      expect(error).toBeUndefined();
      expect(value).toMatch(CRD_PATTERN);
      expect(parseMillis(value!)).toBe(ms);
    }), { numRuns: 2_000 });
  });

  test('beyond the longest duration, every value is an error', () => {
    fc.assert(fc.property(fc.integer({ min: LONGEST + 1, max: Number.MAX_SAFE_INTEGER }), ms => {
      expect(toGatewayDuration(Duration.millis(ms))).toStrictEqual({
        error: `duration ${ms}ms is above the 5-digit limit of Gateway API durations: the longest is 99999h99999m99999s99999ms (366096438999ms)`,
      });
    }), { numRuns: 200 });
  });

  test('carried durations keep their order under the CRD rule backendRequest <= request', () => {
    const route = (request: string, backendRequest: string) => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'web', namespace: 'ns' },
      spec: { rules: [{ backendRefs: [{ name: 'svc', port: 80 }], timeouts: { request, backendRequest } }] },
    });
    const render = (d: Duration) => toGatewayDuration(d).value!;
    const opts = { crossObject: false };
    // 100000h (99999h60m) is shorter than 100000h1ms (99999h60m1ms), longer than 99999h59m.
    expect(ManifestValidator.validateObjects([route(render(Duration.millis(360_000_000_001)), render(Duration.hours(100_000)))], opts)).toEqual([]);
    expect(ManifestValidator.validateObjects([route('99999h99999m99999s99999ms', render(Duration.millis(LONGEST)))], opts)).toEqual([]);
    const tooLong = ManifestValidator.validateObjects([route(render(Duration.minutes(5_999_999)), render(Duration.hours(100_000)))], opts);
    expect(tooLong.map(r => [r.path, r.code, r.message])).toEqual([
      ['spec.rules[0].timeouts', 'cel', expect.stringMatching(/backendRequest timeout cannot be longer than request timeout/)],
    ]);
  });
});
