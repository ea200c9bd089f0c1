/** The differential run's randomness: one seed replays a run. */
/* eslint-disable no-bitwise */ // mulberry32 is bit arithmetic

/** A small deterministic PRNG (mulberry32). */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  public next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  public int(n: number): number {
    return Math.floor(this.next() * n);
  }
  public pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  public chance(p: number): boolean {
    return this.next() < p;
  }
}
