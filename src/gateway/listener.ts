import { CertificateRef } from '../core/certificate-ref';
import { throwIn } from '../core/errors';
import { charLength, checkGroup, checkHostname, checkKind, checkPort, checkSectionName } from '../core/formats';
import * as l1 from '../imports/standard/gateway.networking.k8s.io';

const GATEWAY_GROUP = 'gateway.networking.k8s.io';
const MAX_CERTIFICATES = 64;
const MAX_TLS_OPTIONS = 16;
const MAX_TLS_OPTION_VALUE = 4096;
const MAX_ROUTE_KINDS = 8;
const CORE_PROTOCOLS = ['HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP'];
const PROTOCOL = /^(?:[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9]+)$/;

/**
 * How a TLS listener handles the TLS session (`tls.mode`).
 */
export enum TlsMode {
  /** The Gateway terminates TLS with the listener's certificates. */
  TERMINATE = 'Terminate',
  /** The Gateway forwards the encrypted stream, routing on SNI only (TLSRoute). */
  PASSTHROUGH = 'Passthrough',
}

/**
 * Which namespaces may attach routes to a listener (`allowedRoutes.namespaces`).
 */
export class RouteNamespaces {
  /** Only routes in the Gateway's (or ListenerSet's) own namespace (the Gateway API default). */
  public static same(): RouteNamespaces {
    return new RouteNamespaces('Same');
  }

  /** Routes in every namespace. */
  public static all(): RouteNamespaces {
    return new RouteNamespaces('All');
  }

  /** Routes in namespaces whose labels match all of `matchLabels`. */
  public static selector(matchLabels: { [key: string]: string }): RouteNamespaces {
    if (Object.keys(matchLabels).length === 0) {
      throwIn('RouteNamespaces.selector', 'matchLabels is empty; pass at least one label, or use RouteNamespaces.all()');
    }
    return new RouteNamespaces('Selector', { ...matchLabels });
  }

  private constructor(
    /** The `from` value: `Same`, `All` or `Selector`. */
    public readonly namespacesFrom: string,
    /** Labels a namespace must have (only for `Selector`). */
    public readonly matchLabels?: { [key: string]: string }) {}

  /** @internal */
  public _toKube(): l1.GatewaySpecListenersAllowedRoutesNamespaces {
    return {
      from: this.namespacesFrom as l1.GatewaySpecListenersAllowedRoutesNamespacesFrom,
      selector: this.matchLabels ? { matchLabels: { ...this.matchLabels } } : undefined,
    };
  }
}

/**
 * A route kind a listener accepts (`allowedRoutes.kinds[]`).
 */
export class RouteKind {
  /** HTTPRoute. */
  public static readonly HTTP_ROUTE = new RouteKind(GATEWAY_GROUP, 'HTTPRoute');
  /** GRPCRoute. */
  public static readonly GRPC_ROUTE = new RouteKind(GATEWAY_GROUP, 'GRPCRoute');
  /** TLSRoute. */
  public static readonly TLS_ROUTE = new RouteKind(GATEWAY_GROUP, 'TLSRoute');
  /** TCPRoute (Experimental channel). */
  public static readonly TCP_ROUTE = new RouteKind(GATEWAY_GROUP, 'TCPRoute');
  /** UDPRoute (Experimental channel). */
  public static readonly UDP_ROUTE = new RouteKind(GATEWAY_GROUP, 'UDPRoute');

  /** Any route kind, by API group and kind. */
  public static of(group: string, kind: string): RouteKind {
    for (const err of [checkGroup(group), checkKind(kind)]) {
      if (err) throwIn('RouteKind.of', err);
    }
    return new RouteKind(group, kind);
  }

  private constructor(
    /** API group of the route kind. */
    public readonly group: string,
    /** The route kind. */
    public readonly kind: string) {}

  /** @internal */
  public _toKube(): l1.GatewaySpecListenersAllowedRoutesKinds {
    return { group: this.group, kind: this.kind };
  }
}

/**
 * Options of every listener: which routes may attach.
 */
export interface ListenerRouteOptions {
  /**
   * Namespaces whose routes may attach to the listener.
   * @default - only routes in the same namespace (`Same`, the Gateway API default)
   */
  readonly allowedRoutes?: RouteNamespaces;
  /**
   * Route kinds the listener accepts (at most 8).
   * @default - the kinds that match the listener's protocol
   */
  readonly allowedRouteKinds?: RouteKind[];
}

/**
 * Options of `Listener.http`.
 */
export interface HttpListenerOptions extends ListenerRouteOptions {
  /**
   * Listener name, unique within its Gateway or ListenerSet; routes attach to it by this
   * name (`sectionName`).
   * @default - the protocol in lower case ("http", "https", "tls")
   */
  readonly name?: string;
  /**
   * Port the listener binds.
   * @default - 80 for HTTP, 443 for HTTPS and TLS
   */
  readonly port?: number;
  /**
   * Host the listener serves (`*.example.com` allowed); routes must have an intersecting
   * hostname.
   * @default - every host
   */
  readonly hostname?: string;
}

/**
 * Options of `Listener.https`.
 */
export interface HttpsListenerOptions extends HttpListenerOptions {
  /**
   * Serving certificates (TLS Secrets, at most 64). A certificate in another namespace
   * makes the Gateway or ListenerSet create a ReferenceGrant (unless it opts out).
   * @default - none; an HTTPS listener needs certificates or `tlsOptions` (checked at synth)
   */
  readonly certificates?: CertificateRef[];
  /**
   * Implementation-specific TLS options (`tls.options`, at most 16, values up to 4096
   * characters), e.g. a minimum TLS version. Use domain-prefixed keys.
   * @default - none
   */
  readonly tlsOptions?: { [key: string]: string };
}

/**
 * Options of `Listener.tls`.
 */
export interface TlsListenerOptions extends HttpsListenerOptions {
  /**
   * Whether the Gateway terminates TLS or passes the stream through.
   * @default TlsMode.PASSTHROUGH
   */
  readonly mode?: TlsMode;
}

/**
 * Options of `Listener.tcp` and `Listener.udp`.
 */
export interface L4ListenerOptions extends ListenerRouteOptions {
  /** Port the listener binds. */
  readonly port: number;
  /**
   * Listener name.
   * @default - the protocol and port, as in "tcp-5432"
   */
  readonly name?: string;
}

/**
 * Options of `Listener.custom`.
 */
export interface CustomListenerOptions extends TlsListenerOptions {
  /**
   * The protocol: a domain-prefixed name (`example.com/proto`) or an implementation's
   * unprefixed name. Core protocols have their own factories.
   */
  readonly protocol: string;
}

/**
 * One listener of a Gateway or ListenerSet: a port, a protocol, an optional hostname, TLS
 * settings and the routes it admits. Create it with a factory named after the protocol.
 */
export class Listener {
  /** A plain HTTP listener (default name "http", port 80). */
  public static http(options: HttpListenerOptions = {}): Listener {
    return Listener.create('Listener.http', 'HTTP', 'http', 80, options, undefined);
  }

  /**
   * An HTTPS listener terminating TLS with `certificates` (default name "https", port 443).
   */
  public static https(options: HttpsListenerOptions): Listener {
    return Listener.create('Listener.https', 'HTTPS', 'https', 443, options, TlsMode.TERMINATE);
  }

  /**
   * A TLS listener for TLSRoutes (default name "tls", port 443): Passthrough by default,
   * or Terminate with `certificates`.
   */
  public static tls(options: TlsListenerOptions = {}): Listener {
    return Listener.create('Listener.tls', 'TLS', 'tls', 443, options, options.mode ?? TlsMode.PASSTHROUGH);
  }

  /** A TCP listener (default name "tcp-PORT"); TCP listeners have no hostname. */
  public static tcp(options: L4ListenerOptions): Listener {
    return Listener.l4('Listener.tcp', 'TCP', options);
  }

  /** A UDP listener (default name "udp-PORT"); UDP listeners have no hostname. */
  public static udp(options: L4ListenerOptions): Listener {
    return Listener.l4('Listener.udp', 'UDP', options);
  }

  /**
   * A listener with an implementation-specific protocol. `port` is required; the name
   * defaults to the protocol's last segment in lower case (`example.com/Proto` → "proto").
   * `tls` is rendered (mode Terminate unless `mode` says otherwise) when `mode`,
   * `certificates` or `tlsOptions` is given.
   */
  public static custom(options: CustomListenerOptions): Listener {
    const factory = 'Listener.custom';
    if (CORE_PROTOCOLS.includes(options.protocol.toUpperCase())) {
      throwIn(factory, `protocol "${options.protocol}" is a core protocol; use Listener.${options.protocol.toLowerCase()}() instead`);
    }
    if (options.protocol.length > 255 || !PROTOCOL.test(options.protocol)) {
      throwIn(factory, `protocol "${options.protocol}" must be a domain-prefixed name such as "example.com/proto" (or an alphanumeric name)`);
    }
    if (options.port === undefined) {
      throwIn(factory, 'port is required for a custom listener');
    }
    const hasTls = options.mode !== undefined || options.certificates !== undefined || options.tlsOptions !== undefined;
    const mode = hasTls ? options.mode ?? TlsMode.TERMINATE : undefined;
    const defaultName = options.protocol.split('/').pop()!.toLowerCase();
    return Listener.create(factory, options.protocol, defaultName, options.port, options, mode);
  }

  private static l4(factory: string, protocol: string, options: L4ListenerOptions): Listener {
    if ((options as HttpListenerOptions).hostname !== undefined) {
      throwIn(factory, `hostname "${(options as HttpListenerOptions).hostname}" is not allowed: ${protocol} listeners match on port only`);
    }
    const portErr = checkPort(options.port);
    if (portErr) throwIn(factory, portErr);
    return Listener.create(factory, protocol, `${protocol.toLowerCase()}-${options.port}`, options.port, options, undefined);
  }

  private static create(factory: string, protocol: string, defaultName: string, defaultPort: number,
    options: CustomListenerOptions | HttpsListenerOptions | L4ListenerOptions, tlsMode: TlsMode | undefined): Listener {
    const opts = options as Partial<CustomListenerOptions>;
    const name = opts.name ?? defaultName;
    const port = opts.port ?? defaultPort;
    const errors = [
      checkSectionName(name),
      checkPort(port),
      opts.hostname === undefined ? undefined : checkHostname(opts.hostname),
    ];
    for (const err of errors) {
      if (err) throwIn(factory, err);
    }
    const certificates = [...(opts.certificates ?? [])];
    if (tlsMode === undefined && (certificates.length > 0 || opts.tlsOptions !== undefined)) {
      throwIn(factory, `listener "${name}" cannot have certificates or tlsOptions: ${protocol} listeners do not use TLS`);
    }
    if (tlsMode === TlsMode.PASSTHROUGH && certificates.length > 0) {
      throwIn(factory, `listener "${name}" is in Passthrough mode, which ignores certificates; remove them or use mode TlsMode.TERMINATE`);
    }
    if (certificates.length > MAX_CERTIFICATES) {
      throwIn(factory, `listener "${name}" has ${certificates.length} certificates; at most ${MAX_CERTIFICATES} are allowed`);
    }
    const tlsOptions = opts.tlsOptions === undefined ? undefined : { ...opts.tlsOptions };
    if (tlsOptions !== undefined) {
      const keys = Object.keys(tlsOptions);
      if (keys.length > MAX_TLS_OPTIONS) {
        throwIn(factory, `listener "${name}" has ${keys.length} tlsOptions; at most ${MAX_TLS_OPTIONS} are allowed`);
      }
      for (const key of keys) {
        if (charLength(tlsOptions[key]) > MAX_TLS_OPTION_VALUE) {
          throwIn(factory, `listener "${name}" tlsOptions["${key}"] is ${charLength(tlsOptions[key])} characters; at most ${MAX_TLS_OPTION_VALUE} are allowed`);
        }
      }
    }
    const kinds = [...(opts.allowedRouteKinds ?? [])];
    if (kinds.length > MAX_ROUTE_KINDS) {
      throwIn(factory, `listener "${name}" has ${kinds.length} allowedRouteKinds; at most ${MAX_ROUTE_KINDS} are allowed`);
    }
    const seen = new Set<string>();
    for (const k of kinds) {
      const key = `${k.group}/${k.kind}`;
      if (seen.has(key)) throwIn(factory, `listener "${name}" lists route kind ${k.kind} (${k.group}) twice in allowedRouteKinds`);
      seen.add(key);
    }
    return new Listener(name, port, protocol, opts.hostname, tlsMode, certificates, tlsOptions, opts.allowedRoutes, kinds);
  }

  private constructor(
    /** Listener name (`sectionName` for routes). */
    public readonly name: string,
    /** Port the listener binds. */
    public readonly port: number,
    /** Protocol (`HTTP`, `HTTPS`, `TLS`, `TCP`, `UDP` or a custom protocol). */
    public readonly protocol: string,
    /** Hostname the listener serves; undefined means every host. */
    public readonly hostname: string | undefined,
    /** TLS mode; undefined when the listener does not use TLS. */
    public readonly tlsMode: TlsMode | undefined,
    /** Serving certificates. */
    public readonly certificates: CertificateRef[],
    /** Implementation-specific TLS options. */
    public readonly tlsOptions: { [key: string]: string } | undefined,
    /** Namespaces whose routes may attach; undefined means the default (`Same`). */
    public readonly allowedRoutes: RouteNamespaces | undefined,
    /** Route kinds the listener accepts; empty means the protocol's default kinds. */
    public readonly allowedRouteKinds: RouteKind[]) {}

  /**
   * Renders the listener; certificate namespaces equal to `referrerNamespace` are omitted.
   * @internal
   */
  public _toKube(referrerNamespace?: string): l1.GatewaySpecListeners {
    const hasRoutes = this.allowedRoutes !== undefined || this.allowedRouteKinds.length > 0;
    const hasTlsSettings = this.certificates.length > 0 || this.tlsOptions !== undefined;
    const renderTls = this.tlsMode === TlsMode.PASSTHROUGH || (this.tlsMode !== undefined && hasTlsSettings);
    return {
      name: this.name,
      port: this.port,
      protocol: this.protocol,
      hostname: this.hostname,
      tls: renderTls ? {
        mode: this.tlsMode as string as l1.GatewaySpecListenersTlsMode,
        certificateRefs: this.certificates.length > 0 ? this.certificates.map(c => c._toKube(referrerNamespace)) : undefined,
        options: this.tlsOptions === undefined ? undefined : { ...this.tlsOptions },
      } : undefined,
      allowedRoutes: hasRoutes ? {
        namespaces: this.allowedRoutes?._toKube(),
        kinds: this.allowedRouteKinds.length > 0 ? this.allowedRouteKinds.map(k => k._toKube()) : undefined,
      } : undefined,
    };
  }

  /**
   * Names the listener in messages: `listener "https" (HTTPS/443)`.
   * @internal
   */
  public _describe(): string {
    return `listener "${this.name}" (${this.protocol}/${this.port}${this.hostname ? ` ${this.hostname}` : ''})`;
  }
}
