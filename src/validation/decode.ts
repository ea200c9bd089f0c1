import { Issue, issues } from './errors';
import { decodeObjectMeta } from './objectmeta';
import { PathStack } from './path-stack';
import { propertyOf, SchemaNode, setOwn } from './schema';

/*
 * What the API server does while decoding a custom resource, before validation:
 *
 * 1. unknown fields are pruned; with `kubectl apply`'s strict field validation each one is an
 *    error (`unknown field "spec.foo"`), so they are reported and removed;
 * 2. `null` values of non-nullable properties without a default are dropped;
 * 3. structural defaults are applied to absent (or non-nullable `null`) properties at every
 *    depth, including inside a default just inserted (each default is a deep copy).
 *
 * The input is mutated: callers pass a copy.
 */

const ROOT_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

/**
 * A deep copy of a decoded JSON value.
 * @internal
 */
export function cloneJson<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(cloneJson) as unknown as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    setOwn(out, k, cloneJson((v as any)[k]));
  }
  return out as T;
}

/**
 * A deep copy of a decoded JSON object, with an upper bound of its JSON size in UTF-8 bytes
 * (strings and keys at 6 bytes a UTF-16 unit, `\u001f` being the worst case; scalars at 26
 * bytes), measured while copying so that no second walk is needed.
 * @internal
 */
export function cloneJsonMeasured(v: Record<string, unknown>): { readonly copy: Record<string, unknown>; readonly jsonBound: number } {
  const counter = { bound: 0 };
  const copy = cloneCounting(v, counter) as Record<string, unknown>;
  return { copy, jsonBound: counter.bound };
}

function cloneCounting(v: unknown, counter: { bound: number }): unknown {
  if (typeof v === 'string') {
    counter.bound += v.length * 6 + 3;
    return v;
  }
  if (v === null || typeof v !== 'object') {
    counter.bound += 26;
    return v;
  }
  counter.bound += 2;
  if (Array.isArray(v)) return v.map(x => cloneCounting(x, counter));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    counter.bound += k.length * 6 + 4;
    setOwn(out, k, cloneCounting((v as any)[k], counter));
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What decoding needs of a schema node, derived once per node. */
interface DecodeFacts {
  /** Unknown properties are kept (preserve-unknown-fields, additionalProperties). */
  readonly keepUnknown: boolean;
  /** The properties with a default, in schema order. */
  readonly defaults: readonly (readonly [string, SchemaNode])[];
}

const facts = new WeakMap<SchemaNode, DecodeFacts>();

function decodeFacts(schema: SchemaNode): DecodeFacts {
  let f = facts.get(schema);
  if (!f) {
    const props = schema.properties;
    const addl = schema.additionalProperties;
    f = {
      keepUnknown: schema['x-kubernetes-preserve-unknown-fields'] === true || addl === true || typeof addl === 'object',
      defaults: props ? Object.keys(props).filter(k => props[k].default !== undefined).map(k => [k, props[k]] as const) : [],
    };
    facts.set(schema, f);
  }
  return f;
}

/**
 * Prunes, reports unknown fields and applies defaults, in place.
 * @internal
 */
export function decodeObject(schema: SchemaNode, obj: Record<string, unknown>, out: Issue[]): void {
  decodeNode(schema, obj, new PathStack(), out, true);
}

function decodeNode(schema: SchemaNode, value: unknown, path: PathStack, out: Issue[], isRoot = false): void {
  if (Array.isArray(value)) {
    const items = schema.items;
    if (items) {
      value.forEach((v, i) => {
        if (typeof v !== 'object' || v === null) return; // nothing to decode in a scalar
        path.index(i);
        decodeNode(items, v, path, out);
        path.pop();
      });
    }
    return;
  }
  if (!isPlainObject(value)) return;
  const addl = schema.additionalProperties;
  const f = decodeFacts(schema);

  for (const k of Object.keys(value)) {
    const prop = propertyOf(schema, k);
    if (prop) {
      if (value[k] === null && !prop.nullable && prop.default === undefined) delete value[k];
    } else if (isRoot && ROOT_FIELDS.has(k)) {
      // apiVersion, kind and metadata are always kept at the root
    } else if (typeof addl === 'object') {
      // map values: non-nullable nulls without a default are pruned too (apiextensions-apiserver
      // `schema/defaulting/prunenulls.go`, `PruneNonNullableNullsWithoutDefaults`)
      if (value[k] === null && !addl.nullable && addl.default === undefined) delete value[k];
    } else if (!f.keepUnknown) {
      path.child(k);
      out.push(issues.unknownField(path.toString()));
      path.pop();
      delete value[k];
    }
  }

  for (const [k, prop] of f.defaults) {
    const v = value[k];
    if (v === undefined || (v === null && !prop.nullable)) value[k] = cloneJson(prop.default);
  }

  for (const k of Object.keys(value)) {
    const prop = propertyOf(schema, k);
    const v = value[k];
    if (isRoot && k === 'metadata' && (!prop || !prop.properties)) {
      path.child(k);
      decodeObjectMeta(v, path.toString(), out);
      path.pop();
    } else if (typeof v !== 'object' || v === null) {
      // nothing to decode in a scalar
    } else if (prop) {
      path.child(k);
      decodeNode(prop, v, path, out);
      path.pop();
    } else if (typeof addl === 'object') {
      path.key(k);
      decodeNode(addl, v, path, out);
      path.pop();
    }
  }
}
