import { Construct } from 'constructs';
import { Policy, PolicyProps } from './policy';
import { throwIn } from '../core/errors';
import { charLength, checkHostname, checkObjectName, checkPreciseHostname } from '../core/formats';
import { IConfigMapLike, ISecretLike } from '../core/kplus-like';
import * as l1 from '../imports/standard/gateway.networking.k8s.io';

/**
 * At most 8 CA certificate references: the `maxItems` of
 * `validation.caCertificateRefs` in the v1.6.1 BackendTLSPolicy CRD (standard and
 * experimental), whatever the release notes say.
 */
const MAX_CA_CERTIFICATES = 8;
const MAX_SUBJECT_ALT_NAMES = 5;
const MAX_OPTIONS = 16;
const MAX_OPTION_VALUE = 4096;
const WELL_KNOWN = /^(System|([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]))$/;
const URI_PATTERN = /^(([^:/?#]+):)(\/\/([^/?#]*))([^?#]*)(\?([^#]*))?(#(.*))?/;
const OPTION_KEY = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/**
 * A set of trusted CA certificates known to the implementation
 * (`validation.wellKnownCACertificates`).
 */
export class WellKnownCaCertificates {
  /** The system's well-known CA certificates. */
  public static readonly SYSTEM = new WellKnownCaCertificates('System');

  /**
   * An implementation-specific set, named with a domain prefix
   * (`example.com/my-ca-certificates`).
   */
  public static custom(name: string): WellKnownCaCertificates {
    if (name.length > 253 || !WELL_KNOWN.test(name)) {
      throwIn('WellKnownCaCertificates.custom', `"${name}" is neither "System" nor a domain-prefixed name such as "example.com/my-ca-certificates"`);
    }
    return new WellKnownCaCertificates(name);
  }

  private constructor(
    /** The value of `wellKnownCACertificates`. */
    public readonly value: string) {}
}

/**
 * A ConfigMap or Secret in the policy's namespace holding a PEM CA bundle (key `ca.crt`)
 * used to verify the backend's certificate.
 */
export class CaCertificateRef {
  /** A ConfigMap object, e.g. a `ConfigMap` of any cdk8s-plus 2.x line (the Core-support kind). */
  public static fromConfigMap(configMap: IConfigMapLike): CaCertificateRef {
    return CaCertificateRef.create('CaCertificateRef.fromConfigMap', 'ConfigMap', configMap.name, configMap.metadata?.namespace);
  }

  /** A ConfigMap by name, in the policy's namespace. */
  public static fromConfigMapName(name: string): CaCertificateRef {
    return CaCertificateRef.create('CaCertificateRef.fromConfigMapName', 'ConfigMap', name, undefined);
  }

  /** A Secret object, e.g. a `Secret` of any cdk8s-plus 2.x line (implementation-specific support). */
  public static fromSecret(secret: ISecretLike): CaCertificateRef {
    return CaCertificateRef.create('CaCertificateRef.fromSecret', 'Secret', secret.name, secret.metadata?.namespace);
  }

  /** A Secret by name, in the policy's namespace (implementation-specific support). */
  public static fromSecretName(name: string): CaCertificateRef {
    return CaCertificateRef.create('CaCertificateRef.fromSecretName', 'Secret', name, undefined);
  }

  private static create(factory: string, kind: string, name: string, namespace: string | undefined): CaCertificateRef {
    const err = checkObjectName(name);
    if (err) throwIn(factory, err);
    return new CaCertificateRef(kind, name, namespace);
  }

  private constructor(
    /** Kind of the object (`ConfigMap` or `Secret`). */
    public readonly kind: string,
    /** Name of the object. */
    public readonly name: string,
    /** Namespace of the object when known; it must be the policy's. */
    public readonly namespace?: string) {}

  /** @internal */
  public _toKube(): l1.BackendTlsPolicySpecValidationCaCertificateRefs {
    return { group: '', kind: this.kind, name: this.name };
  }
}

/**
 * Kind of a subject alternative name.
 */
export enum SubjectAltNameType {
  /** A DNS name (`dNSName`). */
  HOSTNAME = 'Hostname',
  /** A URI (`uniformResourceIdentifier`), such as a SPIFFE ID. */
  URI = 'URI',
}

/**
 * A subject alternative name the backend's certificate must carry (checked instead of
 * `hostname` when any are given).
 */
export class SubjectAltName {
  /** A DNS name; a wildcard is allowed as the first label (`*.example.com`). */
  public static hostname(hostname: string): SubjectAltName {
    const err = checkHostname(hostname);
    if (err) throwIn('SubjectAltName.hostname', err);
    return new SubjectAltName(SubjectAltNameType.HOSTNAME, hostname);
  }

  /** A URI with a scheme and authority, such as `spiffe://cluster.local/ns/web/sa/api`. */
  public static uri(uri: string): SubjectAltName {
    if (uri.length < 1 || uri.length > 253 || !URI_PATTERN.test(uri)) {
      throwIn('SubjectAltName.uri', `"${uri}" must be a URI of 1-253 characters with a scheme and an authority ("scheme://authority/path")`);
    }
    return new SubjectAltName(SubjectAltNameType.URI, uri);
  }

  private constructor(
    /** Kind of the name. */
    public readonly type: SubjectAltNameType,
    /** The name. */
    public readonly value: string) {}

  /** @internal */
  public _toKube(): l1.BackendTlsPolicySpecValidationSubjectAltNames {
    return this.type === SubjectAltNameType.HOSTNAME
      ? { type: l1.BackendTlsPolicySpecValidationSubjectAltNamesType.HOSTNAME, hostname: this.value }
      : { type: l1.BackendTlsPolicySpecValidationSubjectAltNamesType.URI, uri: this.value };
  }
}

/**
 * Properties of a BackendTlsPolicy.
 */
export interface BackendTlsPolicyProps extends PolicyProps {
  /**
   * The backend's hostname: sent as SNI and, unless `subjectAltNames` are given, checked
   * against the backend's certificate. A precise DNS name (no wildcard, no IP address).
   */
  readonly hostname: string;
  /**
   * ConfigMaps or Secrets in the policy's namespace holding the CA bundle (1-8). Exactly one
   * of `caCertificates` and `wellKnownCaCertificates` is required.
   * @default - none; `wellKnownCaCertificates` must be set
   */
  readonly caCertificates?: CaCertificateRef[];
  /**
   * Trust a CA set known to the implementation, such as `WellKnownCaCertificates.SYSTEM`.
   * Exclusive with `caCertificates`.
   * @default - none; `caCertificates` must be set
   */
  readonly wellKnownCaCertificates?: WellKnownCaCertificates;
  /**
   * Names the backend certificate must carry (at most 5); when given, they are checked
   * instead of `hostname`. More can be added with `addSubjectAltName`.
   * @default - the certificate is checked against `hostname`
   */
  readonly subjectAltNames?: SubjectAltName[];
  /**
   * Implementation-specific TLS options (at most 16), with domain-prefixed keys such as
   * `example.com/min-tls-version`. More can be added with `addOption`.
   * @default - none
   */
  readonly options?: { [key: string]: string };
}

/**
 * A BackendTLSPolicy (v1): makes Gateways connect to the targeted Services (or one port
 * each, by `sectionName`) over TLS, with `hostname` as SNI and the certificate verified
 * against the given CA certificates or a well-known CA set.
 *
 * ```ts
 * import { Chart } from 'cdk8s';
 * import { BackendTlsPolicy, CaCertificateRef, IServiceLike, PolicyTarget } from 'cdk8s-gateway-api';
 *
 * declare const chart: Chart;
 * declare const api: IServiceLike; // a cdk8s-plus Service of any line (28-33)
 * new BackendTlsPolicy(chart, 'ApiTls', {
 *   targets: [PolicyTarget.fromService(api, { sectionName: 'https' })],
 *   hostname: 'api.internal.example.com',
 *   caCertificates: [CaCertificateRef.fromConfigMapName('api-ca')],
 * });
 * ```
 */
export class BackendTlsPolicy extends Policy {
  /** The hostname used as SNI and for the certificate check. */
  public readonly hostname: string;
  /** The well-known CA set, when the policy uses one instead of CA certificate refs. */
  public readonly wellKnownCaCertificates?: WellKnownCaCertificates;

  private readonly _caCertificates: CaCertificateRef[] = [];
  private readonly _subjectAltNames: SubjectAltName[] = [];
  private readonly _options = new Map<string, string>();

  public constructor(scope: Construct, id: string, props: BackendTlsPolicyProps) {
    super(scope, id, l1.BackendTlsPolicy.GVK, props);
    const err = checkHostname(props.hostname) ?? checkPreciseHostname(props.hostname);
    if (err) this._fail(`spec.validation.hostname: ${err}`);
    this.hostname = props.hostname;

    const cas = props.caCertificates ?? [];
    if (cas.length > 0 && props.wellKnownCaCertificates) {
      this._fail(`caCertificates and wellKnownCaCertificates (${props.wellKnownCaCertificates.value}) are exclusive; pass one`);
    }
    if (cas.length === 0 && !props.wellKnownCaCertificates) {
      this._fail('neither caCertificates nor wellKnownCaCertificates given; pass one (for example WellKnownCaCertificates.SYSTEM)');
    }
    this.wellKnownCaCertificates = props.wellKnownCaCertificates;
    for (const ca of cas) this.addCaCertificate(ca);
    for (const san of props.subjectAltNames ?? []) this.addSubjectAltName(san);
    for (const [key, value] of Object.entries(props.options ?? {})) this.addOption(key, value);
  }

  /**
   * Adds a CA certificate reference (at most 8; repeats are ignored). Throws when the
   * policy uses `wellKnownCaCertificates` or the object is in another namespace.
   */
  public addCaCertificate(ca: CaCertificateRef): void {
    const desc = `${ca.kind} "${ca.name}"`;
    if (this.wellKnownCaCertificates) {
      this._fail(`cannot add CA certificate ${desc}: the policy uses wellKnownCaCertificates (${this.wellKnownCaCertificates.value}) and the two are exclusive`);
    }
    if (ca.namespace !== undefined && ca.namespace !== this.namespace) {
      this._fail(`CA certificate ${desc} is in namespace "${ca.namespace}" but spec.validation.caCertificateRefs are local references; it must be in the policy's namespace${this.namespace ? ` "${this.namespace}"` : ''}`);
    }
    if (this._caCertificates.some(c => c.kind === ca.kind && c.name === ca.name)) return;
    if (this._caCertificates.length >= MAX_CA_CERTIFICATES) {
      this._fail(`spec.validation.caCertificateRefs already has ${MAX_CA_CERTIFICATES} entries, the maximum; merge the CA bundles`);
    }
    this._caCertificates.push(ca);
  }

  /** Adds a subject alternative name the certificate must carry (at most 5; repeats are ignored). */
  public addSubjectAltName(san: SubjectAltName): void {
    if (this._subjectAltNames.some(s => s.type === san.type && s.value === san.value)) return;
    if (this._subjectAltNames.length >= MAX_SUBJECT_ALT_NAMES) {
      this._fail(`spec.validation.subjectAltNames already has ${MAX_SUBJECT_ALT_NAMES} entries, the maximum`);
    }
    this._subjectAltNames.push(san);
  }

  /**
   * Sets an implementation-specific TLS option (at most 16). The key must be
   * domain-prefixed (`example.com/min-tls-version`); the value is at most 4096 characters.
   */
  public addOption(key: string, value: string): void {
    if (key.length > 253 + 1 + 63 || !OPTION_KEY.test(key)) {
      this._fail(`spec.options: key "${key}" must be domain-prefixed, such as "example.com/my-option" (un-prefixed keys are reserved for Gateway API)`);
    }
    if (charLength(value) > MAX_OPTION_VALUE) {
      this._fail(`spec.options: value of "${key}" has ${value.length} characters, the maximum is ${MAX_OPTION_VALUE}`);
    }
    if (!this._options.has(key) && this._options.size >= MAX_OPTIONS) {
      this._fail(`spec.options already has ${MAX_OPTIONS} entries, the maximum`);
    }
    this._options.set(key, value);
  }

  /** @internal */
  protected _toSpec(): any {
    const options = [...this._options.keys()].sort();
    return l1.toJson_BackendTlsPolicySpec({
      targetRefs: this._renderTargetRefs()!,
      validation: {
        hostname: this.hostname,
        caCertificateRefs: this._caCertificates.length > 0 ? this._caCertificates.map(c => c._toKube()) : undefined,
        wellKnownCaCertificates: this.wellKnownCaCertificates?.value,
        subjectAltNames: this._subjectAltNames.length > 0 ? this._subjectAltNames.map(s => s._toKube()) : undefined,
      },
      options: options.length > 0 ? Object.fromEntries(options.map(k => [k, this._options.get(k)!])) : undefined,
    });
  }
}
