/**
 * The independent validator of the differential run: what the API server says about one object
 * created with `kubectl apply --validate=strict`, built from other code than src/validation/:
 * CRDs read from the YAML at run time, ajv for the OpenAPI schema, `@marcbachmann/cel-js` for
 * the CEL rules, its own ObjectMeta, pruning and defaulting code.
 */
import { ValidateFunction } from 'ajv';
import { Catalog, CrdSetName, loadCatalog, ServedKind } from './crd-catalog';
import { compileSchema, describeErrors } from './json-schema';
import { isDns1123Label, isDns1123Subdomain, isLabelValue, isQualifiedName, isOpenApiDateTime } from './k8s-formats';
import { KubeCel } from './kube-cel';
import { applyDefaults, pruneUnknown } from './structural';

/** The verdict on one object, with the reasons (short, for the report). */
export interface Verdict {
  readonly valid: boolean;
  /** `stage: detail` lines (stages: read, kind, metadata, unknown, schema, cel). */
  readonly reasons: string[];
}

const CORE_V1_KINDS = new Set(['Service', 'ConfigMap', 'Secret', 'Namespace', 'Pod', 'ServiceAccount', 'Endpoints']);

const META_STRINGS = ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion'];
const META_INTS = ['generation', 'deletionGracePeriodSeconds'];
const META_TIMES = ['creationTimestamp', 'deletionTimestamp'];
const META_OTHER = ['labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'];

function isMap(v: unknown): v is { [k: string]: unknown } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** apimachinery ValidateObjectMeta plus the strict decoding of metav1.ObjectMeta. */
export function objectMetaReasons(meta: unknown, namespaced: boolean): string[] {
  const r: string[] = [];
  if (!isMap(meta)) return [meta === undefined ? 'metadata: name required' : 'metadata: not an object'];
  for (const k of Object.keys(meta)) {
    const v = meta[k];
    if (![...META_STRINGS, ...META_INTS, ...META_TIMES, ...META_OTHER].includes(k)) r.push(`metadata: unknown field ${k}`);
    else if (v === null) continue;
    else if (META_STRINGS.includes(k) && typeof v !== 'string') r.push(`metadata: ${k} not a string`);
    else if (META_INTS.includes(k) && !(typeof v === 'number' && Number.isInteger(v))) r.push(`metadata: ${k} not an integer`);
    else if (META_TIMES.includes(k) && !(typeof v === 'string' && isOpenApiDateTime(v))) r.push(`metadata: ${k} not a time`);
    else if ((k === 'labels' || k === 'annotations') && !isMap(v)) r.push(`metadata: ${k} not a map`);
    else if ((k === 'ownerReferences' || k === 'finalizers' || k === 'managedFields') && !Array.isArray(v)) r.push(`metadata: ${k} not a list`);
  }
  if (r.length > 0) return r;
  const name = meta.name as string | undefined;
  const generateName = meta.generateName as string | undefined;
  if (!name && !generateName) r.push('metadata: name required');
  if (name && !isDns1123Subdomain(name)) r.push('metadata: name not a DNS-1123 subdomain');
  if (generateName && !isDns1123Subdomain(generateName.replace(/-$/, ''))) r.push('metadata: generateName');
  const ns = meta.namespace as string | undefined;
  if (namespaced && ns && !isDns1123Label(ns)) r.push('metadata: namespace not a DNS-1123 label');
  const labels = (meta.labels ?? {}) as { [k: string]: unknown };
  for (const [k, v] of Object.entries(labels)) {
    if (!isQualifiedName(k)) r.push('metadata: label key');
    if (v !== null && typeof v !== 'string') r.push('metadata: label value not a string');
    else if (!isLabelValue((v ?? '') as string)) r.push('metadata: label value');
  }
  let size = 0;
  for (const [k, v] of Object.entries((meta.annotations ?? {}) as { [k: string]: unknown })) {
    if (!isQualifiedName(k.toLowerCase())) r.push('metadata: annotation key');
    if (v !== null && typeof v !== 'string') r.push('metadata: annotation value not a string');
    size += Buffer.byteLength(k) + Buffer.byteLength(typeof v === 'string' ? v : '');
  }
  if (size > 256 * 1024) r.push('metadata: annotations too long');
  for (const f of (meta.finalizers ?? []) as unknown[]) {
    if (typeof f !== 'string' || !isQualifiedName(f)) r.push('metadata: finalizer');
  }
  let controllers = 0;
  for (const o of (meta.ownerReferences ?? []) as unknown[]) {
    if (!isMap(o)) {
      r.push('metadata: ownerReference not an object');
      continue;
    }
    const known = { apiVersion: 'string', kind: 'string', name: 'string', uid: 'string', controller: 'boolean', blockOwnerDeletion: 'boolean' };
    for (const [k, v] of Object.entries(o)) {
      if (!(k in known)) r.push(`metadata: ownerReference unknown field ${k}`);
      else if (v !== null && typeof v !== (known as Record<string, string>)[k]) r.push(`metadata: ownerReference ${k} type`);
    }
    const apiVersion = typeof o.apiVersion === 'string' ? o.apiVersion : '';
    const parts = apiVersion.split('/');
    if (parts.length > 2 || parts[parts.length - 1] === '') r.push('metadata: ownerReference version');
    for (const k of ['kind', 'name', 'uid']) if (!o[k]) r.push(`metadata: ownerReference ${k} empty`);
    if (o.controller === true) controllers++;
  }
  if (controllers > 1) r.push('metadata: more than one controller owner');
  return r;
}

/** Validates objects against one CRD set (a Gateway API channel plus the implementations). */
export class IndependentValidator {
  private readonly catalog: Catalog;
  private readonly compiled = new Map<string, ValidateFunction>();
  public readonly cel = new KubeCel();

  constructor(set: CrdSetName) {
    this.catalog = loadCatalog(set);
  }

  private validatorOf(k: ServedKind): ValidateFunction {
    const key = `${k.group}/${k.version}/${k.kind}`;
    let v = this.compiled.get(key);
    if (!v) this.compiled.set(key, v = compileSchema(k.schema));
    return v;
  }

  /** The verdict on one decoded object. */
  public validate(input: unknown): Verdict {
    if (!isMap(input)) return { valid: false, reasons: ['kind: not an object'] };
    const apiVersion = input.apiVersion;
    const kind = input.kind;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string' || apiVersion === '' || kind === '') {
      return { valid: false, reasons: ['kind: apiVersion and kind are required strings'] };
    }
    const slash = apiVersion.split('/');
    if (slash.length > 2) return { valid: false, reasons: ['kind: bad apiVersion'] };
    // No group ("v1", "/v1") is the core group, which serves v1 only.
    const [group, version] = slash.length === 1 ? ['', slash[0]] : slash;
    if (group === '') {
      return version === 'v1' && CORE_V1_KINDS.has(kind) ? { valid: true, reasons: [] } : { valid: false, reasons: ['kind: no core mapping'] };
    }
    if (!this.catalog.groups.has(group)) return { valid: true, reasons: [] };
    const served = this.catalog.kinds.get(`${group}/${version}/${kind}`);
    if (!served) return { valid: false, reasons: [`kind: ${kind} ${apiVersion} not served`] };

    const obj = JSON.parse(JSON.stringify(input)) as { [k: string]: any };
    const reasons = objectMetaReasons(obj.metadata, served.namespaced);
    const meta = obj.metadata;
    delete obj.metadata;
    const unknown: string[] = [];
    pruneUnknown(obj, served.schema, '', unknown);
    reasons.push(...unknown.map(p => `unknown: ${p}`));
    if (served.statusSubresource) delete obj.status;
    applyDefaults(obj, served.schema);
    const schemaOk = this.validatorOf(served)(obj);
    if (!schemaOk) reasons.push(...describeErrors(this.validatorOf(served).errors).slice(0, 5).map(e => `schema: ${e}`));
    if (reasons.length > 0) return { valid: false, reasons };
    // Root rules see metadata.name and metadata.generateName only.
    const root: { [k: string]: any } = { ...obj };
    if (isMap(meta)) {
      root.metadata = {};
      for (const k of ['name', 'generateName']) if (typeof meta[k] === 'string') root.metadata[k] = meta[k];
    }
    const violations: Array<{ path: string; rule: string; error?: string }> = [];
    this.cel.validate(root, served.schema, '', violations);
    for (const v of violations.slice(0, 5)) reasons.push(`cel: ${v.path || '(root)'}: ${v.rule.slice(0, 120)}${v.error ? ` (${v.error})` : ''}`);
    return { valid: reasons.length === 0, reasons };
  }
}
