import { GroupVersionKind } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { throwIn } from '../core/errors';
import { checkGroup, checkKind, checkNamespace, checkObjectName, checkSectionName } from '../core/formats';
import { IServiceLike } from '../core/kplus-like';
import { IPolicyTarget, PolicyTargetReference } from '../core/references';
import { GatewayApiResource, GatewayApiResourceProps } from '../core/resource';

const MAX_TARGETS = 16;

/**
 * Options of `PolicyTarget.fromService`.
 */
export interface PolicyTargetOptions {
  /**
   * Section of the target: for a Service, the name of one of its ports.
   * @default - the whole target
   */
  readonly sectionName?: string;
}

/**
 * Options of `PolicyTarget.fromServiceName`.
 */
export interface PolicyTargetNameOptions extends PolicyTargetOptions {
  /**
   * Namespace of the target, when known. Policies attach only to targets in their own
   * namespace, so a different namespace is an error.
   * @default - the policy's namespace
   */
  readonly namespace?: string;
}

/**
 * A policy target given by group, kind and name (`PolicyTarget.fromRef`).
 */
export interface PolicyTargetRefOptions extends PolicyTargetNameOptions {
  /** API group of the target (`""` is the core group). */
  readonly group: string;
  /** Kind of the target. */
  readonly kind: string;
  /** Name of the target. */
  readonly name: string;
}

/**
 * Something a policy applies to (GEP-713 `targetRefs[]`), given by object or by name.
 *
 * The library's own constructs may implement `IPolicyTarget` directly; this class covers
 * Services and any object by group, kind and name.
 */
export class PolicyTarget implements IPolicyTarget {
  /**
   * A Service object, such as the `Service` of any cdk8s-plus 2.x line.
   *
   * Takes a `Service` of `cdk8s-plus-28` to `cdk8s-plus-33` as is (no cast), or anything
   * with a name, optional `metadata.namespace` and ports (`IServiceLike`). `sectionName`
   * selects one of its ports by name and must name a port the Service has. The target's
   * namespace is the Service's `metadata.namespace`, when it has one.
   *
   * `fromServiceName` is the name-based twin: use it from jsii languages other than
   * TypeScript, where cdk8s-plus classes do not implement `IServiceLike`.
   */
  public static fromService(service: IServiceLike, options: PolicyTargetOptions = {}): PolicyTarget {
    const factory = 'PolicyTarget.fromService';
    const section = options.sectionName;
    if (section !== undefined && service.ports.length > 0 && !service.ports.some(p => p.name === section)) {
      const names = service.ports.map(p => p.name).filter(n => n !== undefined);
      throwIn(factory, `service "${service.name}" has no port named "${section}" (named ports: ${names.length > 0 ? names.join(', ') : 'none'}); sectionName of a Service target is a port name`);
    }
    return PolicyTarget.create(factory, '', 'Service', service.name, section, service.metadata?.namespace);
  }

  /** A Service by name (works with Services defined anywhere, in any language). */
  public static fromServiceName(name: string, options: PolicyTargetNameOptions = {}): PolicyTarget {
    return PolicyTarget.create('PolicyTarget.fromServiceName', '', 'Service', name, options.sectionName, options.namespace);
  }

  /** Any object by group, kind and name (a Gateway, a route, an implementation's kind, …). */
  public static fromRef(reference: PolicyTargetRefOptions): PolicyTarget {
    return PolicyTarget.create('PolicyTarget.fromRef', reference.group, reference.kind, reference.name, reference.sectionName, reference.namespace);
  }

  private static create(factory: string, group: string, kind: string, name: string,
    sectionName: string | undefined, namespace: string | undefined): PolicyTarget {
    const errors = [
      checkGroup(group),
      checkKind(kind),
      checkObjectName(name),
      sectionName === undefined ? undefined : checkSectionName(sectionName),
      namespace === undefined ? undefined : checkNamespace(namespace),
    ];
    for (const err of errors) {
      if (err) throwIn(factory, err);
    }
    return new PolicyTarget({ group, kind, name, sectionName }, namespace);
  }

  private constructor(
    private readonly ref: PolicyTargetReference,
    /** Namespace of the target; undefined means the policy's namespace. */
    public readonly targetNamespace?: string) {}

  /** The `targetRefs[]` entry for this target. */
  public toPolicyTargetReference(): PolicyTargetReference {
    return { ...this.ref };
  }
}

/**
 * Properties shared by every policy.
 */
export interface PolicyProps extends GatewayApiResourceProps {
  /**
   * Objects the policy applies to (at most 16). More can be added with `addTarget`.
   * @default - none yet; at least one is required at synth
   */
  readonly targets?: IPolicyTarget[];
}

/**
 * Base of every policy (GEP-713 policy attachment): targets in the policy's own namespace,
 * rendered as `spec.targetRefs`.
 *
 * Targets must be distinct: the same object may be targeted more than once only with a
 * distinct `sectionName` each time, and never both as a whole and by section.
 */
export abstract class Policy extends GatewayApiResource {
  private readonly _targets: IPolicyTarget[] = [];

  protected constructor(scope: Construct, id: string, gvk: GroupVersionKind, props: PolicyProps) {
    super(scope, id, gvk, props);
    policyRegistry(this).add(this);
    for (const target of props.targets ?? []) this.addTarget(target);
    this.node.addValidation({
      validate: () => (this._targets.length === 0 ? [`${this.kind} has no targets; pass targets or call addTarget()`] : this._conflicts()),
    });
  }

  /** The targets added so far. */
  public get targets(): IPolicyTarget[] {
    return [...this._targets];
  }

  /**
   * Adds an object the policy applies to. Throws when the target is in another namespace,
   * repeats an existing target, or the policy already has 16 targets.
   */
  public addTarget(target: IPolicyTarget): void {
    const ref = target.toPolicyTargetReference();
    const desc = describeTarget(ref);
    const kinds = this._targetKinds();
    if (kinds !== undefined && !kinds.includes(`${ref.group}/${ref.kind}`)) {
      this._fail(`target ${desc} is of a kind this ${this.kind} cannot target; its CRD allows ${kinds.map(describeKind).join(', ')}`);
    }
    if (ref.sectionName && !this._sectionTargets()) {
      this._fail(`target ${desc} names a section ("${ref.sectionName}"), but ${article(this.kind)} ${this.kind} targets whole objects only (its targetRefs have no sectionName); target the whole ${ref.kind}`);
    }
    const targetNs = target.targetNamespace;
    if (targetNs !== undefined && targetNs !== this.namespace) {
      this._fail(this.namespace === undefined
        ? `target ${desc} is in namespace "${targetNs}" but this ${this.kind} has no namespace; set metadata.namespace (or the chart's namespace) to "${targetNs}"`
        : `target ${desc} is in namespace "${targetNs}", not the policy's namespace "${this.namespace}"; a policy applies only to targets in its own namespace`);
    }
    for (const existing of this._targets.map(t => t.toPolicyTargetReference())) {
      if (existing.group !== ref.group || existing.kind !== ref.kind || existing.name !== ref.name) continue;
      const a = existing.sectionName || undefined;
      const b = ref.sectionName || undefined;
      if (a === b) {
        this._fail(`target ${desc} is already targeted`);
      }
      if (a === undefined || b === undefined) {
        this._fail(`target ${desc} is targeted both as a whole and by section; target the whole object or distinct sections (sectionName), not both`);
      }
    }
    const max = this._maxTargets();
    if (this._targets.length >= max) {
      this._fail(max === 1
        ? `already has a target (${describeTarget(this._targets[0].toPolicyTargetReference())}); ${article(this.kind)} ${this.kind} has exactly one (spec.targetRef): create one policy per target`
        : `spec.targetRefs already has ${max} entries, the maximum`);
    }
    this._targets.push(target);
    policyRegistry(this).changed();
  }

  /**
   * Kinds this policy may target, as `group/Kind` (`/Service` for the core group), from its
   * CRD; undefined allows any kind.
   * @internal
   */
  protected _targetKinds(): string[] | undefined {
    return undefined;
  }

  /**
   * Whether a target may name a section (a listener, a rule, a port).
   * @internal
   */
  protected _sectionTargets(): boolean {
    return true;
  }

  /**
   * The most targets the policy may have.
   * @internal
   */
  protected _maxTargets(): number {
    return MAX_TARGETS;
  }

  /**
   * How the implementation treats two policies of this kind on the same target (its name, and
   * whether it merges them field by field or applies only the oldest); undefined when the
   * library does not check it.
   * @internal
   */
  protected _conflictRule(): { readonly implementation: string; readonly mergeable: boolean } | undefined {
    return undefined;
  }

  /**
   * Policies of this kind earlier in the app (construct path order) with a target in common:
   * an error naming both, unless the implementation merges them and they set no field in common.
   */
  private _conflicts(): string[] {
    const rule = this._conflictRule();
    if (rule === undefined) return [];
    const registry = policyRegistry(this);
    const index = registry.index();
    const mine = registry.position(this);
    const others = new Map<Policy, PolicyTargetReference>();
    for (const t of this._targets) {
      const ref = t.toPolicyTargetReference();
      for (const other of index.get(conflictKey(this, this.namespace, ref)) ?? []) {
        if (other !== this && registry.position(other) < mine && !others.has(other) && isAttached(other)) others.set(other, ref);
      }
    }
    const out: string[] = [];
    const ordered = [...others.keys()].sort((a, b) => registry.position(a) - registry.position(b));
    for (const other of ordered) {
      const shared = others.get(other)!;
      const fields = rule.mergeable ? sharedFields(other.apiObject.toJson().spec, this.apiObject.toJson().spec) : [];
      if (rule.mergeable && fields.length === 0) continue;
      out.push(`target ${describeTarget(shared)} is also targeted by ${this.kind} ${other.node.path}; `
        + (rule.mergeable
          ? `${rule.implementation} merges the two, but both set ${fields.join(', ')}, and for those only the oldest policy applies (the other is marked Conflicted): set each field in one policy`
          : `${rule.implementation} applies only the oldest of the two and marks the other Conflicted: merge them into one ${this.kind}`));
    }
    return out;
  }

  /**
   * The `spec.targetRefs` list, or undefined when empty.
   * @internal
   */
  protected _renderTargetRefs(): any[] | undefined {
    if (this._targets.length === 0) return undefined;
    return this._targets.map(t => {
      const ref = t.toPolicyTargetReference();
      return { group: ref.group, kind: ref.kind, name: ref.name, sectionName: ref.sectionName || undefined };
    });
  }
}

/** `a` or `an` before a kind name. */
function article(word: string): string {
  return /^[AEIOU]/.test(word) ? 'an' : 'a';
}

/**
 * The policies of one app in creation order, with an index of their targets by kind and
 * target, rebuilt only when a policy or a target was added since the last build: the conflict
 * check of each policy is then a lookup, not a walk of the whole construct tree.
 */
class PolicyRegistry {
  private readonly order = new Map<Policy, number>();
  private version = 0;
  private built = -1;
  private byKey = new Map<string, Policy[]>();

  public add(policy: Policy): void {
    this.order.set(policy, this.order.size);
    this.version++;
  }

  /** The policy's creation order in its app. */
  public position(policy: Policy): number {
    return this.order.get(policy)!;
  }

  public changed(): void {
    this.version++;
  }

  public index(): Map<string, Policy[]> {
    if (this.built !== this.version) {
      this.byKey = new Map();
      for (const p of this.order.keys()) {
        for (const t of p.targets) {
          const key = conflictKey(p, p.namespace, t.toPolicyTargetReference());
          const list = this.byKey.get(key);
          if (list === undefined) this.byKey.set(key, [p]);
          else if (list[list.length - 1] !== p) list.push(p);
        }
      }
      this.built = this.version;
    }
    return this.byKey;
  }
}

const REGISTRIES = new WeakMap<IConstruct, PolicyRegistry>();

function policyRegistry(policy: Policy): PolicyRegistry {
  const root = policy.node.root;
  let registry = REGISTRIES.get(root);
  if (registry === undefined) {
    registry = new PolicyRegistry();
    REGISTRIES.set(root, registry);
  }
  return registry;
}

function conflictKey(policy: Policy, namespace: string | undefined, ref: PolicyTargetReference): string {
  return `${policy.apiVersion}\u0000${policy.kind}\u0000${targetKey(namespace, ref)}`;
}

/** Whether a construct is still in its app (not removed with `tryRemoveChild`). */
function isAttached(c: IConstruct): boolean {
  for (let cur = c; cur.node.scope !== undefined; cur = cur.node.scope) {
    if (cur.node.scope.node.tryFindChild(cur.node.id) !== cur) return false;
  }
  return true;
}

function targetKey(namespace: string | undefined, ref: PolicyTargetReference): string {
  return JSON.stringify([namespace ?? '', ref.group, ref.kind, ref.name, ref.sectionName || '']);
}

/** Leaf paths (`body.maxSize`) set in both specs, target references aside. */
function sharedFields(a: any, b: any, prefix = ''): string[] {
  const out: string[] = [];
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) || Array.isArray(b)) return [prefix];
  for (const key of Object.keys(a).sort()) {
    if (prefix === '' && (key === 'targetRefs' || key === 'targetRef')) continue;
    if (b[key] === undefined || a[key] === undefined) continue;
    out.push(...sharedFields(a[key], b[key], prefix ? `${prefix}.${key}` : key));
  }
  return out;
}

function describeKind(groupKind: string): string {
  const [group, kind] = groupKind.split('/');
  return group === '' || group === 'gateway.networking.k8s.io' ? kind : `${kind}.${group}`;
}

function describeTarget(ref: PolicyTargetReference): string {
  const group = ref.group === '' ? '' : `.${ref.group}`;
  const section = ref.sectionName ? `/${ref.sectionName}` : '';
  return `${ref.kind}${group} "${ref.name}${section}"`;
}
