import * as YAML from 'yaml';
import { Crd, CrdSet, CrdVersion, loadCrdSet } from './catalog';
import { CelValidator } from './cel';
import { cloneJson, decodeObject } from './decode';
import { Issue, issues } from './errors';
import { validateObjectMeta } from './objectmeta';
import { validateNode } from './structural';
import { ReleaseChannel } from '../core/channel';

/**
 * A Gateway API release whose CRDs (schemas and CEL rules) the validator ships.
 */
export enum GatewayApiVersion {
  /** Gateway API v1.6.1 (July 2026), the default. */
  V1_6_1 = 'v1.6.1',
  /** Gateway API v1.5.1 (March 2026), for clusters still on v1.5. */
  V1_5_1 = 'v1.5.1',
}

/**
 * Implementation CRDs the validator ships, for the policy and filter kinds of an implementation.
 */
export enum ImplementationCrds {
  /** Envoy Gateway v1.9.0 (`gateway.envoyproxy.io`). */
  ENVOY_GATEWAY_V1_9_0 = 'envoy-gateway-v1.9.0',
  /** NGINX Gateway Fabric v2.6.7 (`gateway.nginx.org`). */
  NGINX_GATEWAY_FABRIC_V2_6_7 = 'nginx-gateway-fabric-v2.6.7',
}

/**
 * Which CRDs objects are validated against.
 */
export interface ValidationOptions {
  /**
   * The Gateway API release installed in the target cluster.
   * @default GatewayApiVersion.V1_6_1
   */
  readonly gatewayApiVersion?: GatewayApiVersion;

  /**
   * The release channel of the installed Gateway API CRDs. Objects of kinds or versions that
   * the channel does not serve (an X* kind on Standard, for example) are errors.
   * @default ReleaseChannel.STANDARD
   */
  readonly channel?: ReleaseChannel;

  /**
   * Implementation CRDs installed as well. Objects of their groups are validated against them;
   * without them, such objects are skipped like any other non-Gateway-API object.
   * @default - none
   */
  readonly implementations?: ImplementationCrds[];
}

/**
 * One problem that the Kubernetes API server would reject an object for.
 */
export interface ValidationResult {
  /** The object's kind (empty if the document is not an object). */
  readonly kind: string;

  /**
   * The object's `metadata.namespace`.
   * @default - not set on the object
   */
  readonly namespace?: string;

  /**
   * The object's `metadata.name`.
   * @default - not set on the object
   */
  readonly name?: string;

  /** JSON path of the offending field, such as `spec.rules[0].filters[1]`; empty for the whole object. */
  readonly path: string;

  /** What is wrong, worded like the API server's error (`Invalid value: "object": ...`, `Required value`, ...). */
  readonly message: string;

  /**
   * The CEL rule (`x-kubernetes-validations`) that failed, for rule violations.
   * @default - not a CEL rule violation
   */
  readonly rule?: string;
}

const GATEWAY_API_GROUPS = new Set(['gateway.networking.k8s.io', 'gateway.networking.x-k8s.io']);
const BLOCKED = 'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

function isPlainObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Validates Kubernetes objects exactly as the API server would for the Gateway API CRDs of a
 * release and channel: structural defaults, the OpenAPI v3 schema with the Kubernetes extensions
 * (unknown fields, list-type map/set uniqueness, int-or-string, ...), object metadata, and every
 * CEL `x-kubernetes-validations` rule except transition rules.
 *
 * Objects of other API groups (core Services, Namespaces, ...) are skipped. An empty result means
 * every object would be accepted.
 */
export class ManifestValidator {
  /**
   * Validates decoded objects (plain JSON values, as synthesized by cdk8s or parsed from YAML).
   * The objects are not modified.
   *
   * @param objects the objects, in any order
   * @param options the target release and channel
   * @returns the problems found, object by object
   */
  public static validateObjects(objects: any[], options: ValidationOptions = {}): ValidationResult[] {
    const target = new Target(options);
    const results: ValidationResult[] = [];
    for (const obj of objects) results.push(...target.validate(obj));
    return results;
  }

  /**
   * Validates a multi-document YAML manifest (`---` separated; `kind: List` documents are
   * expanded). A document that is not valid YAML is reported as a problem of its own.
   *
   * @param text the YAML text
   * @param options the target release and channel
   * @returns the problems found, document by document
   */
  public static validateYaml(text: string, options: ValidationOptions = {}): ValidationResult[] {
    const target = new Target(options);
    const results: ValidationResult[] = [];
    const parsed = YAML.parseAllDocuments(text);
    const docs = Array.isArray(parsed) ? parsed : [];
    for (const doc of docs) {
      if (doc.errors.length > 0) {
        results.push({ kind: '', path: '', message: `invalid YAML: ${doc.errors[0].message}` });
        continue;
      }
      const value = doc.toJS({ maxAliasCount: 100 });
      if (value === null || value === undefined) continue;
      const items = isPlainObject(value) && value.kind === 'List' && Array.isArray(value.items) ? value.items : [value];
      for (const item of items) results.push(...target.validate(item));
    }
    return results;
  }

  private constructor() {}
}

/** The CRD sets selected by the options. */
class Target {
  private readonly gatewayApi: CrdSet;
  private readonly implementations: CrdSet[];
  private readonly label: string;

  constructor(options: ValidationOptions) {
    const version = options.gatewayApiVersion ?? GatewayApiVersion.V1_6_1;
    const channel = options.channel ?? ReleaseChannel.STANDARD;
    this.gatewayApi = loadCrdSet(`gateway-api-${version}-${channel}`);
    this.implementations = (options.implementations ?? []).map(id => loadCrdSet(id));
    this.label = `Gateway API ${version} ${channel} channel`;
  }

  public validate(obj: unknown): ValidationResult[] {
    if (!isPlainObject(obj)) {
      return [{ kind: '', path: '', message: 'not a Kubernetes object: expected a mapping with apiVersion and kind' }];
    }
    const meta = isPlainObject(obj.metadata) ? obj.metadata : {};
    const ident = {
      kind: typeof obj.kind === 'string' ? obj.kind : '',
      ...(typeof meta.namespace === 'string' ? { namespace: meta.namespace } : {}),
      ...(typeof meta.name === 'string' ? { name: meta.name } : {}),
    };
    const toResults = (list: Issue[]): ValidationResult[] =>
      list.map(i => ({ ...ident, path: i.path, message: i.message, ...(i.rule !== undefined ? { rule: i.rule } : {}) }));

    if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string' || obj.kind === '') {
      const missing: Issue[] = [];
      if (typeof obj.apiVersion !== 'string') missing.push(issues.required('apiVersion'));
      if (typeof obj.kind !== 'string' || obj.kind === '') missing.push(issues.required('kind'));
      return toResults(missing);
    }
    const slash = obj.apiVersion.indexOf('/');
    const group = slash >= 0 ? obj.apiVersion.slice(0, slash) : '';
    const version = slash >= 0 ? obj.apiVersion.slice(slash + 1) : obj.apiVersion;

    let set: CrdSet | undefined;
    let label = this.label;
    if (GATEWAY_API_GROUPS.has(group)) {
      set = this.gatewayApi;
    } else {
      set = this.implementations.find(s => s.groups.has(group));
      label = set?.id ?? '';
    }
    if (!set) return [];
    const crd: Crd | undefined = set.find(group, obj.kind);
    const served = crd?.versions.find(v => v.name === version && v.served && v.schema);
    if (!crd || !served) {
      return toResults([{ path: '', message: `no matches for kind "${obj.kind}" in version "${obj.apiVersion}" (not served by ${label})` }]);
    }
    return toResults(validateServed(crd, served, obj));
  }
}

function validateServed(crd: Crd, version: CrdVersion, obj: Record<string, unknown>): Issue[] {
  const schema = version.schema!;
  const copy = cloneJson(obj);
  const decoded: Issue[] = [];
  decodeObject(schema, copy, decoded);
  // With the status subresource, create and update ignore `status` (after decoding).
  if (version.statusSubresource) delete copy.status;

  const errs: Issue[] = [];
  validateObjectMeta(copy.metadata, crd.scope === 'Namespaced', errs);
  const lists: Issue[] = [];
  validateNode(schema, copy, '', errs, lists);

  const all = [...decoded, ...errs, ...lists];
  if (errs.some(e => e.blocking)) {
    all.push(issues.invalid('', null, BLOCKED));
  } else {
    new CelValidator(all).validateRoot(schema, copy);
  }
  return all;
}
