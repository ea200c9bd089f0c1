import { throwIn } from './errors';
import { checkGroup, checkKind, checkNamespace, checkObjectName } from './formats';
import { IConfigMapLike, ISecretLike } from './kplus-like';

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
   * A Secret object, such as the `Secret` of any cdk8s-plus 2.x line.
   *
   * Takes a `Secret` of `cdk8s-plus-28` to `cdk8s-plus-33` as is (no cast), created or
   * imported with `Secret.fromSecretName`. Its `metadata.namespace` is used when it has one: a
   * created Secret is in its chart's namespace unless `metadata.namespace` is set; an imported
   * one has no metadata, so it is taken to be in the referrer's namespace.
   *
   * `fromSecretName` is the name-based twin: use it from jsii languages other than
   * TypeScript, where cdk8s-plus classes do not implement `ISecretLike`.
   */
  public static fromSecret(secret: ISecretLike): CertificateRef {
    return CertificateRef.create('CertificateRef.fromSecret', '', 'Secret', secret.name, secret.metadata?.namespace);
  }

  /**
   * A ConfigMap by name (CA bundles for client-certificate validation, key `ca.crt`).
   */
  public static fromConfigMapName(name: string, options: CertificateRefOptions = {}): CertificateRef {
    return CertificateRef.create('CertificateRef.fromConfigMapName', '', 'ConfigMap', name, options.namespace);
  }

  /**
   * A ConfigMap object, such as the `ConfigMap` of any cdk8s-plus 2.x line.
   *
   * Takes a `ConfigMap` of `cdk8s-plus-28` to `cdk8s-plus-33` as is (no cast), created or
   * imported with `ConfigMap.fromConfigMapName`. Its namespace is found as in `fromSecret`.
   *
   * `fromConfigMapName` is the name-based twin: use it from jsii languages other than
   * TypeScript, where cdk8s-plus classes do not implement `IConfigMapLike`.
   */
  public static fromConfigMap(configMap: IConfigMapLike): CertificateRef {
    return CertificateRef.create('CertificateRef.fromConfigMap', '', 'ConfigMap', configMap.name, configMap.metadata?.namespace);
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
