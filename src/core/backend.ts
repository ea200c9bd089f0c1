import { throwIn } from './errors';
import { checkGroup, checkKind, checkNamespace, checkObjectName, checkPort, checkWeight } from './formats';
import { IServiceLike } from './kplus-like';

/**
 * A filter that can be attached to one backend of a route rule (`backendRefs[].filters`).
 * `HttpFilter` and `GrpcFilter` implement it.
 */
export interface IBackendFilter {
  /** The filter `type` (`RequestHeaderModifier`, …). */
  readonly filterType: string;
  /** The route kinds this filter is valid in (`HTTPRoute`, `GRPCRoute`). */
  readonly routeKinds: string[];
  /** Renders the filter object. */
  renderFilter(): any;
}

/**
 * Options shared by every backend factory.
 */
export interface BackendOptions {
  /**
   * Proportion of the rule's traffic sent to this backend (weight / sum of weights), 0-1000000.
   * `0` sends no traffic.
   * @default 1 (the Gateway API default; rendered only when set)
   */
  readonly weight?: number;
  /**
   * Filters applied only to requests sent to this backend (HTTPRoute and GRPCRoute only).
   * @default - none
   */
  readonly filters?: IBackendFilter[];
}

/**
 * Options of `Backend.fromService`.
 */
export interface ServiceBackendOptions extends BackendOptions {
  /**
   * Service port to send traffic to.
   * @default - the Service's only port; required when the Service has several
   */
  readonly port?: number;
}

/**
 * Options of `Backend.fromServiceName`.
 */
export interface ServiceNameBackendOptions extends BackendOptions {
  /**
   * Namespace of the Service. A namespace other than the route's makes the route create a
   * ReferenceGrant in that namespace (unless it opts out).
   * @default - the route's namespace
   */
  readonly namespace?: string;
}

/**
 * A reference to any backend object, by group, kind and name.
 */
export interface BackendReference extends BackendOptions {
  /**
   * API group of the backend (`""` is the core group).
   * @default ""
   */
  readonly group?: string;
  /**
   * Kind of the backend.
   * @default "Service"
   */
  readonly kind?: string;
  /** Name of the backend object. */
  readonly name: string;
  /**
   * Namespace of the backend.
   * @default - the route's namespace
   */
  readonly namespace?: string;
  /**
   * Port of the backend. Required when the backend is a Service.
   * @default - none (only valid for kinds other than Service)
   */
  readonly port?: number;
}

/**
 * Where a route rule sends traffic: a Service (by object or by name) or any backend reference.
 */
export class Backend {
  /**
   * A Service object, such as the `Service` of any cdk8s-plus 2.x line.
   *
   * Takes a `Service` of `cdk8s-plus-28` to `cdk8s-plus-33` as is (no cast), or anything with
   * a name, optional `metadata.namespace` and ports (`IServiceLike`). The port is inferred when
   * the Service exposes exactly one. The namespace is the Service's: for a cdk8s-plus Service,
   * its chart's unless `metadata.namespace` is set.
   *
   * `fromServiceName` is the name-based twin: use it from jsii languages other than
   * TypeScript, where cdk8s-plus classes do not implement `IServiceLike`.
   */
  public static fromService(service: IServiceLike, options: ServiceBackendOptions = {}): Backend {
    const ports = service.ports.map(p => p.port);
    let port = options.port;
    if (port === undefined) {
      if (ports.length === 0) {
        throwIn('Backend.fromService', `service "${service.name}" does not expose any ports; add a port to the Service or pass options.port`);
      }
      if (ports.length > 1) {
        throwIn('Backend.fromService', `service "${service.name}" exposes ports ${ports.join(',')}; pass options.port to pick one`);
      }
      port = ports[0];
    } else if (ports.length > 0 && !ports.includes(port)) {
      throwIn('Backend.fromService', `service "${service.name}" exposes ports ${ports.join(',')} but the backend uses port ${port}`);
    }
    return Backend.fromRef({ ...options, name: service.name, namespace: service.metadata?.namespace, port });
  }

  /**
   * A Service by name and port (works with Services defined anywhere, in any language).
   */
  public static fromServiceName(name: string, port: number, options: ServiceNameBackendOptions = {}): Backend {
    // Not `{ ...options, name, port }`: copying the fields is much cheaper than a spread, and
    // apps make thousands of backends (a caller may still pass any BackendReference field).
    const o = options as Partial<BackendReference>;
    return Backend.fromRef({ group: o.group, kind: o.kind, name, namespace: o.namespace, port, weight: o.weight, filters: o.filters });
  }

  /**
   * Any backend object by group, kind and name (a Service, an implementation's backend kind, …).
   */
  public static fromRef(reference: BackendReference): Backend {
    const group = reference.group ?? '';
    const kind = reference.kind ?? 'Service';
    const errors = [
      checkGroup(group),
      checkKind(kind),
      checkObjectName(reference.name),
      reference.namespace === undefined ? undefined : checkNamespace(reference.namespace),
      reference.port === undefined ? undefined : checkPort(reference.port),
      reference.weight === undefined ? undefined : checkWeight(reference.weight),
    ];
    for (const err of errors) {
      if (err) throwIn('Backend', err);
    }
    if (group === '' && kind === 'Service' && reference.port === undefined) {
      throwIn('Backend', `service "${reference.name}" needs a port (Gateway API requires port for Service backends)`);
    }
    return new Backend(group, kind, reference.name, reference.namespace, reference.port, reference.weight,
      reference.filters ?? NO_FILTERS);
  }

  private constructor(
    /** API group of the backend (`""` for core). */
    public readonly group: string,
    /** Kind of the backend. */
    public readonly kind: string,
    /** Name of the backend. */
    public readonly name: string,
    /** Namespace of the backend; undefined means the route's namespace. */
    public readonly namespace: string | undefined,
    /** Port of the backend; undefined for kinds that do not need one. */
    public readonly port: number | undefined,
    /** Weight; undefined means the Gateway API default of 1. */
    public readonly weight: number | undefined,
    /** Filters applied to requests sent to this backend. */
    public readonly filters: IBackendFilter[]) {}

  /**
   * A readable description for error messages: `Service "pay/payments:8080"`.
   * @internal
   */
  public _describe(): string {
    const ns = this.namespace ? `${this.namespace}/` : '';
    const port = this.port === undefined ? '' : `:${this.port}`;
    return `${this.kind} "${ns}${this.name}${port}"`;
  }

  /**
   * The `backendRefs[]` entry without filters (the route adds those). The namespace is
   * omitted when it is the referring route's own (`routeNamespace`).
   * @internal
   */
  public _toKube(routeNamespace?: string): any {
    return {
      group: this.group === '' && this.kind === 'Service' ? undefined : this.group,
      kind: this.kind === 'Service' && this.group === '' ? undefined : this.kind,
      name: this.name,
      namespace: this.namespace === routeNamespace && routeNamespace !== undefined ? undefined : this.namespace,
      port: this.port,
      weight: this.weight,
    };
  }
}

/** The filters of a backend given none (frozen and shared: a large app has thousands of backends). */
const NO_FILTERS: IBackendFilter[] = Object.freeze([]) as unknown as IBackendFilter[];
