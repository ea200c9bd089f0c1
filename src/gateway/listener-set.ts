import { Construct, IConstruct } from 'constructs';
import { Gateway, IGateway } from './gateway';
import { GATEWAY_GROUP, ImportedListenerParent } from './listener-collection';
import { ListenerHost, ListenerHostProps } from './listener-host';
import { throwIn } from '../core/errors';
import { checkNamespace, checkObjectName } from '../core/formats';
import { IPolicyTarget, IRouteParent } from '../core/references';
import * as l1 from '../imports/standard/gateway.networking.k8s.io';
import { reportedFinding } from '../validation/construct-findings';

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
  /** One listener, by name, as a policy target (`targetRefs[].sectionName`). */
  listenerTarget(name: string): IPolicyTarget;
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
export interface ListenerSetProps extends ListenerHostProps {
  /**
   * The Gateway whose listeners this set extends. That Gateway must admit the set's
   * namespace in its `allowedListeners` (checked at synth when it is a `Gateway` of this app).
   */
  readonly parent: IGateway;
}

/**
 * A ListenerSet (GEP-1713): listeners added to a Gateway from another object, often by
 * another team or namespace. Routes attach to it with `kind: ListenerSet`.
 */
export class ListenerSet extends ListenerHost implements IListenerSet {
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

  public constructor(scope: Construct, id: string, props: ListenerSetProps) {
    super(scope, id, l1.ListenerSet.GVK, props);
    this.parentGateway = props.parent;
    // A Gateway of this app without a namespace would be looked up in the set's namespace.
    if (props.parent instanceof Gateway && props.parent.namespace === undefined && this.namespace !== undefined) {
      this._fail(`parent Gateway "${props.parent.node.path}" has no namespace (neither its metadata nor its chart sets one), so this ListenerSet in namespace "${this.namespace}" would look for it in "${this.namespace}"; set the Gateway's metadata.namespace or its chart's namespace`);
    }
    this.node.addValidation({ validate: () => this.validateAttachment() });
  }

  /** The ListenerSet's name. */
  public get listenerSetName(): string {
    return this.name;
  }

  /** The ListenerSet's namespace. */
  public get listenerSetNamespace(): string | undefined {
    return this.namespace;
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
    return this.attachmentErrors().map(m => reportedFinding(this.apiObject, { path: 'spec.parentRef', code: 'listenerset-not-allowed' }, m));
  }

  private attachmentErrors(): string[] {
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
