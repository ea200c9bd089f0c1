/**
 * What the API server does to a custom resource before validating it, written from
 * k8s.io/apiextensions-apiserver `pkg/apiserver/schema/pruning` and `.../schema/defaulting`:
 * unknown fields are pruned (and, with `kubectl --validate=strict`, reported), non-nullable
 * nulls are dropped or defaulted, defaults are applied top-down (into defaulted values too).
 */
import { OpenApi } from './crd-catalog';

type Json = any;

function isObject(v: unknown): v is { [k: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function clone<T>(v: T): T {
  return v === undefined ? v : JSON.parse(JSON.stringify(v));
}

function has(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/**
 * Removes the fields the schema does not know, returning their paths (`spec.foo`,
 * `spec.rules[0].bar`). `x-kubernetes-preserve-unknown-fields` keeps them.
 */
export function pruneUnknown(value: Json, schema: OpenApi | undefined, path: string, unknown: string[]): void {
  if (!schema) return;
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((item, i) => pruneUnknown(item, schema.items, `${path}[${i}]`, unknown));
    return;
  }
  if (!isObject(value)) return;
  const props: OpenApi | undefined = schema.properties;
  const additional: OpenApi | boolean | undefined = schema.additionalProperties;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  for (const k of Object.keys(value)) {
    const p = path === '' ? k : `${path}.${k}`;
    if (props && has(props, k)) {
      pruneUnknown(value[k], props[k], p, unknown);
    } else if (typeof additional === 'object') {
      pruneUnknown(value[k], additional, p, unknown);
    } else if (!preserve && additional !== true) {
      unknown.push(p);
      delete value[k];
    }
  }
}

function nonNullableNull(v: Json, s: OpenApi | undefined): boolean {
  return v === null && !(s && s.nullable === true);
}

/** Drops non-nullable nulls without a default, then applies the defaults. */
export function applyDefaults(value: Json, schema: OpenApi | undefined): void {
  if (!schema) return;
  if (Array.isArray(value)) {
    const items: OpenApi | undefined = schema.items;
    if (!items) return;
    for (let i = 0; i < value.length; i++) {
      if (items.default !== undefined && nonNullableNull(value[i], items)) value[i] = clone(items.default);
      applyDefaults(value[i], items);
    }
    return;
  }
  if (!isObject(value)) return;
  const props: OpenApi = schema.properties ?? {};
  const additional: OpenApi | undefined = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  for (const k of Object.keys(value)) {
    const s = has(props, k) ? props[k] : additional;
    if (s && nonNullableNull(value[k], s) && s.default === undefined) delete value[k];
  }
  for (const k of Object.keys(props)) {
    const s = props[k];
    if (s.default === undefined) continue;
    if (!has(value, k) || nonNullableNull(value[k], s)) value[k] = clone(s.default);
  }
  for (const k of Object.keys(value)) {
    const s = has(props, k) ? props[k] : additional;
    if (additional && !has(props, k) && additional.default !== undefined && nonNullableNull(value[k], additional)) {
      value[k] = clone(additional.default);
    }
    applyDefaults(value[k], s);
  }
}
