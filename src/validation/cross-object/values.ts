/*
 * Accessors that tolerate schema-invalid input: every cross-object check runs on objects the
 * schema may have rejected too, so no field is trusted to have its declared type.
 */

/** @internal */
export const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/** @internal */
export function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value if it is an array, else an empty one. @internal */
export function arr(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}

/** The value if it is a non-empty string. @internal */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The value if it is a string (possibly empty). @internal */
export function strOrEmpty(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The value if it is an integer. @internal */
export function int(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

/**
 * The same string for equal strings (kinds, groups and namespaces repeat in every object).
 * @internal
 */
export class Strings {
  private readonly seen = new Map<string, string>();

  /** The first string equal to `s` given to this table. */
  public get(s: string): string {
    const known = this.seen.get(s);
    if (known !== undefined) return known;
    this.seen.set(s, s);
    return s;
  }
}

/**
 * One value per key: equal facts of many objects (the same parents, the same matches) are kept once.
 * @internal
 */
export class Shared {
  private readonly values = new Map<string, unknown>();

  /** The value made for `key` the first time; `make` is called only then. */
  public get<T>(key: string, make: () => T): T {
    let v = this.values.get(key) as T | undefined;
    if (v === undefined) {
      v = make();
      this.values.set(key, v);
    }
    return v;
  }
}
