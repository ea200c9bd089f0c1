import { child, index, Issue, issues, jsonType, key } from './errors';
import { dns1123LabelErrors, dns1123SubdomainErrors, labelValueErrors, qualifiedNameErrors } from './formats';
import { hasOwn, shallowCopy } from './schema';

/*
 * `metadata` of a custom resource. The CRD schemas declare it as a bare `type: object`; the
 * API server decodes it as an ObjectMeta (unknown fields are strict-decoding errors) and
 * validates names, labels and annotations itself.
 */

const OBJECT_META_FIELDS: { readonly [field: string]: 'string' | 'integer' | 'object' | 'array' } = {
  name: 'string',
  generateName: 'string',
  namespace: 'string',
  selfLink: 'string',
  uid: 'string',
  resourceVersion: 'string',
  generation: 'integer',
  creationTimestamp: 'string',
  deletionTimestamp: 'string',
  deletionGracePeriodSeconds: 'integer',
  labels: 'object',
  annotations: 'object',
  ownerReferences: 'array',
  finalizers: 'array',
  managedFields: 'array',
};

const OBJECT_META_ENTRIES = Object.entries(OBJECT_META_FIELDS);

const TOTAL_ANNOTATION_SIZE = 256 * 1024;

/**
 * Reports unknown ObjectMeta fields, whatever their value (`null` included), and removes them
 * like pruning. ObjectMeta is a Go struct decoded from JSON: a `null` field is its zero value
 * (removed here), and a `null` label or annotation value is the empty string (`map[string]string`).
 * @internal
 */
export function decodeObjectMeta(meta: unknown, path: string, out: Issue[], inPlace = true): unknown {
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) return meta;
  const source = meta as Record<string, unknown>;
  /** `meta` itself in place, else its copy (made on the first change). */
  let m: Record<string, unknown> | undefined = inPlace ? source : undefined;
  const own = (): Record<string, unknown> => m ??= shallowCopy(source);
  for (const k of Object.keys(source)) {
    if (!hasOwn(OBJECT_META_FIELDS, k)) {
      out.push(issues.unknownField(child(path, k)));
      delete own()[k];
    } else if (source[k] === null) {
      delete own()[k];
    } else if (k === 'labels' || k === 'annotations') {
      const map = source[k];
      if (typeof map === 'object' && map !== null && !Array.isArray(map)) {
        const entries = map as Record<string, unknown>;
        let values: Record<string, unknown> | undefined = inPlace ? entries : undefined;
        for (const name of Object.keys(entries)) {
          if (entries[name] === null) (values ??= shallowCopy(entries))[name] = '';
        }
        if (values !== undefined && values !== entries) own()[k] = values;
      }
    }
  }
  return m ?? source;
}

function typeMatches(v: unknown, t: string): boolean {
  switch (t) {
    case 'string': return typeof v === 'string';
    case 'integer': return typeof v === 'number' && Number.isInteger(v);
    case 'array': return Array.isArray(v);
    default: return typeof v === 'object' && v !== null && !Array.isArray(v);
  }
}

/**
 * Validates `metadata` as the API server does for a custom resource: `name` (or `generateName`)
 * is required and is a DNS-1123 subdomain, `namespace` (of namespaced kinds) a DNS-1123 label, label keys qualified
 * names and values label values, annotation keys qualified names, annotations at most 256 KiB,
 * finalizers qualified names, owner references complete (at most one controller).
 * @internal
 */
export function validateObjectMeta(meta: unknown, namespaced: boolean, out: Issue[]): void {
  const path = 'metadata';
  if (meta === undefined) {
    out.push(issues.required(child(path, 'name'), 'name or generateName is required'));
    return;
  }
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
    out.push(issues.typeInvalid(path, meta, `${path} in body must be of type object: "${jsonType(meta)}"`));
    return;
  }
  const m = meta as Record<string, unknown>;
  for (const [k, t] of OBJECT_META_ENTRIES) {
    if (m[k] !== undefined && !typeMatches(m[k], t)) {
      out.push(issues.typeInvalid(child(path, k), m[k], `${child(path, k)} in body must be of type ${t}: "${jsonType(m[k])}"`));
      delete m[k];
    }
  }
  const name = m.name as string | undefined;
  const generateName = m.generateName as string | undefined;
  if (!name && !generateName) {
    out.push(issues.required(child(path, 'name'), 'name or generateName is required'));
  }
  if (name) {
    for (const e of dns1123SubdomainErrors(name)) out.push(issues.invalid(child(path, 'name'), name, e));
  }
  if (generateName) {
    const prefix = generateName.endsWith('-') ? generateName.slice(0, -1) : generateName;
    for (const e of dns1123SubdomainErrors(prefix)) out.push(issues.invalid(child(path, 'generateName'), generateName, e));
  }
  // The API server clears the namespace of cluster-scoped objects.
  const ns = m.namespace as string | undefined;
  if (ns && namespaced) {
    for (const e of dns1123LabelErrors(ns)) out.push(issues.invalid(child(path, 'namespace'), ns, e));
  }
  const labels = m.labels as Record<string, unknown> | undefined;
  if (labels) {
    for (const [k, v] of Object.entries(labels)) {
      for (const e of qualifiedNameErrors(k)) out.push(issues.invalid(child(path, 'labels'), k, e));
      if (typeof v !== 'string') {
        out.push(issues.typeInvalid(key(child(path, 'labels'), k), v, `must be of type string: "${jsonType(v)}"`));
      } else {
        for (const e of labelValueErrors(v)) out.push(issues.invalid(key(child(path, 'labels'), k), v, e));
      }
    }
  }
  validateFinalizers(m.finalizers, child(path, 'finalizers'), out);
  validateOwnerReferences(m.ownerReferences, child(path, 'ownerReferences'), out);
  const annotations = m.annotations as Record<string, unknown> | undefined;
  if (annotations) {
    let size = 0;
    for (const [k, v] of Object.entries(annotations)) {
      for (const e of qualifiedNameErrors(k.toLowerCase())) out.push(issues.invalid(child(path, 'annotations'), k, e));
      if (typeof v !== 'string') {
        out.push(issues.typeInvalid(key(child(path, 'annotations'), k), v, `must be of type string: "${jsonType(v)}"`));
      } else {
        size += Buffer.byteLength(k) + Buffer.byteLength(v);
      }
    }
    if (size > TOTAL_ANNOTATION_SIZE) {
      out.push({ path: child(path, 'annotations'), message: `Too long: may not be more than ${TOTAL_ANNOTATION_SIZE} bytes`, blocking: true });
    }
  }
}

/**
 * `metadata.finalizers`: a list of strings (`[]string`), each a qualified name
 * (k8s.io/apimachinery `pkg/api/validation/objectmeta.go`, `ValidateFinalizerName`).
 */
function validateFinalizers(finalizers: unknown, path: string, out: Issue[]): void {
  if (!Array.isArray(finalizers)) return;
  finalizers.forEach((f, i) => {
    const p = index(path, i);
    if (typeof f !== 'string') {
      out.push(issues.typeInvalid(p, f, `${p} in body must be of type string: "${jsonType(f)}"`));
      return;
    }
    for (const e of qualifiedNameErrors(f)) out.push(issues.invalid(p, f, e));
  });
}

const OWNER_REFERENCE_FIELDS: { readonly [field: string]: 'string' | 'boolean' } = {
  apiVersion: 'string',
  kind: 'string',
  name: 'string',
  uid: 'string',
  controller: 'boolean',
  blockOwnerDeletion: 'boolean',
};

/** The version of an apiVersion as `schema.ParseGroupVersion` reads it; empty when it does not parse. */
function versionOf(apiVersion: string): string {
  const parts = apiVersion.split('/');
  return parts.length <= 2 ? parts[parts.length - 1] : '';
}

/**
 * `metadata.ownerReferences`: strictly decoded `OwnerReference` objects whose apiVersion has a
 * version and whose kind, name and uid are not empty, at most one of them the controller
 * (k8s.io/apimachinery `pkg/api/validation/objectmeta.go`, `ValidateOwnerReferences`).
 */
function validateOwnerReferences(refs: unknown, path: string, out: Issue[]): void {
  if (!Array.isArray(refs)) return;
  let controller = '';
  refs.forEach((ref, i) => {
    const p = index(path, i);
    if (typeof ref !== 'object' || ref === null || Array.isArray(ref)) {
      out.push(issues.typeInvalid(p, ref, `${p} in body must be of type object: "${jsonType(ref)}"`));
      return;
    }
    const r = ref as Record<string, unknown>;
    for (const k of Object.keys(r)) {
      const want = hasOwn(OWNER_REFERENCE_FIELDS, k) ? OWNER_REFERENCE_FIELDS[k] : undefined;
      if (!want) {
        out.push(issues.unknownField(child(p, k)));
      } else if (r[k] !== null && typeof r[k] !== want) {
        out.push(issues.typeInvalid(child(p, k), r[k], `${child(p, k)} in body must be of type ${want}: "${jsonType(r[k])}"`));
      }
    }
    const str = (k: string): string => (typeof r[k] === 'string' ? r[k] as string : '');
    if (versionOf(str('apiVersion')) === '') out.push(issues.invalid(child(p, 'apiVersion'), str('apiVersion'), 'version must not be empty'));
    for (const k of ['kind', 'name', 'uid']) {
      if (str(k) === '') out.push(issues.invalid(child(p, k), str(k), `${k} must not be empty`));
    }
    if (r.controller === true) {
      const name = `${str('kind')}/${str('name')}`;
      if (controller === '') {
        controller = name;
      } else {
        out.push({
          path: p,
          message: `Invalid value: "true": Only one reference can have Controller set to true. Found "true" in references for ${controller} and ${name}`,
        });
      }
    }
  });
}
