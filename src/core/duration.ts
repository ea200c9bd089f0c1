import { Duration } from 'cdk8s';

const UNITS: ReadonlyArray<[string, number]> = [['h', 3_600_000], ['m', 60_000], ['s', 1_000], ['ms', 1]];

/** The largest number a component of a Gateway API duration can hold (1 to 5 digits). */
const MAX_COMPONENT = 99_999;

/** 99999h99999m99999s99999ms, the longest duration a Gateway API duration string can express. */
const MAX_MILLIS = UNITS.reduce((sum, [, ms]) => sum + MAX_COMPONENT * ms, 0);

/**
 * Renders a duration in Gateway API form (GEP-2257): `10s`, `1h30m`, `500ms`, `0s`.
 *
 * The CRDs accept up to four components of 1 to 5 digits each
 * (`^([0-9]{1,5}(h|m|s|ms)){1,4}$`). A duration is written greedily from hours down to
 * milliseconds; when a component would exceed 99999, the excess is carried into the next
 * unit (`100000h` is written `99999h60m`), so every duration up to 99999h99999m99999s99999ms
 * renders to a string that denotes exactly the same number of milliseconds.
 *
 * Returns an error message instead of a value when the duration cannot be expressed
 * (fractions of a millisecond, or longer than 99999h99999m99999s99999ms; cdk8s already
 * rejects negative values).
 * @internal
 */
export function toGatewayDuration(duration: Duration): { value?: string; error?: string } {
  const total = duration.toMilliseconds({ integral: false });
  if (!Number.isInteger(total)) {
    return { error: `duration ${total}ms has a fraction of a millisecond; Gateway API durations resolve to whole milliseconds` };
  }
  if (total > MAX_MILLIS) {
    return { error: `duration ${total}ms is above the 5-digit limit of Gateway API durations: the longest is 99999h99999m99999s99999ms (${MAX_MILLIS}ms)` };
  }
  if (total === 0) {
    return { value: '0s' };
  }
  let rest = total;
  let out = '';
  for (const [unit, ms] of UNITS) {
    const n = Math.min(Math.floor(rest / ms), MAX_COMPONENT);
    rest -= n * ms;
    if (n > 0) {
      out += `${n}${unit}`;
    }
  }
  return { value: out };
}

const NGINX_UNITS: ReadonlyArray<[string, number]> = [['h', 3_600_000], ['m', 60_000], ['s', 1_000], ['ms', 1]];

/**
 * Renders a duration in nginx's form as NGINX Gateway Fabric's CRDs accept it: 1 to 4 digits
 * and one unit (`^[0-9]{1,4}(ms|s|m|h)?$`), in the largest unit that divides it exactly
 * (`60s`, `5m`, `500ms`). A duration that needs more than 4 digits in every exact unit is an
 * error.
 * @internal
 */
export function toNginxDuration(duration: Duration): { value?: string; error?: string } {
  const total = duration.toMilliseconds({ integral: false });
  if (!Number.isInteger(total)) {
    return { error: `duration ${total}ms has a fraction of a millisecond` };
  }
  if (total === 0) return { value: '0s' };
  for (const [unit, ms] of NGINX_UNITS) {
    if (total % ms === 0 && total / ms <= 9999) return { value: `${total / ms}${unit}` };
  }
  return { error: `duration ${total}ms cannot be written as an nginx duration of at most 4 digits and one unit (the CRD pattern ^[0-9]{1,4}(ms|s|m|h)?$); round it to whole seconds, minutes or hours` };
}
