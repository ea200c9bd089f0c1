/**
 * Typed Ingress props for new code (`IngressCompat.fromSpec`): the parts of an
 * `networking.k8s.io/v1` Ingress that ingress-nginx reads, as jsii structs.
 */

/** A path of an Ingress rule. */
export interface IngressCompatPath {
  /**
   * The path.
   * @default "/"
   */
  readonly path?: string;
  /**
   * `Prefix`, `Exact` or `ImplementationSpecific` (which ingress-nginx treats as `Prefix`).
   * @default "ImplementationSpecific"
   */
  readonly pathType?: string;
  /** Name of the backend Service (in the Ingress's namespace). */
  readonly serviceName: string;
  /**
   * Port of the Service by number. One of `servicePort` and `servicePortName`.
   * @default - `servicePortName`
   */
  readonly servicePort?: number;
  /**
   * Port of the Service by name (resolved through a Service in `services`).
   * @default - `servicePort`
   */
  readonly servicePortName?: string;
}

/** A rule of an Ingress. */
export interface IngressCompatRule {
  /**
   * The host.
   * @default - every host (ingress-nginx's catch-all server)
   */
  readonly host?: string;
  /** The paths. */
  readonly paths: IngressCompatPath[];
}

/** A `spec.tls` entry. */
export interface IngressCompatTls {
  /** Hosts the certificate is for. */
  readonly hosts: string[];
  /**
   * The Secret holding the certificate (`kubernetes.io/tls`).
   * @default - none: ingress-nginx serves its default certificate
   */
  readonly secretName?: string;
}

/** An Ingress, typed. */
export interface IngressCompatIngress {
  /** `metadata.name`. */
  readonly name: string;
  /**
   * `metadata.namespace`.
   * @default "default"
   */
  readonly namespace?: string;
  /**
   * `metadata.annotations`, `nginx.ingress.kubernetes.io/*` included.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * `metadata.creationTimestamp` (RFC 3339), which orders Ingresses as ingress-nginx does.
   * @default - the order given (all Ingresses without a timestamp are equally old)
   */
  readonly creationTimestamp?: string;
  /**
   * `spec.ingressClassName`.
   * @default - no class
   */
  readonly ingressClassName?: string;
  /**
   * `spec.rules`.
   * @default - none
   */
  readonly rules?: IngressCompatRule[];
  /**
   * `spec.tls`.
   * @default - none
   */
  readonly tls?: IngressCompatTls[];
  /**
   * `spec.defaultBackend`: a Service name and port number.
   * @default - none
   */
  readonly defaultBackendService?: string;
  /**
   * Port of `defaultBackendService`.
   * @default 80
   */
  readonly defaultBackendPort?: number;
}

/** The manifest object of a typed Ingress. */
export function ingressObject(spec: IngressCompatIngress): Record<string, unknown> {
  const backend = (name: string, port?: number, portName?: string) => ({
    service: { name, port: port !== undefined ? { number: port } : { name: portName } },
  });
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: spec.name,
      namespace: spec.namespace ?? 'default',
      ...(spec.annotations ? { annotations: { ...spec.annotations } } : {}),
      ...(spec.creationTimestamp ? { creationTimestamp: spec.creationTimestamp } : {}),
    },
    spec: {
      ...(spec.ingressClassName ? { ingressClassName: spec.ingressClassName } : {}),
      ...(spec.defaultBackendService ? { defaultBackend: backend(spec.defaultBackendService, spec.defaultBackendPort ?? 80) } : {}),
      ...(spec.tls ? { tls: spec.tls.map(t => ({ hosts: [...t.hosts], secretName: t.secretName })) } : {}),
      rules: (spec.rules ?? []).map(r => ({
        ...(r.host ? { host: r.host } : {}),
        http: {
          paths: r.paths.map(p => ({
            path: p.path ?? '/',
            pathType: p.pathType ?? 'ImplementationSpecific',
            backend: backend(p.serviceName, p.servicePort, p.servicePortName),
          })),
        },
      })),
    },
  };
}
