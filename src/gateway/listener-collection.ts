import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { Listener, TlsMode } from './listener';
import { CertificateRef } from '../core/certificate-ref';
import { throwAt } from '../core/errors';
import { checkPort, checkSectionName } from '../core/formats';
import { IPolicyTarget, IRouteParent, ParentReference, PolicyTargetReference, RouteParentListener } from '../core/references';
import { requireReferenceGrant } from '../grants/grant-registry';
import * as l1 from '../imports/standard/gateway.networking.k8s.io';
import { CoveredFinding, reportedFinding } from '../validation/construct-findings';

/** @internal */
export const GATEWAY_GROUP = 'gateway.networking.k8s.io';
const MAX_LISTENERS = 64;
const HOSTNAME_PROTOCOLS = ['HTTP', 'HTTPS', 'TLS'];
const FACTORY: { [protocol: string]: string } = { HTTPS: 'Listener.https()', TLS: 'Listener.tls()' };

/**
 * The object that owns listeners or certificate references: a Gateway or a ListenerSet.
 * @internal
 */
export interface ListenerOwner extends IConstruct {
  readonly apiObject: ApiObject;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/**
 * Records a certificate or CA reference of `owner`; one in another namespace gets a
 * ReferenceGrant (or a synth-time check when grants are not created).
 * @internal
 */
export function useCertificate(owner: ListenerOwner, cert: CertificateRef, what: string, create: boolean): void {
  if (cert.namespace === undefined || cert.namespace === owner.namespace) return;
  requireReferenceGrant(owner, {
    fromGroup: GATEWAY_GROUP,
    fromKind: owner.kind,
    fromNamespace: owner.namespace,
    toGroup: cert.group,
    toKind: cert.kind,
    toName: cert.name,
    toNamespace: cert.namespace,
    description: `${what} ${cert._describe()}`,
  }, create);
}

/**
 * A route parent (and policy target) that is a whole Gateway or ListenerSet, one listener
 * of it (`sectionName`), or its listeners on one port.
 * @internal
 */
export class ListenerParent implements IRouteParent, IPolicyTarget {
  public constructor(
    private readonly ref: ParentReference,
    private readonly listeners: () => RouteParentListener[] | undefined,
    private readonly ownNamespaceUnset: () => boolean = () => false) {}

  /**
   * True when the parent is an object of this app that has no namespace (its reference
   * without a namespace would then wrongly mean "the route's namespace").
   * @internal
   */
  public _ownNamespaceUnset(): boolean {
    return this.ownNamespaceUnset();
  }

  public get targetNamespace(): string | undefined {
    return this.ref.namespace;
  }

  public toParentReference(): ParentReference {
    return { ...this.ref };
  }

  public knownListeners(): RouteParentListener[] | undefined {
    const all = this.listeners();
    if (all === undefined) return undefined;
    return all.filter(l => (this.ref.sectionName === undefined || l.name === this.ref.sectionName)
      && (this.ref.port === undefined || l.port === this.ref.port));
  }

  public toPolicyTargetReference(): PolicyTargetReference {
    return { group: this.ref.group ?? GATEWAY_GROUP, kind: this.ref.kind ?? 'Gateway', name: this.ref.name, sectionName: this.ref.sectionName };
  }
}

/**
 * Route-parent handles for a parent: the whole object, one listener, or one port.
 * Shared by Gateway, ListenerSet and their imported forms.
 * @internal
 */
export class ParentHandles {
  public constructor(
    private readonly owner: () => ParentReference,
    private readonly listeners: () => RouteParentListener[] | undefined,
    private readonly describe: string,
    private readonly ownNamespaceUnset: () => boolean = () => false) {}

  public whole(): ListenerParent {
    return new ListenerParent(this.owner(), this.listeners, this.ownNamespaceUnset);
  }

  public section(name: string): ListenerParent {
    const err = checkSectionName(name);
    if (err) throw new Error(`${this.describe}: listener ${err}`);
    return new ListenerParent({ ...this.owner(), sectionName: name }, this.listeners, this.ownNamespaceUnset);
  }

  public port(port: number): ListenerParent {
    const err = checkPort(port);
    if (err) throw new Error(`${this.describe}: listenersOnPort: ${err}`);
    return new ListenerParent({ ...this.owner(), port }, this.listeners, this.ownNamespaceUnset);
  }
}

/**
 * The listeners of a Gateway or ListenerSet: collection, certificate grants, route-parent
 * handles, whole-tree checks and rendering.
 * @internal
 */
export class ListenerCollection {
  private readonly items: Listener[] = [];
  public readonly handles: ParentHandles;

  public constructor(private readonly owner: ListenerOwner, private readonly createGrants: boolean) {
    this.handles = new ParentHandles(
      () => ({ group: GATEWAY_GROUP, kind: owner.kind, name: owner.name, namespace: owner.namespace }),
      () => this.known(),
      `${owner.kind} ${owner.node.path}`,
      () => owner.namespace === undefined);
  }

  public get listeners(): Listener[] {
    return [...this.items];
  }

  public add(listener: Listener): IRouteParent {
    if (!(listener instanceof Listener)) {
      throwAt(this.owner, this.owner.kind, 'addListener expects a Listener from Listener.http(), .https(), .tls(), .tcp(), .udp() or .custom()');
    }
    for (const cert of listener.certificates) {
      useCertificate(this.owner, cert, `listener "${listener.name}" certificate`, this.createGrants);
    }
    this.items.push(listener);
    return this.handles.section(listener.name);
  }

  public known(): RouteParentListener[] {
    return this.items.map(l => ({ name: l.name, port: l.port, protocol: l.protocol, hostname: l.hostname }));
  }

  public render(): l1.GatewaySpecListeners[] | undefined {
    return this.items.length > 0 ? this.items.map(l => l._toKube(this.owner.namespace)) : undefined;
  }

  /** Whole-tree checks of the listener list (the CEL rules plus the spec's distinctness). */
  public validate(): string[] {
    const errors: string[] = [];
    const kind = this.owner.kind;
    // Each finding covers what the validator would report again about the same listeners.
    // `rule`: the text of the list-level CEL rule the check stands for (reported at `spec.listeners`).
    const report = (message: string, listeners?: Listener[], rule?: string, listenerCode = 'listener-conflict') => {
      const findings: CoveredFinding[] = listeners === undefined ? [{ path: 'spec.listeners', exact: true }, { code: 'too-many-listeners' }] : [
        ...(rule === undefined ? [] : [{ path: 'spec.listeners', code: 'cel', exact: true, message: rule }]),
        ...listeners.map(l => ({ path: `spec.listeners[${this.items.indexOf(l)}]`, code: listenerCode })),
      ];
      for (const f of findings) reportedFinding(this.owner.apiObject, f, message);
      errors.push(message);
    };
    if (this.items.length === 0) {
      report(`${kind} has no listeners; pass listeners or call addHttpListener(), addHttpsListener(), … (Gateway API requires 1-${MAX_LISTENERS})`);
    }
    if (this.items.length > MAX_LISTENERS) {
      report(`${kind} has ${this.items.length} listeners; at most ${MAX_LISTENERS} are allowed (move some to a ListenerSet or another ${kind})`);
    }
    for (const [name, group] of groupBy(this.items, l => l.name)) {
      if (group.length > 1) {
        // The schema's list-map key check reports the repeated name too (`Duplicate value`).
        for (const l of group) reportedFinding(this.owner.apiObject, { path: `spec.listeners[${this.items.indexOf(l)}]`, code: 'schema', message: 'Duplicate value' }, '');
        report(`listener name "${name}" is used by ${group.length} listeners (${group.map(l => `${l.protocol}/${l.port}`).join(', ')}); give each listener a unique name`, group, 'Listener name must be unique');
      }
    }
    for (const group of groupBy(this.items, l => `${l.port}|${l.protocol}|${l.hostname ?? ''}`).values()) {
      if (group.length < 2) continue;
      const [a, ...rest] = group;
      const names = [a, ...rest].map(l => `"${l.name}"`).join(' and ');
      report(HOSTNAME_PROTOCOLS.includes(a.protocol)
        ? `listeners ${names} conflict: same port ${a.port}, protocol ${a.protocol} and ${a.hostname ? `hostname "${a.hostname}"` : 'no hostname'}; give each a distinct port or hostname`
        : `listeners ${names} conflict: both ${a.protocol} on port ${a.port}; ${a.protocol} listeners must differ in port`, group,
      'Combination of port, protocol and hostname must be unique');
    }
    for (const group of groupBy(this.items.filter(l => HOSTNAME_PROTOCOLS.includes(l.protocol)), l => `${l.port}|${l.hostname ?? ''}`).values()) {
      const protocols = [...new Set(group.map(l => l.protocol))];
      if (protocols.length < 2) continue;
      const [a] = group;
      report(`listeners ${group.map(l => `"${l.name}" (${l.protocol})`).join(' and ')} share port ${a.port} and ${a.hostname ? `hostname "${a.hostname}"` : 'no hostname'}; HTTP, HTTPS and TLS listeners on one port must differ in hostname`, group);
    }
    for (const tcp of this.items.filter(l => l.protocol === 'TCP')) {
      for (const other of this.items.filter(l => l.port === tcp.port && HOSTNAME_PROTOCOLS.includes(l.protocol))) {
        report(`TCP listener "${tcp.name}" shares port ${tcp.port} with ${other.protocol} listener "${other.name}"; implementations reject both as conflicted, so move one to another port`, [tcp, other]);
      }
    }
    for (const l of this.items) {
      if (l.tlsMode !== TlsMode.TERMINATE || l.certificates.length > 0 || l.tlsOptions !== undefined) continue;
      const factory = FACTORY[l.protocol] ?? 'Listener.custom()';
      const message = `${l._describe()} has no certificates; pass certificates to ${factory}${l.protocol === 'TLS' ? ' or use mode TlsMode.PASSTHROUGH' : ''}`;
      const path = `spec.listeners[${this.items.indexOf(l)}]`;
      // The CRD's own CEL rule (under the listener) and the cross-object check say the same.
      reportedFinding(this.owner.apiObject, { path, code: 'cel' }, message);
      report(message, [l], undefined, 'https-listener-without-tls');
    }
    return errors;
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

/**
 * Base of the imported (unowned) Gateway and ListenerSet: a route parent and policy target
 * whose listeners are not known.
 * @internal
 */
export abstract class ImportedListenerParent extends Construct implements IRouteParent, IPolicyTarget {
  private readonly handles: ParentHandles;

  protected constructor(scope: Construct, id: string, private readonly parentKind: string,
    private readonly parentName: string, private readonly parentNamespace: string | undefined) {
    super(scope, id);
    this.handles = new ParentHandles(
      () => ({ group: GATEWAY_GROUP, kind: parentKind, name: parentName, namespace: parentNamespace }),
      () => undefined,
      `${parentKind} ${this.node.path}`);
  }

  public get targetNamespace(): string | undefined {
    return this.parentNamespace;
  }

  public listener(name: string): IRouteParent {
    return this.handles.section(name);
  }

  public listenersOnPort(port: number): IRouteParent {
    return this.handles.port(port);
  }

  public listenerTarget(name: string): IPolicyTarget {
    return this.handles.section(name);
  }

  public toParentReference(): ParentReference {
    return this.handles.whole().toParentReference();
  }

  public knownListeners(): RouteParentListener[] | undefined {
    return undefined;
  }

  public toPolicyTargetReference(): PolicyTargetReference {
    return { group: GATEWAY_GROUP, kind: this.parentKind, name: this.parentName };
  }
}
