/**
 * A reference from a route to the parent it attaches to (`spec.parentRefs[]`).
 */
export interface ParentReference {
  /**
   * API group of the parent.
   * @default "gateway.networking.k8s.io"
   */
  readonly group?: string;
  /**
   * Kind of the parent.
   * @default "Gateway"
   */
  readonly kind?: string;
  /** Name of the parent. */
  readonly name: string;
  /**
   * Namespace of the parent.
   * @default - the route's namespace
   */
  readonly namespace?: string;
  /**
   * Listener name within the parent.
   * @default - every listener of the parent
   */
  readonly sectionName?: string;
  /**
   * Listener port within the parent.
   * @default - every port
   */
  readonly port?: number;
}

/**
 * What a route needs to know of one listener it may attach to, for synth-time checks.
 */
export interface RouteParentListener {
  /** Listener name. */
  readonly name: string;
  /** Listener port. */
  readonly port: number;
  /** Listener protocol (`HTTP`, `HTTPS`, `TLS`, `TCP`, `UDP` or a domain-prefixed value). */
  readonly protocol: string;
  /**
   * Listener hostname.
   * @default - matches every hostname
   */
  readonly hostname?: string;
}

/**
 * Something a route can attach to: a Gateway, one listener of it, a ListenerSet, or
 * one listener of a ListenerSet.
 */
export interface IRouteParent {
  /** The `parentRefs[]` entry for this parent. */
  toParentReference(): ParentReference;

  /**
   * The listeners this parent is known to have, used to check section names and hostname
   * intersection at synth time. Undefined when they are not known (an imported parent).
   */
  knownListeners(): RouteParentListener[] | undefined;
}

/**
 * A reference from a policy to its target (`spec.targetRefs[]`, GEP-713).
 */
export interface PolicyTargetReference {
  /** API group of the target (`""` for the core group). */
  readonly group: string;
  /** Kind of the target. */
  readonly kind: string;
  /** Name of the target. */
  readonly name: string;
  /**
   * Section of the target (a listener name, a Service port name, a route rule name).
   * @default - the whole target
   */
  readonly sectionName?: string;
}

/**
 * Something a policy can target (GEP-713 policy attachment).
 */
export interface IPolicyTarget {
  /**
   * Namespace of the target; policies attach only to targets in their own namespace.
   * Undefined when not known.
   */
  readonly targetNamespace?: string;

  /** The `targetRefs[]` entry for this target. */
  toPolicyTargetReference(): PolicyTargetReference;
}
