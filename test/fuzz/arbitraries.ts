/**
 * fast-check generators of L2 app *descriptions*: plain JSON data that `build-app.ts` turns
 * into a cdk8s App through the public L2 API. Keeping the description separate from the
 * constructs makes counterexamples printable, replayable and minimizable (`minimize` in
 * `build-app.ts`).
 *
 * Values are drawn mostly from valid domains and sometimes (see `near`) from near-invalid
 * ones: one character off a pattern, one past a limit, a wrong case, an IP where a DNS name
 * belongs, an empty list where one entry is required. How often depends on the app's noise
 * level (`NOISE`): clean apps draw only valid values, noisier ones one or more near-invalid
 * values somewhere. Structure is drawn the same way: listener names, ports and
 * hostnames come from small pools so conflicts happen, route parents are picked among the
 * generated listeners (mostly of a compatible protocol), hostnames come from a shared pool so
 * they sometimes intersect and sometimes do not. About 40% of the apps synthesize valid
 * objects; the rest must be rejected with a descriptive error (the fuzz test checks that both
 * outcomes stay common).
 *
 * Covered: Gateways (1-2) with HTTP/HTTPS/TLS/TCP/UDP/custom listeners (names, ports,
 * hostnames and wildcards, TLS modes, certificates in any namespace, TLS options,
 * allowedRoutes namespaces and kinds), addresses, infrastructure, client-certificate
 * validation (default and per port), backend client certificates; a ListenerSet; an owned or
 * imported GatewayClass; HTTPRoutes, GRPCRoutes, TLSRoutes, TCPRoutes and UDPRoutes attached
 * to whole parents, listeners or ports; hostnames; HTTP matches (Exact/PathPrefix/regex paths
 * with edge-case characters, headers, query parameters, methods); every HTTP filter
 * (header modifiers, redirect, rewrite with ReplaceFullPath/ReplacePrefixMatch, mirror with
 * percent or fraction, CORS, extension refs) on rules and on backends; GRPC method matches
 * and filters; Service-by-name, cdk8s-plus Service and by-reference backends, weights
 * (0 included), cross-namespace backends and certificates (ReferenceGrants created or
 * required); request and backend timeouts as cdk8s Durations; the CRD list limits ±1.
 * Not covered: the Experimental channel (retry, session persistence, ExternalAuth),
 * BackendTLSPolicy and other policies, the ingress-nginx helpers, imported Gateways.
 */
import * as fc from 'fast-check';

// ---------------------------------------------------------------------------------------------
// Description types
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function maybe<T>(arb: fc.Arbitrary<T>, freq = 2): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined, freq });
}

/** One of the given lists (a fresh mutable copy). */
function lists<T>(...values: T[][]): fc.Arbitrary<T[]> {
  return fc.constantFrom(...values).map(v => [...v]);
}

/** The union of two generated records. */
function merge<A extends object, B extends object>(a: fc.Arbitrary<A>, b: fc.Arbitrary<B>): fc.Arbitrary<A & B> {
  return fc.tuple(a, b).map(([x, y]) => stripUndefined({ ...x, ...y }));
}

/** Drops keys whose value is undefined, so descriptions print compactly. */
function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
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

const ROUTE_PROTOCOLS: Record<RouteDesc['kind'], string[]> = {
  HTTPRoute: ['HTTP', 'HTTPS'], GRPCRoute: ['HTTP', 'HTTPS'], TLSRoute: ['TLS'], TCPRoute: ['TCP'], UDPRoute: ['UDP'],
};

const KINDS_BY_PROTOCOL: Record<Exclude<ListenerProtocol, 'custom'>, string[]> = {
  HTTP: ['HTTPRoute', 'GRPCRoute'], HTTPS: ['HTTPRoute', 'GRPCRoute'], TLS: ['TLSRoute'], TCP: ['TCPRoute'], UDP: ['UDPRoute'],
};

const PORTS: Record<ListenerProtocol, number[]> = {
  HTTP: [80, 8080], HTTPS: [443, 8443], TLS: [443, 8443, 9443], TCP: [5432, 3306], UDP: [53, 5353], custom: [9000, 9001],
};

const VALID_HOSTNAMES = [
  'example.com', '*.example.com', 'a.example.com', 'b.a.example.com', 'api.test', '*.test', 'test',
  'x-1.example.com', `${'a'.repeat(63)}.example.com`, '*.a.example.com', '1.2.3.256', '0a.example.com',
  // 253 characters exactly
  `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`,
];
const NEAR_HOSTNAMES = [
  'Example.com', '*.*.example.com', 'a.*.example.com', 'example.com.', '-a.example.com', '1.2.3.4', '::1',
  '*', '*example.com', `${'a'.repeat(64)}.com`, 'a_b.example.com', '', ' example.com', 'example..com', 'é.example.com',
  `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`,
];
const VALID_PATHS = ['/', '/api', '/api/v1', '/api/', "/!$&'()*+,;=:@", '/a-b_c.d~e', '/%20x', '/.well-known', '/a/..b', '/a/...', '/foo%2Ebar', `/${'p'.repeat(1023)}`];
const NEAR_PATHS = ['api', '//', '/a//b', '/./', '/a/./b', '/a/.', '/a/..', '/a/../b', '/%2fx', '/%2F', '/a#b', '/a b', '/ä', '/a?b', '/%zz', '/%', '', `/${'p'.repeat(1024)}`];

interface ParentCandidate {
  readonly target: 'gateway' | 'listenerSet';
  readonly index: number;
  readonly listeners: ListenerDesc[];
  /** The namespace the Gateway or ListenerSet ends up in, if any. */
  readonly namespace?: string;
}

// ---------------------------------------------------------------------------------------------
// Generators for one noise level
// ---------------------------------------------------------------------------------------------

/**
 * The app generator for one noise level: a near-invalid value is drawn with weight `noise`
 * against `10 * ratio` for a valid one (`ratio` is 30 unless a call site says otherwise), so
 * noise 0 gives only valid values and noise 3 about one in a hundred.
 */
export function appArbitrary(noise: number): fc.Arbitrary<AppDesc> {
  /** Mostly `valid`, sometimes `nearInvalid`. */
  function near<A, B>(valid: fc.Arbitrary<A>, nearInvalid: fc.Arbitrary<B>, ratio = 30): fc.Arbitrary<A | B> {
    if (noise === 0) return valid;
    return fc.oneof(
      { weight: 10 * ratio, arbitrary: valid as fc.Arbitrary<A | B> },
      { weight: noise, arbitrary: nearInvalid as fc.Arbitrary<A | B> },
    );
  }

  /** `limit - 1`, `limit` or `limit + 1` entries: the CRD's maxItems and the construct's check meet here. */
  function around<T>(limit: number, make: (i: number) => T): fc.Arbitrary<T[]> {
    return fc.integer({ min: limit - 1, max: limit + 1 }).map(n => Array.from({ length: n }, (_, i) => make(i)));
  }

  // -- Values ---------------------------------------------------------------------------------

  const label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?$/);

  const namespace = near(
    fc.constantFrom('shop', 'infra', 'payments', 'team-a'),
    fc.constantFrom('Shop', 'team_a', '-infra', 'pay.ments', 'a'.repeat(64), ''),
  );

  const objectName = near(
    fc.oneof(fc.constantFrom('web', 'api', 'payments', 'db', 'svc-1', 'a.b', 'x'.repeat(253)), label),
    fc.constantFrom('Web', 'web_1', '', '-web', 'web-', 'a'.repeat(254), 'a..b', 'wéb'),
  );

  const hostname = near(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...VALID_HOSTNAMES) },
      { weight: 1, arbitrary: fc.tuple(fc.boolean(), label, fc.constantFrom('example.com', 'test')).map(([w, l, d]) => `${w ? '*.' : ''}${l}.${d}`) },
    ),
    fc.oneof(
      fc.constantFrom(...NEAR_HOSTNAMES),
      // Anything over the hostname alphabet (often valid): where the construct check meets the CRD pattern.
      fc.stringMatching(/^(\*\.)?[-a-z0-9.*]{1,12}$/),
    ),
  );

  /** Hostnames where a wildcard is not allowed (redirect and rewrite targets). */
  const preciseHostname = near(
    fc.constantFrom('example.com', 'a.example.com', 'api.test', 'test', 'www.example.org'),
    fc.constantFrom('*.example.com', 'Example.com', 'example.com.', '1.2.3.4', ''),
  );

  const port = near(
    fc.oneof(fc.constantFrom(80, 443, 8080, 8443, 5432, 53, 1, 65535), fc.integer({ min: 1, max: 65535 })),
    fc.constantFrom(0, 65536, -1, 80.5),
  );

  const weight = near(
    fc.oneof(fc.constantFrom(0, 1, 10, 100, 1_000_000), fc.integer({ min: 0, max: 1_000_000 })),
    fc.constantFrom(-1, 1_000_001, 0.5),
    15,
  );

  const group = near(fc.constantFrom('', 'example.com', 'gateway.envoyproxy.io'), fc.constantFrom('Example.com', 'example.com.', '_x'));
  const kind = near(fc.constantFrom('Service', 'Backend', 'ServiceImport', 'x-Kind1'), fc.constantFrom('', '1Kind', 'Kind_', 'Ki nd', 'K'.repeat(64)));

  /** HTTP header names (RFC 7230 tokens). */
  const headerName = near(
    fc.oneof(fc.constantFrom('x-env', 'X-Request-Id', 'accept', 'Authorization', "!#$%&'*+-.^_`|~", 'h'.repeat(256)), label),
    fc.oneof(
      fc.constantFrom('x env', 'x:y', '', 'é', 'h'.repeat(257), '(x)', 'x\n'),
      // Token characters and separators alike.
      fc.stringMatching(/^[-A-Za-z0-9!#$%&'*+.^_`|~:;,()\/ ]{1,8}$/),
    ),
  );

  /** Header and query parameter values: any content; 1-1024 characters suit both, up to 4096 headers only. */
  const headerValue = near(
    fc.oneof(fc.constantFrom('v', 'a b', 'a  b', 'tab\tbed', '*', 'x'.repeat(1024), 'ünïcode'), fc.string({ minLength: 1, maxLength: 12 })),
    fc.constantFrom('', 'x'.repeat(1025), 'x'.repeat(4097), 'line\nbreak'),
  );

  /** Exact and PathPrefix values. */
  const path = near(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...VALID_PATHS) },
      { weight: 1, arbitrary: fc.array(label, { minLength: 1, maxLength: 3 }).map(p => `/${p.join('/')}`) },
    ),
    fc.oneof(
      fc.constantFrom(...NEAR_PATHS),
      // Path characters, dots, slashes, escapes and a few that do not belong (often valid).
      fc.stringMatching(/^\/([-a-z0-9._~!$&'()*+,;=:@\/]|%[0-9a-fA-F]{2}|%2[fF]|[#? %])*$/).filter(p => p.length <= 24),
    ),
    12,
  );

  /** RegularExpression values: anything of 1-1024 characters, edge-case characters included. */
  const regex = near(
    fc.oneof(fc.constantFrom('^/api/.*$', '/v[0-9]+/', '.*', '(a|b)', '[', '\\', '/\n/', '/ü', '\u0000', ' ', 'r'.repeat(1024)), fc.string({ minLength: 1, maxLength: 10 })),
    fc.constantFrom('', 'r'.repeat(1025)),
  );

  const method = near(
    fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'),
    fc.constantFrom('get', 'FOO', '*', ''),
  );

  const duration: fc.Arbitrary<DurationDesc> = near(
    fc.oneof(
      fc.record({ unit: fc.constant('millis' as const), amount: fc.integer({ min: 0, max: 359_999_999_999 }) }),
      fc.record({ unit: fc.constant('millis' as const), amount: fc.constantFrom(0, 1, 500, 1500, 100_000) }),
      fc.record({ unit: fc.constant('seconds' as const), amount: fc.constantFrom(0, 1, 5, 30, 90, 1.5) }),
      fc.record({ unit: fc.constant('minutes' as const), amount: fc.constantFrom(1, 2, 90) }),
      fc.record({ unit: fc.constant('hours' as const), amount: fc.constantFrom(1, 24, 99_999) }),
    ),
    fc.oneof(
      fc.record({ unit: fc.constant('millis' as const), amount: fc.constantFrom(0.5, 1.25) }),
      fc.record({ unit: fc.constant('hours' as const), amount: fc.constant(100_000) }),
    ),
  );

  const labelMap = fc.dictionary(
    near(fc.constantFrom('env', 'team', 'example.com/tier', 'app.kubernetes.io/name'), fc.constantFrom('Bad Key', '/x', 'a/b/c', `${'a'.repeat(254)}/x`)),
    near(fc.constantFrom('prod', 'a', 'x-y_z.1', ''), fc.constantFrom('-bad', 'bad value', 'v'.repeat(64))),
    { minKeys: 1, maxKeys: 3, noNullPrototype: true },
  );

  // -- Gateways and listeners -----------------------------------------------------------------

  const cert: fc.Arbitrary<CertDesc> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ factory: fc.constant('secretName' as const), name: objectName, namespace: maybe(namespace, 3) }) },
    { weight: 1, arbitrary: fc.record({ factory: fc.constant('configMapName' as const), name: objectName, namespace: maybe(namespace, 3) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        factory: fc.constant('ref' as const), name: objectName, namespace: maybe(namespace, 3), group, kind: near(fc.constantFrom('Secret', 'Certificate'), kind),
      }),
    },
  ).map(stripUndefined);
  const certs = (max: number) => fc.array(cert, { minLength: 1, maxLength: max });
  /** Serving certificates, or (near-invalid) about 64 of them. */
  const servingCerts = near(certs(3), around(64, i => ({ factory: 'secretName' as const, name: `cert-${i}` })));

  const namespaces: fc.Arbitrary<NamespacesDesc> = fc.oneof(
    fc.record({ from: fc.constantFrom('same' as const, 'all' as const) }),
    fc.record({ from: fc.constant('selector' as const), labels: near(labelMap, fc.constant({})) }),
  );

  const anyRouteKind: fc.Arbitrary<RouteKindDesc> = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute') },
    { weight: 1, arbitrary: fc.record({ group, kind }) },
  );
  /** `allowedRouteKinds`: kinds that suit the protocol, or (near-invalid) any, repeated. */
  const routeKinds = (protocol: ListenerProtocol) => near(
    fc.uniqueArray(protocol === 'custom' ? anyRouteKind : fc.constantFrom(...KINDS_BY_PROTOCOL[protocol]), { minLength: 1, maxLength: 3, selector: k => JSON.stringify(k) }),
    fc.oneof(fc.uniqueArray(anyRouteKind, { minLength: 1, maxLength: 3, selector: k => JSON.stringify(k) }), fc.constantFrom('HTTPRoute', 'TLSRoute').map(k => [k, k])),
  );
  /** `allowedRoutes`: mostly `All` (a route in any namespace attaches), often the default `Same`. */
  const allowedRoutes: fc.Arbitrary<NamespacesDesc | undefined> = fc.oneof(
    { weight: 4, arbitrary: fc.constant({ from: 'all' as const }) },
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: namespaces },
  );

  const tlsOptions = fc.dictionary(
    near(fc.constantFrom('example.com/min-version', 'gateway.envoyproxy.io/ciphers'), fc.constantFrom('min version', '', 'k'.repeat(300))),
    near(fc.constantFrom('1.2', 'TLS_AES_128_GCM_SHA256', ''), fc.constant('v'.repeat(4097))),
    { minKeys: 1, maxKeys: 2, noNullPrototype: true },
  );

  const listenerName = near(fc.constantFrom('http', 'https', 'tls', 'web', 'api', 'l-1', 'a.b'), fc.constantFrom('HTTP', 'web_1', '', '-x', 'n'.repeat(254)));

  /** TLS settings of a listener: consistent with its protocol, or (near-invalid) not. */
  type TlsSettings = Pick<ListenerDesc, 'mode' | 'certificates' | 'tlsOptions'>;
  const noTls: fc.Arbitrary<TlsSettings> = fc.constant({});
  const terminate = (mode: fc.Arbitrary<'Terminate' | undefined>): fc.Arbitrary<TlsSettings> => fc.oneof(
    { weight: 4, arbitrary: fc.record({ mode, certificates: servingCerts, tlsOptions: maybe(tlsOptions, 5) }) },
    { weight: 1, arbitrary: fc.record({ mode, tlsOptions }) },
  ).map(stripUndefined);
  const passthrough = (mode: fc.Arbitrary<'Passthrough' | undefined>): fc.Arbitrary<TlsSettings> =>
    fc.record({ mode, tlsOptions: maybe(tlsOptions, 5) }).map(stripUndefined);
  const wrongTls: fc.Arbitrary<TlsSettings> = fc.oneof(
    fc.record({ mode: fc.constant('Terminate' as const) }),
    fc.record({ mode: fc.constant('Passthrough' as const), certificates: certs(1) }),
    fc.record({ certificates: certs(1) }),
    fc.record({ certificates: lists<CertDesc>([]) }),
  );
  const TLS_SETTINGS: Record<ListenerProtocol, fc.Arbitrary<TlsSettings>> = {
    HTTP: near(noTls, wrongTls),
    HTTPS: near(terminate(fc.constant(undefined)), wrongTls),
    TLS: near(fc.oneof(passthrough(fc.constantFrom(undefined, 'Passthrough' as const)), terminate(fc.constant('Terminate' as const))), wrongTls),
    TCP: near(noTls, wrongTls),
    UDP: near(noTls, wrongTls),
    custom: near(fc.oneof(noTls, passthrough(fc.constant('Passthrough' as const)), terminate(fc.constantFrom(undefined, 'Terminate' as const))), wrongTls),
  };

  function listener(protocol: ListenerProtocol): fc.Arbitrary<ListenerDesc> {
    const l4 = protocol === 'TCP' || protocol === 'UDP';
    return fc.tuple(fc.record({
      protocol: fc.constant(protocol),
      customProtocol: protocol === 'custom'
        ? near(fc.constantFrom('example.com/proto', 'example.com/Mqtt', 'Kafka'), fc.constantFrom('http', 'Example.com/x', 'example.com/', 'a b'), 8)
        : fc.constant(undefined),
      name: maybe(listenerName, 2),
      port: l4 || protocol === 'custom'
        ? near(fc.constantFrom(...PORTS[protocol]), port)
        : maybe(near(fc.constantFrom(...PORTS[protocol]), port), 2),
      hostname: l4 ? near(fc.constant(undefined), hostname) : maybe(hostname, 2),
      allowedRoutes,
      allowedRouteKinds: maybe(routeKinds(protocol), 5),
      via: fc.constantFrom('props' as const, 'addListener' as const, 'addMethod' as const),
    }), TLS_SETTINGS[protocol]).map(([l, tls]) => stripUndefined({ ...l, ...tls }));
  }

  const anyListener: fc.Arbitrary<ListenerDesc> = fc.oneof(
    { weight: 4, arbitrary: listener('HTTP') },
    { weight: 4, arbitrary: listener('HTTPS') },
    { weight: 2, arbitrary: listener('TLS') },
    { weight: 2, arbitrary: listener('TCP') },
    { weight: 2, arbitrary: listener('UDP') },
    { weight: 1, arbitrary: listener('custom') },
  );

  /**
   * 1-5 listeners. Names that would repeat (explicit or the protocol default) are made
   * unique unless `keepClashes` (near-invalid), so most Gateways are well-formed; ports and
   * hostnames still clash now and then.
   */
  const listeners: fc.Arbitrary<ListenerDesc[]> = near(
    fc.tuple(
      fc.array(anyListener, { minLength: 1, maxLength: 5 }),
      near(fc.constant(false), fc.constant(true), 3),
    ).map(([items, keepClashes]) => keepClashes ? items : distinctListeners(items)),
    around(64, (i): ListenerDesc => ({ protocol: 'HTTP', name: `l${i}`, port: 10_000 + i, via: 'props' })),
  );

  const address: fc.Arbitrary<AddressDesc> = fc.oneof(
    fc.record({ factory: fc.constant('ipAddress' as const), value: near(fc.constantFrom('10.0.0.1', '192.168.1.10', '2001:db8::1', '::1'), fc.constantFrom('10.0.0.256', 'example.com', '', '1.2.3')) }),
    fc.record({ factory: fc.constant('hostname' as const), value: hostname }),
    fc.record({ factory: fc.constant('named' as const), value: near(fc.constantFrom('reserved-ip', 'My Address'), fc.constantFrom('', 'n'.repeat(254))) }),
    fc.record({ factory: fc.constant('custom' as const), addressType: near(fc.constant('example.com/pool'), fc.constantFrom('pool', 'Example.com/pool')), value: maybe(fc.constantFrom('a', 'v'.repeat(253)), 2) }),
  ).map(stripUndefined);
  const addresses = near(
    fc.uniqueArray(address, { minLength: 1, maxLength: 3, selector: a => `${a.factory}|${a.addressType}|${a.value}` }),
    fc.oneof(address.map(a => [a, a]), around(16, (i): AddressDesc => ({ factory: 'ipAddress', value: `10.0.0.${i + 1}` }))),
  );

  const clientValidation: fc.Arbitrary<ClientValidationDesc> = fc.record({
    caCertificates: near(certs(2), lists<CertDesc>([])),
    mode: maybe(fc.constantFrom('AllowValidOnly' as const, 'AllowInsecureFallback' as const), 2),
  }).map(stripUndefined);

  const perPortValidation = near(
    fc.uniqueArray(
      fc.record({ port: near(fc.constantFrom(443, 8443), port), validation: clientValidation }),
      { minLength: 1, maxLength: 2, selector: p => p.port },
    ),
    fc.record({ port: fc.constant(443), validation: clientValidation }).map(p => [p, p]),
  );

  const infrastructure: fc.Arbitrary<InfrastructureDesc> = fc.record({
    labels: maybe(labelMap, 2),
    annotations: maybe(fc.dictionary(
      near(fc.constantFrom('example.com/owner', 'note'), fc.constantFrom('bad key', '')),
      near(fc.constantFrom('x', '', 'long '.repeat(100)), fc.constant('v'.repeat(4097))),
      { minKeys: 1, maxKeys: 2, noNullPrototype: true }), 2),
    parametersRef: maybe(fc.record({ group, kind, name: objectName }), 3),
  }).map(stripUndefined);

  const gateway = (index: number): fc.Arbitrary<GatewayDesc> => fc.record({
    name: maybe(near(fc.constant(`gw-${index}`), fc.constantFrom(`GW${index}`, `gw_${index}`)), 2),
    namespace: maybe(namespace, 3),
    listeners,
    addresses: maybe(addresses, 6),
    allowedListeners: maybe(fc.oneof(fc.record({ from: fc.constant('none' as const) }), namespaces), 4),
    clientCertificateValidation: maybe(clientValidation, 8),
    perPortValidation: maybe(perPortValidation, 10),
    backendClientCertificate: maybe(cert, 8),
    infrastructure: maybe(infrastructure, 8),
    createReferenceGrants: maybe(near(fc.constant(true), fc.constant(false), 3), 4),
  }).map(stripUndefined);

  // -- Backends and filters -------------------------------------------------------------------

  const backendName = near(fc.constantFrom('web', 'api', 'payments', 'db', 'svc-1'), fc.constantFrom('Web', 'web_1', '', 'a'.repeat(254)));

  /** Where a `Backend.fromRef` points: a Service with a port, another kind, or (near-invalid) a Service without port. */
  const refTarget = near(
    fc.oneof(
      fc.record({ port }),
      fc.record({ group: near(fc.constantFrom('example.com', 'multicluster.x-k8s.io'), group), kind, port: maybe(port, 2) }),
    ),
    fc.constant({ group: '', kind: 'Service' }),
  );

  /** A cdk8s-plus Service's ports and the backend's port option. */
  const kplusPorts = near(
    fc.constantFrom<{ servicePorts: number[]; port?: number }>(
      { servicePorts: [80] }, { servicePorts: [8080], port: 8080 }, { servicePorts: [80, 443], port: 443 }),
    fc.constantFrom<{ servicePorts: number[]; port?: number }>({ servicePorts: [] }, { servicePorts: [80, 443] }, { servicePorts: [80], port: 81 }),
  );

  function backend(filters: fc.Arbitrary<FilterDesc[] | undefined>): fc.Arbitrary<BackendDesc> {
    const options = { namespace: maybe(namespace, 3), weight: maybe(weight, 2), filters };
    return fc.oneof(
      { weight: 6, arbitrary: fc.record({ factory: fc.constant('serviceName' as const), name: backendName, port, ...options }) },
      { weight: 2, arbitrary: fc.tuple(fc.record({ factory: fc.constant('ref' as const), name: backendName, ...options }), refTarget).map(([b, t]) => ({ ...b, ...t })) },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.record({ factory: fc.constant('service' as const), weight: maybe(weight, 2), filters }), kplusPorts)
          .map(([b, p]) => ({ ...b, ...p, name: `kweb-${p.servicePorts.join('-')}` })),
      },
    ).map(stripUndefined);
  }

  /** A mirror target: without weight or filters (near-invalid: with a weight). */
  const plainBackend: fc.Arbitrary<BackendDesc> = near(
    backend(fc.constant(undefined)).map(b => stripUndefined({ ...b, weight: undefined })),
    backend(fc.constant(undefined)).map(b => ({ ...b, weight: 1 })),
    6,
  );

  const headerMap = fc.dictionary(headerName, headerValue, { minKeys: 1, maxKeys: 3, noNullPrototype: true });

  /** Header modifiers: distinct names across set/add/remove unless near-invalid. */
  const headerModifier = (type: 'requestHeaderModifier' | 'responseHeaderModifier'): fc.Arbitrary<FilterDesc> => fc.tuple(
    fc.record({
      type: fc.constant(type),
      set: maybe(headerMap, 2),
      add: maybe(headerMap, 2),
      remove: maybe(fc.array(headerName, { minLength: 1, maxLength: 3 }), 2),
    }),
    near(fc.constant(true), fc.constant(false), 4),
  ).map(([m, dedupe]) => {
    if (!dedupe) return stripUndefined(m);
    const seen = new Set<string>();
    const fresh = (name: string) => !seen.has(name.toLowerCase()) && (seen.add(name.toLowerCase()), true);
    const keep = (map?: Record<string, string>) => map && Object.fromEntries(Object.entries(map).filter(([k]) => fresh(k)));
    const set = keep(m.set);
    const add = keep(m.add);
    const remove = m.remove?.filter(fresh);
    const empty = !Object.keys(set ?? {}).length && !Object.keys(add ?? {}).length && !remove?.length;
    return stripUndefined({ type, set: empty ? { 'x-fuzz': 'v' } : set, add, remove: remove?.length ? remove : undefined });
  });

  const pathModifier: fc.Arbitrary<PathModifierDesc> = fc.record({
    type: fc.constantFrom('full' as const, 'prefix' as const),
    value: near(fc.constantFrom('/', '/new', '/v2/api', "/!$&'()*+,;=:@", '/%20'), fc.constantFrom('new', '/a b', '/a#b', '//', '/a/../b', `/${'p'.repeat(1024)}`), 10),
  }).chain(m => m.type === 'prefix' ? fc.constantFrom(m, { ...m, value: '' }) : fc.constant(m));

  const mirror: fc.Arbitrary<FilterDesc> = merge(
    fc.record({ type: fc.constant('requestMirror' as const), backend: plainBackend }),
    near(
      fc.oneof(
        fc.constant({}),
        fc.record({ percent: fc.constantFrom(0, 10, 100) }),
        fc.record({
          fraction: fc.record({ numerator: fc.constantFrom(0, 1, 50), denominator: maybe(fc.constantFrom(100, 1000, 50), 2) }).map(stripUndefined),
        }),
      ),
      fc.oneof(
        fc.record({ percent: fc.constantFrom(-1, 101, 2.5) }),
        fc.record({ fraction: fc.constantFrom({ numerator: -1 }, { numerator: 1.5 }, { numerator: 1000 }, { numerator: 1, denominator: 0 }) }),
        fc.constant({ percent: 10, fraction: { numerator: 1 } }),
      ),
    ),
  );

  const extensionRef: fc.Arbitrary<FilterDesc> = fc.record({
    type: fc.constant('extensionRef' as const),
    group: near(fc.constantFrom('example.com', 'gateway.envoyproxy.io', ''), group),
    kind: near(fc.constantFrom('Filter', 'HTTPRouteFilter'), kind),
    name: objectName,
  });

  const origin = near(
    fc.constantFrom('https://example.com', 'http://a.example.com:8080', 'https://*.example.com', 'http://localhost', 'https://x-1.test:443', 'https://*'),
    fc.oneof(
      fc.constantFrom('example.com', 'https://example.com/', 'ftp://example.com', 'https://example.com:0', 'https://example.com:65536', 'https://exa mple.com', ''),
      fc.stringMatching(/^https?:\/\/(\*\.)?[-a-zA-Z0-9.*]{1,10}(:[0-9]{1,5})?$/),
    ),
    10,
  );

  const corsMethods = near(
    fc.oneof(
      fc.constant({}),
      fc.record({ allowMethods: fc.uniqueArray(method, { minLength: 1, maxLength: 3 }) }),
      fc.record({ allowAllMethods: fc.boolean() }),
    ),
    fc.oneof(fc.record({ allowMethods: lists(['GET', 'GET'], ['*']) }), fc.record({ allowMethods: lists(['GET']), allowAllMethods: fc.constant(true) })),
  );

  const cors: fc.Arbitrary<FilterDesc> = merge(fc.record({
    type: fc.constant('cors' as const),
    allowOrigins: near(
      fc.oneof(lists(['*']), fc.uniqueArray(origin, { minLength: 1, maxLength: 3 })),
      fc.oneof(lists<string>([], ['*', 'https://a.com'], ['https://a.com', 'https://a.com']), around(64, i => `https://o${i}.example.com`)),
    ),
    allowHeaders: maybe(near(fc.oneof(lists(['*']), fc.uniqueArray(headerName, { minLength: 1, maxLength: 3, selector: h => h.toLowerCase() })), lists(['*', 'x-a'], ['X-A', 'x-a'])), 3),
    exposeHeaders: maybe(fc.uniqueArray(headerName, { minLength: 1, maxLength: 3, selector: h => h.toLowerCase() }), 3),
    allowCredentials: maybe(fc.boolean(), 3),
    maxAge: maybe(near(
      fc.record({ unit: fc.constant('seconds' as const), amount: fc.constantFrom(1, 5, 86400) }),
      fc.oneof(duration, fc.record({ unit: fc.constant('seconds' as const), amount: fc.constantFrom(0, 1.5) })),
    ), 3),
  }), corsMethods);

  /** A redirect that changes something (near-invalid: nothing). */
  const redirect: fc.Arbitrary<FilterDesc> = fc.tuple(fc.record({
    type: fc.constant('requestRedirect' as const),
    scheme: maybe(near(fc.constantFrom('http', 'https'), fc.constantFrom('HTTPS', 'ftp', '')), 2),
    hostname: maybe(preciseHostname, 2),
    path: maybe(pathModifier, 2),
    port: maybe(port, 3),
    statusCode: maybe(near(fc.constantFrom(301, 302, 303, 307, 308), fc.constantFrom(200, 304, 399)), 2),
  }), near(fc.constant(true), fc.constant(false), 3)).map(([r, fix]) => {
    const empty = r.scheme === undefined && r.hostname === undefined && r.path === undefined && r.port === undefined;
    return stripUndefined(empty && fix ? { ...r, scheme: 'https' } : r);
  });

  /** A rewrite that changes something (near-invalid: nothing). */
  const rewrite: fc.Arbitrary<FilterDesc> = fc.tuple(fc.record({
    type: fc.constant('urlRewrite' as const),
    hostname: maybe(preciseHostname, 2),
    path: maybe(pathModifier, 2),
  }), near(fc.constant(true), fc.constant(false), 3)).map(([r, fix]) =>
    stripUndefined(r.hostname === undefined && r.path === undefined && fix ? { ...r, hostname: 'example.com' } : r));

  const httpFilter: fc.Arbitrary<FilterDesc> = fc.oneof(
    { weight: 3, arbitrary: headerModifier('requestHeaderModifier') },
    { weight: 3, arbitrary: headerModifier('responseHeaderModifier') },
    { weight: 2, arbitrary: redirect },
    { weight: 3, arbitrary: rewrite },
    { weight: 2, arbitrary: mirror },
    { weight: 2, arbitrary: cors },
    { weight: 1, arbitrary: extensionRef },
  );

  const grpcFilter: fc.Arbitrary<FilterDesc> = fc.oneof(
    headerModifier('requestHeaderModifier'),
    headerModifier('responseHeaderModifier'),
    mirror,
    extensionRef,
  );

  /** Filter lists: each single-use type at most once unless near-invalid. */
  const filterList = (one: fc.Arbitrary<FilterDesc>, max: number): fc.Arbitrary<FilterDesc[]> => near(
    fc.uniqueArray(one, {
      maxLength: max,
      selector: f => f.type === 'requestMirror' || f.type === 'extensionRef' ? JSON.stringify(f) : f.type === 'urlRewrite' ? 'requestRedirect' : f.type,
    }),
    fc.oneof(
      fc.array(one, { minLength: 2, maxLength: 3 }),
      around(16, (i): FilterDesc => ({ type: 'requestMirror', backend: { factory: 'serviceName', name: `mirror-${i}`, port: 80 } })),
    ),
    8,
  );

  // -- Matches and rules ----------------------------------------------------------------------

  const valueMatch = fc.record({ type: fc.constantFrom('exact' as const, 'regex' as const), name: headerName, value: headerValue });
  /** Header or query conditions: names unique (case-insensitively) unless near-invalid. */
  const conditions = near(
    fc.uniqueArray(valueMatch, { minLength: 1, maxLength: 3, selector: m => m.name.toLowerCase() }),
    fc.oneof(
      fc.array(valueMatch, { minLength: 2, maxLength: 3 }),
      around(16, (i): ValueMatchDesc => ({ type: 'exact', name: `x-h${i}`, value: 'v' })),
    ),
    10,
  );

  const httpMatch: fc.Arbitrary<HttpMatchDesc> = fc.record({
    path: maybe(fc.oneof(
      { weight: 3, arbitrary: fc.record({ type: fc.constantFrom('exact' as const, 'prefix' as const), value: path }) },
      { weight: 1, arbitrary: fc.record({ type: fc.constant('regex' as const), value: regex }) },
    ), 4),
    headers: maybe(conditions, 3),
    queryParams: maybe(conditions, 4),
    method: maybe(method, 3),
  }).map(stripUndefined);

  const backends = (filter: fc.Arbitrary<FilterDesc>, min: number) => near(
    fc.array(backend(maybe(filterList(filter, 2), 6)), { minLength: min, maxLength: 3 }),
    around(16, (i): BackendDesc => ({ factory: 'serviceName', name: `web-${i}`, port: 80 })),
  );

  /**
   * An HTTPRoute rule. Unless near-invalid, it is made consistent: a redirect drops the
   * backends and any rewrite, a rule without backends gets a redirect, not every weight is 0,
   * ReplacePrefixMatch comes with a single PathPrefix match, backendTimeout ≤ timeout.
   */
  const httpRule: fc.Arbitrary<HttpRuleDesc> = fc.tuple(fc.record({
    name: maybe(near(fc.constantFrom('v1', 'default', 'api.v2'), fc.constantFrom('V1', 'rule_1', '')), 3),
    matches: maybe(fc.array(httpMatch, { minLength: 1, maxLength: 3 }), 3),
    filters: maybe(filterList(httpFilter, 3), 2),
    backends: maybe(backends(httpFilter, 1), 8),
    timeout: maybe(duration, 4),
    backendTimeout: maybe(duration, 5),
  }), near(fc.constant(true), fc.constant(false), 2)).map(([rule, fix]) => stripUndefined(fix ? consistentHttpRule(rule) : rule));

  const grpcService = near(fc.constantFrom('helloworld.Greeter', 'Svc', '_a.b_c', '.pkg.Svc'), fc.constantFrom('hello world', '1svc', 'a..b', ''));
  const grpcMethod = near(fc.constantFrom('SayHello', 'get_1', '_x'), fc.constantFrom('Say-Hello', '1x', ''));

  const grpcMatch: fc.Arbitrary<GrpcMatchDesc> = fc.record({
    method: maybe(fc.oneof(
      fc.record({ type: fc.constant('exact' as const), service: maybe(grpcService, 3), method: maybe(grpcMethod, 3) }),
      fc.record({ type: fc.constant('regex' as const), service: maybe(regex, 3), method: maybe(regex, 3) }),
    ).map(m => stripUndefined(m.service === undefined && m.method === undefined ? { ...m, method: 'SayHello' } : m)), 4),
    headers: maybe(conditions, 3),
  }).map(stripUndefined);

  const grpcRule: fc.Arbitrary<GrpcRuleDesc> = fc.tuple(fc.record({
    name: maybe(near(fc.constantFrom('v1', 'default'), fc.constantFrom('V1', '')), 3),
    matches: maybe(fc.array(grpcMatch, { minLength: 1, maxLength: 3 }), 3),
    filters: maybe(filterList(grpcFilter, 3), 2),
    backends: near(backends(grpcFilter, 1), fc.constant(undefined), 10),
  }), near(fc.constant(true), fc.constant(false), 2))
    .map(([rule, fix]) => stripUndefined(fix ? { ...rule, backends: someWeight(rule.backends) } : rule));

  /** TLS/TCP/UDP backends: no filters unless near-invalid. */
  const l4Backends = (min: number) =>
    fc.array(backend(near(fc.constant(undefined), fc.array(httpFilter, { minLength: 1, maxLength: 1 }))), { minLength: min, maxLength: 3 });

  // -- Routes and parents ---------------------------------------------------------------------

  /**
   * Parents for a route of `kind`: mostly one listener of a compatible protocol (by section
   * name), sometimes the whole Gateway/ListenerSet, a port, several parents, or a listener
   * that does not exist or has another protocol.
   */
  function parents(routeKind: RouteDesc['kind'], candidates: ParentCandidate[]): fc.Arbitrary<ParentDesc[]> {
    const protocols = ROUTE_PROTOCOLS[routeKind];
    const options: Array<fc.WeightedArbitrary<ParentDesc>> = [];
    for (const c of candidates) {
      const base = { target: c.target, index: c.index };
      const compatible = c.listeners.filter(l => protocols.includes(l.protocol));
      const sections = [...new Set(compatible.map(l => l.name ?? defaultListenerName(l)))];
      const ports = [...new Set(compatible.map(defaultListenerPort).filter((p): p is number => p !== undefined))];
      if (sections.length > 0) options.push({ weight: 40, arbitrary: fc.constantFrom(...sections).map(section => ({ ...base, section })) });
      if (ports.length > 0) options.push({ weight: 5, arbitrary: fc.constantFrom(...ports).map(p => ({ ...base, port: p })) });
      options.push({ weight: compatible.length === c.listeners.length ? 10 : 1, arbitrary: fc.constant(base) });
      const all = [...new Set(c.listeners.map(l => l.name ?? defaultListenerName(l)))];
      if (noise > 0) options.push({ weight: Math.max(1, noise / 5), arbitrary: fc.constantFrom(...all, 'missing').map(section => ({ ...base, section })) });
    }
    const one = fc.oneof(...options);
    // (fc.uniqueArray with minLength 2 would loop forever when `one` has a single value.)
    const several = fc.tuple(fc.array(one, { minLength: 2, maxLength: 3 }), near(fc.constant(true), fc.constant(false), 3))
      .map(([ps, fix]) => fix ? distinctParents(ps) : ps);
    return fc.oneof(
      { weight: 10, arbitrary: one.map(p => [p]) },
      { weight: 2, arbitrary: several },
      { weight: 1, arbitrary: lists<ParentDesc>([]) },
    );
  }

  /** 15-17 rules of 7-9 matches each: around the limits of 16 rules and 128 matches per route. */
  function manyMatches<M>(match: () => M): fc.Arbitrary<Array<{ matches: M[]; backends: BackendDesc[] }>> {
    return fc.tuple(fc.integer({ min: 15, max: 17 }), fc.integer({ min: 7, max: 9 })).map(([rules, matches]) =>
      Array.from({ length: rules }, () => ({ matches: Array.from({ length: matches }, match), backends: [{ factory: 'serviceName' as const, name: 'web', port: 80 }] })));
  }

  /** Rule names made unique within the route unless near-invalid. */
  function uniqueRuleNames<R extends { name?: string }>(rules: R[]): fc.Arbitrary<R[]> {
    return near(fc.constant(true), fc.constant(false), 3).map(fix => !fix ? rules : rules.map((r, i) =>
      r.name !== undefined && rules.slice(0, i).some(o => o.name === r.name) ? { ...r, name: `rule-${i}` } : r));
  }

  const routeName = (i: number) => maybe(near(fc.constant(`route-${i}`), fc.constantFrom(`Route${i}`, `route_${i}`)), 2);
  const hostnames = (min: number) => fc.uniqueArray(hostname, { minLength: min, maxLength: 3 });
  const l4Rule = fc.record({ name: maybe(near(fc.constant('main'), fc.constant('Main')), 3), backends: near(l4Backends(1), lists<BackendDesc>([])) }).map(stripUndefined);

  /**
   * Hostnames for a route attached to `ps`: none, ones derived from the parents' listener
   * hostnames (so that they intersect), or any from the pool.
   */
  function routeHostnames(ps: ParentDesc[], candidates: ParentCandidate[], min: number): fc.Arbitrary<string[]> {
    const derived = new Set<string>();
    for (const p of ps) {
      const c = candidates.find(x => x.target === p.target && x.index === p.index);
      for (const l of c?.listeners ?? []) {
        if ((p.section !== undefined && (l.name ?? defaultListenerName(l)) !== p.section) || l.hostname === undefined) continue;
        derived.add(l.hostname);
        if (l.hostname.startsWith('*.')) derived.add(`www${l.hostname.slice(1)}`);
      }
    }
    const options = [
      { weight: 2, arbitrary: hostnames(Math.max(min, 1)) },
      ...(derived.size > 0 ? [{ weight: 4, arbitrary: fc.uniqueArray(fc.constantFrom(...derived), { minLength: 1, maxLength: 2 }) }] : []),
      ...(min === 0 ? [{ weight: 3, arbitrary: lists<string>([]) }] : []),
    ];
    return fc.oneof(...options);
  }

  /** A route's namespace: its chart's, its first parent's (so `Same` admits it), or any. */
  function routeNamespace(ps: ParentDesc[], candidates: ParentCandidate[]): fc.Arbitrary<string | undefined> {
    const c = ps.length > 0 ? candidates.find(x => x.target === ps[0].target && x.index === ps[0].index) : undefined;
    return fc.oneof(
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: c?.namespace !== undefined ? 6 : 0, arbitrary: fc.constant(c?.namespace) },
      { weight: 1, arbitrary: namespace },
    );
  }

  function route(i: number, candidates: ParentCandidate[]): fc.Arbitrary<RouteDesc> {
    /** Parents first, then what depends on them (namespace, hostnames), then the rest. */
    const common = (routeKind: RouteDesc['kind'], minHostnames?: number) => parents(routeKind, candidates).chain(ps => fc.record({
      kind: fc.constant(routeKind),
      name: routeName(i),
      namespace: routeNamespace(ps, candidates),
      parents: fc.constant(ps),
      createReferenceGrants: maybe(near(fc.constant(true), fc.constant(false), 3), 4),
      via: fc.constantFrom('props' as const, 'methods' as const),
      hostnames: minHostnames === undefined ? fc.constant(undefined) : near(
        routeHostnames(ps, candidates, minHostnames),
        minHostnames === 0 ? around(16, n => `h${n}.example.com`) : lists<string>([]),
      ),
    }));
    const http = merge(common('HTTPRoute', 0), fc.record({
      rules: near(
        fc.array(httpRule, { minLength: 1, maxLength: 4 }),
        fc.oneof(lists<HttpRuleDesc>([]), manyMatches((): HttpMatchDesc => ({ path: { type: 'prefix', value: '/' } }))),
      ).chain(uniqueRuleNames),
    }));
    const grpc = merge(common('GRPCRoute', 0), fc.record({
      rules: near(
        fc.array(grpcRule, { minLength: 1, maxLength: 3 }),
        fc.oneof(lists<GrpcRuleDesc>([]), manyMatches((): GrpcMatchDesc => ({ method: { type: 'exact', service: 'Svc' } }))),
      ).chain(uniqueRuleNames),
    }));
    /** The single rule and/or loose backends; at least one backend unless near-invalid. */
    type L4Part = { rule?: { name?: string; backends: BackendDesc[] }; backends: BackendDesc[] };
    const l4 = near<L4Part, L4Part>(
      fc.oneof<Array<fc.Arbitrary<L4Part>>>(
        fc.record({ rule: l4Rule, backends: l4Backends(0) }),
        fc.record({ backends: l4Backends(1) }),
      ),
      fc.record({ backends: lists<BackendDesc>([]) }),
    ).map(x => stripUndefined({
      ...x,
      rule: x.rule && { ...x.rule, backends: someWeight(x.rule.backends) ?? [] },
      backends: someWeight(x.backends) ?? [],
    }));
    const tls = merge(common('TLSRoute', 1), l4);
    const tcp = (k: 'TCPRoute' | 'UDPRoute') => merge(common(k), l4);

    // Mostly kinds that some listener accepts (a domain-prefixed protocol accepts any kind).
    const protocols = new Set<string>(candidates.flatMap(c => c.listeners.map(l => l.protocol === 'custom' && (l.customProtocol ?? '').includes('/') ? '*' : l.protocol)));
    const weightOf = (base: number, routeKind: RouteDesc['kind']) =>
      ROUTE_PROTOCOLS[routeKind].some(p => protocols.has(p)) || protocols.has('*') ? base * 10 : noise > 0 ? 1 : 0;
    const kinds = [
      { weight: weightOf(6, 'HTTPRoute'), arbitrary: http as fc.Arbitrary<RouteDesc> },
      { weight: weightOf(2, 'GRPCRoute'), arbitrary: grpc as fc.Arbitrary<RouteDesc> },
      { weight: weightOf(2, 'TLSRoute'), arbitrary: tls as fc.Arbitrary<RouteDesc> },
      { weight: weightOf(2, 'TCPRoute'), arbitrary: tcp('TCPRoute') as fc.Arbitrary<RouteDesc> },
      { weight: weightOf(2, 'UDPRoute'), arbitrary: tcp('UDPRoute') as fc.Arbitrary<RouteDesc> },
    ].filter(k => k.weight > 0);
    return fc.oneof(...(kinds.length > 0 ? kinds : [{ weight: 1, arbitrary: http as fc.Arbitrary<RouteDesc> }])).map(r => stripUndefined(r));
  }

  // -- Apps -----------------------------------------------------------------------------------

  const gatewayClass: fc.Arbitrary<GatewayClassDesc> = fc.record({
    owned: fc.boolean(),
    name: maybe(near(fc.constant('eg'), fc.constantFrom('EG', 'e_g')), 2),
    controllerName: near(fc.constantFrom('example.com/gateway-controller', 'gateway.envoyproxy.io/gatewayclass-controller'), fc.constantFrom('controller', 'Example.com/x', 'example.com/')),
    description: maybe(near(fc.constantFrom('Edge gateways', ''), fc.constant('d'.repeat(65))), 4),
  }).map(stripUndefined);

  const gateways: fc.Arbitrary<GatewayDesc[]> = fc.oneof(
    { weight: 4, arbitrary: gateway(0).map(g => [g]) },
    { weight: 1, arbitrary: fc.tuple(gateway(0), gateway(1)) },
  );

  const listenerSets = (gws: GatewayDesc[]): fc.Arbitrary<ListenerSetDesc[]> => fc.oneof(
    { weight: 5, arbitrary: lists<ListenerSetDesc>([]) },
    {
      weight: 1,
      arbitrary: fc.record({ gateway: fc.nat({ max: gws.length - 1 }), name: maybe(fc.constant('set-0'), 2), namespace: maybe(namespace, 3), listeners })
        .map(s => [stripUndefined(s)]),
    },
  );

  return fc.record({
    infraNamespace: near(namespace, fc.constant(undefined), 3),
    routeChartNamespace: maybe(near(namespace, fc.constant('')), 2),
    gatewayClass,
    gateways,
  }).chain(base => listenerSets(base.gateways).chain(sets => {
    const candidates: ParentCandidate[] = [
      ...base.gateways.map((g, index) => ({ target: 'gateway' as const, index, listeners: g.listeners, namespace: g.namespace ?? base.infraNamespace })),
      ...sets.map((s, index) => ({ target: 'listenerSet' as const, index, listeners: s.listeners, namespace: s.namespace ?? base.infraNamespace })),
    ];
    return fc.integer({ min: 0, max: 4 })
      .chain(n => fc.tuple(...Array.from({ length: n }, (_, i) => route(i, candidates))))
      .map(routes => stripUndefined({ ...base, listenerSets: sets, routes }));
  })).chain(app => near(fc.constant(true), fc.constant(false), 3).map(fix => fix ? admitListenerSets(app) : app));
}

/** Backends where not every weight is 0 (the first loses its weight when all are 0). */
function someWeight(backends: BackendDesc[] | undefined): BackendDesc[] | undefined {
  if (!backends || backends.length === 0 || !backends.every(b => b.weight === 0)) return backends;
  return [stripUndefined({ ...backends[0], weight: undefined }), ...backends.slice(1)];
}

function usesReplacePrefix(f: FilterDesc): boolean {
  return (f.type === 'requestRedirect' || f.type === 'urlRewrite') && f.path?.type === 'prefix';
}

/** Makes an HTTPRoute rule consistent (see `httpRule`). */
function consistentHttpRule(rule: HttpRuleDesc): HttpRuleDesc {
  let { filters, backends, matches, timeout, backendTimeout } = rule;
  const redirect = filters?.some(f => f.type === 'requestRedirect');
  if (redirect) {
    filters = filters!.filter(f => f.type !== 'urlRewrite');
    backends = undefined;
  } else if (!backends?.length && !filters?.some(f => f.type === 'extensionRef')) {
    filters = [...(filters ?? []).filter(f => f.type !== 'urlRewrite'), { type: 'requestRedirect', scheme: 'https', statusCode: 301 }];
  }
  backends = someWeight(backends);
  const all = [...filters ?? [], ...(backends ?? []).flatMap(b => b.filters ?? [])];
  if (all.some(usesReplacePrefix)) {
    const single = matches?.length === 1 && (matches[0].path === undefined || matches[0].path.type === 'prefix');
    if (!single && matches !== undefined) matches = [{ path: { type: 'prefix', value: '/api' } }];
  }
  if (timeout && backendTimeout && millis(timeout) !== 0 && millis(backendTimeout) > millis(timeout)) {
    [timeout, backendTimeout] = [backendTimeout, timeout];
  }
  return { ...rule, filters, backends, matches, timeout, backendTimeout };
}

function millis(d: DurationDesc): number {
  return d.amount * { millis: 1, seconds: 1000, minutes: 60_000, hours: 3_600_000 }[d.unit];
}

/**
 * Noise levels: the weight of a near-invalid value against 300 for a valid one. An app draws
 * a few hundred values, so a clean app has none (only structural conflicts), a rare-noise
 * app about one, a normal one a few and a high-noise one many (it fails at the first).
 */
export const NOISE = { clean: 0, rare: 1, normal: 3, high: 10 } as const;

/** A whole app: 1-2 Gateways, 0-1 ListenerSet, 0-4 routes attached among their listeners. */
export const appArb: fc.Arbitrary<AppDesc> = fc.oneof(
  { weight: 4, arbitrary: appArbitrary(NOISE.clean) },
  { weight: 3, arbitrary: appArbitrary(NOISE.rare) },
  { weight: 2, arbitrary: appArbitrary(NOISE.normal) },
  { weight: 1, arbitrary: appArbitrary(NOISE.high) },
).map(app => JSON.parse(JSON.stringify(app)) as AppDesc); // plain JSON: prints without null prototypes

/**
 * Listeners without clashes: unique names, and a fresh port for a listener that would
 * conflict with an earlier one (same port with the same protocol and hostname, HTTP/HTTPS/TLS
 * sharing a port and hostname, TCP sharing a port with one of them).
 */
function distinctListeners(items: ListenerDesc[]): ListenerDesc[] {
  const names = new Set<string>();
  const kept: ListenerDesc[] = [];
  const hostnamed = ['HTTP', 'HTTPS', 'TLS'];
  items.forEach((item, i) => {
    let l = item;
    const name = l.name ?? defaultListenerName(l);
    if (names.has(name)) l = { ...l, name: `l${i}` };
    names.add(l.name ?? name);
    const p = defaultListenerPort(l);
    const clash = kept.some(o => {
      if (defaultListenerPort(o) !== p) return false;
      if (o.protocol === l.protocol && !hostnamed.includes(l.protocol)) return true;
      if (hostnamed.includes(o.protocol) && hostnamed.includes(l.protocol)) return (o.hostname ?? '') === (l.hostname ?? '');
      return (o.protocol === 'TCP' && hostnamed.includes(l.protocol)) || (l.protocol === 'TCP' && hostnamed.includes(o.protocol));
    });
    if (clash && p !== undefined) {
      const fresh = 10_000 + i;
      l = { ...l, port: fresh, ...(l.name === undefined && (l.protocol === 'TCP' || l.protocol === 'UDP') ? { name: `${l.protocol.toLowerCase()}-${fresh}` } : {}) };
    }
    kept.push(l);
  });
  return kept;
}

/** Parents that never attach to one object twice, or both as a whole (or port) and by listener. */
function distinctParents(parents: ParentDesc[]): ParentDesc[] {
  const kept: ParentDesc[] = [];
  for (const p of parents) {
    const same = kept.filter(k => k.target === p.target && k.index === p.index);
    if (same.length > 0 && (p.section === undefined || same.some(k => k.section === undefined || k.section === p.section))) continue;
    kept.push(p);
  }
  return kept;
}

/** Opens the Gateways that ListenerSets attach to (`allowedListeners: All`). */
function admitListenerSets(app: AppDesc): AppDesc {
  if (app.listenerSets.length === 0) return app;
  const parents = new Set(app.listenerSets.map(s => s.gateway));
  return { ...app, gateways: app.gateways.map((g, i) => parents.has(i) ? { ...g, allowedListeners: { from: 'all' } } : g) };
}
