import { re2Matcher } from './regex';

/**
 * A node of a CRD `openAPIV3Schema` (structural schema with Kubernetes extensions). Nodes are
 * shared between places and data sets' versions, so they are never mutated; derived facts live
 * in `prepare(node)`.
 * @internal
 */
export interface SchemaNode {
  readonly 'type'?: string;
  readonly 'format'?: string;
  readonly 'properties'?: { readonly [name: string]: SchemaNode };
  readonly 'required'?: readonly string[];
  readonly 'items'?: SchemaNode;
  readonly 'additionalProperties'?: SchemaNode | boolean;
  readonly 'enum'?: readonly unknown[];
  readonly 'default'?: unknown;
  readonly 'nullable'?: boolean;
  readonly 'pattern'?: string;
  readonly 'minLength'?: number;
  readonly 'maxLength'?: number;
  readonly 'minItems'?: number;
  readonly 'maxItems'?: number;
  readonly 'minProperties'?: number;
  readonly 'maxProperties'?: number;
  readonly 'minimum'?: number;
  readonly 'maximum'?: number;
  readonly 'exclusiveMinimum'?: boolean;
  readonly 'exclusiveMaximum'?: boolean;
  readonly 'multipleOf'?: number;
  readonly 'uniqueItems'?: boolean;
  readonly 'allOf'?: readonly SchemaNode[];
  readonly 'anyOf'?: readonly SchemaNode[];
  readonly 'oneOf'?: readonly SchemaNode[];
  readonly 'not'?: SchemaNode;
  readonly 'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  readonly 'x-kubernetes-list-map-keys'?: readonly string[];
  readonly 'x-kubernetes-map-type'?: string;
  readonly 'x-kubernetes-int-or-string'?: boolean;
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
  readonly 'x-kubernetes-embedded-resource'?: boolean;
  readonly 'x-kubernetes-validations'?: readonly ValidationRule[];
}

/**
 * One `x-kubernetes-validations` entry.
 * @internal
 */
export interface ValidationRule {
  readonly rule: string;
  readonly message?: string;
  readonly messageExpression?: string;
  readonly reason?: string;
  readonly fieldPath?: string;
  readonly optionalOldSelf?: boolean;
}

/**
 * Facts derived once per schema node.
 * @internal
 */
export interface PreparedNode {
  /** Property names in schema order. */
  readonly propNames: readonly string[];
  /** A matcher for `pattern`, if any. */
  readonly pattern?: (s: string) => boolean;
  /** `enum` members as canonical JSON, if any. */
  readonly enumKeys?: ReadonlySet<string>;
  /** Rules evaluated at this node (transition rules, which mention `oldSelf`, are left out). */
  readonly rules: readonly ValidationRule[];
  /** True if this node or a node below it has rules to evaluate. */
  readonly celBelow: boolean;
}

const prepared = new WeakMap<SchemaNode, PreparedNode>();

const hasOwnProperty = Object.prototype.hasOwnProperty;

/**
 * True if `obj` has `key` as its own property. Keys of decoded objects can be any string,
 * `constructor`, `toString` or `__proto__` included: they are never looked up on the prototype.
 * @internal
 */
export function hasOwn(obj: object, key: string): boolean {
  return hasOwnProperty.call(obj, key);
}

/**
 * Sets `obj[key] = value` as an own, enumerable property, for any key: a plain assignment to
 * `__proto__` would replace the object's prototype instead.
 * @internal
 */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/**
 * A shallow copy of a JSON object, in its key order (`__proto__` kept as an own key).
 * @internal
 */
export function shallowCopy(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) setOwn(out, k, value[k]);
  return out;
}

/**
 * The declared property `name` of a schema node (own properties only), or undefined.
 * @internal
 */
export function propertyOf(schema: SchemaNode | undefined, name: string): SchemaNode | undefined {
  const props = schema?.properties;
  return props !== undefined && hasOwnProperty.call(props, name) ? props[name] : undefined;
}

/** Canonical JSON (sorted object keys), for enum membership and set/map uniqueness. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map(k => `${JSON.stringify(k)}:${canonicalJson((value as any)[k])}`).join(',')}}`;
}

const TRANSITION = /\boldSelf\b/;

/**
 * True if a rule is a transition rule (it mentions `oldSelf`): those run only on update and
 * are skipped by a create-time validator.
 * @internal
 */
export function isTransitionRule(rule: ValidationRule): boolean {
  return TRANSITION.test(rule.rule) || (rule.messageExpression !== undefined && TRANSITION.test(rule.messageExpression));
}

/**
 * The derived facts of a schema node (computed once, cached per node).
 * @internal
 */
export function prepare(node: SchemaNode): PreparedNode {
  let p = prepared.get(node);
  if (p) return p;
  const rules = (node['x-kubernetes-validations'] ?? []).filter(r => !isTransitionRule(r));
  let celBelow = rules.length > 0;
  const props = node.properties ?? {};
  for (const name of Object.keys(props)) celBelow = prepare(props[name]).celBelow || celBelow;
  if (node.items) celBelow = prepare(node.items).celBelow || celBelow;
  if (typeof node.additionalProperties === 'object') celBelow = prepare(node.additionalProperties).celBelow || celBelow;
  p = {
    propNames: Object.keys(props),
    pattern: node.pattern !== undefined ? re2Matcher(node.pattern) : undefined,
    enumKeys: node.enum ? new Set(node.enum.map(canonicalJson)) : undefined,
    rules,
    celBelow,
  };
  prepared.set(node, p);
  return p;
}
