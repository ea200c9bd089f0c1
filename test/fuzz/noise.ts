/**
 * Noise: how often the generators draw a near-invalid value (one character off a pattern, one
 * past a limit, a wrong case, an IP where a DNS name belongs, an empty list where one entry is
 * required) instead of a valid one.
 */
import * as fc from 'fast-check';

/**
 * Noise levels: the weight of a near-invalid value against 300 for a valid one. An app draws
 * a few hundred values, so a clean app has none (only structural conflicts), a rare-noise
 * app about one, a normal one a few and a high-noise one many (it fails at the first).
 */
export const NOISE = { clean: 0, rare: 1, normal: 3, high: 10 } as const;

/**
 * One noise level: a near-invalid value is drawn with weight `level` against `10 * ratio` for a
 * valid one (`ratio` is 30 unless a call site says otherwise), so level 0 gives only valid
 * values and level 3 about one in a hundred.
 */
export interface Noise {
  readonly level: number;
  /** Mostly `valid`, sometimes `nearInvalid`. */
  near<A, B>(valid: fc.Arbitrary<A>, nearInvalid: fc.Arbitrary<B>, ratio?: number): fc.Arbitrary<A | B>;
}

export function noiseAt(level: number): Noise {
  function near<A, B>(valid: fc.Arbitrary<A>, nearInvalid: fc.Arbitrary<B>, ratio = 30): fc.Arbitrary<A | B> {
    if (level === 0) return valid;
    return fc.oneof(
      { weight: 10 * ratio, arbitrary: valid as fc.Arbitrary<A | B> },
      { weight: level, arbitrary: nearInvalid as fc.Arbitrary<A | B> },
    );
  }
  return { level, near };
}
