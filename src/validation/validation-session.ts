import { Crd, CrdSet, CrdVersion, loadCrdSet } from './catalog';
import { CelValidator } from './cel';
import { checkEntries, Code, Entry, entryOf, FactTables, Shared, Strings } from './cross-object';
import { clientSideApplySizeProblem } from './cross-object/apply-size';
import { decodeObject } from './decode';
import { Issue, issues } from './errors';
import { validateObjectMeta } from './objectmeta';
import { coreGroupMappingError, parseGroupVersion } from './rest-mapping';
import { shallowCopy } from './schema';
import { validateNode } from './structural';
import { GatewayApiVersion, ValidationInput, ValidationOptions, ValidationResult, ValidationSeverity } from './validation-types';
import { ReleaseChannel } from '../core/channel';

const GATEWAY_API_GROUPS = new Set(['gateway.networking.k8s.io', 'gateway.networking.x-k8s.io']);
const BLOCKED = 'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

function isPlainObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A result of the cross-object checks, and the position of its object.
 * @internal
 */
export interface PositionedResult {
  readonly position: number;
  readonly result: ValidationResult;
}

/**
 * Validation one object at a time, for inputs too large to hold decoded: each object is
 * validated as it is added (its results returned at once) and then dropped; only the facts the
 * cross-object checks need of it are kept (its identity and, by kind, a few normalized fields:
 * see cross-object/facts.ts), and the checks run over them in `finish`. Each object gets a
 * position: 0 for the first added, then 1, 2, ...
 * @internal
 */
export class ValidationSession {
  private readonly targets = new Map<ReleaseChannel, Target>();
  private readonly tables: FactTables;
  /** Facts of the objects with an identity, in position order. */
  private readonly entries: Entry[] = [];
  /** `documentIndex` by position, once some input's differs from its position. */
  private documentIndexes?: number[];
  private count = 0;

  /**
   * @param options the target release and channel, and whether to run the cross-object checks
   * @param reread the object at a position, decoded again (or the same object, when the caller
   *   kept it unmodified): called in `finish` only for an identity defined more than once, to
   *   compare its definitions
   * @param retained the objects added stay in memory, unmodified, until `finish` (facts only
   *   some checks need are then taken from them when needed)
   */
  constructor(private readonly options: ValidationOptions, private readonly reread: (position: number) => unknown, retained = false) {
    this.tables = { strings: new Strings(), shared: new Shared(), retained };
  }

  /** Number of objects added (the position of the next one). */
  public get size(): number {
    return this.count;
  }

  /**
   * Validates one object against the channel it targets, and keeps its facts for the
   * cross-object checks.
   *
   * @param input the object, the `documentIndex` its results report, its channel
   * @param owned the caller drops the object afterwards: it is decoded (pruned, defaulted) in
   *   place instead of being copied first
   * @returns its per-object results, in the validator's order
   */
  public add(input: ValidationInput, owned = false): ValidationResult[] {
    const position = this.count++;
    if (this.documentIndexes === undefined && input.documentIndex !== position) {
      this.documentIndexes = Array.from({ length: position }, (_, i) => i);
    }
    this.documentIndexes?.push(input.documentIndex);
    const target = this.targetOf(input.channel);
    if (this.options.crossObject !== false) {
      const entry = entryOf(input.obj, position, target.gatewayApi, this.tables);
      if (entry) this.entries.push(entry);
    }
    // measured before: an object decoded in place gets defaults and loses fields
    const tooLarge = clientSideApplyWarning(input.obj);
    const results: ValidationResult[] = [];
    for (const r of target.validate(input.obj, owned)) results.push({ ...r, documentIndex: input.documentIndex });
    if (tooLarge) results.push({ ...tooLarge, documentIndex: input.documentIndex });
    return results;
  }

  /**
   * Forgets the objects added from position `size` on (their facts), as if they had never been
   * added: the next object added gets position `size`.
   */
  public rollback(size: number): void {
    while (this.entries.length > 0 && this.entries[this.entries.length - 1].index >= size) this.entries.pop();
    if (this.documentIndexes) this.documentIndexes.length = Math.min(this.documentIndexes.length, size);
    this.count = Math.min(this.count, size);
  }

  /**
   * Runs the cross-object checks over the objects added (unless the options turn them off).
   *
   * @param keep the positions to check (default: all)
   * @returns their results, in the order the checks found them (each with the `documentIndex`
   *   of its object), and the positions of their objects
   */
  public finish(keep?: (position: number) => boolean): PositionedResult[] {
    if (this.options.crossObject === false) return [];
    const entries = keep ? this.entries.filter(e => keep(e.index)) : this.entries;
    return this.crossObject(entries);
  }

  /** Runs the cross-object checks on the object at a position alone (to find an object they throw on). */
  public finishAlone(position: number): void {
    if (this.options.crossObject === false) return;
    this.crossObject(this.entries.filter(e => e.index === position));
  }

  private crossObject(entries: readonly Entry[]): PositionedResult[] {
    const byPosition = new Map<number, Entry>();
    const findings = checkEntries(entries, this.reread);
    if (findings.length === 0) return [];
    for (const e of entries) byPosition.set(e.index, e);
    return findings.map(f => {
      const e = byPosition.get(f.entry)!;
      const result: ValidationResult = {
        kind: e.kind,
        ...(e.namespace !== undefined ? { namespace: e.namespace } : e.emptyNamespace ? { namespace: '' } : {}),
        name: e.name,
        path: f.path,
        message: f.message,
        code: f.code,
        severity: f.severity as ValidationSeverity,
        documentIndex: this.documentIndexes?.[f.entry] ?? f.entry,
      };
      return { position: f.entry, result };
    });
  }

  private targetOf(channel: ReleaseChannel | undefined): Target {
    const c = channel ?? this.options.channel ?? ReleaseChannel.STANDARD;
    let t = this.targets.get(c);
    if (!t) {
      t = new Target({ ...this.options, channel: c });
      this.targets.set(c, t);
    }
    return t;
  }
}

/** The `too-large-for-client-side-apply` warning of any object (all kinds), if it applies. */
function clientSideApplyWarning(obj: unknown): ValidationResult | undefined {
  const message = clientSideApplySizeProblem(obj);
  if (message === undefined) return undefined;
  return { ...identify(obj), path: '', message, code: Code.TOO_LARGE_FOR_CLIENT_SIDE_APPLY, severity: ValidationSeverity.WARNING };
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

  /**
   * Validates one object. An `owned` object is decoded in place; any other is left as it is
   * (decoded copy on write).
   */
  public validate(obj: unknown, owned = false): ValidationResult[] {
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
    return toResults(validateServed(crd, served, obj, owned));
  }
}

function validateServed(crd: Crd, version: CrdVersion, obj: Record<string, unknown>, owned: boolean): Issue[] {
  const schema = version.schema!;
  const decoded: Issue[] = [];
  // an object the caller keeps is decoded copy on write: it is not changed, and the decoded
  // object shares what decoding left as it was
  let copy = decodeObject(schema, obj, decoded, owned);
  // With the status subresource, create and update ignore `status` (after decoding).
  if (version.statusSubresource && Object.prototype.hasOwnProperty.call(copy, 'status')) {
    if (copy === obj && !owned) copy = shallowCopy(obj);
    delete copy.status;
  }

  const errs: Issue[] = [];
  validateObjectMeta(copy.metadata, crd.scope === 'Namespaced', errs);
  const lists: Issue[] = [];
  validateNode(schema, copy, '', errs, lists);

  const all = decoded.length === 0 && lists.length === 0 ? errs : [...decoded, ...errs, ...lists];
  if (errs.some(e => e.blocking)) {
    all.push(issues.invalid('', null, BLOCKED));
  } else {
    new CelValidator(all).validateRoot(schema, copy);
  }
  return all;
}
