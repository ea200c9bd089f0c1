import { isIP } from 'net';
import { CertificateRef } from '../core/certificate-ref';
import { throwIn } from '../core/errors';
import { charLength, checkHostname } from '../core/formats';
import * as l1 from '../imports/standard/gateway.networking.k8s.io';

const ADDRESS_TYPE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

/**
 * An address requested for a Gateway (`spec.addresses[]`, Extended support).
 */
export class GatewayAddress {
  /** An IPv4 or IPv6 address. */
  public static ipAddress(value: string): GatewayAddress {
    if (isIP(value) === 0) {
      throwIn('GatewayAddress.ipAddress', `"${value}" is not a valid IPv4 or IPv6 address`);
    }
    return new GatewayAddress('IPAddress', value);
  }

  /** A DNS hostname (for example of an external load balancer). */
  public static hostname(value: string): GatewayAddress {
    const err = checkHostname(value);
    if (err) throwIn('GatewayAddress.hostname', err);
    return new GatewayAddress('Hostname', value);
  }

  /** An implementation-specific named address (for example a reserved IP's name). */
  public static named(value: string): GatewayAddress {
    if (charLength(value) < 1 || charLength(value) > 253) {
      throwIn('GatewayAddress.named', `value "${value}" must be 1-253 characters`);
    }
    return new GatewayAddress('NamedAddress', value);
  }

  /**
   * An address of an implementation-specific, domain-prefixed type (`example.com/pool`).
   * Without a value the implementation picks one of that type.
   */
  public static custom(addressType: string, value?: string): GatewayAddress {
    if (addressType.length > 253 || !ADDRESS_TYPE.test(addressType)) {
      throwIn('GatewayAddress.custom', `type "${addressType}" must be domain-prefixed, as in "example.com/pool"`);
    }
    if (value !== undefined && charLength(value) > 253) {
      throwIn('GatewayAddress.custom', `value "${value}" is longer than 253 characters`);
    }
    return new GatewayAddress(addressType, value);
  }

  private constructor(
    /** The address type (`IPAddress`, `Hostname`, `NamedAddress` or a domain-prefixed type). */
    public readonly addressType: string,
    /** The address value; undefined lets the implementation choose. */
    public readonly value?: string) {}

  /** @internal */
  public _toKube(): l1.GatewaySpecAddresses {
    return { type: this.addressType, value: this.value };
  }
}

/**
 * Which namespaces' ListenerSets may attach to a Gateway (`spec.allowedListeners`).
 */
export class ListenerNamespaces {
  /** No ListenerSet may attach (the Gateway API default). */
  public static none(): ListenerNamespaces {
    return new ListenerNamespaces('None');
  }

  /** ListenerSets in the Gateway's namespace. */
  public static same(): ListenerNamespaces {
    return new ListenerNamespaces('Same');
  }

  /** ListenerSets in every namespace. */
  public static all(): ListenerNamespaces {
    return new ListenerNamespaces('All');
  }

  /** ListenerSets in namespaces whose labels match all of `matchLabels`. */
  public static selector(matchLabels: { [key: string]: string }): ListenerNamespaces {
    if (Object.keys(matchLabels).length === 0) {
      throwIn('ListenerNamespaces.selector', 'matchLabels is empty; pass at least one label, or use ListenerNamespaces.all()');
    }
    return new ListenerNamespaces('Selector', { ...matchLabels });
  }

  private constructor(
    /** The `from` value: `None`, `Same`, `All` or `Selector`. */
    public readonly namespacesFrom: string,
    /** Labels a namespace must have (only for `Selector`). */
    public readonly matchLabels?: { [key: string]: string }) {}

  /** @internal */
  public _toKube(): l1.GatewaySpecAllowedListeners {
    return {
      namespaces: {
        from: this.namespacesFrom as l1.GatewaySpecAllowedListenersNamespacesFrom,
        selector: this.matchLabels ? { matchLabels: { ...this.matchLabels } } : undefined,
      },
    };
  }
}

/**
 * What the Gateway does with client certificates that fail validation.
 */
export enum FrontendValidationMode {
  /** Only connections with a valid client certificate are accepted (the default). */
  ALLOW_VALID_ONLY = 'AllowValidOnly',
  /** Connections without a valid client certificate are accepted too. */
  ALLOW_INSECURE_FALLBACK = 'AllowInsecureFallback',
}

/**
 * Client-certificate validation (mutual TLS) for HTTPS listeners
 * (`spec.tls.frontend.*.validation`).
 */
export interface ClientCertificateValidation {
  /**
   * CA bundles that client certificates are checked against (1-16), usually ConfigMaps
   * with a `ca.crt` key: `CertificateRef.fromConfigMapName('client-ca')`.
   */
  readonly caCertificates: CertificateRef[];
  /**
   * What to do with connections whose client certificate is missing or invalid.
   * @default FrontendValidationMode.ALLOW_VALID_ONLY
   */
  readonly mode?: FrontendValidationMode;
}

/**
 * A reference to an implementation's configuration object for one Gateway.
 */
export interface GatewayParametersReference {
  /** API group of the object (`""` for core). */
  readonly group: string;
  /** Kind of the object. */
  readonly kind: string;
  /** Name of the object, in the Gateway's namespace. */
  readonly name: string;
}

/**
 * Infrastructure attributes of a Gateway (`spec.infrastructure`, Extended support).
 */
export interface GatewayInfrastructure {
  /**
   * Labels for the resources the implementation creates for this Gateway (at most 8).
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations for the resources the implementation creates for this Gateway (at most 16).
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Implementation-specific parameters for this Gateway.
   * @default - none (the GatewayClass's parameters apply)
   */
  readonly parametersRef?: GatewayParametersReference;
}
