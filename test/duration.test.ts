import { Duration } from 'cdk8s';
import { toGatewayDuration } from '../src/core/duration';

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

  test('fractions of a millisecond are reported, not thrown', () => {
    expect(toGatewayDuration(Duration.millis(1.5)).error).toMatch(/duration 1.5ms has a fraction of a millisecond/);
  });

  test('components above 5 digits are reported', () => {
    expect(toGatewayDuration(Duration.hours(100_000)).error).toMatch(/needs 100000h, above the 5-digit limit/);
  });
});
