import { Construct, IConstruct } from 'constructs';
import { IGatewayClass } from './gateway-class';
import { ClientCertificateValidation, FrontendValidationMode, GatewayAddress, GatewayInfrastructure, ListenerNamespaces } from './gateway-options';
import { ImportedListenerParent, useCertificate } from './listener-collection';
import { ListenerHost, ListenerHostProps } from './listener-host';
import { CertificateRef } from '../core/certificate-ref';
import { throwIn } from '../core/errors';
import { charLength, checkGroup, checkKind, checkNamespace, checkObjectName, checkPort } from '../core/formats';
import { IPolicyTarget, IRouteParent } from '../core/references';
import * as l1 from '../imports/standard/gateway.networking.k8s.io';

const MAX_ADDRESSES = 16;
const MAX_CA_CERTIFICATES = 16;
const MAX_PER_PORT = 64;
const MAX_INFRA_LABELS = 8;
const MAX_INFRA_ANNOTATIONS = 16;
const META_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/**
 * A Gateway, owned by this app or imported by name. Routes attach to it as a whole, to one
 * listener (`listener(name)`), or to the listeners on one port (`listenersOnPort(port)`).
 */
export interface IGateway extends IRouteParent, IPolicyTarget, IConstruct {
  /** The Gateway's `metadata.name`. */
  readonly gatewayName: string;
  /** The Gateway's namespace; undefined when not set (the namespace applied to). */
  readonly gatewayNamespace?: string;
  /**
   * A route parent for one listener, by name (`parentRefs[].sectionName`). Whether the
   * listener exists is checked at synth by the routes that attach to it.
   */
  listener(name: string): IRouteParent;
  /** A route parent for the listeners on one port (`parentRefs[].port`). */
  listenersOnPort(port: number): IRouteParent;
  /** One listener, by name, as a policy target (`targetRefs[].sectionName`). */
  listenerTarget(name: string): IPolicyTarget;
}

/**
 * Options of `Gateway.fromGatewayName`.
 */
export interface GatewayImportOptions {
  /**
   * Namespace of the Gateway.
   * @default - the namespace of the routes that attach to it
   */
  readonly namespace?: string;
}

/**
 * Properties of a Gateway.
 */
export interface GatewayProps extends ListenerHostProps {
  /** The GatewayClass (the controller) that implements this Gateway. */
  readonly gatewayClass: IGatewayClass;
  /**
   * Addresses requested for the Gateway (at most 16); more can be added with `addAddress`.
   * @default - the implementation assigns addresses
   */
  readonly addresses?: GatewayAddress[];
  /**
   * Labels, annotations and parameters for the infrastructure created for the Gateway.
   * @default - none
   */
  readonly infrastructure?: GatewayInfrastructure;
  /**
   * Namespaces whose ListenerSets may attach to this Gateway.
   * @default - none may attach (`None`, the Gateway API default; not rendered)
   */
  readonly allowedListeners?: ListenerNamespaces;
  /**
   * Client-certificate validation (mutual TLS) for every HTTPS listener
   * (`spec.tls.frontend.default`); override it per port with
   * `addClientCertificateValidationForPort`.
   * @default - client certificates are not requested
   */
  readonly clientCertificateValidation?: ClientCertificateValidation;
  /**
   * The client certificate the Gateway presents to backends that use TLS
   * (`spec.tls.backend.clientCertificateRef`).
   * @default - none
   */
  readonly backendClientCertificate?: CertificateRef;
}

/**
 * A Gateway: listeners (ports, protocols, hostnames, certificates) bound to addresses,
 * implemented by the controller of its GatewayClass.
 */
export class Gateway extends ListenerHost implements IGateway {
  /**
   * A Gateway defined elsewhere. Routes can attach to it; its listeners are not known, so
   * section names are not checked.
   */
  public static fromGatewayName(scope: Construct, id: string, name: string, options: GatewayImportOptions = {}): IGateway {
    for (const err of [checkObjectName(name), options.namespace === undefined ? undefined : checkNamespace(options.namespace)]) {
      if (err) throwIn('Gateway.fromGatewayName', err);
    }
    return new ImportedGateway(scope, id, name, options.namespace);
  }

  /** The GatewayClass of this Gateway. */
  public readonly gatewayClass: IGatewayClass;

  /** Namespaces whose ListenerSets may attach; undefined means none (the default). */
  public readonly allowedListeners?: ListenerNamespaces;

  /** The client certificate presented to backends, if any. */
  public readonly backendClientCertificate?: CertificateRef;

  /** Client-certificate validation for every HTTPS listener, if any. */
  public readonly clientCertificateValidation?: ClientCertificateValidation;

  private readonly _addresses: GatewayAddress[] = [];
  private readonly _perPort: Array<{ port: number; validation: ClientCertificateValidation }> = [];
  private readonly _infrastructure?: GatewayInfrastructure;

  public constructor(scope: Construct, id: string, props: GatewayProps) {
    super(scope, id, l1.Gateway.GVK, props);
    this.gatewayClass = props.gatewayClass;
    this.allowedListeners = props.allowedListeners;
    this._infrastructure = this.checkInfrastructure(props.infrastructure);

    if (props.clientCertificateValidation) {
      this.useValidation(props.clientCertificateValidation, 'clientCertificateValidation');
      this.clientCertificateValidation = props.clientCertificateValidation;
    }
    if (props.backendClientCertificate) {
      useCertificate(this, props.backendClientCertificate, 'backendClientCertificate', this._createGrants);
      this.backendClientCertificate = props.backendClientCertificate;
    }
    for (const address of props.addresses ?? []) this.addAddress(address);
  }

  /** The Gateway's name. */
  public get gatewayName(): string {
    return this.name;
  }

  /** The Gateway's namespace. */
  public get gatewayNamespace(): string | undefined {
    return this.namespace;
  }

  /** The addresses added so far. */
  public get addresses(): GatewayAddress[] {
    return [...this._addresses];
  }

  /** Requests an address for the Gateway. */
  public addAddress(address: GatewayAddress): void {
    if (this._addresses.length >= MAX_ADDRESSES) {
      this._fail(`spec.addresses already has ${MAX_ADDRESSES} entries, the maximum`);
    }
    if (address.value !== undefined && this._addresses.some(a => a.addressType === address.addressType && a.value === address.value)) {
      this._fail(`address ${address.addressType} "${address.value}" is already requested; address values must be unique`);
    }
    this._addresses.push(address);
  }

  /**
   * Sets client-certificate validation for the HTTPS listeners on one port, overriding
   * `clientCertificateValidation` (`spec.tls.frontend.perPort[]`, at most 64 ports).
   */
  public addClientCertificateValidationForPort(port: number, validation: ClientCertificateValidation): void {
    const err = checkPort(port);
    if (err) this._fail(`addClientCertificateValidationForPort: ${err}`);
    if (this._perPort.some(p => p.port === port)) {
      this._fail(`client certificate validation for port ${port} is already set; each port takes one`);
    }
    if (this._perPort.length >= MAX_PER_PORT) {
      this._fail(`spec.tls.frontend.perPort already has ${MAX_PER_PORT} entries, the maximum`);
    }
    this.useValidation(validation, `client certificate validation for port ${port}`);
    this._perPort.push({ port, validation });
  }

  /** @internal */
  protected _toSpec(): any {
    return l1.toJson_GatewaySpec({
      gatewayClassName: this.gatewayClass.gatewayClassName,
      listeners: this._listeners.render() ?? [],
      addresses: this._addresses.length > 0 ? this._addresses.map(a => a._toKube()) : undefined,
      infrastructure: this._infrastructure,
      allowedListeners: this.allowedListeners?._toKube(),
      tls: this.renderTls(),
    });
  }

  private renderTls(): l1.GatewaySpecTls | undefined {
    const perPort = this._perPort.map(p => ({
      port: p.port,
      tls: { validation: this.renderValidation(p.validation) as l1.GatewaySpecTlsFrontendPerPortTlsValidation },
    }));
    const frontend: l1.GatewaySpecTlsFrontend | undefined = this.clientCertificateValidation || perPort.length > 0 ? {
      default: this.clientCertificateValidation ? { validation: this.renderValidation(this.clientCertificateValidation) } : {},
      perPort: perPort.length > 0 ? perPort : undefined,
    } : undefined;
    const backend = this.backendClientCertificate ? { clientCertificateRef: this.backendClientCertificate._toKube(this.namespace) } : undefined;
    return frontend || backend ? { frontend, backend } : undefined;
  }

  private renderValidation(v: ClientCertificateValidation): l1.GatewaySpecTlsFrontendDefaultValidation {
    return {
      caCertificateRefs: v.caCertificates.map(c => c._toKube(this.namespace)),
      mode: (v.mode ?? FrontendValidationMode.ALLOW_VALID_ONLY) as string as l1.GatewaySpecTlsFrontendDefaultValidationMode,
    };
  }

  private useValidation(v: ClientCertificateValidation, what: string): void {
    const count = v.caCertificates.length;
    if (count < 1 || count > MAX_CA_CERTIFICATES) {
      this._fail(`${what} has ${count} caCertificates; pass 1-${MAX_CA_CERTIFICATES} (e.g. CertificateRef.fromConfigMapName('client-ca'))`);
    }
    for (const ca of v.caCertificates) {
      useCertificate(this, ca, `${what} CA`, this._createGrants);
    }
  }

  private checkInfrastructure(infra: GatewayInfrastructure | undefined): GatewayInfrastructure | undefined {
    if (infra === undefined) return undefined;
    const labels = infra.labels ?? {};
    const annotations = infra.annotations ?? {};
    if (Object.keys(labels).length > MAX_INFRA_LABELS) {
      this._fail(`infrastructure.labels has ${Object.keys(labels).length} entries; at most ${MAX_INFRA_LABELS} are allowed`);
    }
    if (Object.keys(annotations).length > MAX_INFRA_ANNOTATIONS) {
      this._fail(`infrastructure.annotations has ${Object.keys(annotations).length} entries; at most ${MAX_INFRA_ANNOTATIONS} are allowed`);
    }
    for (const [field, map] of [['labels', labels], ['annotations', annotations]] as const) {
      for (const key of Object.keys(map)) {
        if (!META_KEY.test(key) || key.split('/')[0].length >= 253) {
          this._fail(`infrastructure.${field} key "${key}" must be an optional DNS subdomain prefix and "/" followed by a name of up to 63 characters`);
        }
      }
    }
    for (const [key, value] of Object.entries(labels)) {
      if (value.length > 63 || !LABEL_VALUE.test(value)) {
        this._fail(`infrastructure.labels["${key}"] value "${value}" must be at most 63 letters, digits, "-", "_" and ".", starting and ending alphanumeric`);
      }
    }
    for (const [key, value] of Object.entries(annotations)) {
      if (charLength(value) > 4096) {
        this._fail(`infrastructure.annotations["${key}"] value is ${value.length} characters; at most 4096 are allowed`);
      }
    }
    const ref = infra.parametersRef;
    if (ref) {
      for (const err of [checkGroup(ref.group), checkKind(ref.kind), checkObjectName(ref.name)]) {
        if (err) this._fail(`infrastructure.parametersRef: ${err}`);
      }
    }
    const hasLabels = Object.keys(labels).length > 0;
    const hasAnnotations = Object.keys(annotations).length > 0;
    if (!hasLabels && !hasAnnotations && !ref) return undefined;
    return {
      labels: hasLabels ? { ...labels } : undefined,
      annotations: hasAnnotations ? { ...annotations } : undefined,
      parametersRef: ref ? { group: ref.group, kind: ref.kind, name: ref.name } : undefined,
    };
  }
}

class ImportedGateway extends ImportedListenerParent implements IGateway {
  public constructor(scope: Construct, id: string, public readonly gatewayName: string, public readonly gatewayNamespace?: string) {
    super(scope, id, 'Gateway', gatewayName, gatewayNamespace);
  }
}
