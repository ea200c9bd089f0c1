import { child, goQuote, inBody, index, Issue, issues, jsonType, key } from './errors';
import { STRING_FORMATS } from './formats';
import { canonicalJson, prepare, SchemaNode } from './schema';

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

function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * Validates a value against a schema node. `lists` receives list-type errors; it is undefined
 * inside `allOf`/`anyOf`/`oneOf`/`not` branches, which hold value validations only.
 * @internal
 */
export function validateNode(schema: SchemaNode, value: unknown, path: string, errs: Issue[], lists: Issue[] | undefined): void {
  if (value === undefined) return;
  if (value === null) {
    if (!schema.nullable && (schema.type || schema['x-kubernetes-int-or-string'])) {
      errs.push(issues.typeInvalid(path, null, `${inBody(path)} must be of type ${schema.type ?? 'integer,string'}: "null"`));
    }
    return;
  }
  if (schema['x-kubernetes-int-or-string']) {
    if (!typeMatches('integer', value) && typeof value !== 'string') {
      errs.push(issues.typeInvalid(path, value, `${inBody(path)} must be of type integer,string: "${jsonType(value)}"`));
      return;
    }
  } else if (schema.type && !typeMatches(schema.type, value)) {
    errs.push(issues.typeInvalid(path, value, `${inBody(path)} must be of type ${schema.type}: "${jsonType(value)}"`));
    return;
  }
  const p = prepare(schema);
  if (p.enumKeys && !p.enumKeys.has(canonicalJson(value))) errs.push(issues.notSupported(path, value, schema.enum!));

  if (typeof value === 'string') {
    validateString(schema, value, path, errs);
  } else if (typeof value === 'number') {
    validateNumber(schema, value, path, errs);
  } else if (Array.isArray(value)) {
    validateArray(schema, value, path, errs, lists);
  } else if (typeof value === 'object') {
    validateObject(schema, value as Record<string, unknown>, path, errs, lists);
  }
  validateJunctions(schema, value, path, errs);
}

function validateString(schema: SchemaNode, value: string, path: string, errs: Issue[]): void {
  if (schema.maxLength !== undefined || schema.minLength !== undefined) {
    const n = codePoints(value);
    if (schema.maxLength !== undefined && n > schema.maxLength) errs.push(issues.tooLong(path, schema.maxLength));
    if (schema.minLength !== undefined && n < schema.minLength) {
      errs.push(issues.invalid(path, value, `${inBody(path)} should be at least ${schema.minLength} chars long`));
    }
  }
  const p = prepare(schema);
  if (p.pattern && !p.pattern(value)) errs.push(issues.invalid(path, value, `${inBody(path)} should match '${schema.pattern}'`));
  const check = schema.format !== undefined ? STRING_FORMATS[schema.format] : undefined;
  if (check && !check(value)) errs.push(issues.invalid(path, value, `${inBody(path)} must be of type ${schema.format}: ${goQuote(value)}`));
}

function validateNumber(schema: SchemaNode, value: number, path: string, errs: Issue[]): void {
  if (schema.maximum !== undefined) {
    if (schema.exclusiveMaximum ? value >= schema.maximum : value > schema.maximum) {
      const op = schema.exclusiveMaximum ? 'less than' : 'less than or equal to';
      errs.push(issues.invalid(path, value, `${inBody(path)} should be ${op} ${goFloat(schema.maximum)}`));
    }
  }
  if (schema.minimum !== undefined) {
    if (schema.exclusiveMinimum ? value <= schema.minimum : value < schema.minimum) {
      const op = schema.exclusiveMinimum ? 'greater than' : 'greater than or equal to';
      errs.push(issues.invalid(path, value, `${inBody(path)} should be ${op} ${goFloat(schema.minimum)}`));
    }
  }
  if (schema.multipleOf !== undefined && schema.multipleOf > 0) {
    const q = value / schema.multipleOf;
    if (Math.abs(q - Math.round(q)) > 1e-9) {
      errs.push(issues.invalid(path, value, `${inBody(path)} should be a multiple of ${goFloat(schema.multipleOf)}`));
    }
  }
}

function validateArray(schema: SchemaNode, value: unknown[], path: string, errs: Issue[], lists: Issue[] | undefined): void {
  if (schema.maxItems !== undefined && value.length > schema.maxItems) errs.push(issues.tooMany(path, value.length, schema.maxItems));
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    errs.push(issues.invalid(path, value, `${inBody(path)} should have at least ${schema.minItems} items`));
  }
  if (schema.uniqueItems) {
    const seen = new Set<string>();
    for (const v of value) {
      const k = canonicalJson(v);
      if (seen.has(k)) {
        errs.push(issues.invalid(path, value, `${inBody(path)} shouldn't contain duplicates`));
        break;
      }
      seen.add(k);
    }
  }
  if (schema.items) value.forEach((v, i) => validateNode(schema.items!, v, index(path, i), errs, lists));
  if (lists) {
    const listType = schema['x-kubernetes-list-type'];
    if (listType === 'set') validateListSet(value, path, lists);
    else if (listType === 'map') validateListMap(schema, value, path, lists);
  }
}

function validateObject(schema: SchemaNode, value: Record<string, unknown>, path: string, errs: Issue[], lists: Issue[] | undefined): void {
  const count = Object.keys(value).length;
  if (schema.maxProperties !== undefined && count > schema.maxProperties) errs.push(issues.tooMany(path, count, schema.maxProperties));
  if (schema.minProperties !== undefined && count < schema.minProperties) {
    errs.push(issues.invalid(path, value, `${inBody(path)} should have at least ${schema.minProperties} properties`));
  }
  for (const r of schema.required ?? []) {
    if (value[r] === undefined) errs.push(issues.required(child(path, r)));
  }
  const props = schema.properties;
  if (props) {
    for (const name of prepare(schema).propNames) {
      if (value[name] !== undefined) validateNode(props[name], value[name], child(path, name), errs, lists);
    }
  }
  const addl = schema.additionalProperties;
  if (typeof addl === 'object') {
    for (const k of Object.keys(value)) {
      if (!props?.[k]) validateNode(addl, value[k], key(path, k), errs, lists);
    }
  }
}

function branchErrors(schema: SchemaNode, value: unknown, path: string): Issue[] {
  const errs: Issue[] = [];
  validateNode(schema, value, path, errs, undefined);
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

function validateJunctions(schema: SchemaNode, value: unknown, path: string, errs: Issue[]): void {
  if (schema.allOf) {
    const sub = schema.allOf.map(s => branchErrors(s, value, path));
    if (sub.some(e => e.length > 0)) {
      errs.push(issues.invalid(path, value, `${inBody(path)} must validate all the schemas (allOf)`));
      for (const e of sub) errs.push(...e);
    }
  }
  if (schema.anyOf) {
    const sub = schema.anyOf.map(s => branchErrors(s, value, path));
    if (!sub.some(e => e.length === 0)) {
      errs.push(issues.invalid(path, value, `${inBody(path)} must validate at least one schema (anyOf)`));
      errs.push(...closest(schema.anyOf, sub, value, path));
    }
  }
  if (schema.oneOf) {
    const sub = schema.oneOf.map(s => branchErrors(s, value, path));
    const valid = sub.filter(e => e.length === 0).length;
    if (valid !== 1) {
      const found = valid === 0 ? 'Found none valid' : `Found ${valid} valid alternatives`;
      errs.push(issues.invalid(path, value, `${inBody(path)} must validate one and only one schema (oneOf). ${found}`));
      if (valid === 0) errs.push(...closest(schema.oneOf, sub, value, path));
    }
  }
  if (schema.not && branchErrors(schema.not, value, path).length === 0) {
    errs.push(issues.invalid(path, value, `${inBody(path)} must not validate the schema (not)`));
  }
}

/** `x-kubernetes-list-type: set`: each repeated value is reported once, at the list. */
function validateListSet(value: unknown[], path: string, out: Issue[]): void {
  const seen = new Map<string, number>();
  for (const v of value) {
    const k = canonicalJson(v);
    const times = seen.get(k) ?? 0;
    seen.set(k, times + 1);
    if (times === 1) out.push(issues.duplicate(path, v));
  }
}

const UNSPECIFIED = '\u0000unspecified';

/** `x-kubernetes-list-type: map`: items are objects, unique on the list-map keys. */
function validateListMap(schema: SchemaNode, value: unknown[], path: string, out: Issue[]): void {
  let bad = false;
  value.forEach((v, i) => {
    if (v !== null && (typeof v !== 'object' || Array.isArray(v))) {
      out.push(issues.invalid(index(path, i), v, 'must be an object for an array of list-type map'));
      bad = true;
    }
  });
  if (bad) return;
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
      out.push(issues.duplicate(index(path, i), shown));
    } else {
      seen.add(id);
    }
  });
}
