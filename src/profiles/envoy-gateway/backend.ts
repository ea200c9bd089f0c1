import { isIP } from 'net';
import { Construct } from 'constructs';
import { BackendOptions, Backend as CoreBackend } from '../../core/backend';
import { throwIn } from '../../core/errors';
import { charLength, checkPort, checkPreciseHostname } from '../../core/formats';
import { GatewayApiResource, GatewayApiResourceProps } from '../../core/resource';
import * as eg from '../../imports/envoy-gateway/gateway.envoyproxy.io';
import { CaCertificateRef, WellKnownCaCertificates } from '../../policies/backend-tls-policy';

const MAX_ENDPOINTS = 256;
const MAX_CA_CERTIFICATES = 8;
const MAX_UNIX_PATH = 108;
/** The Backend CRD's `fqdn.hostname` pattern: a lowercase DNS name, optionally ending in a dot. */
const FQDN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\.?$/;
/** The Backend CRD's `ip.address` pattern (which refuses some IPv6 forms, such as `::1`). */
const IP_ADDRESS = /^((25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\.){3}(25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)$|^(([0-9a-fA-F]{1,4}:){1,7}[0-9a-fA-F]{1,4}|::|(([0-9a-fA-F]{1,4}:){0,5})?(:[0-9a-fA-F]{1,4}){1,2})$/;
const TLS_ORDER = ['1.0', '1.1', '1.2', '1.3'];

/**
 * Options of every `BackendEndpoint` factory.
 */
export interface BackendEndpointOptions {
  /**
   * Zone of the endpoint, for zone-aware routing.
   * @default - none
   */
  readonly zone?: string;
  /**
   * A hostname for the endpoint (used as SNI with `autoSniFromEndpointHostname`, which requires
   * it on IP and Unix socket endpoints).
   * @default - none
   */
  readonly hostname?: string;
}

/**
 * Where an Envoy Gateway Backend sends traffic: a DNS name, an IP address or a Unix socket.
 */
export class BackendEndpoint {
  /**
   * A fully-qualified DNS name and port, resolved by Envoy (an external service such as
   * `api.partner.com:443`). FQDN endpoints cannot be mixed with IP or Unix socket endpoints.
   */
  public static fqdn(domainName: string, port: number, options: BackendEndpointOptions = {}): BackendEndpoint {
    const f = 'BackendEndpoint.fqdn';
    if (charLength(domainName) > 253 || !FQDN.test(domainName)) {
      throwIn(f, `hostname "${domainName}" must be a lowercase DNS name of 1-253 characters (a trailing "." is allowed), without a scheme or port`);
    }
    return BackendEndpoint.create(f, 'fqdn', { fqdn: { hostname: domainName, port } }, port, options);
  }

  /** An IPv4 or IPv6 address and port. */
  public static ip(address: string, port: number, options: BackendEndpointOptions = {}): BackendEndpoint {
    const f = 'BackendEndpoint.ip';
    if (isIP(address) === 0) throwIn(f, `address "${address}" is not an IPv4 or IPv6 address`);
    if (!IP_ADDRESS.test(address)) {
      throwIn(f, `address "${address}" is in an IPv6 form the Backend CRD's pattern refuses (it takes at most 2 groups after "::" and no "::" prefix other than "::" alone); write the address in full, such as "0:0:0:0:0:0:0:1"`);
    }
    return BackendEndpoint.create(f, 'ip', { ip: { address, port } }, port, options);
  }

  /** A Unix domain socket on the Envoy host, by path (at most 108 characters). */
  public static unix(path: string, options: BackendEndpointOptions = {}): BackendEndpoint {
    const f = 'BackendEndpoint.unix';
    if (path.length === 0 || charLength(path) > MAX_UNIX_PATH) {
      throwIn(f, `path "${path}" must be 1-${MAX_UNIX_PATH} characters (the limit of a Unix socket path)`);
    }
    return BackendEndpoint.create(f, 'unix', { unix: { path } }, undefined, options);
  }

  private static create(factory: string, type: string, spec: eg.BackendSpecEndpoints, port: number | undefined,
    options: BackendEndpointOptions): BackendEndpoint {
    const err = port === undefined ? undefined : checkPort(port);
    if (err) throwIn(factory, err);
    if (options.hostname !== undefined) {
      const herr = checkPreciseHostname(options.hostname);
      if (herr) throwIn(factory, `options.hostname: ${herr}`);
    }
    if (options.zone !== undefined && options.zone.length === 0) throwIn(factory, 'options.zone is empty; omit it or name the zone');
    return new BackendEndpoint(type, { ...spec, zone: options.zone, hostname: options.hostname });
  }

  private constructor(
    /** `fqdn`, `ip` or `unix`. */
    public readonly type: string,
    private readonly spec: eg.BackendSpecEndpoints) {}

  /** Whether the endpoint has a hostname (always for FQDN endpoints). @internal */
  public get _hasHostname(): boolean {
    return this.type === 'fqdn' || this.spec.hostname !== undefined;
  }

  /** A readable description for error messages. @internal */
  public _describe(): string {
    return this.spec.fqdn ? `${this.spec.fqdn.hostname}:${this.spec.fqdn.port}`
      : this.spec.ip ? `${this.spec.ip.address}:${this.spec.ip.port}` : `unix:${this.spec.unix!.path}`;
  }

  /** @internal */
  public _toKube(): eg.BackendSpecEndpoints {
    return { ...this.spec };
  }
}

/**
 * Application protocol Envoy speaks to a Backend.
 */
export enum BackendAppProtocol {
  /** HTTP/2 without TLS (`gateway.envoyproxy.io/h2c`). */
  H2C = 'gateway.envoyproxy.io/h2c',
  /** WebSocket (`gateway.envoyproxy.io/ws`). */
  WS = 'gateway.envoyproxy.io/ws',
  /** WebSocket over TLS (`gateway.envoyproxy.io/wss`). */
  WSS = 'gateway.envoyproxy.io/wss',
}

/**
 * A TLS protocol version bound of a Backend's TLS settings.
 */
export enum BackendTlsVersion {
  /** Envoy's choice. */
  AUTO = 'Auto',
  /** TLS 1.0. */
  V1_0 = '1.0',
  /** TLS 1.1. */
  V1_1 = '1.1',
  /** TLS 1.2. */
  V1_2 = '1.2',
  /** TLS 1.3. */
  V1_3 = '1.3',
}

/**
 * TLS settings of an Envoy Gateway Backend (`spec.tls`): Envoy connects to the endpoints over
 * TLS. A BackendTLSPolicy attached to the Backend is merged with them and wins on overlaps.
 */
export interface BackendTlsOptions {
  /**
   * Skip verification of the backend's certificate, as ingress-nginx does for
   * `backend-protocol: HTTPS` by default. Exclusive with `caCertificates` and
   * `wellKnownCaCertificates`.
   * @default false
   */
  readonly insecureSkipVerify?: boolean;
  /**
   * Fixed SNI sent to the backend. Exclusive with `autoSniFromEndpointHostname`.
   * @default - the request's Host header (Envoy Gateway's default when neither this,
   * `autoSniFromEndpointHostname` nor a BackendTLSPolicy sets one)
   */
  readonly sni?: string;
  /**
   * Send each endpoint's hostname as SNI (IP and Unix socket endpoints then need a `hostname`).
   * @default false
   */
  readonly autoSniFromEndpointHostname?: boolean;
  /**
   * ConfigMaps or Secrets in the Backend's namespace holding the CA bundle (key `ca.crt`), 1-8.
   * Exclusive with `wellKnownCaCertificates` and `insecureSkipVerify`.
   * @default - none
   */
  readonly caCertificates?: CaCertificateRef[];
  /**
   * Trust the system's CA set (`WellKnownCaCertificates.SYSTEM`).
   * @default - none
   */
  readonly wellKnownCaCertificates?: WellKnownCaCertificates;
  /**
   * Lowest TLS version.
   * @default - TLS 1.2 (Envoy Gateway's default)
   */
  readonly minVersion?: BackendTlsVersion;
  /**
   * Highest TLS version.
   * @default - TLS 1.3 (Envoy Gateway's default)
   */
  readonly maxVersion?: BackendTlsVersion;
  /**
   * ALPN protocols offered to the backend (`h2`, `http/1.1`); an empty list disables ALPN.
   * @default - chosen by Envoy from the backend protocol
   */
  readonly alpnProtocols?: string[];
}

/**
 * Options of `Backend.toBackend`.
 */
export interface ToBackendOptions extends BackendOptions {
  /**
   * Port in the route's `backendRef`.
   * @default - none: Envoy Gateway uses the endpoints' ports
   */
  readonly port?: number;
}

/**
 * Properties of an Envoy Gateway Backend.
 */
export interface BackendProps extends GatewayApiResourceProps {
  /**
   * Endpoints traffic is sent to (1-256). FQDN endpoints cannot be mixed with IP or Unix
   * socket endpoints. More can be added with `addEndpoint`.
   */
  readonly endpoints: BackendEndpoint[];
  /**
   * Connect to the endpoints over TLS.
   * @default - plain text (unless a BackendTLSPolicy targets the Backend)
   */
  readonly tls?: BackendTlsOptions;
  /**
   * Application protocols Envoy uses towards the endpoints.
   * @default - HTTP/1.1
   */
  readonly appProtocols?: BackendAppProtocol[];
  /**
   * Mark the Backend as a fallback: it gets traffic only when the other backends of a route
   * rule become unhealthy.
   * @default false
   */
  readonly fallback?: boolean;
}

/**
 * An Envoy Gateway Backend (`gateway.envoyproxy.io/v1alpha1`): a backend outside the cluster's
 * Services (a DNS name, IP addresses or a Unix socket), optionally over TLS without
 * verification. Routes send traffic to it with `backend.toBackend()`, security policies call it
 * for external authorization.
 *
 * Envoy Gateway serves Backend resources only when its configuration sets
 * `extensionApis.enableBackend: true` (the `EnvoyGateway` config of the controller); otherwise
 * routes referencing them are not accepted.
 *
 * ```ts
 * import { Chart } from 'cdk8s';
 * import { HttpRoute, envoyGateway } from 'cdk8s-gateway-api';
 *
 * declare const chart: Chart;
 * declare const route: HttpRoute;
 * const legacy = new envoyGateway.Backend(chart, 'Legacy', {
 *   endpoints: [envoyGateway.BackendEndpoint.fqdn('legacy.internal.example.com', 443)],
 *   tls: { insecureSkipVerify: true },
 * });
 * route.addRule({ backends: [legacy.toBackend()] });
 * ```
 */
export class Backend extends GatewayApiResource {
  private readonly endpoints: BackendEndpoint[] = [];
  private readonly tls?: eg.BackendSpecTls;
  private readonly autoSni: boolean;
  private readonly appProtocols: BackendAppProtocol[];
  private readonly fallback?: boolean;

  public constructor(scope: Construct, id: string, props: BackendProps) {
    super(scope, id, eg.Backend.GVK, props);
    this.autoSni = props.tls?.autoSniFromEndpointHostname === true;
    if (props.tls) this.tls = this.renderTls(props.tls);
    if (props.endpoints.length === 0) {
      this._fail('spec.endpoints is empty; give at least one BackendEndpoint (fqdn, ip or unix)');
    }
    for (const endpoint of props.endpoints) this.addEndpoint(endpoint);
    this.appProtocols = [...new Set(props.appProtocols ?? [])];
    this.fallback = props.fallback;
  }

  /** Adds an endpoint (at most 256; FQDN endpoints cannot be mixed with other kinds). */
  public addEndpoint(endpoint: BackendEndpoint): void {
    const first = this.endpoints[0];
    if (first && (first.type === 'fqdn') !== (endpoint.type === 'fqdn')) {
      this._fail(`spec.endpoints: ${endpoint.type} endpoint ${endpoint._describe()} cannot be mixed with ${first.type} endpoint ${first._describe()}; FQDN endpoints cannot be mixed with IP or Unix socket endpoints: use one Backend per kind`);
    }
    if (this.autoSni && !endpoint._hasHostname) {
      this._fail(`spec.endpoints: ${endpoint.type} endpoint ${endpoint._describe()} has no hostname, which tls.autoSniFromEndpointHostname needs; pass options.hostname to the factory`);
    }
    if (this.endpoints.length >= MAX_ENDPOINTS) {
      this._fail(`spec.endpoints already has ${MAX_ENDPOINTS} entries, the maximum`);
    }
    this.endpoints.push(endpoint);
  }

  /**
   * A route backend referencing this Backend (`backendRefs[]` with group
   * `gateway.envoyproxy.io`, kind `Backend`).
   */
  public toBackend(options: ToBackendOptions = {}): CoreBackend {
    return CoreBackend.fromRef({ ...options, group: this.apiGroup, kind: this.kind, name: this.name, namespace: this.namespace });
  }

  /** @internal */
  protected _toSpec(): any {
    return eg.toJson_BackendSpec({
      endpoints: this.endpoints.map(e => e._toKube()),
      appProtocols: this.appProtocols.length > 0 ? this.appProtocols.map(p => p as string as eg.BackendSpecAppProtocols) : undefined,
      tls: this.tls,
      fallback: this.fallback,
    });
  }

  private renderTls(tls: BackendTlsOptions): eg.BackendSpecTls {
    const cas = tls.caCertificates ?? [];
    if (tls.caCertificates !== undefined && (cas.length === 0 || cas.length > MAX_CA_CERTIFICATES)) {
      this._fail(`spec.tls.caCertificateRefs has ${cas.length} entries; give 1-${MAX_CA_CERTIFICATES} or omit caCertificates`);
    }
    if (cas.length > 0 && tls.wellKnownCaCertificates) {
      this._fail(`spec.tls: caCertificates and wellKnownCaCertificates (${tls.wellKnownCaCertificates.value}) are exclusive; pass one`);
    }
    if (tls.insecureSkipVerify && (cas.length > 0 || tls.wellKnownCaCertificates)) {
      this._fail('spec.tls: insecureSkipVerify cannot be combined with caCertificates or wellKnownCaCertificates; either verify the backend or skip verification');
    }
    for (const ca of cas) {
      if (ca.namespace !== undefined && ca.namespace !== this.namespace) {
        this._fail(`spec.tls.caCertificateRefs: ${ca.kind} "${ca.name}" is in namespace "${ca.namespace}"; CA references are local: it must be in the Backend's namespace${this.namespace ? ` "${this.namespace}"` : ''}`);
      }
    }
    if (tls.sni !== undefined) {
      const err = checkPreciseHostname(tls.sni);
      if (err) this._fail(`spec.tls.sni: ${err}`);
      if (tls.autoSniFromEndpointHostname) {
        this._fail(`spec.tls: sni ("${tls.sni}") and autoSniFromEndpointHostname are exclusive; pass one`);
      }
    }
    // As the CRD's CEL rule: an unset minVersion is 1.2, Auto is the lowest minimum and the highest maximum.
    const min = tls.minVersion === undefined ? TLS_ORDER.indexOf('1.2') : tls.minVersion === BackendTlsVersion.AUTO ? -1 : TLS_ORDER.indexOf(tls.minVersion);
    const max = tls.maxVersion === undefined || tls.maxVersion === BackendTlsVersion.AUTO ? TLS_ORDER.length : TLS_ORDER.indexOf(tls.maxVersion);
    if (min > max) {
      this._fail(`spec.tls: minVersion ${tls.minVersion ?? '1.2 (default)'} is above maxVersion ${tls.maxVersion}`);
    }
    return {
      insecureSkipVerify: tls.insecureSkipVerify,
      sni: tls.sni,
      autoSniFromEndpointHostname: tls.autoSniFromEndpointHostname,
      caCertificateRefs: cas.length > 0 ? cas.map(c => c._toKube()) : undefined,
      wellKnownCaCertificates: tls.wellKnownCaCertificates?.value,
      minVersion: tls.minVersion as string as eg.BackendSpecTlsMinVersion | undefined,
      maxVersion: tls.maxVersion as string as eg.BackendSpecTlsMaxVersion | undefined,
      alpnProtocols: tls.alpnProtocols ? [...tls.alpnProtocols] : undefined,
    };
  }
}
