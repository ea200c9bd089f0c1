import { GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';
import { HttpListenerOptions, HttpsListenerOptions, L4ListenerOptions, Listener, TlsListenerOptions } from './listener';
import { GATEWAY_GROUP, ListenerCollection } from './listener-collection';
import { IPolicyTarget, IRouteParent, ParentReference, PolicyTargetReference, RouteParentListener } from '../core/references';
import { GatewayApiResource, GatewayApiResourceProps } from '../core/resource';

/**
 * Properties shared by the objects that own listeners: Gateway and ListenerSet.
 */
export interface ListenerHostProps extends GatewayApiResourceProps {
  /**
   * Listeners; more can be added with `addListener` and `addXxxListener`.
   * @default - none yet; at least one is required at synth
   */
  readonly listeners?: Listener[];
  /**
   * Create a narrowly scoped ReferenceGrant in the target namespace for every certificate
   * or CA bundle in another namespace (grants are not inherited between a Gateway and its
   * ListenerSets). When false, such a reference without a matching ReferenceGrant in the
   * app is a synth error.
   * @default true
   */
  readonly createReferenceGrants?: boolean;
}

/**
 * Base of Gateway and ListenerSet: the listener list, the `addXxxListener` methods, and the
 * route-parent and policy-target handles (the whole object, one listener, one port).
 */
export abstract class ListenerHost extends GatewayApiResource implements IRouteParent, IPolicyTarget {
  /** @internal */
  protected readonly _listeners: ListenerCollection;
  /** @internal */
  protected readonly _createGrants: boolean;

  protected constructor(scope: Construct, id: string, gvk: GroupVersionKind, props: ListenerHostProps) {
    super(scope, id, gvk, props);
    this._createGrants = props.createReferenceGrants ?? true;
    this._listeners = new ListenerCollection(this, this._createGrants);
    for (const listener of props.listeners ?? []) this.addListener(listener);
    this.node.addValidation({ validate: () => this._listeners.validate() });
  }

  /** The namespace (policies attach only to targets in their own namespace). */
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

  /**
   * A route parent for one listener, by name (`parentRefs[].sectionName`). Whether the
   * listener exists is checked at synth by the routes that attach to it.
   */
  public listener(name: string): IRouteParent {
    return this._listeners.handles.section(name);
  }

  /** A route parent for the listeners on one port (`parentRefs[].port`). */
  public listenersOnPort(port: number): IRouteParent {
    return this._listeners.handles.port(port);
  }

  /**
   * One listener, by name, as a policy target (`targetRefs[].sectionName`): for policies that
   * apply to one listener, such as an Envoy Gateway ClientTrafficPolicy on the HTTPS listener.
   */
  public listenerTarget(name: string): IPolicyTarget {
    return this._listeners.handles.section(name);
  }

  /** The `parentRefs[]` entry for the whole object. */
  public toParentReference(): ParentReference {
    return this._listeners.handles.whole().toParentReference();
  }

  /**
   * True when this object has no namespace (see `ListenerParent._ownNamespaceUnset`).
   * @internal
   */
  public _ownNamespaceUnset(): boolean {
    return this.namespace === undefined;
  }

  /** Every listener of this object. */
  public knownListeners(): RouteParentListener[] | undefined {
    return this._listeners.known();
  }

  /** The `targetRefs[]` entry for the whole object. */
  public toPolicyTargetReference(): PolicyTargetReference {
    return { group: GATEWAY_GROUP, kind: this.kind, name: this.name };
  }
}
