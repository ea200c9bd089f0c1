/**
 * A deep copy of a JSON value (what `JSON.parse(JSON.stringify(value))` gives for a value that
 * is already plain JSON: no undefined, functions or class instances), without the round trip
 * through text.
 * @internal
 */
export function copyJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copyJson(value[i]);
    return out as unknown as T;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copyJson((value as Record<string, unknown>)[key]);
  return out as T;
}

/** Thrown by `roundTrip` on a value that is not plain JSON (JSON.stringify then decides). */
const NOT_PLAIN = Symbol('not plain JSON');

/**
 * `JSON.parse(JSON.stringify(value))` without the round trip through text, for the plain JSON
 * values built by this library's factories: undefined properties are dropped, undefined array
 * items become null, -0 becomes 0. Anything else (non-finite numbers, class instances,
 * `toJSON`, functions, symbols, bigints, a `__proto__` key) takes the real round trip, so the
 * result is always the same as the round trip's.
 * @internal
 */
export function jsonRoundTrip<T>(value: T): T {
  try {
    const out = roundTrip(value, false);
    if (out !== undefined) return out as T;
  } catch {
    // not plain JSON (or a cycle): the round trip decides, and throws what it throws
  }
  return JSON.parse(JSON.stringify(value));
}

function roundTrip(v: unknown, inArray: boolean): unknown {
  if (v === null) return null;
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      if (!Number.isFinite(v)) throw NOT_PLAIN;
      return v === 0 ? 0 : v;
    case 'undefined':
      return inArray ? null : undefined;
    case 'object':
      break;
    default:
      throw NOT_PLAIN;
  }
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype) throw NOT_PLAIN;
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = roundTrip(v[i], true);
    return out;
  }
  if (Object.getPrototypeOf(v) !== Object.prototype || 'toJSON' in (v as object)) throw NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v as object)) {
    if (key === '__proto__') throw NOT_PLAIN;
    const x = roundTrip((v as Record<string, unknown>)[key], false);
    if (x !== undefined) out[key] = x;
  }
  return out;
}
