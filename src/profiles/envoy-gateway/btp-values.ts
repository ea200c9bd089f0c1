import { Duration, Size } from 'cdk8s';
import { toGatewayDuration } from '../../core/duration';
import { toQuantity } from '../../core/size';

/**
 * Reports an error about one field; throws (never returns).
 * @internal
 */
export type Fail = (message: string) => never;

/** The largest `int32`, the bound of the CRDs' `format: int32` integers. @internal */
export const MAX_INT32 = 2_147_483_647;

/** The largest `uint32`. @internal */
export const MAX_UINT32 = 4_294_967_295;

/**
 * Renders a duration in the Gateway API form that Envoy Gateway's CRDs require
 * (`^([0-9]{1,5}(h|m|s|ms)){1,4}$`), or fails naming the field.
 * @internal
 */
export function egDuration(field: string, duration: Duration, fail: Fail, options: { positive?: boolean } = {}): string {
  const { value, error } = toGatewayDuration(duration);
  if (value === undefined) return fail(`${field}: ${error}`);
  if (options.positive && value === '0s') {
    return fail(`${field} is 0s; it must be longer than zero`);
  }
  return value;
}

/**
 * Renders a size as the positive Kubernetes quantity that Envoy Gateway's CRDs require
 * (`^[1-9]+[0-9]*([EPTGMK]i|[EPTGMk])?$`, e.g. `1Mi`), or fails naming the field.
 * @internal
 */
export function egQuantity(field: string, size: Size, fail: Fail): string {
  const { value, error } = toQuantity(size);
  if (value === undefined) return fail(`${field}: ${error}`);
  if (value === '0') {
    return fail(`${field} is 0 bytes; it must be at least 1 byte (the CRD pattern ^[1-9]+[0-9]*([EPTGMK]i|[EPTGMk])?$)`);
  }
  return value;
}

/**
 * Checks that a number is an integer within `min`-`max`, or fails naming the field.
 * @internal
 */
export function checkInteger(field: string, value: number, min: number, max: number, fail: Fail): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    return fail(`${field} is ${value}; it must be a whole number ${min}-${max}`);
  }
  return value;
}

/**
 * The items of a list without repeats, in first-seen order.
 * @internal
 */
export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
