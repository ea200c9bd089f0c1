import { Backend } from '../core/backend';
import { throwIn } from '../core/errors';

/** The largest value of an int32 field (fraction numerator and denominator). */
const INT32_MAX = 2147483647;

/**
 * Options of a `RequestMirror` filter.
 */
export interface MirrorOptions {
  /**
   * Percentage of requests to mirror, 0-100. Exclusive with `fraction`.
   * @default - every request (unless `fraction` is set)
   */
  readonly percent?: number;
  /**
   * Fraction of requests to mirror, as numerator/denominator. Exclusive with `percent`.
   * @default - every request (unless `percent` is set)
   */
  readonly fraction?: MirrorFraction;
}

/**
 * A fraction of requests: numerator / denominator.
 */
export interface MirrorFraction {
  /** Numerator, 0 or more and at most the denominator. */
  readonly numerator: number;
  /**
   * Denominator, 1 to 2147483647 (an int32).
   * @default 100
   */
  readonly denominator?: number;
}

/**
 * Renders and checks a `requestMirror` object.
 * @internal
 */
export function renderMirror(factory: string, backend: Backend, options: MirrorOptions): any {
  if (backend.weight !== undefined || backend.filters.length > 0) {
    throwIn(factory, `the mirror backend ${backend._describe()} cannot have a weight or filters`);
  }
  if (options.percent !== undefined && options.fraction !== undefined) {
    throwIn(factory, 'percent and fraction are exclusive; pass one');
  }
  if (options.percent !== undefined && (!Number.isInteger(options.percent) || options.percent < 0 || options.percent > 100)) {
    throwIn(factory, `percent ${options.percent} must be an integer in 0-100`);
  }
  let fraction: any;
  if (options.fraction) {
    const numerator = options.fraction.numerator;
    const denominator = options.fraction.denominator ?? 100;
    if (!Number.isInteger(denominator) || denominator < 1 || denominator > INT32_MAX) {
      throwIn(factory, `fraction denominator ${denominator} must be an integer in 1-${INT32_MAX} (an int32)`);
    }
    if (!Number.isInteger(numerator) || numerator < 0 || numerator > denominator) {
      throwIn(factory, `fraction numerator ${numerator} must be an integer in 0-${denominator}`);
    }
    fraction = { numerator, denominator };
  }
  return { backendRef: backend._toKube(), percent: options.percent, fraction };
}
