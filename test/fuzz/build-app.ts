/**
 * Turns an app description (`arbitraries.ts`) into a cdk8s App through the public L2 API,
 * synthesizes it, and judges the outcome (the fuzz oracle, shared by the Jest property and
 * the nightly script).
 *
 * The oracle. Building and synthesizing an app must end in exactly one of:
 *
 * 1. **Rejected**: an `Error` (not a `TypeError`, `RangeError`, …) whose message is descriptive:
 *    - an eager construct or factory error, whose first line starts with the construct kind and
 *      path (`HttpRoute apps/Route0: spec.rules[0]: …`) or the factory
 *      (`PathMatch.prefix: …`, `Backend: …`), see `EAGER`; or
 *    - the cdk8s synth-time aggregate `Validation failed with the following errors:` followed by
 *      one `[construct/path] message` line per problem, see `AGGREGATE`;
 *    and no message says `[object Object]`, `undefined` or `NaN` where a value belongs.
 *    The fuzz apps turn the library's synth-time CRD validation off (`GatewayApiValidation`) and
 *    validate explicitly (2.), so a throw should only come from the constructs' own checks. As a
 *    safety net, an aggregate entry worded like the API server (`Invalid value:`, `Required
 *    value`, `Unsupported value`, `Too many`, `Duplicate value`, `Forbidden`, `must have at
 *    most`) or ending in a validation code (`[cel]`, `[parent-not-found]`, …) comes from
 *    schema/CEL/cross-object validation, not from the constructs: they let an invalid object
 *    through, so it is a FAILURE.
 * 2. **Accepted**: the synthesized objects, together, pass `ManifestValidator.validateObjects`
 *    (v1.6.1 Standard CRD schemas and CEL rules, then the cross-object checks) with no error
 *    result; results with `severity: 'warning'` (route conflicts, unused hostnames, …) are not
 *    errors. Schema/CEL errors are always findings (the constructs must never emit an object
 *    the API server rejects). Cross-object errors are findings when they are about facts the
 *    constructs check themselves (section names, ports, hostname intersection, ReferenceGrants,
 *    rule names, listener conflicts within one object, ListenerSet attachment, …); the few the
 *    constructs leave to the library's synth-time validation (`LEFT_TO_VALIDATOR`: allowedRoutes
 *    kinds and namespaces, HTTPRoute/GRPCRoute hostname clashes, ListenerSet-vs-Gateway listener
 *    conflicts) make the outcome **flagged**: with validation on, as in a user's app, synth
 *    fails with those messages, naming the construct path.
 *
 * Anything else (a non-descriptive error, a non-`Error` throw, an accepted app with invalid
 * objects) is a finding.
 */
import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  AddressDesc, AppDesc, BackendDesc, CertDesc, ClientValidationDesc, DurationDesc, FilterDesc, GatewayDesc, HttpMatchDesc,
  ListenerDesc, NamespacesDesc, ParentDesc, PathModifierDesc, RouteDesc, RouteKindDesc,
} from './arbitraries';
import * as gw from '../../src';

/** First line of an eager error: `Kind construct/path: …` or `Factory(.method): …`. */
export const EAGER = /^(\w+ [\w/.-]+|[A-Z]\w+(\.\w+)?): \S/;
/** The cdk8s synth-time validation aggregate. */
export const AGGREGATE = /^Validation failed with the following errors:\n((  \[[\w/.-]+\] .+)(\n|$))+$/;
/** API-server wording of schema and CEL results (see `src/validation/errors.ts`). */
export const API_SERVER_WORDING = /(^|: )(Invalid value|Required value|Unsupported value|Too many|Duplicate value|Forbidden)(:|$)|must have at (most|least) \d/;
/** The `[code]` that synth-time validation (`GatewayApiValidation`) appends to each of its lines. */
export const VALIDATOR_CODE = / \[(schema|cel|cel-skipped|unknown-kind|not-an-object|[a-z]+(-[a-z]+)+)\]$/;

/** True when an aggregate entry comes from CRD/CEL or cross-object validation, not from a construct. */
export function isValidatorEntry(entry: string): boolean {
  return API_SERVER_WORDING.test(entry) || VALIDATOR_CODE.test(entry);
}

/** Signs of a value rendered without care. */
const SLOPPY = /\[object Object\]|"undefined"|\bNaN\b|: undefined\b/;

/** Results that are the CRD schema and CEL rules (what the API server itself checks). */
const API_SERVER_CODES = new Set(['schema', 'cel', 'cel-skipped', 'unknown-kind', 'not-an-object', 'yaml']);

/**
 * Cross-object facts the constructs do not check, by design: they are left to the library's
 * synth-time validation (`GatewayApiValidation`, on by default), which reports them with the
 * construct path. An app with such an error is "flagged": rejected at synth, descriptively.
 * (`listener-conflict` belongs here only between two objects, a ListenerSet and its Gateway.)
 */
const LEFT_TO_VALIDATOR = new Set(['route-kind-not-allowed', 'namespace-not-allowed', 'route-kind-conflict']);

/** True when a cross-object error is one the constructs leave to the validator. */
function leftToValidator(r: gw.ValidationResult, code: string, objects: any[]): boolean {
  if (LEFT_TO_VALIDATOR.has(code)) return true;
  if (code === 'listener-conflict') return !r.message.includes('of this object');
  if (code === 'no-matching-listener-hostname') return parentFilteredByAllowedRoutes(r, objects);
  return false;
}

const ROUTE_PROTOCOLS: Record<string, string[]> = {
  HTTPRoute: ['HTTP', 'HTTPS'], GRPCRoute: ['HTTP', 'HTTPS'], TLSRoute: ['TLS'], TCPRoute: ['TCP'], UDPRoute: ['UDP'],
};

/**
 * The constructs check hostname intersection against every listener of the parent whose
 * protocol suits the route; the validator only against listeners whose `allowedRoutes` admit
 * the route's kind and namespace. A `no-matching-listener-hostname` for a parent where some
 * suitable listener does not admit the route is a consequence of `allowedRoutes` (left to the
 * validator), not a wrong intersection.
 */
function parentFilteredByAllowedRoutes(r: gw.ValidationResult, objects: any[]): boolean {
  const index = /^spec\.parentRefs\[(\d+)\]/.exec(r.path);
  const route = objects.find(o => o.kind === r.kind && o.metadata?.name === r.name && o.metadata?.namespace === r.namespace);
  const ref = index && route?.spec?.parentRefs?.[Number(index[1])];
  if (!ref) return false;
  const parentNs = ref.namespace ?? r.namespace;
  const owner = objects.find(o => o.kind === (ref.kind ?? 'Gateway') && o.metadata?.name === ref.name && o.metadata?.namespace === parentNs);
  const listeners: any[] = (owner?.spec?.listeners ?? []).filter((l: any) =>
    (ref.sectionName === undefined || l.name === ref.sectionName) && (ref.port === undefined || l.port === ref.port)
    && ((ROUTE_PROTOCOLS[r.kind] ?? []).includes(l.protocol) || l.protocol.includes('/')));
  return listeners.some(l => {
    const kinds: any[] | undefined = l.allowedRoutes?.kinds;
    if (kinds && !kinds.some(k => (k.group ?? 'gateway.networking.k8s.io') === 'gateway.networking.k8s.io' && k.kind === r.kind)) return true;
    const from = l.allowedRoutes?.namespaces?.from ?? 'Same';
    return from === 'Same' && parentNs !== r.namespace;
  });
}

export type Verdict =
  | { readonly ok: true; readonly outcome: 'rejected'; readonly message: string }
  | { readonly ok: true; readonly outcome: 'flagged'; readonly message: string }
  | { readonly ok: true; readonly outcome: 'accepted'; readonly objects: number }
  | { readonly ok: false; readonly reason: string; readonly detail: string };

/** Builds, synthesizes and judges one app description. */
export function judge(desc: AppDesc): Verdict {
  let objects: any[];
  try {
    const app = buildApp(desc);
    objects = app.charts.flatMap(c => c.toJson());
  } catch (e) {
    return judgeError(e);
  }
  return judgeObjects(objects);
}

/**
 * Judges the objects of an app the constructs accepted (see the oracle above): schema and CEL
 * errors, and cross-object errors about facts the constructs check themselves, are findings;
 * cross-object errors the constructs leave to the validator make the app "flagged". Errors on
 * an object that also has a left-to-the-validator error are taken as its consequences.
 */
export function judgeObjects(objects: any[]): Verdict {
  const errors = gw.ManifestValidator.validateObjects(objects)
    .filter(r => (r as { severity?: string }).severity !== 'warning');
  const codeOf = (r: gw.ValidationResult) => (r as { code?: string }).code ?? 'schema';
  const idOf = (r: gw.ValidationResult) => `${r.kind}/${r.namespace ?? ''}/${r.name ?? ''}`;
  const left = errors.filter(r => !API_SERVER_CODES.has(codeOf(r)) && leftToValidator(r, codeOf(r), objects));
  const excused = new Set(left.map(idOf));
  const findings = errors.filter(r => !left.includes(r) && (API_SERVER_CODES.has(codeOf(r)) || !excused.has(idOf(r))));
  const describe = (list: gw.ValidationResult[]) => list.map(r => `${r.kind} ${r.namespace ?? ''}/${r.name ?? ''} ${r.path}: ${r.message} [${codeOf(r)}]`).join('\n');
  if (findings.length > 0) {
    const schema = findings.some(r => API_SERVER_CODES.has(codeOf(r)));
    return {
      ok: false,
      reason: schema
        ? 'accepted by the constructs but rejected by the v1.6.1 Standard CRDs (schema/CEL)'
        : 'accepted by the constructs but rejected by a cross-object check the constructs are meant to enforce',
      detail: `${describe(findings)}\n\nobjects:\n${JSON.stringify(objects, null, 1)}`,
    };
  }
  if (left.length > 0) return { ok: true, outcome: 'flagged', message: describe(left) };
  return { ok: true, outcome: 'accepted', objects: objects.length };
}

/** Judges a throw from building or synthesizing. */
export function judgeError(e: unknown): Verdict {
  if (!(e instanceof Error) || e.constructor !== Error) {
    const name = e instanceof Error ? e.constructor.name : typeof e;
    return { ok: false, reason: `threw a ${name}, not a descriptive Error`, detail: e instanceof Error ? e.stack ?? e.message : String(e) };
  }
  const message = e.message;
  if (message.startsWith('Validation failed')) {
    if (!AGGREGATE.test(message)) {
      return { ok: false, reason: 'synth validation message is not "[path] message" lines', detail: message };
    }
    const schemaEntries = message.split('\n').slice(1).filter(line => isValidatorEntry(line.replace(/^ {2}\[[^\]]*\] /, '')));
    if (schemaEntries.length > 0) {
      return { ok: false, reason: 'the constructs let an object through that schema/CEL validation rejected at synth', detail: message };
    }
  } else if (!EAGER.test(message)) {
    return { ok: false, reason: 'error message does not name a construct path or factory', detail: e.stack ?? message };
  }
  if (SLOPPY.test(message)) {
    return { ok: false, reason: 'error message renders a value as [object Object], undefined or NaN', detail: message };
  }
  return { ok: true, outcome: 'rejected', message };
}

// ---------------------------------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------------------------------

/** Builds the app. Throws whatever the constructs throw. */
export function buildApp(desc: AppDesc): App {
  const app = new App({ outdir: '/dev/null' });
  disableSynthValidation(app);
  const infra = new Chart(app, 'infra', { namespace: desc.infraNamespace });
  const apps = desc.routeChartNamespace === undefined ? infra
    : new Chart(app, 'apps', { namespace: desc.routeChartNamespace === '' ? undefined : desc.routeChartNamespace });

  const cls = desc.gatewayClass;
  const gatewayClass: gw.IGatewayClass = cls.owned
    ? new gw.GatewayClass(infra, 'Class', { metadata: metadata(cls.name), controllerName: cls.controllerName, description: cls.description })
    : gw.GatewayClass.fromGatewayClassName(infra, 'Class', cls.name ?? 'eg');

  const gateways = desc.gateways.map((g, i) => buildGateway(infra, `Gateway${i}`, g, gatewayClass));
  const listenerSets = desc.listenerSets.map((s, i) => {
    const set = new gw.ListenerSet(infra, `ListenerSet${i}`, {
      metadata: metadata(s.name, s.namespace),
      parent: gateways[s.gateway],
      listeners: s.listeners.filter(l => l.via === 'props').map(listener),
    });
    for (const l of s.listeners.filter(x => x.via !== 'props')) addListener(set, l);
    return set;
  });

  desc.routes.forEach((r, i) => buildRoute(apps, `Route${i}`, r, p => parent(p, gateways, listenerSets)));
  return app;
}

/**
 * Turns off the library's synth-time CRD validation (`GatewayApiValidation`), so that a throw
 * comes only from the constructs' own checks and the objects are validated explicitly by
 * `judge`. (Feature-detected: the fuzz apps work the same without it.)
 */
function disableSynthValidation(app: App): void {
  const validation = (gw as { GatewayApiValidation?: { configure(scope: App, options: { disabled: boolean }): unknown } }).GatewayApiValidation;
  validation?.configure(app, { disabled: true });
}

function metadata(name: string | undefined, namespace?: string): { name?: string; namespace?: string } | undefined {
  if (name === undefined && namespace === undefined) return undefined;
  return { ...(name !== undefined ? { name } : {}), ...(namespace !== undefined ? { namespace } : {}) };
}

function duration(d: DurationDesc): Duration {
  switch (d.unit) {
    case 'millis': return Duration.millis(d.amount);
    case 'seconds': return Duration.seconds(d.amount);
    case 'minutes': return Duration.minutes(d.amount);
    default: return Duration.hours(d.amount);
  }
}

function cert(c: CertDesc): gw.CertificateRef {
  const options = c.namespace !== undefined ? { namespace: c.namespace } : {};
  switch (c.factory) {
    case 'secretName': return gw.CertificateRef.fromSecretName(c.name, options);
    case 'configMapName': return gw.CertificateRef.fromConfigMapName(c.name, options);
    default: return gw.CertificateRef.fromRef({ group: c.group, kind: c.kind ?? 'Secret', name: c.name, namespace: c.namespace });
  }
}

function routeNamespaces(n: NamespacesDesc): gw.RouteNamespaces {
  switch (n.from) {
    case 'all': return gw.RouteNamespaces.all();
    case 'selector': return gw.RouteNamespaces.selector(n.labels);
    default: return gw.RouteNamespaces.same();
  }
}

function listenerNamespaces(n: NamespacesDesc): gw.ListenerNamespaces {
  switch (n.from) {
    case 'all': return gw.ListenerNamespaces.all();
    case 'same': return gw.ListenerNamespaces.same();
    case 'selector': return gw.ListenerNamespaces.selector(n.labels);
    default: return gw.ListenerNamespaces.none();
  }
}

const ROUTE_KINDS: Record<string, gw.RouteKind> = {
  HTTPRoute: gw.RouteKind.HTTP_ROUTE,
  GRPCRoute: gw.RouteKind.GRPC_ROUTE,
  TLSRoute: gw.RouteKind.TLS_ROUTE,
  TCPRoute: gw.RouteKind.TCP_ROUTE,
  UDPRoute: gw.RouteKind.UDP_ROUTE,
};

function routeKind(k: RouteKindDesc): gw.RouteKind {
  return typeof k === 'string' ? ROUTE_KINDS[k] : gw.RouteKind.of(k.group, k.kind);
}

/** The options object of a listener factory (only the keys the description sets). */
function listenerOptions(l: ListenerDesc): any {
  const o: any = {};
  if (l.name !== undefined) o.name = l.name;
  if (l.port !== undefined) o.port = l.port;
  if (l.hostname !== undefined) o.hostname = l.hostname;
  if (l.mode !== undefined) o.mode = l.mode === 'Terminate' ? gw.TlsMode.TERMINATE : gw.TlsMode.PASSTHROUGH;
  if (l.certificates !== undefined) o.certificates = l.certificates.map(cert);
  if (l.tlsOptions !== undefined) o.tlsOptions = l.tlsOptions;
  if (l.allowedRoutes !== undefined) o.allowedRoutes = routeNamespaces(l.allowedRoutes);
  if (l.allowedRouteKinds !== undefined) o.allowedRouteKinds = l.allowedRouteKinds.map(routeKind);
  return o;
}

function listener(l: ListenerDesc): gw.Listener {
  const o = listenerOptions(l);
  switch (l.protocol) {
    case 'HTTP': return gw.Listener.http(o);
    case 'HTTPS': return gw.Listener.https(o);
    case 'TLS': return gw.Listener.tls(o);
    case 'TCP': return gw.Listener.tcp(o);
    case 'UDP': return gw.Listener.udp(o);
    default: return gw.Listener.custom({ ...o, protocol: l.customProtocol ?? 'example.com/proto' });
  }
}

/** Adds a listener through `addListener` or the protocol's `addXxxListener`. */
function addListener(owner: gw.Gateway | gw.ListenerSet, l: ListenerDesc): void {
  if (l.via === 'addListener' || l.protocol === 'custom') {
    owner.addListener(listener(l));
    return;
  }
  const o = listenerOptions(l);
  switch (l.protocol) {
    case 'HTTP': owner.addHttpListener(o); break;
    case 'HTTPS': owner.addHttpsListener(o); break;
    case 'TLS': owner.addTlsListener(o); break;
    case 'TCP': owner.addTcpListener(o); break;
    default: owner.addUdpListener(o);
  }
}

function address(a: AddressDesc): gw.GatewayAddress {
  switch (a.factory) {
    case 'ipAddress': return gw.GatewayAddress.ipAddress(a.value ?? '');
    case 'hostname': return gw.GatewayAddress.hostname(a.value ?? '');
    case 'named': return gw.GatewayAddress.named(a.value ?? '');
    default: return gw.GatewayAddress.custom(a.addressType ?? '', a.value);
  }
}

function clientValidation(v: ClientValidationDesc): gw.ClientCertificateValidation {
  return {
    caCertificates: v.caCertificates.map(cert),
    mode: v.mode === undefined ? undefined : v.mode === 'AllowValidOnly' ? gw.FrontendValidationMode.ALLOW_VALID_ONLY : gw.FrontendValidationMode.ALLOW_INSECURE_FALLBACK,
  };
}

function buildGateway(scope: Construct, id: string, g: GatewayDesc, gatewayClass: gw.IGatewayClass): gw.Gateway {
  const gateway = new gw.Gateway(scope, id, {
    metadata: metadata(g.name, g.namespace),
    gatewayClass,
    listeners: g.listeners.filter(l => l.via === 'props').map(listener),
    addresses: g.addresses?.map(address),
    allowedListeners: g.allowedListeners && listenerNamespaces(g.allowedListeners),
    clientCertificateValidation: g.clientCertificateValidation && clientValidation(g.clientCertificateValidation),
    backendClientCertificate: g.backendClientCertificate && cert(g.backendClientCertificate),
    infrastructure: g.infrastructure,
    createReferenceGrants: g.createReferenceGrants,
  });
  for (const l of g.listeners.filter(x => x.via !== 'props')) addListener(gateway, l);
  for (const p of g.perPortValidation ?? []) gateway.addClientCertificateValidationForPort(p.port, clientValidation(p.validation));
  return gateway;
}

function parent(p: ParentDesc, gateways: gw.Gateway[], sets: gw.ListenerSet[]): gw.IRouteParent {
  const owner = p.target === 'gateway' ? gateways[p.index] : sets[p.index];
  if (p.section !== undefined) return owner.listener(p.section);
  if (p.port !== undefined) return owner.listenersOnPort(p.port);
  return owner;
}

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

function backend(scope: Construct, b: BackendDesc, filter: (f: FilterDesc) => gw.IBackendFilter): gw.Backend {
  const common = {
    ...(b.weight !== undefined ? { weight: b.weight } : {}),
    ...(b.filters !== undefined ? { filters: b.filters.map(f => filter(f)) } : {}),
  };
  switch (b.factory) {
    case 'serviceName':
      return gw.Backend.fromServiceName(b.name, b.port ?? 80, { ...common, ...(b.namespace !== undefined ? { namespace: b.namespace } : {}) });
    case 'ref':
      return gw.Backend.fromRef({ ...common, name: b.name, group: b.group, kind: b.kind, namespace: b.namespace, port: b.port });
    default: {
      // One cdk8s-plus Service per name (the first description's ports), shared by the backends that use it.
      const id = `Service-${b.name}`;
      const chart = Chart.of(scope);
      const service = (chart.node.tryFindChild(id) as kplus.Service | undefined)
        ?? new kplus.Service(chart, id, { metadata: { name: b.name }, ports: (b.servicePorts ?? []).map(port => ({ port })) });
      return gw.Backend.fromService(service, { ...common, ...(b.port !== undefined ? { port: b.port } : {}) });
    }
  }
}

function pathModifier(p: PathModifierDesc): gw.PathModifier {
  return p.type === 'full' ? gw.PathModifier.replaceFullPath(p.value) : gw.PathModifier.replacePrefixMatch(p.value);
}

function mirrorOptions(f: Extract<FilterDesc, { type: 'requestMirror' }>): gw.MirrorOptions {
  return { percent: f.percent, fraction: f.fraction };
}

function httpFilter(scope: Construct, f: FilterDesc): gw.HttpFilter {
  switch (f.type) {
    case 'requestHeaderModifier': return gw.HttpFilter.requestHeaderModifier({ set: f.set, add: f.add, remove: f.remove });
    case 'responseHeaderModifier': return gw.HttpFilter.responseHeaderModifier({ set: f.set, add: f.add, remove: f.remove });
    case 'requestRedirect': return gw.HttpFilter.requestRedirect({
      scheme: f.scheme, hostname: f.hostname, path: f.path && pathModifier(f.path), port: f.port, statusCode: f.statusCode,
    });
    case 'urlRewrite': return gw.HttpFilter.urlRewrite({ hostname: f.hostname, path: f.path && pathModifier(f.path) });
    case 'requestMirror': return gw.HttpFilter.requestMirror(backend(scope, f.backend, x => httpFilter(scope, x)), mirrorOptions(f));
    case 'cors': return gw.HttpFilter.cors({
      allowOrigins: f.allowOrigins,
      allowMethods: f.allowMethods as gw.HttpMethod[] | undefined,
      allowAllMethods: f.allowAllMethods,
      allowHeaders: f.allowHeaders,
      exposeHeaders: f.exposeHeaders,
      allowCredentials: f.allowCredentials,
      maxAge: f.maxAge && duration(f.maxAge),
    });
    default: return gw.HttpFilter.extensionRef({ group: f.group, kind: f.kind, name: f.name });
  }
}

function grpcFilter(scope: Construct, f: FilterDesc): gw.GrpcFilter {
  switch (f.type) {
    case 'requestHeaderModifier': return gw.GrpcFilter.requestHeaderModifier({ set: f.set, add: f.add, remove: f.remove });
    case 'responseHeaderModifier': return gw.GrpcFilter.responseHeaderModifier({ set: f.set, add: f.add, remove: f.remove });
    case 'requestMirror': return gw.GrpcFilter.requestMirror(backend(scope, f.backend, x => grpcFilter(scope, x)), mirrorOptions(f));
    case 'extensionRef': return gw.GrpcFilter.extensionRef({ group: f.group, kind: f.kind, name: f.name });
    default: throw new Error(`fuzz generator bug: ${f.type} is not a GRPCRoute filter`);
  }
}

function httpMatch(m: HttpMatchDesc): gw.HttpRouteMatch {
  const path = m.path === undefined ? undefined
    : m.path.type === 'exact' ? gw.PathMatch.exact(m.path.value)
      : m.path.type === 'prefix' ? gw.PathMatch.prefix(m.path.value) : gw.PathMatch.regex(m.path.value);
  return {
    path,
    headers: m.headers?.map(h => h.type === 'exact' ? gw.HeaderMatch.exact(h.name, h.value) : gw.HeaderMatch.regex(h.name, h.value)),
    queryParams: m.queryParams?.map(q => q.type === 'exact' ? gw.QueryParamMatch.exact(q.name, q.value) : gw.QueryParamMatch.regex(q.name, q.value)),
    method: m.method as gw.HttpMethod | undefined,
  };
}

function buildRoute(scope: Chart, id: string, r: RouteDesc, toParent: (p: ParentDesc) => gw.IRouteParent): void {
  const parents = r.parents.map(toParent);
  const viaProps = r.via === 'props';
  const common = {
    metadata: metadata(r.name, r.namespace),
    parents: viaProps ? parents : undefined,
    createReferenceGrants: r.createReferenceGrants,
  };
  const attach = (route: gw.Route) => {
    if (!viaProps) for (const p of parents) route.addParent(p);
  };
  const b = (x: BackendDesc, filter: (f: FilterDesc) => gw.IBackendFilter = f => httpFilter(scope, f)) => backend(scope, x, filter);
  switch (r.kind) {
    case 'HTTPRoute': {
      const rules: gw.HttpRouteRule[] = r.rules.map(rule => ({
        name: rule.name,
        matches: rule.matches?.map(httpMatch),
        filters: rule.filters?.map(f => httpFilter(scope, f)),
        backends: rule.backends?.map(x => b(x)),
        timeout: rule.timeout && duration(rule.timeout),
        backendTimeout: rule.backendTimeout && duration(rule.backendTimeout),
      }));
      const route = new gw.HttpRoute(scope, id, { ...common, ...(viaProps ? { hostnames: r.hostnames, rules } : {}) });
      attach(route);
      if (!viaProps) {
        if (r.hostnames.length > 0) route.addHostname(...r.hostnames);
        for (const rule of rules) route.addRule(rule);
      }
      return;
    }
    case 'GRPCRoute': {
      const gf = (f: FilterDesc) => grpcFilter(scope, f);
      const rules: gw.GrpcRouteRule[] = r.rules.map(rule => ({
        name: rule.name,
        matches: rule.matches?.map(m => ({
          method: m.method === undefined ? undefined
            : m.method.type === 'exact' ? gw.GrpcMethodMatch.exact(m.method.service, m.method.method) : gw.GrpcMethodMatch.regex(m.method.service, m.method.method),
          headers: m.headers?.map(h => h.type === 'exact' ? gw.HeaderMatch.exact(h.name, h.value) : gw.HeaderMatch.regex(h.name, h.value)),
        })),
        filters: rule.filters?.map(gf),
        backends: rule.backends?.map(x => b(x, gf)),
      }));
      const route = new gw.GrpcRoute(scope, id, { ...common, ...(viaProps ? { hostnames: r.hostnames, rules } : {}) });
      attach(route);
      if (!viaProps) {
        for (const h of r.hostnames) route.addHostname(h);
        for (const rule of rules) route.addRule(rule);
      }
      return;
    }
    case 'TLSRoute': {
      const rule = r.rule && { name: r.rule.name, backends: r.rule.backends.map(x => b(x)) };
      const backends = r.backends.map(x => b(x));
      const props = viaProps ? { hostnames: r.hostnames, rules: rule ? [rule] : undefined, backends } : {};
      const route = new gw.TlsRoute(scope, id, { ...common, ...props });
      attach(route);
      if (!viaProps) {
        for (const h of r.hostnames) route.addHostname(h);
        if (rule) route.addRule(rule);
        for (const x of backends) route.addBackend(x);
      }
      return;
    }
    default: {
      const rule = r.rule && { name: r.rule.name, backends: r.rule.backends.map(x => b(x)) };
      const backends = r.backends.map(x => b(x));
      const props = { ...common, ...(viaProps ? { rules: rule ? [rule] : undefined, backends } : {}) };
      const route = r.kind === 'TCPRoute' ? new gw.TcpRoute(scope, id, props) : new gw.UdpRoute(scope, id, props);
      attach(route);
      if (!viaProps) {
        if (rule) route.addRule(rule);
        for (const x of backends) route.addBackend(x);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Minimizing counterexamples
// ---------------------------------------------------------------------------------------------

/**
 * What a failure is about, independent of names, indices and values: the reason and the first
 * line of the detail without the object's identity, quoted values and numbers.
 */
export function failureSignature(v: Verdict): string | undefined {
  if (v.ok) return undefined;
  const first = v.detail.split('\n')[0]
    .replace(/^(\w+) \S*\/\S* /, '$1 ')
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\d+/g, 'N');
  return `${v.reason} | ${first}`;
}

/**
 * Delta-debugging on the description (fast-check cannot shrink well through its `chain`s):
 * removes array entries and object keys, largest first, as long as the app still fails with
 * the same signature. Returns the smallest description found within `budget` judgements.
 */
export function minimize(desc: AppDesc, budget = 3000): AppDesc {
  const target = failureSignature(judge(desc));
  if (target === undefined) return desc;
  let current: any = JSON.parse(JSON.stringify(desc));
  let improved = true;
  while (improved && budget > 0) {
    improved = false;
    for (const candidate of smaller(current)) {
      if (--budget < 0) break;
      let signature: string | undefined;
      try {
        signature = failureSignature(judge(candidate));
      } catch {
        continue; // a description the builder cannot read
      }
      if (signature === target) {
        current = candidate;
        improved = true;
        break;
      }
    }
  }
  return current;
}

/** Every description with one array entry or one object key removed, outermost first. */
function* smaller(root: any): Generator<any> {
  const paths: Array<Array<string | number>> = [];
  const walk = (node: any, path: Array<string | number>) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => { paths.push([...path, i]); walk(child, [...path, i]); });
    } else if (node !== null && typeof node === 'object') {
      for (const [k, child] of Object.entries(node)) { paths.push([...path, k]); walk(child, [...path, k]); }
    }
  };
  walk(root, []);
  paths.sort((a, b) => a.length - b.length);
  for (const path of paths) {
    const copy = JSON.parse(JSON.stringify(root));
    let holder = copy;
    for (const key of path.slice(0, -1)) holder = holder[key];
    const last = path[path.length - 1];
    if (Array.isArray(holder)) holder.splice(last as number, 1);
    else delete holder[last];
    yield copy;
  }
}
