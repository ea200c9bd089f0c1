/**
 * OpenAPI v3 structural schemas (CRD `openAPIV3Schema`) as JSON Schema for ajv, with the
 * Kubernetes meanings of the `x-kubernetes-*` extensions and of the formats. Unknown fields are
 * pruned and reported before (structural.ts), so objects are open here.
 */
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { OpenApi } from './crd-catalog';
import { isOpenApiDateTime, isOpenApiIpv4, isOpenApiIpv6, isStdBase64 } from './k8s-formats';

type JsonSchema = { [key: string]: any };

// Keywords that validate values (as opposed to the structural ones: type, properties, items, ...).
const VALUE_KEYWORDS = ['enum', 'maximum', 'minimum', 'exclusiveMaximum', 'exclusiveMinimum', 'multipleOf', 'maxLength',
  'minLength', 'maxItems', 'minItems', 'uniqueItems', 'maxProperties', 'minProperties', 'required'];

// kube-openapi's strfmt checks these string formats; any other format name is not checked.
const STRING_FORMATS: { readonly [name: string]: (s: string) => boolean } = {
  'ipv4': isOpenApiIpv4,
  'ipv6': isOpenApiIpv6,
  'byte': isStdBase64,
  'date-time': isOpenApiDateTime,
  'datetime': isOpenApiDateTime,
};

/** Translates an RE2 pattern to a JavaScript RegExp (Go's leading `(?i)`, after `^` too, becomes the `i` flag). */
export function re2(pattern: string): RegExp {
  let flags = 'u';
  let p = pattern;
  const m = /^(\^?)\(\?i\)/.exec(p);
  if (m) {
    flags += 'i';
    p = m[1] + p.slice(m[0].length);
  }
  try {
    return new RegExp(p, flags);
  } catch {
    return new RegExp(p, flags.replace('u', ''));
  }
}

/**
 * Converts one schema node. `valueOnly` is for the branches of allOf/anyOf/oneOf/not, which in a
 * structural schema carry value validations only.
 */
export function toJsonSchema(s: OpenApi, valueOnly = false): JsonSchema {
  const out: JsonSchema = {};
  for (const k of VALUE_KEYWORDS) if (s[k] !== undefined) out[k] = s[k];
  if (typeof s.exclusiveMaximum === 'boolean') {
    delete out.exclusiveMaximum;
    if (s.exclusiveMaximum) {
      out.exclusiveMaximum = s.maximum;
      delete out.maximum;
    }
  }
  if (typeof s.exclusiveMinimum === 'boolean') {
    delete out.exclusiveMinimum;
    if (s.exclusiveMinimum) {
      out.exclusiveMinimum = s.minimum;
      delete out.minimum;
    }
  }
  if (s.pattern !== undefined) out.k8sPattern = s.pattern;
  if (typeof s.format === 'string') {
    if (STRING_FORMATS[s.format]) out.k8sStringFormat = s.format;
    if (s.format === 'int32' || s.format === 'int64') out.k8sIntFormat = s.format;
  }
  if (!valueOnly) {
    if (s['x-kubernetes-int-or-string']) {
      out.type = ['integer', 'string'];
    } else if (s.type) {
      out.type = s.type;
    }
    if (s['x-kubernetes-list-type'] === 'set') out.uniqueItems = true;
    if (s['x-kubernetes-list-type'] === 'map') out.k8sListMapKeys = s['x-kubernetes-list-map-keys'] ?? [];
  }
  if (s.properties) {
    out.properties = {};
    for (const [k, v] of Object.entries<OpenApi>(s.properties)) out.properties[k] = toJsonSchema(v, valueOnly);
  }
  if (typeof s.additionalProperties === 'object') out.additionalProperties = toJsonSchema(s.additionalProperties, valueOnly);
  if (s.items) out.items = toJsonSchema(s.items, valueOnly);
  for (const j of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (Array.isArray(s[j])) out[j] = s[j].map((b: OpenApi) => toJsonSchema(b, true));
  }
  if (s.not) out.not = toJsonSchema(s.not, true);
  if (s.nullable === true && !valueOnly) return { anyOf: [{ type: 'null' }, out] };
  return out;
}

function listMapKey(item: unknown, keys: string[]): string {
  const o = (typeof item === 'object' && item !== null ? item : {}) as { [k: string]: unknown };
  return JSON.stringify(keys.map(k => o[k] ?? null));
}

let ajv: Ajv | undefined;

function engine(): Ajv {
  if (ajv) return ajv;
  ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  const patterns = new Map<string, RegExp>();
  ajv.addKeyword({
    keyword: 'k8sPattern',
    type: 'string',
    schemaType: 'string',
    validate: (p: string, data: string) => {
      let r = patterns.get(p);
      if (!r) patterns.set(p, r = re2(p));
      return r.test(data);
    },
    errors: false,
  });
  ajv.addKeyword({
    keyword: 'k8sStringFormat',
    type: 'string',
    schemaType: 'string',
    validate: (f: string, data: string) => STRING_FORMATS[f](data),
    errors: false,
  });
  ajv.addKeyword({
    keyword: 'k8sIntFormat',
    type: 'number',
    schemaType: 'string',
    validate: (f: string, data: number) => !Number.isInteger(data)
      || (f === 'int32' ? data >= -2147483648 && data <= 2147483647 : Math.abs(data) <= 2 ** 63),
    errors: false,
  });
  ajv.addKeyword({
    keyword: 'k8sListMapKeys',
    type: 'array',
    schemaType: 'array',
    validate: (keys: string[], data: unknown[]) => new Set(data.map(i => listMapKey(i, keys))).size === data.length,
    errors: false,
  });
  return ajv;
}

/** The ajv validator of a CRD version's schema (without `metadata`, judged as an ObjectMeta). */
export function compileSchema(schema: OpenApi): ValidateFunction {
  const root = toJsonSchema(schema);
  // metadata is judged as an ObjectMeta, and always present once the API server has set it.
  if (root.properties) delete root.properties.metadata;
  if (Array.isArray(root.required)) root.required = root.required.filter((k: string) => k !== 'metadata');
  return engine().compile(root);
}

/** Short `path: keyword` lines for ajv's errors. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map(e => `${e.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(root)'}: ${e.keyword}${e.message ? ` ${e.message}` : ''}`);
}
