import { Construct } from 'constructs';
import { throwIn } from '../core/errors';
import { checkGroup, checkKind, checkNamespace, checkObjectName } from '../core/formats';
import { GatewayApiResource, GatewayApiResourceProps } from '../core/resource';
import * as l1 from '../imports/standard/gateway.networking.k8s.io';
import { reportedFinding } from '../validation/construct-findings';

const GATEWAY_GROUP = 'gateway.networking.k8s.io';
const MAX_ENTRIES = 16;

/**
 * Who may refer across namespaces: a kind of object in one namespace (`spec.from[]`).
 */
export class ReferenceGrantFrom {
  /** HTTPRoutes in a namespace. */
  public static httpRoutes(namespace: string): ReferenceGrantFrom {
    return ReferenceGrantFrom.of(GATEWAY_GROUP, 'HTTPRoute', namespace);
  }
  /** GRPCRoutes in a namespace. */
  public static grpcRoutes(namespace: string): ReferenceGrantFrom {
    return ReferenceGrantFrom.of(GATEWAY_GROUP, 'GRPCRoute', namespace);
  }
  /** TLSRoutes in a namespace. */
  public static tlsRoutes(namespace: string): ReferenceGrantFrom {
    return ReferenceGrantFrom.of(GATEWAY_GROUP, 'TLSRoute', namespace);
  }
  /** TCPRoutes in a namespace. */
  public static tcpRoutes(namespace: string): ReferenceGrantFrom {
    return ReferenceGrantFrom.of(GATEWAY_GROUP, 'TCPRoute', namespace);
  }
  /** UDPRoutes in a namespace. */
  public static udpRoutes(namespace: string): ReferenceGrantFrom {
    return ReferenceGrantFrom.of(GATEWAY_GROUP, 'UDPRoute', namespace);
  }
  /** Gateways in a namespace (for certificate and client-certificate references). */
  public static gateways(namespace: string): ReferenceGrantFrom {
    return ReferenceGrantFrom.of(GATEWAY_GROUP, 'Gateway', namespace);
  }
  /** ListenerSets in a namespace (for certificate references). */
  public static listenerSets(namespace: string): ReferenceGrantFrom {
    return ReferenceGrantFrom.of(GATEWAY_GROUP, 'ListenerSet', namespace);
  }
  /** Any kind, given by group and kind, in a namespace. */
  public static of(group: string, kind: string, namespace: string): ReferenceGrantFrom {
    for (const err of [checkGroup(group), checkKind(kind), checkNamespace(namespace)]) {
      if (err) throwIn('ReferenceGrantFrom', err);
    }
    return new ReferenceGrantFrom(group, kind, namespace);
  }

  private constructor(
    /** API group of the referring kind. */
    public readonly group: string,
    /** The referring kind. */
    public readonly kind: string,
    /** Namespace of the referring objects. */
    public readonly namespace: string) {}

  /** @internal */
  public _toKube(): l1.ReferenceGrantSpecFrom {
    return { group: this.group, kind: this.kind, namespace: this.namespace };
  }
}

/**
 * What may be referred to: a kind of object (optionally one by name) in the grant's
 * namespace (`spec.to[]`).
 */
export class ReferenceGrantTo {
  /** Services (one by name, or every Service in the namespace). */
  public static services(name?: string): ReferenceGrantTo {
    return ReferenceGrantTo.of('', 'Service', name);
  }
  /** Secrets (one by name, or every Secret in the namespace). */
  public static secrets(name?: string): ReferenceGrantTo {
    return ReferenceGrantTo.of('', 'Secret', name);
  }
  /** ConfigMaps (one by name, or every ConfigMap in the namespace). */
  public static configMaps(name?: string): ReferenceGrantTo {
    return ReferenceGrantTo.of('', 'ConfigMap', name);
  }
  /** Any kind, given by group and kind; `name` narrows it to one object. */
  public static of(group: string, kind: string, name?: string): ReferenceGrantTo {
    for (const err of [checkGroup(group), checkKind(kind), name === undefined ? undefined : checkObjectName(name)]) {
      if (err) throwIn('ReferenceGrantTo', err);
    }
    return new ReferenceGrantTo(group, kind, name);
  }

  private constructor(
    /** API group of the target kind (`""` for core). */
    public readonly group: string,
    /** The target kind. */
    public readonly kind: string,
    /** Name of the one target object; undefined means every object of the kind. */
    public readonly name?: string) {}

  /** @internal */
  public _toKube(): l1.ReferenceGrantSpecTo {
    return { group: this.group, kind: this.kind, name: this.name };
  }
}

/**
 * Properties of a ReferenceGrant.
 */
export interface ReferenceGrantProps extends GatewayApiResourceProps {
  /**
   * Who may refer into this namespace (`spec.from`). More can be added with `addFrom`.
   * @default - none yet; at least one is required at synth
   */
  readonly allowFrom?: ReferenceGrantFrom[];
  /**
   * What may be referred to (`spec.to`). More can be added with `addTo`.
   * @default - none yet; at least one is required at synth
   */
  readonly allowTo?: ReferenceGrantTo[];
}

/**
 * A ReferenceGrant (GEP-709): lets objects of the `from` kinds and namespaces refer to the
 * `to` objects in this grant's namespace.
 *
 * Routes, Gateways and ListenerSets of this library create narrowly scoped grants for their
 * cross-namespace references by default; create one yourself to grant wider access.
 */
export class ReferenceGrant extends GatewayApiResource {
  private readonly _from: ReferenceGrantFrom[] = [];
  private readonly _to: ReferenceGrantTo[] = [];

  public constructor(scope: Construct, id: string, props: ReferenceGrantProps = {}) {
    super(scope, id, l1.ReferenceGrant.GVK, props);
    for (const f of props.allowFrom ?? []) this.addFrom(f);
    for (const t of props.allowTo ?? []) this.addTo(t);
    this.node.addValidation({
      validate: () => [
        ...(this._from.length === 0 ? [reportedFinding(this.apiObject, { path: 'spec.from' }, 'ReferenceGrant has no "from" entry; call addFrom()')] : []),
        ...(this._to.length === 0 ? [reportedFinding(this.apiObject, { path: 'spec.to' }, 'ReferenceGrant has no "to" entry; call addTo()')] : []),
      ],
    });
  }

  /** @internal */
  protected _toSpec(): any {
    return l1.toJson_ReferenceGrantSpec({
      from: this._from.map(f => f._toKube()),
      to: this._to.map(t => t._toKube()),
    });
  }

  /** Adds who may refer into this namespace. */
  public addFrom(referrer: ReferenceGrantFrom): void {
    if (this._from.some(f => f.group === referrer.group && f.kind === referrer.kind && f.namespace === referrer.namespace)) {
      return;
    }
    if (this._from.length >= MAX_ENTRIES) {
      this._fail(`spec.from already has ${MAX_ENTRIES} entries, the maximum; create another ReferenceGrant`);
    }
    this._from.push(referrer);
  }

  /** Adds what may be referred to. */
  public addTo(to: ReferenceGrantTo): void {
    if (this._to.some(t => t.group === to.group && t.kind === to.kind && t.name === to.name)) {
      return;
    }
    if (this._to.length >= MAX_ENTRIES) {
      this._fail(`spec.to already has ${MAX_ENTRIES} entries, the maximum; create another ReferenceGrant`);
    }
    this._to.push(to);
  }

  /**
   * True when this grant lets `fromKind` objects of `fromGroup` in `fromNamespace` refer to
   * the `toKind` object `toName` of `toGroup` in this grant's namespace.
   */
  public allows(fromGroup: string, fromKind: string, fromNamespace: string, toGroup: string, toKind: string, toName: string): boolean {
    return this._from.some(f => f.group === fromGroup && f.kind === fromKind && f.namespace === fromNamespace)
      && this._to.some(t => t.group === toGroup && t.kind === toKind && (t.name === undefined || t.name === toName));
  }
}
