import * as kplus from 'cdk8s-plus-28';
import { throwIn } from './errors';
import { checkGroup, checkKind, checkNamespace, checkObjectName } from './formats';

/**
 * Options of the name-based `CertificateRef` factories.
 */
export interface CertificateRefOptions {
  /**
   * Namespace of the referenced object. A namespace other than the referrer's (the Gateway
   * or ListenerSet) makes the referrer create a ReferenceGrant in that namespace (unless it
   * opts out).
   * @default - the referrer's namespace
   */
  readonly namespace?: string;
}

/**
 * A reference to any object holding a certificate or CA bundle, by group, kind and name.
 */
export interface CertificateReference {
  /**
   * API group of the object (`""` is the core group).
   * @default ""
   */
  readonly group?: string;
  /** Kind of the object (`Secret`, `ConfigMap`, or an implementation's kind). */
  readonly kind: string;
  /** Name of the object. */
  readonly name: string;
  /**
   * Namespace of the object.
   * @default - the referrer's namespace
   */
  readonly namespace?: string;
}

/**
 * A reference to a certificate or CA bundle: a listener's serving certificate
 * (`tls.certificateRefs[]`), a client-certificate CA (`caCertificateRefs[]`) or the
 * client certificate a Gateway presents to backends (`tls.backend.clientCertificateRef`).
 */
export class CertificateRef {
  /**
   * A Secret by name (a `kubernetes.io/tls` Secret for serving and client certificates).
   */
  public static fromSecretName(name: string, options: CertificateRefOptions = {}): CertificateRef {
    return CertificateRef.create('CertificateRef.fromSecretName', '', 'Secret', name, options.namespace);
  }

  /**
   * A cdk8s-plus Secret (its namespace is used when it has one).
   * `fromSecretName` is the name-based twin.
   */
  public static fromSecret(secret: kplus.ISecret): CertificateRef {
    return CertificateRef.create('CertificateRef.fromSecret', '', 'Secret', secret.name, namespaceOf(secret));
  }

  /**
   * A ConfigMap by name (CA bundles for client-certificate validation, key `ca.crt`).
   */
  public static fromConfigMapName(name: string, options: CertificateRefOptions = {}): CertificateRef {
    return CertificateRef.create('CertificateRef.fromConfigMapName', '', 'ConfigMap', name, options.namespace);
  }

  /**
   * A cdk8s-plus ConfigMap (its namespace is used when it has one).
   * `fromConfigMapName` is the name-based twin.
   */
  public static fromConfigMap(configMap: kplus.IConfigMap): CertificateRef {
    return CertificateRef.create('CertificateRef.fromConfigMap', '', 'ConfigMap', configMap.name, namespaceOf(configMap));
  }

  /**
   * Any object by group, kind and name (for implementations that accept other kinds).
   */
  public static fromRef(reference: CertificateReference): CertificateRef {
    return CertificateRef.create('CertificateRef.fromRef', reference.group ?? '', reference.kind, reference.name, reference.namespace);
  }

  private static create(factory: string, group: string, kind: string, name: string, namespace: string | undefined): CertificateRef {
    const errors = [
      checkGroup(group),
      checkKind(kind),
      checkObjectName(name),
      namespace === undefined ? undefined : checkNamespace(namespace),
    ];
    for (const err of errors) {
      if (err) throwIn(factory, err);
    }
    return new CertificateRef(group, kind, name, namespace);
  }

  private constructor(
    /** API group of the object (`""` for core). */
    public readonly group: string,
    /** Kind of the object. */
    public readonly kind: string,
    /** Name of the object. */
    public readonly name: string,
    /** Namespace of the object; undefined means the referrer's namespace. */
    public readonly namespace?: string) {}

  /**
   * Renders the reference. `referrerNamespace` is the namespace of the object holding the
   * reference; the namespace is rendered only when it differs from it.
   * @internal
   */
  public _toKube(referrerNamespace?: string): { group: string; kind: string; name: string; namespace?: string } {
    return {
      group: this.group,
      kind: this.kind,
      name: this.name,
      namespace: this.namespace === referrerNamespace ? undefined : this.namespace,
    };
  }

  /**
   * Names the reference in messages: `Secret "certs/wildcard"`.
   * @internal
   */
  public _describe(): string {
    const kind = this.group === '' ? this.kind : `${this.kind}.${this.group}`;
    return `${kind} "${this.namespace ? `${this.namespace}/` : ''}${this.name}"`;
  }
}

function namespaceOf(resource: kplus.IResource): string | undefined {
  return resource instanceof kplus.Resource ? resource.metadata.namespace : undefined;
}
