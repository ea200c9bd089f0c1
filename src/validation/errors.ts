/**
 * A problem found in one object, before it is turned into a public `ValidationResult`.
 * Messages follow the API server's `field.Error` bodies (`Required value`,
 * `Invalid value: "x": ...`, `Unsupported value: ...`), so they read like `kubectl` output.
 * @internal
 */
export interface Issue {
  /** JSON path of the field, `spec.rules[0].filters[1]`; empty for the object itself. */
  readonly path: string;
  readonly message: string;
  /** The CEL rule, for rule violations and rule errors. */
  readonly rule?: string;
  /**
   * The API server skips CEL rules when an error of this kind exists (type, required, enum,
   * maxLength, maxItems/maxProperties violations).
   */
  readonly blocking?: boolean;
}

/** Appends a property name to a path. @internal */
export function child(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

/** Appends a list index to a path. @internal */
export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

/** Appends a map key to a path. @internal */
export function key(path: string, k: string): string {
  return `${path}[${k}]`;
}

/** Go's `%q` of a string (close enough: JSON escaping with Go's `\x` form for control bytes). @internal */
export function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\\u00([0-9a-f]{2})/g, '\\x$1');
}

/** Go's `%#v` of a decoded JSON value, as `field.Error` prints non-scalar bad values. */
function goSharp(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSharp).join(', ')}}`;
  const keys = Object.keys(v as object).sort();
  return `map[string]interface {}{${keys.map(k => `${goQuote(k)}:${goSharp((v as any)[k])}`).join(', ')}}`;
}

/** How `field.Error` prints a bad value. @internal */
export function badValue(v: unknown): string {
  if (v === null || v === undefined) return '"null"';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return goSharp(v);
}

/** The JSON type name of a value, as the OpenAPI validator reports it. @internal */
export function jsonType(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** @internal */
export const issues = {
  required: (path: string, detail?: string): Issue =>
    ({ path, message: detail ? `Required value: ${detail}` : 'Required value', blocking: true }),
  notSupported: (path: string, value: unknown, allowed: readonly unknown[]): Issue => ({
    path,
    message: `Unsupported value: ${badValue(value)}: supported values: ${allowed
      .map(a => goQuote(typeof a === 'string' ? a : JSON.stringify(a))).join(', ')}`,
    blocking: true,
  }),
  tooLong: (path: string, max: number): Issue =>
    ({ path, message: `Too long: may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}`, blocking: true }),
  tooMany: (path: string, actual: number, max: number): Issue =>
    ({ path, message: `Too many: ${actual}: must have at most ${max} ${max === 1 ? 'item' : 'items'}`, blocking: true }),
  typeInvalid: (path: string, value: unknown, detail: string): Issue =>
    ({ path, message: `Invalid value: ${badValue(value)}: ${detail}`, blocking: true }),
  invalid: (path: string, value: unknown, detail: string, rule?: string): Issue =>
    ({ path, message: `Invalid value: ${badValue(value)}: ${detail}`, rule }),
  duplicate: (path: string, value: unknown): Issue => ({ path, message: `Duplicate value: ${badValue(value)}` }),
  unknownField: (path: string): Issue => ({ path, message: `unknown field "${path}"` }),
};

/** How the OpenAPI validator names a field inside its messages (`spec.x in body ...`). @internal */
export function inBody(path: string): string {
  return path === '' ? 'body' : `${path} in body`;
}
