import { GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';
import { Backend } from '../core/backend';
import { GatewayApiChannel, ReleaseChannel } from '../core/channel';
import { checkHostname } from '../core/formats';
import { IPolicyTarget, IRouteParent, ParentReference, PolicyTargetReference, RouteParentListener } from '../core/references';
import { GatewayApiResource, GatewayApiResourceProps } from '../core/resource';
import { requireReferenceGrant } from '../grants/grant-registry';
import { reportedFinding } from '../validation/construct-findings';
import { hostnamesIntersect } from '../validation/cross-object/hostnames';

const GATEWAY_GROUP = 'gateway.networking.k8s.io';
const MAX_PARENTS = 32;
/** Cross-object findings about one parent reference that the route's own checks report first. */
const PARENT_CODES = ['section-not-found', 'port-not-found', 'route-kind-not-allowed', 'no-matching-listener-hostname'];

/**
 * Properties shared by every route.
 */
export interface RouteProps extends GatewayApiResourceProps {
  /**
   * Parents the route attaches to: Gateways, listeners (`gateway.listener('https')`) or
   * ListenerSets. More can be added with `addParent`.
   * @default - none yet; add at least one with `addParent` for the route to take effect
   */
  readonly parents?: IRouteParent[];
  /**
   * Create a narrowly scoped ReferenceGrant in the target namespace for every backend in
   * another namespace. When false, a cross-namespace backend without a matching
   * ReferenceGrant in the app is a synth error.
   * @default true
   */
  readonly createReferenceGrants?: boolean;
}

/**
 * Base of every route kind: parents, hostnames, and cross-namespace backends.
 *
 * A route is a policy target as a whole (`toPolicyTargetReference`) or by one named rule
 * (`ruleTarget`).
 */
export abstract class Route extends GatewayApiResource implements IPolicyTarget {
  private readonly _parents: IRouteParent[] = [];
  private readonly _hostnames: string[] = [];
  private readonly _createGrants: boolean;

  protected constructor(scope: Construct, id: string, gvk: GroupVersionKind, props: RouteProps) {
    super(scope, id, gvk, props);
    this._createGrants = props.createReferenceGrants ?? true;
    for (const parent of props.parents ?? []) this.addParent(parent);
    this.node.addValidation({ validate: () => this._validateParents() });
  }

  /** The parents added so far. */
  public get parents(): IRouteParent[] {
    return [...this._parents];
  }

  /** The hostnames added so far. */
  public get hostnames(): string[] {
    return [...this._hostnames];
  }

  /** The route's namespace (policies attach only to targets in their own namespace). */
  public get targetNamespace(): string | undefined {
    return this.namespace;
  }

  /** The `targetRefs[]` entry for the whole route. */
  public toPolicyTargetReference(): PolicyTargetReference {
    return { group: GATEWAY_GROUP, kind: this.kind, name: this.name };
  }

  /**
   * One named rule of this route as a policy target (`sectionName` is the rule's name).
   * Throws when the route has no rule of that name yet: add the rule (with `name`) first.
   */
  public ruleTarget(ruleName: string): RouteRuleTarget {
    const names = this._ruleNames();
    if (!names.includes(ruleName)) {
      this._fail(`ruleTarget: no rule named "${ruleName}" (named rules: ${names.length > 0 ? names.map(n => `"${n}"`).join(', ') : 'none'}); give the rule a name in addRule({ name: "${ruleName}", ... }) before targeting it`);
    }
    return new RouteRuleTarget(this, ruleName);
  }

  /**
   * Names of the rules added so far (for `ruleTarget`).
   * @internal
   */
  protected _ruleNames(): string[] {
    return [];
  }

  /**
   * Attaches the route to a parent: a Gateway, one of its listeners, or a ListenerSet.
   */
  public addParent(parent: IRouteParent): void {
    const ref = parent.toParentReference();
    if (this._parents.length >= MAX_PARENTS) {
      this._fail(`spec.parentRefs already has ${MAX_PARENTS} entries, the maximum`);
    }
    // A Gateway or ListenerSet of this app without a namespace would be looked up in the
    // route's namespace, where it is not: every request would miss the route.
    const local = parent as { _ownNamespaceUnset?: () => boolean };
    if (ref.namespace === undefined && this.namespace !== undefined && local._ownNamespaceUnset?.() === true) {
      this._fail(`parent ${describeParent(ref, false)} has no namespace (neither its metadata nor its chart sets one), so this route in namespace "${this.namespace}" would look for it in "${this.namespace}"; set the ${ref.kind ?? 'Gateway'}'s metadata.namespace or its chart's namespace`);
    }
    const byPort = GatewayApiChannel.of(this) === ReleaseChannel.EXPERIMENTAL;
    for (const existing of this._parents.map(p => p.toParentReference())) {
      if (!sameParentObject(existing, ref)) continue;
      this._checkDistinctRefs(existing, ref, byPort);
    }
    this._parents.push(parent);
  }

  /**
   * Two references to one parent must select distinct listeners the way the target channel's
   * CEL rules demand: by `sectionName` (Standard), or by `sectionName` and `port`
   * (Experimental), each set on both references or on neither.
   */
  private _checkDistinctRefs(existing: ParentReference, ref: ParentReference, byPort: boolean): void {
    const parent = describeParent(ref, false);
    const sameSection = existing.sectionName === ref.sectionName;
    if (sameSection && (!byPort || existing.port === ref.port)) {
      this._fail(existing.port === ref.port
        ? `parent ${describeParent(ref)} is already attached`
        : `parent ${parent} is already attached with the same sectionName; the Standard channel tells references to one parent apart by sectionName only (port too under GatewayApiChannel.useExperimental)`);
    }
    if ((existing.sectionName === undefined) !== (ref.sectionName === undefined)) {
      this._fail(`parent ${parent} is referenced with a sectionName (${describeParent(existing.sectionName !== undefined ? existing : ref)}) and without one (${describeParent(existing.sectionName === undefined ? existing : ref)}); when a route references one parent several times, every reference must name a listener`);
    }
    if (byPort && (existing.port === undefined) !== (ref.port === undefined)) {
      this._fail(`parent ${parent} is referenced with a port (${describeParent(existing.port !== undefined ? existing : ref)}) and without one (${describeParent(existing.port === undefined ? existing : ref)}); when a route references one parent several times, either every reference sets a port or none does`);
    }
  }

  /**
   * Adds hostnames the route matches (the `Host` header or SNI).
   * @internal
   */
  protected _addHostnames(hostnames: string[]): void {
    for (const hostname of hostnames) {
      const err = checkHostname(hostname);
      if (err) this._fail(`spec.hostnames: ${err}`);
      if (this._hostnames.includes(hostname)) continue;
      const max = this._maxHostnames();
      if (this._hostnames.length >= max) {
        this._fail(`spec.hostnames already has ${max} entries, the maximum`);
      }
      this._hostnames.push(hostname);
    }
  }

  /**
   * Records that the route sends traffic to `backend`; a backend in another namespace gets
   * a ReferenceGrant (or a synth-time check when grants are not created).
   * @internal
   */
  protected _useBackend(backend: Backend): void {
    if (backend.namespace === undefined || backend.namespace === this.namespace) return;
    requireReferenceGrant(this, {
      fromGroup: GATEWAY_GROUP,
      fromKind: this.kind,
      fromNamespace: this.namespace,
      toGroup: backend.group,
      toKind: backend.kind,
      toName: backend.name,
      toNamespace: backend.namespace,
      description: `backend ${backend._describe()}`,
    }, this._createGrants);
  }

  /** @internal */
  protected _renderParentRefs(): any[] | undefined {
    if (this._parents.length === 0) return undefined;
    return this._parents.map(p => {
      const ref = p.toParentReference();
      return {
        group: ref.group,
        kind: ref.kind,
        name: ref.name,
        namespace: ref.namespace === this.namespace ? undefined : ref.namespace,
        sectionName: ref.sectionName,
        port: ref.port,
      };
    });
  }

  /** @internal */
  protected _renderHostnames(): string[] | undefined {
    return this._hostnames.length > 0 ? [...this._hostnames] : undefined;
  }

  /**
   * Most hostnames the kind's CRD accepts (16 for HTTPRoute and GRPCRoute).
   * @internal
   */
  protected _maxHostnames(): number {
    return 16;
  }

  /**
   * Protocols of the listeners this route kind can attach to.
   * @internal
   */
  protected abstract _listenerProtocols(): string[];

  private _validateParents(): string[] {
    const errors: string[] = [];
    const protocols = this._listenerProtocols();
    this._parents.forEach((parent, i) => {
      const error = this._parentError(parent, protocols);
      if (!error) return;
      // The cross-object checks that would say the same about this reference.
      for (const code of PARENT_CODES) reportedFinding(this.apiObject, { path: `spec.parentRefs[${i}]`, code }, error);
      errors.push(error);
    });
    return errors;
  }

  private _parentError(parent: IRouteParent, protocols: string[]): string | undefined {
    const ref = parent.toParentReference();
    const listeners = parent.knownListeners();
    if (listeners === undefined) return undefined;
    if (listeners.length === 0) {
      return ref.sectionName !== undefined || ref.port !== undefined
        ? `parent ${describeParent(ref, false)} has no listener${ref.sectionName !== undefined ? ` named "${ref.sectionName}"` : ''}${ref.port !== undefined ? ` on port ${ref.port}` : ''}; add the listener or fix the section name`
        : `parent ${describeParent(ref)} has no listeners`;
    }
    const compatible = listeners.filter(l => protocols.includes(l.protocol) || l.protocol.includes('/'));
    if (compatible.length === 0) {
      return `parent ${describeParent(ref)} has no ${protocols.join('/')} listener for a ${this.kind} (listeners: ${listeners.map(describeListener).join(', ')})`;
    }
    if (this._hostnames.length > 0 && !compatible.some(l => this._hostnames.some(h => intersects(h, l)))) {
      return `hostnames ${this._hostnames.join(', ')} cannot intersect the hostname of any listener of parent ${describeParent(ref)} (${compatible.map(describeListener).join(', ')}); the route would never match`;
    }
    return undefined;
  }
}

function intersects(hostname: string, listener: RouteParentListener): boolean {
  return hostnamesIntersect(hostname, listener.hostname);
}

function sameParentObject(a: ParentReference, b: ParentReference): boolean {
  return (a.group ?? GATEWAY_GROUP) === (b.group ?? GATEWAY_GROUP)
    && (a.kind ?? 'Gateway') === (b.kind ?? 'Gateway')
    && a.name === b.name
    && a.namespace === b.namespace;
}

/**
 * `Gateway "infra/edge"`, plus ` listener "https"` and ` port 443` when the reference selects them.
 * @internal
 */
export function describeParent(ref: ParentReference, withSection = true): string {
  const ns = ref.namespace ? `${ref.namespace}/` : '';
  const section = withSection && ref.sectionName ? ` listener "${ref.sectionName}"` : '';
  const port = withSection && ref.port !== undefined ? ` port ${ref.port}` : '';
  return `${ref.kind ?? 'Gateway'} "${ns}${ref.name}"${section}${port}`;
}

function describeListener(l: RouteParentListener): string {
  return `${l.name} ${l.protocol}/${l.port}${l.hostname ? ` ${l.hostname}` : ''}`;
}

/**
 * One named rule of a route as a policy target (`route.ruleTarget('name')`): rendered as the
 * route with `sectionName` set to the rule's name.
 */
export class RouteRuleTarget implements IPolicyTarget {
  /** @internal */
  public constructor(
    /** The route the rule belongs to. */
    public readonly route: Route,
    /** The rule's name. */
    public readonly ruleName: string) {}

  /** The route's namespace. */
  public get targetNamespace(): string | undefined {
    return this.route.namespace;
  }

  /** The `targetRefs[]` entry: the route, with `sectionName` set to the rule's name. */
  public toPolicyTargetReference(): PolicyTargetReference {
    return { ...this.route.toPolicyTargetReference(), sectionName: this.ruleName };
  }
}
