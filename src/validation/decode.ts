import { Issue, issues } from './errors';
import { decodeObjectMeta } from './objectmeta';
import { PathStack } from './path-stack';
import { SchemaNode, setOwn, shallowCopy } from './schema';

/*
 * What the API server does while decoding a custom resource, before validation:
 *
 * 1. unknown fields are pruned; with `kubectl apply`'s strict field validation each one is an
 *    error (`unknown field "spec.foo"`), so they are reported and removed;
 * 2. `null` values of non-nullable properties without a default are dropped;
 * 3. structural defaults are applied to absent (or non-nullable `null`) properties at every
 *    depth, including inside a default just inserted (each default is a deep copy).
 *
 * The input is mutated, or copied where it changes (`decodeObject`).
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

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A declared property, as decoding sees it. */
interface PropFacts {
  readonly schema: SchemaNode;
  /** A `null` value is dropped (not nullable, no default). */
  readonly dropNull: boolean;
}

/** What decoding needs of a schema node, derived once per node. */
class DecodeFacts {
  /** Unknown properties are kept (preserve-unknown-fields, additionalProperties). */
  public readonly keepUnknown: boolean;
  /** The properties with a default, in schema order. */
  public readonly defaults: readonly (readonly [string, SchemaNode])[];
  /** The declared properties (own properties of `properties` only). */
  public readonly props: ReadonlyMap<string, PropFacts>;
  /** `additionalProperties` when it is a schema. */
  public readonly addl: SchemaNode | undefined;
  /** A `null` map value is dropped (`additionalProperties` not nullable, no default). */
  public readonly addlDropNull: boolean;

  constructor(schema: SchemaNode) {
    const props = schema.properties;
    const addl = schema.additionalProperties;
    this.keepUnknown = schema['x-kubernetes-preserve-unknown-fields'] === true || addl === true || typeof addl === 'object';
    this.defaults = props ? Object.keys(props).filter(k => props[k].default !== undefined).map(k => [k, props[k]] as const) : [];
    const map = new Map<string, PropFacts>();
    if (props) {
      for (const k of Object.keys(props)) {
        const prop = props[k];
        map.set(k, { schema: prop, dropNull: !prop.nullable && prop.default === undefined });
      }
    }
    this.props = map;
    this.addl = typeof addl === 'object' ? addl : undefined;
    this.addlDropNull = typeof addl === 'object' && !addl.nullable && addl.default === undefined;
  }
}

const facts = new WeakMap<SchemaNode, DecodeFacts>();

function decodeFacts(schema: SchemaNode): DecodeFacts {
  let f = facts.get(schema);
  if (!f) {
    f = new DecodeFacts(schema);
    facts.set(schema, f);
  }
  return f;
}

/**
 * Prunes, reports unknown fields and applies defaults. In place (`inPlace`, for an object the
 * caller owns), or copy on write: the object is left as it is, and the result shares every part
 * that decoding did not change (an object no rule changed is returned itself).
 * @internal
 */
export function decodeObject(schema: SchemaNode, obj: Record<string, unknown>, out: Issue[], inPlace = true): Record<string, unknown> {
  return decodeNode(schema, obj, new PathStack(), out, inPlace, true) as Record<string, unknown>;
}

function decodeNode(schema: SchemaNode, value: unknown, path: PathStack, out: Issue[], inPlace: boolean, isRoot = false): unknown {
  if (Array.isArray(value)) {
    const items = schema.items;
    if (!items) return value;
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (typeof v !== 'object' || v === null) continue; // nothing to decode in a scalar
      path.index(i);
      const decoded = decodeNode(items, v, path, out, inPlace);
      path.pop();
      if (decoded !== v) (copy ??= value.slice())[i] = decoded; // (holes stay holes)
    }
    return copy ?? value;
  }
  if (!isPlainObject(value)) return value;
  const f = decodeFacts(schema);
  const props = f.props;
  const addl = f.addl;
  // The object changed: `value` itself in place, else its copy (made on the first change,
  // by `copy ??= shallowCopy(value)`).
  let copy: Record<string, unknown> | undefined = inPlace ? value : undefined;

  // The keys are listed again below only when a key was deleted or a default added.
  let keys = Object.keys(value);
  let changed = false;
  for (const k of keys) {
    const prop = props.get(k);
    if (prop) {
      if (value[k] === null && prop.dropNull) {
        delete (copy ??= shallowCopy(value))[k];
        changed = true;
      }
    } else if (isRoot && ROOT_FIELDS.has(k)) {
      // apiVersion, kind and metadata are always kept at the root
    } else if (addl) {
      // map values: non-nullable nulls without a default are pruned too (apiextensions-apiserver
      // `schema/defaulting/prunenulls.go`, `PruneNonNullableNullsWithoutDefaults`)
      if (value[k] === null && f.addlDropNull) {
        delete (copy ??= shallowCopy(value))[k];
        changed = true;
      }
    } else if (!f.keepUnknown) {
      path.child(k);
      out.push(issues.unknownField(path.toString()));
      path.pop();
      delete (copy ??= shallowCopy(value))[k];
      changed = true;
    }
  }

  const defaults = f.defaults;
  for (let i = 0; i < defaults.length; i++) {
    const k = defaults[i][0];
    const v = (copy ?? value)[k];
    if (v === undefined || (v === null && !defaults[i][1].nullable)) {
      // (a key already present with a null value keeps its place)
      if (v === undefined) changed = true;
      (copy ??= shallowCopy(value))[k] = cloneJson(defaults[i][1].default);
    }
  }
  const current = copy ?? value;
  if (changed) keys = Object.keys(current);

  for (const k of keys) {
    const v = current[k];
    if (isRoot && k === 'metadata') {
      const prop = props.get(k);
      if (!prop || !prop.schema.properties) {
        path.child(k);
        const meta = decodeObjectMeta(v, path.toString(), out, inPlace);
        path.pop();
        if (meta !== v) (copy ??= shallowCopy(value))[k] = meta;
        continue;
      }
    }
    if (typeof v !== 'object' || v === null) continue; // nothing to decode in a scalar
    const prop = props.get(k);
    let decoded: unknown = v;
    if (prop) {
      path.child(k);
      decoded = decodeNode(prop.schema, v, path, out, inPlace);
      path.pop();
    } else if (addl) {
      path.key(k);
      decoded = decodeNode(addl, v, path, out, inPlace);
      path.pop();
    }
    if (decoded !== v) (copy ??= shallowCopy(value))[k] = decoded;
  }
  return copy ?? value;
}
