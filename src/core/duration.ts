import { Duration } from 'cdk8s';

const UNITS: ReadonlyArray<[string, number]> = [['h', 3_600_000], ['m', 60_000], ['s', 1_000], ['ms', 1]];

/**
 * Renders a duration in Gateway API form (GEP-2257): `10s`, `1h30m`, `500ms`, `0s`.
 *
 * Returns an error message instead of a value when the duration cannot be expressed
 * (fractions of a millisecond, a component above 99999; cdk8s already rejects negative values).
 * @internal
 */
export function toGatewayDuration(duration: Duration): { value?: string; error?: string } {
  const total = duration.toMilliseconds({ integral: false });
  if (!Number.isInteger(total)) {
    return { error: `duration ${total}ms has a fraction of a millisecond; Gateway API durations resolve to whole milliseconds` };
  }
  if (total === 0) {
    return { value: '0s' };
  }
  let rest = total;
  let out = '';
  for (const [unit, ms] of UNITS) {
    const n = Math.floor(rest / ms);
    rest -= n * ms;
    if (n > 0) {
      if (n > 99_999) {
        return { error: `duration ${total}ms needs ${n}${unit}, above the 5-digit limit of Gateway API durations` };
      }
      out += `${n}${unit}`;
    }
  }
  return { value: out };
}
