import { Duration, Size } from 'cdk8s';
import { toNginxDuration } from '../../core/duration';
import { sizeInBytes, toNginxSize } from '../../core/size';

/**
 * Value conversions shared by the NGINX Gateway Fabric constructs: `cdk8s.Duration` and
 * `cdk8s.Size` to the nginx forms the v2.6.7 CRDs accept (`^[0-9]{1,4}(ms|s|m|h)?$`,
 * `^\d{1,4}(k|m|g)?$`), and integer range checks. Each takes the construct's `_fail` (or a
 * factory's `throwIn`) so that the error names the construct, the field and the value.
 * @internal
 */

/** The largest value of an int32 field. */
export const INT32_MAX = 2147483647;

/** Throws with the given message; bound to a construct's `_fail` or a factory's `throwIn`. */
export type Fail = (message: string) => never;

/**
 * Options of `nginxDuration`.
 * @internal
 */
export interface NginxDurationOptions {
  /**
   * Reject a zero duration: nginx applies a zero timeout literally (the read, write or connect
   * times out at once; `ngx_add_timer` with 0), so a zero never means "no timeout".
   */
  readonly positive?: boolean;
}

/**
 * Renders a duration in nginx form, or fails naming the field.
 * @internal
 */
export function nginxDuration(fail: Fail, field: string, duration: Duration | undefined, options: NginxDurationOptions = {}): string | undefined {
  if (duration === undefined) return undefined;
  const { value, error } = toNginxDuration(duration);
  if (value === undefined) fail(`${field}: ${error}`);
  if (options.positive && value === '0s') {
    fail(`${field}: a zero timeout makes nginx time out at once (nginx has no "no timeout" value); set a positive duration`);
  }
  return value;
}

/**
 * Renders a non-zero size in nginx form, or fails naming the field.
 * @internal
 */
export function nginxSize(fail: Fail, field: string, size: Size | undefined): string | undefined {
  if (size === undefined) return undefined;
  if (sizeInBytes(size).bytes === 0) {
    fail(`${field}: the size is 0; set a positive size`);
  }
  const { value, error } = toNginxSize(size);
  if (value === undefined) fail(`${field}: ${error}`);
  return value;
}

/**
 * Checks that a number is an integer in `[min, max]`, or fails naming the field.
 * @internal
 */
export function checkInteger(fail: Fail, field: string, value: number | undefined, min: number, max: number = INT32_MAX): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(`${field}: ${value} is not an integer in ${min}-${max}`);
  }
  return value;
}
