import { Construct, IConstruct } from 'constructs';
import { Gateway, IGateway } from './gateway';
import { HttpListenerOptions, HttpsListenerOptions, L4ListenerOptions, Listener, TlsListenerOptions } from './listener';
import { GATEWAY_GROUP, ImportedListenerParent, ListenerCollection } from './listener-collection';
import { throwIn } from '../core/errors';
import { checkNamespace, checkObjectName } from '../core/formats';
import { IPolicyTarget, IRouteParent, ParentReference, PolicyTargetReference, RouteParentListener } from '../core/references';
import { GatewayApiResource, GatewayApiResourceProps } from '../core/resource';
import * as l1 from '../imports/standard/gateway.networking.k8s.io';

/**
 * A ListenerSet, owned by this app or imported by name. Routes attach to it as a whole,
 * to one listener (`listener(name)`), or to the listeners on one port.
 */
export interface IListenerSet extends IRouteParent, IPolicyTarget, IConstruct {
  /** The ListenerSet's `metadata.name`. */
  readonly listenerSetName: string;
  /** The ListenerSet's namespace; undefined when not set. */
  readonly listenerSetNamespace?: string;
  /** A route parent for one listener, by name (`parentRefs[].sectionName`). */
  listener(name: string): IRouteParent;
  /** A route parent for the listeners on one port (`parentRefs[].port`). */
  listenersOnPort(port: number): IRouteParent;
}

/**
 * Options of `ListenerSet.fromListenerSetName`.
 */
export interface ListenerSetImportOptions {
  /**
   * Namespace of the ListenerSet.
   * @default - the namespace of the routes that attach to it
   */
  readonly namespace?: string;
}

/**
 * Properties of a ListenerSet.
 */
export interface ListenerSetProps extends GatewayApiResourceProps {
  /**
   * The Gateway whose listeners this set extends. That Gateway must admit the set's
   * namespace in its `allowedListeners` (checked at synth when it is a `Gateway` of this app).
   */
  readonly parent: IGateway;
  /**
   * Listeners; more can be added with `addListener` and `addXxxListener`.
   * @default - none yet; at least one is required at synth
   */
  readonly listeners?: Listener[];
  /**
   * Create a narrowly scoped ReferenceGrant in the target namespace for every certificate
   * in another namespace (grants are not inherited from the parent Gateway). When false,
   * such a reference without a matching ReferenceGrant in the app is a synth error.
   * @default true
   */
  readonly createReferenceGrants?: boolean;
}

/**
 * A ListenerSet (GEP-1713): listeners added to a Gateway from another object, often by
 * another team or namespace. Routes attach to it with `kind: ListenerSet`.
 */
export class ListenerSet extends GatewayApiResource implements IListenerSet {
  /**
   * A ListenerSet defined elsewhere. Routes can attach to it; its listeners are not known,
   * so section names are not checked.
   */
  public static fromListenerSetName(scope: Construct, id: string, name: string, options: ListenerSetImportOptions = {}): IListenerSet {
    for (const err of [checkObjectName(name), options.namespace === undefined ? undefined : checkNamespace(options.namespace)]) {
      if (err) throwIn('ListenerSet.fromListenerSetName', err);
    }
    return new ImportedListenerSet(scope, id, name, options.namespace);
  }

  /** The Gateway this set extends. */
  public readonly parentGateway: IGateway;

  private readonly _listeners: ListenerCollection;

  public constructor(scope: Construct, id: string, props: ListenerSetProps) {
    super(scope, id, l1.ListenerSet.GVK, props);
    this.parentGateway = props.parent;
    this._listeners = new ListenerCollection(this, props.createReferenceGrants ?? true);
    for (const listener of props.listeners ?? []) this.addListener(listener);
    this.node.addValidation({ validate: () => [...this._listeners.validate(), ...this.validateAttachment()] });
  }

  /** The ListenerSet's name. */
  public get listenerSetName(): string {
    return this.name;
  }

  /** The ListenerSet's namespace. */
  public get listenerSetNamespace(): string | undefined {
    return this.namespace;
  }

  /** The ListenerSet's namespace (policies attach only to targets in their own namespace). */
  public get targetNamespace(): string | undefined {
    return this.namespace;
  }

  /** The listeners added so far. */
  public get listeners(): Listener[] {
    return this._listeners.listeners;
  }

  /**
   * Adds a listener; returns the route parent bound to it (`sectionName`). A certificate in
   * another namespace gets a ReferenceGrant (unless `createReferenceGrants` is false).
   */
  public addListener(listener: Listener): IRouteParent {
    return this._listeners.add(listener);
  }

  /** Adds an HTTP listener (default name "http", port 80); returns its route parent. */
  public addHttpListener(options: HttpListenerOptions = {}): IRouteParent {
    return this.addListener(Listener.http(options));
  }

  /** Adds an HTTPS listener (default name "https", port 443); returns its route parent. */
  public addHttpsListener(options: HttpsListenerOptions): IRouteParent {
    return this.addListener(Listener.https(options));
  }

  /** Adds a TLS listener (default name "tls", port 443, Passthrough); returns its route parent. */
  public addTlsListener(options: TlsListenerOptions = {}): IRouteParent {
    return this.addListener(Listener.tls(options));
  }

  /** Adds a TCP listener; returns its route parent. */
  public addTcpListener(options: L4ListenerOptions): IRouteParent {
    return this.addListener(Listener.tcp(options));
  }

  /** Adds a UDP listener; returns its route parent. */
  public addUdpListener(options: L4ListenerOptions): IRouteParent {
    return this.addListener(Listener.udp(options));
  }

  /** A route parent for one listener of this set, by name. */
  public listener(name: string): IRouteParent {
    return this._listeners.handles.section(name);
  }

  /** A route parent for this set's listeners on one port. */
  public listenersOnPort(port: number): IRouteParent {
    return this._listeners.handles.port(port);
  }

  /** The `parentRefs[]` entry for the whole ListenerSet. */
  public toParentReference(): ParentReference {
    return this._listeners.handles.whole().toParentReference();
  }

  /** Every listener of this set. */
  public knownListeners(): RouteParentListener[] | undefined {
    return this._listeners.known();
  }

  /** The `targetRefs[]` entry for the whole ListenerSet. */
  public toPolicyTargetReference(): PolicyTargetReference {
    return { group: GATEWAY_GROUP, kind: 'ListenerSet', name: this.name };
  }

  /** @internal */
  protected _toSpec(): any {
    const parentNs = this.parentGateway.gatewayNamespace;
    return l1.toJson_ListenerSetSpec({
      parentRef: {
        group: GATEWAY_GROUP,
        kind: 'Gateway',
        name: this.parentGateway.gatewayName,
        namespace: parentNs === this.namespace ? undefined : parentNs,
      },
      listeners: (this._listeners.render() ?? []) as unknown as l1.ListenerSetSpecListeners[],
    });
  }

  private validateAttachment(): string[] {
    const parent = this.parentGateway;
    if (!(parent instanceof Gateway)) return [];
    const gw = `Gateway "${parent.node.path}"`;
    const from = parent.allowedListeners?.namespacesFrom ?? 'None';
    if (from === 'None') {
      return [`parent ${gw} does not admit ListenerSets (its allowedListeners is None, the default); set allowedListeners: ListenerNamespaces.same() (or .all() / .selector()) on the Gateway`];
    }
    if (from === 'Same' && parent.namespace !== this.namespace) {
      return [`parent ${gw} admits ListenerSets from its own namespace only (allowedListeners Same), but this ListenerSet is in namespace "${this.namespace ?? '(none)'}" and the Gateway in "${parent.namespace ?? '(none)'}"; use ListenerNamespaces.all() or .selector(), or move the ListenerSet`];
    }
    return [];
  }
}

class ImportedListenerSet extends ImportedListenerParent implements IListenerSet {
  public constructor(scope: Construct, id: string, public readonly listenerSetName: string, public readonly listenerSetNamespace?: string) {
    super(scope, id, 'ListenerSet', listenerSetName, listenerSetNamespace);
  }
}
