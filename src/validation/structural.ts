import { child, goQuote, inBody, index, Issue, issues, jsonType } from './errors';
import { STRING_FORMATS } from './formats';
import { PathStack } from './path-stack';
import { canonicalJson, hasOwn, prepare, PreparedNode, propertyOf, SchemaNode } from './schema';
import { charLength } from '../core/formats';

/*
 * OpenAPI v3 validation of a decoded (pruned, defaulted) custom resource, as kube-openapi and
 * the apiextensions list-type check do it: type, enum, string length (in characters), pattern,
 * formats, numeric bounds, item counts, property counts, required, allOf/anyOf/oneOf/not, and
 * `x-kubernetes-list-type` set/map uniqueness. Messages are the API server's.
 */

/** Go's `%v` of a float64 (`1e+06`, `65535`, `0.5`). */
function goFloat(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return String(v);
  const [mantissa, exp] = v.toExponential().split('e');
  const e = Number(exp);
  if (e < -4 || e >= 6) {
    const sign = e < 0 ? '-' : '+';
    const digits = String(Math.abs(e)).padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  return String(v);
}

function typeMatches(t: string, v: unknown): boolean {
  switch (t) {
    case 'object': return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array': return Array.isArray(v);
    case 'string': return typeof v === 'string';
    case 'integer': return typeof v === 'number' && Number.isInteger(v);
    case 'number': return typeof v === 'number';
    case 'boolean': return typeof v === 'boolean';
    default: return true;
  }
}

/**
 * Validates a value against a schema node. `lists` receives list-type errors; it is undefined
 * inside `allOf`/`anyOf`/`oneOf`/`not` branches, which hold value validations only.
 * @internal
 */
export function validateNode(schema: SchemaNode, value: unknown, path: string, errs: Issue[], lists: Issue[] | undefined): void {
  validateAt(checkerOf(schema), value, new PathStack(path), errs, lists);
}

/**
 * What validating a value at a schema node needs of it, read once per node (schema nodes come
 * in many shapes; a checker has one) with its children's checkers made on first use.
 */
class Checker {
  public readonly p: PreparedNode;
  /** A `null` value is an error here. */
  public readonly nullError: boolean;
  public readonly intOrString: boolean;
  public readonly type: string | undefined;
  /** String enum members, for the common case of a string value (exact: see `validateAt`). */
  public readonly stringEnum: ReadonlySet<string> | undefined;
  public readonly hasLength: boolean;
  public readonly format: ((s: string) => boolean) | undefined;
  public readonly arrayBounds: boolean;
  public readonly listType: string | undefined;
  public readonly objectBounds: boolean;
  public readonly required: readonly string[] | undefined;
  public readonly junctions: boolean;
  private _props?: ReadonlyArray<readonly [string, Checker]>;
  private _items?: Checker | null;
  private _addl?: Checker | null;

  constructor(public readonly schema: SchemaNode) {
    this.p = prepare(schema);
    this.intOrString = schema['x-kubernetes-int-or-string'] === true;
    this.type = schema.type;
    this.nullError = !schema.nullable && (!!schema.type || !!schema['x-kubernetes-int-or-string']);
    this.stringEnum = schema.enum ? new Set(schema.enum.filter((m): m is string => typeof m === 'string')) : undefined;
    this.hasLength = schema.maxLength !== undefined || schema.minLength !== undefined;
    this.format = schema.format !== undefined && hasOwn(STRING_FORMATS, schema.format) ? STRING_FORMATS[schema.format] : undefined;
    this.arrayBounds = schema.maxItems !== undefined || schema.minItems !== undefined || !!schema.uniqueItems;
    this.listType = schema['x-kubernetes-list-type'];
    this.objectBounds = schema.maxProperties !== undefined || schema.minProperties !== undefined;
    this.required = schema.required && schema.required.length > 0 ? schema.required : undefined;
    this.junctions = !!(schema.allOf || schema.anyOf || schema.oneOf || schema.not);
  }

  /** The declared properties with their checkers, in schema order. */
  public get props(): ReadonlyArray<readonly [string, Checker]> {
    const props = this.schema.properties;
    return this._props ??= props ? this.p.propNames.map(n => [n, checkerOf(props[n])] as const) : [];
  }

  public get items(): Checker | undefined {
    if (this._items === undefined) this._items = this.schema.items ? checkerOf(this.schema.items) : null;
    return this._items ?? undefined;
  }

  /** The checker of `additionalProperties` when it is a schema. */
  public get addl(): Checker | undefined {
    if (this._addl === undefined) {
      const addl = this.schema.additionalProperties;
      this._addl = typeof addl === 'object' ? checkerOf(addl) : null;
    }
    return this._addl ?? undefined;
  }
}

const checkers = new WeakMap<SchemaNode, Checker>();

function checkerOf(schema: SchemaNode): Checker {
  let c = checkers.get(schema);
  if (!c) {
    c = new Checker(schema);
    checkers.set(schema, c);
  }
  return c;
}

/** `validateNode` at the node `at` points to; path strings are built only for problems. */
function validateAt(c: Checker, value: unknown, at: PathStack, errs: Issue[], lists: Issue[] | undefined): void {
  if (value === undefined) return;
  const schema = c.schema;
  if (value === null) {
    if (c.nullError) {
      const path = at.toString();
      errs.push(issues.typeInvalid(path, null, `${inBody(path)} must be of type ${schema.type ?? 'integer,string'}: "null"`));
    }
    return;
  }
  if (c.intOrString) {
    if (!typeMatches('integer', value) && typeof value !== 'string') {
      const path = at.toString();
      errs.push(issues.typeInvalid(path, value, `${inBody(path)} must be of type integer,string: "${jsonType(value)}"`));
      return;
    }
  } else if (c.type && !typeMatches(c.type, value)) {
    const path = at.toString();
    errs.push(issues.typeInvalid(path, value, `${inBody(path)} must be of type ${c.type}: "${jsonType(value)}"`));
    return;
  }
  const p = c.p;
  if (p.enumKeys) {
    // The canonical JSON of a string is its JSON string, which only a string member has.
    const member = typeof value === 'string' ? c.stringEnum!.has(value) : p.enumKeys.has(canonicalJson(value));
    if (!member) errs.push(issues.notSupported(at.toString(), value, schema.enum!));
  }

  if (typeof value === 'string') {
    validateString(c, value, at, errs);
  } else if (typeof value === 'number') {
    validateNumber(schema, value, at, errs);
  } else if (Array.isArray(value)) {
    validateArray(c, value, at, errs, lists);
  } else if (typeof value === 'object') {
    validateObject(c, value as Record<string, unknown>, at, errs, lists);
  }
  if (c.junctions) validateJunctions(schema, value, at, errs);
}

function validateString(c: Checker, value: string, at: PathStack, errs: Issue[]): void {
  const schema = c.schema;
  if (c.hasLength) {
    const n = charLength(value);
    if (schema.maxLength !== undefined && n > schema.maxLength) errs.push(issues.tooLong(at.toString(), schema.maxLength));
    if (schema.minLength !== undefined && n < schema.minLength) {
      const path = at.toString();
      errs.push(issues.invalid(path, value, `${inBody(path)} should be at least ${schema.minLength} chars long`));
    }
  }
  const pattern = c.p.pattern;
  if (pattern && !pattern(value)) {
    const path = at.toString();
    errs.push(issues.invalid(path, value, `${inBody(path)} should match '${schema.pattern}'`));
  }
  const check = c.format;
  if (check && !check(value)) {
    const path = at.toString();
    errs.push(issues.invalid(path, value, `${inBody(path)} must be of type ${schema.format}: ${goQuote(value)}`));
  }
}

/** The ranges of the integer formats (a Go `int32`/`int64` field cannot hold a value outside them). */
const INTEGER_RANGES: { readonly [format: string]: readonly [number, number] } = {
  int32: [-2147483648, 2147483647],
  int64: [-9223372036854775808, 9223372036854775807],
};

function validateNumber(schema: SchemaNode, value: number, at: PathStack, errs: Issue[]): void {
  const range = schema.format !== undefined && hasOwn(INTEGER_RANGES, schema.format) ? INTEGER_RANGES[schema.format] : undefined;
  if (range && (value < range[0] || value > range[1] || (schema.format === 'int64' && value === range[1]))) {
    // (2^63 - 1 is not a float64: the literal rounds to 2^63, itself out of range)
    const path = at.toString();
    errs.push(issues.invalid(path, value, `${inBody(path)} must be of type ${schema.format} ` +
      `(${schema.format === 'int32' ? '-2147483648 to 2147483647' : '-9223372036854775808 to 9223372036854775807'})`));
  }
  if (schema.maximum !== undefined) {
    if (schema.exclusiveMaximum ? value >= schema.maximum : value > schema.maximum) {
      const op = schema.exclusiveMaximum ? 'less than' : 'less than or equal to';
      const path = at.toString();
      errs.push(issues.invalid(path, value, `${inBody(path)} should be ${op} ${goFloat(schema.maximum)}`));
    }
  }
  if (schema.minimum !== undefined) {
    if (schema.exclusiveMinimum ? value <= schema.minimum : value < schema.minimum) {
      const op = schema.exclusiveMinimum ? 'greater than' : 'greater than or equal to';
      const path = at.toString();
      errs.push(issues.invalid(path, value, `${inBody(path)} should be ${op} ${goFloat(schema.minimum)}`));
    }
  }
  if (schema.multipleOf !== undefined && schema.multipleOf > 0) {
    const q = value / schema.multipleOf;
    if (Math.abs(q - Math.round(q)) > 1e-9) {
      const path = at.toString();
      errs.push(issues.invalid(path, value, `${inBody(path)} should be a multiple of ${goFloat(schema.multipleOf)}`));
    }
  }
}

function validateArray(c: Checker, value: unknown[], at: PathStack, errs: Issue[], lists: Issue[] | undefined): void {
  const schema = c.schema;
  if (c.arrayBounds) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems) errs.push(issues.tooMany(at.toString(), value.length, schema.maxItems));
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      const path = at.toString();
      errs.push(issues.invalid(path, value, `${inBody(path)} should have at least ${schema.minItems} items`));
    }
    if (schema.uniqueItems && value.length > 1) {
      const seen = new Set<string>();
      for (const v of value) {
        const k = canonicalJson(v);
        if (seen.has(k)) {
          const path = at.toString();
          errs.push(issues.invalid(path, value, `${inBody(path)} shouldn't contain duplicates`));
          break;
        }
        seen.add(k);
      }
    }
  }
  const items = c.items;
  if (items) {
    for (let i = 0; i < value.length; i++) {
      at.index(i);
      validateAt(items, value[i], at, errs, lists);
      at.pop();
    }
  }
  if (lists) {
    const listType = c.listType;
    if (listType === 'set') validateListSet(value, at, lists);
    else if (listType === 'map') validateListMap(schema, value, at, lists);
  }
}

function validateObject(c: Checker, value: Record<string, unknown>, at: PathStack, errs: Issue[], lists: Issue[] | undefined): void {
  const schema = c.schema;
  if (c.objectBounds) {
    const count = Object.keys(value).length;
    if (schema.maxProperties !== undefined && count > schema.maxProperties) errs.push(issues.tooMany(at.toString(), count, schema.maxProperties));
    if (schema.minProperties !== undefined && count < schema.minProperties) {
      const path = at.toString();
      errs.push(issues.invalid(path, value, `${inBody(path)} should have at least ${schema.minProperties} properties`));
    }
  }
  const required = c.required;
  if (required) {
    for (const r of required) {
      if (value[r] === undefined) {
        at.child(r);
        errs.push(issues.required(at.toString()));
        at.pop();
      }
    }
  }
  const props = c.props;
  for (let i = 0; i < props.length; i++) {
    const v = value[props[i][0]];
    if (v !== undefined) {
      at.child(props[i][0]);
      validateAt(props[i][1], v, at, errs, lists);
      at.pop();
    }
  }
  const addl = c.addl;
  if (addl) {
    for (const k of Object.keys(value)) {
      if (!propertyOf(schema, k)) {
        at.key(k);
        validateAt(addl, value[k], at, errs, lists);
        at.pop();
      }
    }
  }
}

function branchErrors(schema: SchemaNode, value: unknown, at: PathStack): Issue[] {
  const errs: Issue[] = [];
  validateAt(checkerOf(schema), value, at, errs, undefined);
  return errs;
}

/**
 * The errors of the failed branch that came closest (most properties of the value validated by
 * it, then fewest errors), reported after a failed `anyOf`/`oneOf` like kube-openapi does.
 */
function closest(branches: readonly SchemaNode[], results: Issue[][], value: unknown, path: string): Issue[] {
  const score = (b: SchemaNode, errs: Issue[]): number => {
    if (typeof value !== 'object' || value === null || !b.properties) return 0;
    return Object.keys(b.properties).filter(p => (value as any)[p] !== undefined &&
      !errs.some(e => e.path === child(path, p) || e.path.startsWith(`${child(path, p)}.`) || e.path.startsWith(`${child(path, p)}[`))).length;
  };
  let best = 0;
  for (let i = 1; i < results.length; i++) {
    const d = score(branches[i], results[i]) - score(branches[best], results[best]);
    if (d > 0 || (d === 0 && results[i].length < results[best].length)) best = i;
  }
  return results[best];
}

function validateJunctions(schema: SchemaNode, value: unknown, at: PathStack, errs: Issue[]): void {
  if (schema.allOf) {
    const sub = schema.allOf.map(s => branchErrors(s, value, at));
    if (sub.some(e => e.length > 0)) {
      const path = at.toString();
      errs.push(issues.invalid(path, value, `${inBody(path)} must validate all the schemas (allOf)`));
      for (const e of sub) errs.push(...e);
    }
  }
  if (schema.anyOf) {
    const sub = schema.anyOf.map(s => branchErrors(s, value, at));
    if (!sub.some(e => e.length === 0)) {
      const path = at.toString();
      errs.push(issues.invalid(path, value, `${inBody(path)} must validate at least one schema (anyOf)`));
      errs.push(...closest(schema.anyOf, sub, value, path));
    }
  }
  if (schema.oneOf) {
    const sub = schema.oneOf.map(s => branchErrors(s, value, at));
    const valid = sub.filter(e => e.length === 0).length;
    if (valid !== 1) {
      const found = valid === 0 ? 'Found none valid' : `Found ${valid} valid alternatives`;
      const path = at.toString();
      errs.push(issues.invalid(path, value, `${inBody(path)} must validate one and only one schema (oneOf). ${found}`));
      if (valid === 0) errs.push(...closest(schema.oneOf, sub, value, path));
    }
  }
  if (schema.not && branchErrors(schema.not, value, at).length === 0) {
    const path = at.toString();
    errs.push(issues.invalid(path, value, `${inBody(path)} must not validate the schema (not)`));
  }
}

/** `x-kubernetes-list-type: set`: each repeated value is reported once, at the list. */
function validateListSet(value: unknown[], at: PathStack, out: Issue[]): void {
  if (value.length < 2) return; // (nothing can repeat)
  const seen = new Map<string, number>();
  for (const v of value) {
    const k = canonicalJson(v);
    const times = seen.get(k) ?? 0;
    seen.set(k, times + 1);
    if (times === 1) out.push(issues.duplicate(at.toString(), v));
  }
}

const UNSPECIFIED = '\u0000unspecified';

/** `x-kubernetes-list-type: map`: items are objects, unique on the list-map keys. */
function validateListMap(schema: SchemaNode, value: unknown[], at: PathStack, out: Issue[]): void {
  let bad = false;
  value.forEach((v, i) => {
    if (v !== null && (typeof v !== 'object' || Array.isArray(v))) {
      out.push(issues.invalid(index(at.toString(), i), v, 'must be an object for an array of list-type map'));
      bad = true;
    }
  });
  if (bad || value.length < 2) return; // (one item cannot repeat keys)
  const keys = schema['x-kubernetes-list-map-keys'] ?? [];
  const seen = new Set<string>();
  value.forEach((v, i) => {
    if (v === null) return;
    const item = v as Record<string, unknown>;
    const tuple: Record<string, unknown> = {};
    for (const k of keys) {
      if (item[k] !== undefined) tuple[k] = item[k];
      else if (schema.items?.properties?.[k]?.default !== undefined) tuple[k] = schema.items.properties[k].default;
      else if (keys.length === 1) tuple[k] = UNSPECIFIED;
    }
    const id = canonicalJson(tuple);
    if (seen.has(id)) {
      const shown = Object.fromEntries(Object.entries(tuple).filter(([, x]) => x !== UNSPECIFIED));
      out.push(issues.duplicate(index(at.toString(), i), shown));
    } else {
      seen.add(id);
    }
  });
}
