/** Small fast-check combinators the generators share (none depends on the noise level). */
import * as fc from 'fast-check';

/** `arb`, or (one draw in `freq`) undefined. */
export function maybe<T>(arb: fc.Arbitrary<T>, freq = 2): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined, freq });
}

/** One of the given lists (a fresh mutable copy). */
export function lists<T>(...values: T[][]): fc.Arbitrary<T[]> {
  return fc.constantFrom(...values).map(v => [...v]);
}

/** The union of two generated records. */
export function merge<A extends object, B extends object>(a: fc.Arbitrary<A>, b: fc.Arbitrary<B>): fc.Arbitrary<A & B> {
  return fc.tuple(a, b).map(([x, y]) => stripUndefined({ ...x, ...y }));
}

/** Drops keys whose value is undefined, so descriptions print compactly. */
export function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** `limit - 1`, `limit` or `limit + 1` entries: the CRD's maxItems and the construct's check meet here. */
export function around<T>(limit: number, make: (i: number) => T): fc.Arbitrary<T[]> {
  return fc.integer({ min: limit - 1, max: limit + 1 }).map(n => Array.from({ length: n }, (_, i) => make(i)));
}
