/**
 * The typed intermediate model of IngressCompat's parse step: what the Ingresses, IngressClasses,
 * Services and the controller ConfigMap say, normalised across API versions, before any
 * ingress-nginx semantics are applied. Internal: not part of the jsii API.
 */

/** The annotation prefix of ingress-nginx (`--annotations-prefix` default). */
export const NGINX_PREFIX = 'nginx.ingress.kubernetes.io/';

/** A backend of an Ingress path or default backend. */
export interface BackendModel {
  /** A Service backend. */
  readonly service?: {
    readonly name: string;
    /** The port by number. */
    readonly port?: number;
    /** The port by name (resolved through the Service when it is given). */
    readonly portName?: string;
  };
  /** A resource backend (`spec.rules[].http.paths[].backend.resource`). */
  readonly resource?: { readonly apiGroup?: string; readonly kind: string; readonly name: string };
}

/** The pathType of an Ingress path. */
export type PathTypeModel = 'Prefix' | 'Exact' | 'ImplementationSpecific';

/** One path of an Ingress rule. */
export interface PathModel {
  /** The path (`/` when empty). */
  readonly path: string;
  /** The pathType as written (`ImplementationSpecific` when unset). */
  readonly pathType: PathTypeModel;
  readonly backend: BackendModel;
}

/** One rule of an Ingress. */
export interface RuleModel {
  /** The host; undefined for a rule without host (ingress-nginx's catch-all server `_`). */
  readonly host?: string;
  readonly paths: PathModel[];
}

/** One entry of `spec.tls`. */
export interface TlsModel {
  readonly hosts: string[];
  readonly secretName?: string;
}

/** An Ingress, whatever its API version. */
export interface IngressModel {
  /** `namespace/name`: the Ingress in notices and messages. */
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  /** `metadata.creationTimestamp` (RFC 3339), when the input has it. */
  readonly creationTimestamp?: string;
  /** `spec.ingressClassName`, else the legacy `kubernetes.io/ingress.class` annotation. */
  readonly ingressClassName?: string;
  /** The `nginx.ingress.kubernetes.io/*` annotations, by key without the prefix, sorted. */
  readonly nginx: ReadonlyMap<string, string>;
  readonly rules: RuleModel[];
  readonly tls: TlsModel[];
  readonly defaultBackend?: BackendModel;
  /** Where the Ingress came from (`file:line`, a construct path, `manifests[3]`). */
  readonly source: string;
  /** The input's position, for stable ordering when timestamps tie. */
  readonly inputIndex: number;
}

/** A Service, for named ports and `appProtocol`. */
export interface ServiceModel {
  readonly namespace: string;
  readonly name: string;
  readonly ports: ReadonlyArray<{ readonly name?: string; readonly port: number; readonly appProtocol?: string }>;
}

/** An IngressClass. */
export interface IngressClassModel {
  readonly name: string;
  readonly controller: string;
  /** `ingressclass.kubernetes.io/is-default-class: "true"`. */
  readonly isDefault: boolean;
}

/** Everything the parse step read. */
export interface ParsedInput {
  readonly ingresses: IngressModel[];
  readonly services: ServiceModel[];
  readonly ingressClasses: IngressClassModel[];
  /** The data of the ingress-nginx controller ConfigMap, when one was given. */
  readonly controllerConfig?: ReadonlyMap<string, string>;
}
