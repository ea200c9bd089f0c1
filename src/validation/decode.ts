import { child, index, Issue, issues, key } from './errors';
import { decodeObjectMeta } from './objectmeta';
import { SchemaNode } from './schema';

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
  for (const k of Object.keys(v)) out[k] = cloneJson((v as any)[k]);
  return out as T;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Prunes, reports unknown fields and applies defaults, in place.
 * @internal
 */
export function decodeObject(schema: SchemaNode, obj: Record<string, unknown>, out: Issue[]): void {
  decodeNode(schema, obj, '', out, true);
}

function decodeNode(schema: SchemaNode, value: unknown, path: string, out: Issue[], isRoot = false): void {
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((v, i) => decodeNode(schema.items!, v, index(path, i), out));
    return;
  }
  if (!isPlainObject(value)) return;
  const props = schema.properties;
  const addl = schema.additionalProperties;
  const keepUnknown = schema['x-kubernetes-preserve-unknown-fields'] === true || addl === true || typeof addl === 'object';

  for (const k of Object.keys(value)) {
    const prop = props?.[k];
    if (prop) {
      if (value[k] === null && !prop.nullable && prop.default === undefined) delete value[k];
    } else if (isRoot && ROOT_FIELDS.has(k)) {
      // apiVersion, kind and metadata are always kept at the root
    } else if (!keepUnknown) {
      out.push(issues.unknownField(child(path, k)));
      delete value[k];
    }
  }

  if (props) {
    for (const k of Object.keys(props)) {
      const prop = props[k];
      const v = value[k];
      if (prop.default !== undefined && (v === undefined || (v === null && !prop.nullable))) value[k] = cloneJson(prop.default);
    }
  }

  for (const k of Object.keys(value)) {
    const prop = props?.[k];
    if (isRoot && k === 'metadata' && (!prop || !prop.properties)) {
      decodeObjectMeta(value[k], child(path, k), out);
    } else if (prop) {
      decodeNode(prop, value[k], child(path, k), out);
    } else if (typeof addl === 'object') {
      decodeNode(addl, value[k], key(path, k), out);
    }
  }
}
