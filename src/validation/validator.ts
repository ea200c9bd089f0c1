import { Crd, CrdSet, CrdVersion, loadCrdSet } from './catalog';
import { CelValidator } from './cel';
import { checkCrossObject, Code } from './cross-object';
import { clientSideApplySizeProblem } from './cross-object/apply-size';
import { cloneJsonMeasured, decodeObject } from './decode';
import { Issue, issues } from './errors';
import { expandKubectlList, readManifest } from './kubectl-yaml';
import { validateObjectMeta } from './objectmeta';
import { coreGroupMappingError, parseGroupVersion } from './rest-mapping';
import { validateNode } from './structural';
import { lineIndex, lineStarts } from './yaml-positions';
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
 * How serious a validation result is.
 */
export enum ValidationSeverity {
  /**
   * The API server rejects the object, or the controller rejects it or a part of it (a route
   * that is not accepted, a listener that is not programmed). Fails `App.synth()`.
   */
  ERROR = 'error',
  /**
   * Accepted, but most likely not what was meant (a rule that never gets traffic, a hostname
   * that is ignored, a reference that may be a typo). Printed at synth, does not fail it.
   */
  WARNING = 'warning',
}

/**
 * Which CRDs objects are validated against, and which checks run.
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

  /**
   * Also run the cross-object checks over all the objects together: route attachment
   * (parents, listeners, sections, ports, allowed kinds and namespaces, hostnames),
   * ReferenceGrants for cross-namespace references, listener conflicts across a Gateway and
   * its ListenerSets, route conflicts, policy targets, and the spec's rules the CRDs leave
   * unchecked. Their results carry cross-object codes (see the package README).
   * @default true
   */
  readonly crossObject?: boolean;
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

  /**
   * What kind of problem this is, as a stable identifier: `schema`, `cel`, `cel-skipped`,
   * `unknown-kind`, `not-an-object`, `yaml`, `too-large-for-client-side-apply`, or one of the cross-object codes
   * (`section-not-found`, `reference-not-granted`, ...). The package README lists them all.
   */
  readonly code: string;

  /** Whether the problem is an error (rejected) or a warning (accepted, but suspicious). */
  readonly severity: ValidationSeverity;

  /**
   * 0-based position of the object's document: in the YAML text for `validateYaml` and
   * `validateManifests` (the items of a `kind: List` document share its position), in the
   * array for `validateObjects` and `validateManifestObjects`.
   * @default - not known
   */
  readonly documentIndex?: number;
}

/**
 * One object to validate, with the channel its chart targets (synth-time validation).
 * @internal
 */
export interface ValidationInput {
  /** The decoded object. */
  readonly obj: unknown;
  /** Position reported as `documentIndex`. */
  readonly documentIndex: number;
  /** The channel this object targets; the options' channel when undefined. */
  readonly channel?: ReleaseChannel;
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
 * CEL `x-kubernetes-validations` rule except transition rules. Then, unless `crossObject` is
 * false, checks that no API server performs run over all the objects together (route
 * attachment, ReferenceGrants, listener and route conflicts, policy targets).
 *
 * Objects of other API groups (core Services, Namespaces, ...) are not validated themselves,
 * but the cross-object checks use them (Namespace labels, Service ports). An empty result means
 * every object would be accepted.
 *
 * `validateManifests` (YAML text) and `validateManifestObjects` (decoded objects) are the
 * names the issue tracker and CLI use; `validateYaml` and `validateObjects` are the same
 * methods under their original names (jsii allows no union parameter, so text and objects
 * take one method each).
 */
export class ManifestValidator {
  /**
   * Validates decoded objects (plain JSON values, as synthesized by cdk8s or parsed from YAML).
   * The objects are not modified.
   *
   * @param objects the objects, in any order
   * @param options the target release and channel, and whether to run the cross-object checks
   * @returns the problems found, ordered by object (`documentIndex` is the array index)
   */
  public static validateObjects(objects: any[], options: ValidationOptions = {}): ValidationResult[] {
    return ManifestValidator._validate(objects.map((obj, documentIndex) => ({ obj, documentIndex })), options);
  }

  /**
   * Same as `validateObjects`.
   *
   * @param objects the objects, in any order
   * @param options the target release and channel, and whether to run the cross-object checks
   * @returns the problems found, ordered by object (`documentIndex` is the array index)
   */
  public static validateManifestObjects(objects: any[], options: ValidationOptions = {}): ValidationResult[] {
    return ManifestValidator.validateObjects(objects, options);
  }

  /**
   * Validates a manifest text read as `kubectl apply -f` reads it: a stream of JSON values when
   * its first non-space character is `{`, else `---`-separated YAML documents decoded with YAML
   * 1.1 rules (`on`, `yes` and `y` are booleans, `0x1F` and `017` integers, `<<` merge keys);
   * a document with an `items` field (`List`, `HTTPRouteList`, ...) is expanded into its items.
   * A document kubectl would refuse (bad syntax, excessive aliasing, nesting deeper than 1,000
   * levels, NaN or infinite values, `items` that is not a list of objects) is reported as a
   * problem of its own (code `yaml`, with the line and column); the other YAML documents are
   * still validated.
   *
   * @param text the YAML text
   * @param options the target release and channel, and whether to run the cross-object checks
   * @returns the problems found, ordered by document (`documentIndex` is the document's position)
   */
  public static validateYaml(text: string, options: ValidationOptions = {}): ValidationResult[] {
    const inputs: ValidationInput[] = [];
    const yamlErrors: ValidationResult[] = [];
    const problem = (message: string, documentIndex: number): void => {
      yamlErrors.push({ kind: '', path: '', message, code: Code.YAML, severity: ValidationSeverity.ERROR, documentIndex });
    };
    // Read as `kubectl apply -f` reads it (kubectl-yaml.ts): JSON or YAML by content, YAML 1.1
    // values, merge keys, go-yaml's alias limit; any document with `items` is a list.
    let starts: number[] | undefined;
    const at = (offset: number): string => {
      starts ??= lineStarts(text);
      const line = lineIndex(starts, offset);
      return `at line ${line + 1}, column ${offset - starts[line] + 1}`;
    };
    for (const doc of readManifest(text).documents) {
      if (doc.error) {
        problem(`invalid ${doc.json ? 'JSON' : 'YAML'}: ${doc.error.reason} ${at(doc.error.offset)}`, doc.index);
        continue;
      }
      if (doc.value === null || doc.value === undefined) continue;
      const expanded = expandKubectlList(doc.value);
      if (typeof expanded === 'string') {
        problem(`invalid list: ${expanded}`, doc.index);
        continue;
      }
      for (const item of expanded) inputs.push({ obj: item.object, documentIndex: doc.index });
    }
    const results = ManifestValidator._validate(inputs, options);
    if (yamlErrors.length === 0) return results;
    return stableSortByDocument([...results, ...yamlErrors]);
  }

  /**
   * Same as `validateYaml`.
   *
   * @param text the YAML text
   * @param options the target release and channel, and whether to run the cross-object checks
   * @returns the problems found, ordered by document (`documentIndex` is the document's position)
   */
  public static validateManifests(text: string, options: ValidationOptions = {}): ValidationResult[] {
    return ManifestValidator.validateYaml(text, options);
  }

  /**
   * Validates objects, each against the channel it targets (`channel` of an input overrides
   * the options'); results are ordered by `documentIndex`, per-object results before
   * cross-object ones.
   * @internal
   */
  public static _validate(inputs: readonly ValidationInput[], options: ValidationOptions): ValidationResult[] {
    const targets = new Map<ReleaseChannel, Target>();
    const targetOf = (input: ValidationInput): Target => {
      const channel = input.channel ?? options.channel ?? ReleaseChannel.STANDARD;
      let t = targets.get(channel);
      if (!t) {
        t = new Target({ ...options, channel });
        targets.set(channel, t);
      }
      return t;
    };
    const results: ValidationResult[] = [];
    for (const input of inputs) {
      const measured: Measured = {};
      for (const r of targetOf(input).validate(input.obj, measured)) results.push({ ...r, documentIndex: input.documentIndex });
      const tooLarge = clientSideApplyWarning(input.obj, measured.jsonBound);
      if (tooLarge) results.push({ ...tooLarge, documentIndex: input.documentIndex });
    }
    if (options.crossObject === false) return results;
    const findings = checkCrossObject(inputs.map(input => ({ obj: input.obj, crds: targetOf(input).gatewayApi })));
    if (findings.length === 0) return results;
    for (const f of findings) {
      const input = inputs[f.entry];
      results.push({
        ...identify(input.obj),
        path: f.path,
        message: f.message,
        code: f.code,
        severity: f.severity as ValidationSeverity,
        documentIndex: input.documentIndex,
      });
    }
    return stableSortByDocument(results);
  }

  private constructor() {}
}

/** The `too-large-for-client-side-apply` warning of any object (all kinds), if it applies. */
function clientSideApplyWarning(obj: unknown, jsonBound: number | undefined): ValidationResult | undefined {
  const message = clientSideApplySizeProblem(obj, jsonBound);
  if (message === undefined) return undefined;
  return { ...identify(obj), path: '', message, code: Code.TOO_LARGE_FOR_CLIENT_SIDE_APPLY, severity: ValidationSeverity.WARNING };
}

/** The results ordered by `documentIndex`, keeping the order within a document. */
function stableSortByDocument(results: ValidationResult[]): ValidationResult[] {
  return results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => ((a.r.documentIndex ?? -1) - (b.r.documentIndex ?? -1)) || a.i - b.i)
    .map(x => x.r);
}

/** kind, namespace and name of an object, as results name it. */
function identify(obj: unknown): { kind: string; namespace?: string; name?: string } {
  if (!isPlainObject(obj)) return { kind: '' };
  const meta = isPlainObject(obj.metadata) ? obj.metadata : {};
  return {
    kind: typeof obj.kind === 'string' ? obj.kind : '',
    ...(typeof meta.namespace === 'string' ? { namespace: meta.namespace } : {}),
    ...(typeof meta.name === 'string' ? { name: meta.name } : {}),
  };
}

/** What validating an object learned of its size, for `too-large-for-client-side-apply`. */
interface Measured {
  /** An upper bound of the object's JSON size in bytes (see `cloneJsonMeasured`). */
  jsonBound?: number;
}

/** The CRD sets selected by the options. */
class Target {
  public readonly gatewayApi: CrdSet;
  private readonly implementations: CrdSet[];
  private readonly label: string;

  constructor(options: ValidationOptions) {
    const version = options.gatewayApiVersion ?? GatewayApiVersion.V1_6_1;
    const channel = options.channel ?? ReleaseChannel.STANDARD;
    this.gatewayApi = loadCrdSet(`gateway-api-${version}-${channel}`);
    this.implementations = (options.implementations ?? []).map(id => loadCrdSet(id));
    this.label = `Gateway API ${version} ${channel} channel`;
  }

  /** Validates one object; `measured.jsonBound` is set when the object was copied (validated). */
  public validate(obj: unknown, measured: Measured): ValidationResult[] {
    if (!isPlainObject(obj)) {
      return [{ kind: '', path: '', message: 'not a Kubernetes object: expected a mapping with apiVersion and kind', code: Code.NOT_AN_OBJECT, severity: ValidationSeverity.ERROR }];
    }
    const ident = identify(obj);
    const toResults = (list: Issue[], code?: Code): ValidationResult[] =>
      list.map(i => ({
        ...ident,
        path: i.path,
        message: i.message,
        ...(i.rule !== undefined ? { rule: i.rule } : {}),
        code: code ?? (i.rule !== undefined ? Code.CEL : i.message.endsWith(BLOCKED) ? Code.CEL_SKIPPED : Code.SCHEMA),
        severity: ValidationSeverity.ERROR,
      }));

    if (typeof obj.apiVersion !== 'string' || obj.apiVersion === '' || typeof obj.kind !== 'string' || obj.kind === '') {
      const missing: Issue[] = [];
      if (typeof obj.apiVersion !== 'string' || obj.apiVersion === '') missing.push(issues.required('apiVersion'));
      if (typeof obj.kind !== 'string' || obj.kind === '') missing.push(issues.required('kind'));
      return toResults(missing, Code.NOT_AN_OBJECT);
    }
    // kubectl maps apiVersion and kind to a resource before sending anything (rest-mapping.ts)
    const { group, version, error } = parseGroupVersion(obj.apiVersion);
    if (error !== undefined) return toResults([{ path: 'apiVersion', message: error }], Code.UNKNOWN_KIND);
    if (group === '') {
      const unmapped = coreGroupMappingError(version, obj.kind);
      if (unmapped === undefined) return [];
      const hint = version.includes('.') ? ` (apiVersion is "group/version", such as "${version}/v1")` : '';
      return toResults([{ path: '', message: `${unmapped}${hint}` }], Code.UNKNOWN_KIND);
    }

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
      return toResults([{ path: '', message: `no matches for kind "${obj.kind}" in version "${obj.apiVersion}" (not served by ${label})` }], Code.UNKNOWN_KIND);
    }
    return toResults(validateServed(crd, served, obj, measured));
  }
}

function validateServed(crd: Crd, version: CrdVersion, obj: Record<string, unknown>, measured: Measured): Issue[] {
  const schema = version.schema!;
  const { copy, jsonBound } = cloneJsonMeasured(obj);
  measured.jsonBound = jsonBound;
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
