/**
 * App *descriptions*: plain JSON data that the generators (`app-arbitrary.ts`) draw and
 * `build-app.ts` turns into a cdk8s App through the public L2 API. Keeping the description
 * separate from the constructs makes counterexamples printable, replayable and minimizable
 * (`minimize.ts`).
 */

/** A cdk8s `Duration`, as data. */
export interface DurationDesc {
  readonly unit: 'millis' | 'seconds' | 'minutes' | 'hours';
  readonly amount: number;
}

/** A `CertificateRef` factory call. */
export interface CertDesc {
  readonly factory: 'secretName' | 'configMapName' | 'ref';
  readonly name: string;
  readonly namespace?: string;
  /** `fromRef` only. */
  readonly group?: string;
  /** `fromRef` only. */
  readonly kind?: string;
}

/** `RouteNamespaces` / `ListenerNamespaces`. */
export type NamespacesDesc =
  | { readonly from: 'same' | 'all' | 'none' }
  | { readonly from: 'selector'; readonly labels: Record<string, string> };

/** A core `RouteKind` constant or `RouteKind.of(group, kind)`. */
export type RouteKindDesc = string | { readonly group: string; readonly kind: string };

export type ListenerProtocol = 'HTTP' | 'HTTPS' | 'TLS' | 'TCP' | 'UDP' | 'custom';

/** A `Listener` factory call. */
export interface ListenerDesc {
  readonly protocol: ListenerProtocol;
  /** `Listener.custom` only. */
  readonly customProtocol?: string;
  readonly name?: string;
  readonly port?: number;
  readonly hostname?: string;
  readonly mode?: 'Terminate' | 'Passthrough';
  readonly certificates?: CertDesc[];
  readonly tlsOptions?: Record<string, string>;
  readonly allowedRoutes?: NamespacesDesc;
  readonly allowedRouteKinds?: RouteKindDesc[];
  /** How the listener is added: in props, `addListener(Listener.x())`, or `addXxxListener()`. */
  readonly via: 'props' | 'addListener' | 'addMethod';
}

/** A `GatewayAddress` factory call. */
export interface AddressDesc {
  readonly factory: 'ipAddress' | 'hostname' | 'named' | 'custom';
  readonly value?: string;
  /** `custom` only. */
  readonly addressType?: string;
}

export interface ClientValidationDesc {
  readonly caCertificates: CertDesc[];
  readonly mode?: 'AllowValidOnly' | 'AllowInsecureFallback';
}

export interface InfrastructureDesc {
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly parametersRef?: { readonly group: string; readonly kind: string; readonly name: string };
}

export interface GatewayDesc {
  /** `metadata.name`; undefined lets cdk8s generate one. */
  readonly name?: string;
  /** `metadata.namespace`; undefined uses the chart's. */
  readonly namespace?: string;
  readonly listeners: ListenerDesc[];
  readonly addresses?: AddressDesc[];
  readonly allowedListeners?: NamespacesDesc;
  readonly clientCertificateValidation?: ClientValidationDesc;
  readonly perPortValidation?: Array<{ readonly port: number; readonly validation: ClientValidationDesc }>;
  readonly backendClientCertificate?: CertDesc;
  readonly infrastructure?: InfrastructureDesc;
  readonly createReferenceGrants?: boolean;
}

export interface ListenerSetDesc {
  readonly gateway: number;
  readonly name?: string;
  readonly namespace?: string;
  readonly listeners: ListenerDesc[];
}

export interface GatewayClassDesc {
  readonly owned: boolean;
  readonly name?: string;
  readonly controllerName: string;
  readonly description?: string;
}

/** A route parent: a Gateway or ListenerSet of the app (by index), whole, one listener, or one port. */
export interface ParentDesc {
  readonly target: 'gateway' | 'listenerSet';
  readonly index: number;
  readonly section?: string;
  readonly port?: number;
}

/** A `Backend` factory call. */
export interface BackendDesc {
  readonly factory: 'serviceName' | 'ref' | 'service';
  readonly name: string;
  readonly port?: number;
  readonly namespace?: string;
  readonly weight?: number;
  /** `ref` only. */
  readonly group?: string;
  /** `ref` only. */
  readonly kind?: string;
  /** `service` only: the ports of the cdk8s-plus Service. */
  readonly servicePorts?: number[];
  readonly filters?: FilterDesc[];
}

export interface PathModifierDesc {
  readonly type: 'full' | 'prefix';
  readonly value: string;
}

export type FilterDesc =
  | { readonly type: 'requestHeaderModifier' | 'responseHeaderModifier'; readonly set?: Record<string, string>; readonly add?: Record<string, string>; readonly remove?: string[] }
  | { readonly type: 'requestRedirect'; readonly scheme?: string; readonly hostname?: string; readonly path?: PathModifierDesc; readonly port?: number; readonly statusCode?: number }
  | { readonly type: 'urlRewrite'; readonly hostname?: string; readonly path?: PathModifierDesc }
  | { readonly type: 'requestMirror'; readonly backend: BackendDesc; readonly percent?: number; readonly fraction?: { readonly numerator: number; readonly denominator?: number } }
  | { readonly type: 'cors'; readonly allowOrigins: string[]; readonly allowMethods?: string[]; readonly allowAllMethods?: boolean; readonly allowHeaders?: string[]; readonly exposeHeaders?: string[]; readonly allowCredentials?: boolean; readonly maxAge?: DurationDesc }
  | { readonly type: 'extensionRef'; readonly group: string; readonly kind: string; readonly name: string };

export interface ValueMatchDesc {
  readonly type: 'exact' | 'regex';
  readonly name: string;
  readonly value: string;
}

export interface HttpMatchDesc {
  readonly path?: { readonly type: 'exact' | 'prefix' | 'regex'; readonly value: string };
  readonly headers?: ValueMatchDesc[];
  readonly queryParams?: ValueMatchDesc[];
  readonly method?: string;
}

export interface HttpRuleDesc {
  readonly name?: string;
  readonly matches?: HttpMatchDesc[];
  readonly filters?: FilterDesc[];
  readonly backends?: BackendDesc[];
  readonly timeout?: DurationDesc;
  readonly backendTimeout?: DurationDesc;
}

export interface GrpcMatchDesc {
  readonly method?: { readonly type: 'exact' | 'regex'; readonly service?: string; readonly method?: string };
  readonly headers?: ValueMatchDesc[];
}

export interface GrpcRuleDesc {
  readonly name?: string;
  readonly matches?: GrpcMatchDesc[];
  readonly filters?: FilterDesc[];
  readonly backends?: BackendDesc[];
}

interface RouteCommon {
  readonly name?: string;
  readonly namespace?: string;
  readonly parents: ParentDesc[];
  readonly createReferenceGrants?: boolean;
  /** Rules (and hostnames) in props, or through `addRule`/`addHostname`/`addBackend`. */
  readonly via: 'props' | 'methods';
}

export interface HttpRouteDesc extends RouteCommon {
  readonly kind: 'HTTPRoute';
  readonly hostnames: string[];
  readonly rules: HttpRuleDesc[];
}

export interface GrpcRouteDesc extends RouteCommon {
  readonly kind: 'GRPCRoute';
  readonly hostnames: string[];
  readonly rules: GrpcRuleDesc[];
}

export interface TlsRouteDesc extends RouteCommon {
  readonly kind: 'TLSRoute';
  readonly hostnames: string[];
  readonly rule?: { readonly name?: string; readonly backends: BackendDesc[] };
  readonly backends: BackendDesc[];
}

export interface L4RouteDesc extends RouteCommon {
  readonly kind: 'TCPRoute' | 'UDPRoute';
  readonly rule?: { readonly name?: string; readonly backends: BackendDesc[] };
  readonly backends: BackendDesc[];
}

export type RouteDesc = HttpRouteDesc | GrpcRouteDesc | TlsRouteDesc | L4RouteDesc;

/** A whole app: an infra chart (class, Gateways, ListenerSets) and the routes, maybe in a second chart. */
export interface AppDesc {
  readonly infraNamespace?: string;
  /** `undefined`: routes live in the infra chart; otherwise a second chart with this namespace ("" for none). */
  readonly routeChartNamespace?: string;
  readonly gatewayClass: GatewayClassDesc;
  readonly gateways: GatewayDesc[];
  readonly listenerSets: ListenerSetDesc[];
  readonly routes: RouteDesc[];
}

/** The name a listener gets from its factory when none is given. */
export function defaultListenerName(l: ListenerDesc): string {
  switch (l.protocol) {
    case 'HTTP': return 'http';
    case 'HTTPS': return 'https';
    case 'TLS': return 'tls';
    case 'TCP': return `tcp-${l.port}`;
    case 'UDP': return `udp-${l.port}`;
    default: return (l.customProtocol ?? '').split('/').pop()!.toLowerCase();
  }
}

/** The port a listener gets from its factory when none is given. */
export function defaultListenerPort(l: ListenerDesc): number | undefined {
  if (l.port !== undefined) return l.port;
  return l.protocol === 'HTTP' ? 80 : l.protocol === 'HTTPS' || l.protocol === 'TLS' ? 443 : undefined;
}
