/**
 * A small model of Gateway API v1.6 request routing, for tests only (not shipped). Given the objects
 * an app synthesizes, it answers "where does this request go, and how?":
 * - listener: port, protocol, hostname (exact > most specific wildcard > empty); ListenerSet listeners
 *   are merged after the Gateway's own (then oldest, then `{namespace}/{name}`) when the Gateway's
 *   `allowedListeners` admits their namespace; for HTTPS the Host must pick the SNI's listener (else
 *   421, or 404 when no listener matches it);
 * - attachment: parentRefs (Gateway or ListenerSet, name, namespace defaulting to the route's,
 *   sectionName, port), `allowedRoutes` namespaces and kinds (default by protocol), hostname intersection;
 * - HTTPRoute precedence: hostname (non-wildcard characters, then characters), Exact path, longest
 *   PathPrefix, method, most headers, most query params, then oldest route, `{namespace}/{name}`, rule
 *   order; PathPrefix matches whole path elements; absent `rules`/`matches` mean PathPrefix `/`;
 *   GRPCRoute: hostname, service characters, method characters, header count, then the same ties;
 * - filters in order: RequestHeaderModifier (set, add, remove), RequestRedirect (Location, status),
 *   URLRewrite, RequestMirror, ResponseHeaderModifier (reported as is); timeouts; weights as proportions;
 * - TLSRoute by SNI, TCPRoute/UDPRoute by port;
 * - ReferenceGrant coverage of cross-namespace backends, mirrors, certificates and CA references;
 *   BackendTLSPolicy of Service backends, with the Gateway's backend client certificate.
 *
 * Not modeled, or assumed:
 * - status: every object counts as accepted and valid (no schema/CEL checks, no existence checks of
 *   Services, Secrets, ConfigMaps; GatewayClass, controllers and addresses are ignored);
 * - listener conflicts: the first listener in merged order wins (as GEP-1713 says across a Gateway
 *   and its ListenerSets; within one Gateway the spec rejects every conflicted listener);
 * - a route's Gateway parentRef reaches only the Gateway's own listeners, never its ListenerSets' (GEP-1713);
 * - RegularExpression paths rank below every Exact and PathPrefix match; RegularExpression gRPC
 *   services/methods count as 0 characters (both implementation-specific in the spec);
 * - redirects keep the query string (the spec is silent; Envoy keeps it);
 * - `Selector` admits a namespace only when its labels are known (Namespace objects, `namespaceLabels`);
 * - a BackendTLSPolicy `sectionName` (Service port name) resolves only through a Service object in the
 *   list, and such a policy beats one for the whole Service;
 * - TCPRoute/UDPRoute: the oldest (then first by name) attached route wins; only the first rule is read;
 * - status codes for TLS/TCP/UDP are nominal (200 connected, 404 refused); gRPC Unimplemented is 404;
 * - frontend client-certificate validation applies to every HTTPS listener, ListenerSet ones included;
 * - backendRef-level filters, CORS, ExtensionRef, ExternalAuth (listed in `filters` without effect),
 *   retries, session persistence, mesh (Service parentRefs), policies other than BackendTLSPolicy.
 */
import { parseAllDocuments } from 'yaml';

const GW = 'gateway.networking.k8s.io';
const DEFAULT_KINDS: Record<string, string[]> = {
  HTTP: ['HTTPRoute', 'GRPCRoute'], HTTPS: ['HTTPRoute', 'GRPCRoute'], TLS: ['TLSRoute'], TCP: ['TCPRoute'], UDP: ['UDPRoute'],
};

export interface K8sObject {
  apiVersion?: string;
  kind: string;
  spec?: any;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; creationTimestamp?: string };
}

export interface RouteRequest {
  gateway?: string; // `namespace/name` of the Gateway; default: every Gateway in the objects, as if they shared one address.
  protocol: 'HTTP' | 'HTTPS' | 'TLS' | 'TCP' | 'UDP';
  port: number;
  host?: string; // Host header (a `:port` suffix is ignored).
  sni?: string; // TLS SNI; defaults to `host`.
  method?: string; // Default GET.
  path?: string; // Default `/`; may carry `?query`.
  headers?: Record<string, string>;
  query?: Record<string, string>;
  grpc?: { service: string; method: string }; // Makes this a gRPC call, routed by GRPCRoutes only.
}

export interface BackendTls {
  policy: string; // `namespace/name` of the BackendTLSPolicy; CA references as `Kind namespace/name`.
  hostname: string;
  caCertificateRefs: string[];
  wellKnownCACertificates?: string;
  subjectAltNames?: any[];
  clientCertificate?: string; // The certificate the Gateway presents to the backend (`spec.tls.backend.clientCertificateRef`).
}

export interface BackendResult {
  kind: string;
  namespace: string;
  name: string;
  port?: number;
  weight: number; // Proportion of the rule's traffic (weight / sum of weights).
  tls?: BackendTls;
  error?: string;
}

export interface ListenerResult {
  gateway: string; // `namespace/name` of the Gateway; parent is `Gateway ns/name` or `ListenerSet ns/name`.
  parent: string;
  name: string;
  port: number;
  protocol: string;
  hostname?: string;
  tlsMode?: string;
  certificates: string[]; // `Kind namespace/name`.
  clientValidation?: { caCertificateRefs: string[]; mode: string };
}

export interface ForwardedRequest { host: string; path: string; headers: Record<string, string> }

export interface RouteResult {
  status: number; // 200 forwarded, 3xx redirected, 404 no listener/route, 421 misdirected, 500 no valid backend.
  listener?: ListenerResult;
  route?: string; // `Kind namespace/name`, the index and name of its selected rule.
  rule?: number;
  ruleName?: string;
  backends: BackendResult[];
  request?: ForwardedRequest; // The request as forwarded to the backends (HTTP and gRPC only).
  location?: string;
  mirrors: { backend: BackendResult; fraction: number }[];
  timeouts?: { request?: string; backendRequest?: string };
  responseHeaders?: any;
  filters: string[]; // Filter types of the selected rule, in order.
  errors: string[];
}

export interface RouterOptions {
  namespaceLabels?: Record<string, Record<string, string>>; // Labels of namespaces, for `Selector` (Namespace objects in the list are read too).
}

/** A listener of a Gateway, or of a ListenerSet merged into it. */
export interface ModelListener { spec: any; gateway: K8sObject; parent: K8sObject }
interface Attached { route: K8sObject; hostnames: string[] }
export interface ObjectRef { group: string; kind: string; namespace: string; name?: string }

/** Parses every document of a multi-document YAML text. */
export function loadObjects(text: string): K8sObject[] {
  return parseAllDocuments(text).map(d => d.toJS()).filter(o => o?.kind);
}

/** A request from a URL: `http(s)://host[:port]/path?query`. */
export function fromUrl(url: string, init: Partial<RouteRequest> = {}): RouteRequest {
  const u = new URL(url);
  const https = u.protocol === 'https:';
  return { protocol: https ? 'HTTPS' : 'HTTP', port: u.port ? Number(u.port) : https ? 443 : 80, host: u.hostname, path: u.pathname + u.search, ...init };
}

/** Hostname `pattern` (exact, `*.suffix` or empty for any) matches `host`. */
export function hostnameMatches(pattern: string | undefined, host: string): boolean {
  if (!pattern) return true;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
  return pattern === host;
}

/** Route hostnames as narrowed by a listener hostname; `undefined` when they do not intersect, `[]` for any host. */
export function intersectHostnames(listener: string | undefined, route: string[]): string[] | undefined {
  if (!route.length) return listener ? [listener] : [];
  if (!listener) return route;
  const out = route.flatMap(h => hostnameMatches(listener, h) ? [h] : hostnameMatches(h, listener) ? [listener] : []);
  return out.length ? out : undefined;
}

/** PathPrefix match, element by element; a trailing `/` of the prefix is ignored. */
export function pathPrefixMatches(prefix: string, path: string): boolean {
  const p = prefix.replace(/\/+$/, '');
  return p === '' || path === p || path.startsWith(p + '/');
}

/** ReplacePrefixMatch: replaces the matched prefix (whole elements) of `path` with `replacement`. */
export function replacePrefix(path: string, prefix: string, replacement: string): string {
  const rest = path.slice(prefix.replace(/\/+$/, '').length);
  const out = replacement.replace(/\/+$/, '') + rest;
  return out.startsWith('/') ? out : '/' + out;
}

function fullMatch(pattern: string, value: string): boolean {
  return new RegExp(`^(?:${pattern})$`).test(value);
}

function cmpKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i] - a[i];
  return 0;
}

/** Specificity of a listener hostname: exact, then wildcard by number of labels, then empty. */
function listenerSpecificity(hostname: string | undefined): number[] {
  if (!hostname) return [0, 0];
  return hostname.startsWith('*.') ? [1, hostname.split('.').length] : [2, 0];
}

/** [characters of a matching non-wildcard hostname, characters of a matching hostname], or undefined. */
function hostnameKey(hostnames: string[], host: string): number[] | undefined {
  if (!hostnames.length) return [0, 0];
  const keys = hostnames.filter(h => hostnameMatches(h, host)).map(h => [h.startsWith('*.') ? 0 : h.length, h.length]);
  return keys.sort(cmpKeys)[0];
}

export class GatewayRouter {
  public static fromYaml(text: string, options: RouterOptions = {}): GatewayRouter {
    return new GatewayRouter(loadObjects(text), options);
  }

  public constructor(public readonly objects: K8sObject[], private readonly options: RouterOptions = {}) {}

  /** Routes a request given as a URL (see `fromUrl`). */
  public get(url: string, init: Partial<RouteRequest> = {}): RouteResult {
    return this.route(fromUrl(url, init));
  }

  public route(req: RouteRequest): RouteResult {
    const res: RouteResult = { status: 404, backends: [], mirrors: [], filters: [], errors: [] };
    const tlsLike = req.protocol === 'HTTPS' || req.protocol === 'TLS';
    const protocols = tlsLike ? ['HTTPS', 'TLS'] : [req.protocol];
    const candidates = this.all('Gateway')
      .filter(g => !req.gateway || this.id(g) === req.gateway)
      .flatMap(g => this.listeners(g))
      .filter(l => l.spec.port === req.port && protocols.includes(l.spec.protocol));
    const host = (req.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const listener = this.pick(candidates, tlsLike ? (req.sni?.toLowerCase() ?? host) : host);
    if (!listener) return res;
    res.listener = this.describe(listener, res.errors);
    const kind = listener.spec.protocol;
    if (kind === 'HTTPS' && req.host !== undefined && req.protocol === 'HTTPS') {
      const byHost = this.pick(candidates.filter(l => l.spec.protocol === 'HTTPS'), host);
      if (byHost !== listener) return { ...res, status: byHost ? 421 : 404 };
    }
    if (kind === 'HTTP' || kind === 'HTTPS') this.routeHttp(req, host, listener, res);
    else this.routeL4(req, listener, res);
    return res;
  }

  /** Whether a reference from `from` to `to` is allowed: same namespace, or a ReferenceGrant in `to.namespace` covers it. */
  public referenceAllowed(from: ObjectRef, to: ObjectRef & { name: string }): boolean {
    if (from.namespace === to.namespace) return true;
    return this.all('ReferenceGrant').some(g => this.ns(g) === to.namespace
      && (g.spec?.from ?? []).some((f: any) => f.group === from.group && f.kind === from.kind && f.namespace === from.namespace)
      && (g.spec?.to ?? []).some((t: any) => (t.group ?? '') === to.group && t.kind === to.kind && (!t.name || t.name === to.name)));
  }

  /** The merged listeners of a Gateway: its own, then those of admitted ListenerSets. */
  public listeners(gateway: K8sObject): ModelListener[] {
    const own = (gateway.spec?.listeners ?? []).map((spec: any) => ({ spec, gateway, parent: gateway }));
    const admits = { from: 'None', ...gateway.spec?.allowedListeners?.namespaces };
    const sets = this.all('ListenerSet')
      .filter(ls => this.refersTo(ls.spec?.parentRef ?? {}, ls, gateway) && this.admits(admits, this.ns(gateway), this.ns(ls)));
    return [...own, ...this.byAge(sets).flatMap(ls => (ls.spec?.listeners ?? []).map((spec: any) => ({ spec, gateway, parent: ls })))];
  }

  private all(kind: string): K8sObject[] { return this.objects.filter(o => o.kind === kind); }
  private ns(o: K8sObject): string { return o.metadata.namespace ?? 'default'; }
  private id(o: K8sObject): string { return `${this.ns(o)}/${o.metadata.name}`; }
  /** API group from apiVersion (`v1` → core `""`). */
  private group(o: K8sObject): string { return (o.apiVersion ?? '').includes('/') ? o.apiVersion!.split('/')[0] : ''; }

  /** Oldest first, then `{namespace}/{name}` (a stable sort keeps the rest). */
  private byAge<T extends K8sObject>(objects: T[]): T[] {
    return [...objects].sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '')
      || (this.id(a) < this.id(b) ? -1 : this.id(a) > this.id(b) ? 1 : 0));
  }

  private refersTo(ref: any, from: K8sObject, target: K8sObject): boolean {
    return (ref.group ?? GW) === GW && (ref.kind ?? 'Gateway') === target.kind
      && ref.name === target.metadata.name && (ref.namespace ?? this.ns(from)) === this.ns(target);
  }

  private admits(policy: any, ownerNs: string, candidateNs: string): boolean {
    switch (policy.from ?? 'Same') {
      case 'All': return true;
      case 'Same': return ownerNs === candidateNs;
      case 'Selector': {
        const labels = this.options.namespaceLabels?.[candidateNs]
          ?? this.all('Namespace').find(n => n.metadata.name === candidateNs)?.metadata.labels;
        if (!labels) return false;
        const sel = policy.selector ?? {};
        return Object.entries(sel.matchLabels ?? {}).every(([k, v]) => labels[k] === v)
          && (sel.matchExpressions ?? []).every((e: any) => ({
            In: () => (e.values ?? []).includes(labels[e.key]),
            NotIn: () => !(e.values ?? []).includes(labels[e.key]),
            Exists: () => e.key in labels,
            DoesNotExist: () => !(e.key in labels),
          } as Record<string, () => boolean>)[e.operator]?.() ?? false);
      }
      default: return false;
    }
  }

  /** The listener whose hostname best matches `name`; ties go to the first in merged order. */
  private pick(listeners: ModelListener[], name: string): ModelListener | undefined {
    return listeners.filter(l => hostnameMatches(l.spec.hostname, name))
      .sort((a, b) => cmpKeys(listenerSpecificity(a.spec.hostname), listenerSpecificity(b.spec.hostname)))[0];
  }

  private describe(l: ModelListener, errors: string[]): ListenerResult {
    const s = l.spec;
    const out: ListenerResult = {
      gateway: this.id(l.gateway),
      parent: `${l.parent.kind} ${this.id(l.parent)}`,
      name: s.name,
      port: s.port,
      protocol: s.protocol,
      certificates: (s.tls?.certificateRefs ?? []).map((r: any) => this.certRef(r, l.parent, 'Secret', errors, `listener ${s.name}`)),
    };
    if (s.hostname) out.hostname = s.hostname;
    if (s.tls) out.tlsMode = s.tls.mode ?? 'Terminate';
    const frontend = l.gateway.spec?.tls?.frontend;
    const validation = (frontend?.perPort ?? []).find((p: any) => p.port === s.port)?.tls?.validation ?? frontend?.default?.validation;
    if (s.protocol === 'HTTPS' && validation) {
      out.clientValidation = {
        caCertificateRefs: (validation.caCertificateRefs ?? []).map((r: any) => this.certRef(r, l.gateway, 'ConfigMap', errors, 'client validation')),
        mode: validation.mode ?? 'AllowValidOnly',
      };
    }
    return out;
  }

  /** `Kind namespace/name` of a certificate reference, recording an error when no ReferenceGrant covers it. */
  private certRef(ref: any, owner: K8sObject, defaultKind: string, errors: string[], what: string): string {
    const to = { group: ref.group ?? '', kind: ref.kind ?? defaultKind, namespace: ref.namespace ?? this.ns(owner), name: ref.name };
    if (!this.referenceAllowed({ group: GW, kind: owner.kind, namespace: this.ns(owner) }, to)) {
      errors.push(`${owner.kind} ${this.id(owner)} ${what}: ${to.kind} ${to.namespace}/${to.name} is not covered by a ReferenceGrant`);
    }
    return `${to.kind} ${to.namespace}/${to.name}`;
  }

  /** Routes of the given kinds attached to a listener, oldest first, with their effective hostnames. */
  private attached(l: ModelListener, kinds: string[]): Attached[] {
    const allowed = l.spec.allowedRoutes ?? {};
    const allowedKinds: string[] = allowed.kinds?.length
      ? allowed.kinds.map((k: any) => `${k.group ?? GW}/${k.kind}`)
      : (DEFAULT_KINDS[l.spec.protocol] ?? []).map(k => `${GW}/${k}`);
    const routes = this.byAge(this.objects.filter(o => kinds.includes(o.kind) && allowedKinds.includes(`${this.group(o)}/${o.kind}`)));
    return routes.flatMap(route => {
      const refs: any[] = route.spec?.parentRefs ?? [];
      const hit = refs.some(r => this.refersTo(r, route, l.parent)
        && (r.sectionName === undefined || r.sectionName === l.spec.name) && (r.port === undefined || r.port === l.spec.port));
      if (!hit || !this.admits(allowed.namespaces ?? {}, this.ns(l.parent), this.ns(route))) return [];
      const hostnames = ['TCPRoute', 'UDPRoute'].includes(route.kind) ? [] : intersectHostnames(l.spec.hostname, route.spec?.hostnames ?? []);
      return hostnames ? [{ route, hostnames }] : [];
    });
  }

  private routeHttp(req: RouteRequest, host: string, l: ModelListener, res: RouteResult): void {
    const [path, search = ''] = (req.path ?? '/').split(/\?(.*)/s);
    const query = { ...Object.fromEntries(new URLSearchParams(search)), ...req.query };
    const headers = Object.fromEntries(Object.entries(req.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const method = (req.method ?? 'GET').toUpperCase();
    const grpc = req.grpc;
    const fwd: ForwardedRequest = { host, path: grpc ? `/${grpc.service}/${grpc.method}` : req.path ?? '/', headers };
    const candidates: { a: Attached; rule: any; ri: number; match: any; key: number[] }[] = [];
    for (const a of this.attached(l, [grpc ? 'GRPCRoute' : 'HTTPRoute'])) {
      const hk = hostnameKey(a.hostnames, host);
      if (!hk) continue;
      (a.route.spec?.rules ?? [{}]).forEach((rule: any, ri: number) => {
        const matches = rule.matches?.length ? rule.matches : [grpc ? {} : { path: { type: 'PathPrefix', value: '/' } }];
        for (const match of matches) {
          if (!headersMatch(match.headers ?? [], headers)) continue;
          const key = grpc ? grpcKey(match, grpc) : httpKey(match, path, method, query);
          if (key) candidates.push({ a, rule, ri, match, key: [...hk, ...key] });
        }
      });
    }
    const best = candidates.sort((x, y) => cmpKeys(x.key, y.key))[0];
    if (!best) return;
    const { a, rule, ri, match } = best;
    Object.assign(res, { route: `${a.route.kind} ${this.id(a.route)}`, rule: ri }, rule.name ? { ruleName: rule.name } : {});
    const prefix = match.path && (match.path.type ?? 'PathPrefix') === 'PathPrefix' ? match.path.value ?? '/' : undefined;
    for (const f of rule.filters ?? []) {
      res.filters.push(f.type);
      if (f.type === 'RequestHeaderModifier') modifyHeaders(fwd.headers, f.requestHeaderModifier ?? {});
      if (f.type === 'ResponseHeaderModifier') res.responseHeaders = f.responseHeaderModifier;
      if (f.type === 'RequestMirror') {
        const m = f.requestMirror ?? {};
        const fraction = m.percent !== undefined ? m.percent / 100 : m.fraction ? m.fraction.numerator / (m.fraction.denominator ?? 100) : 1;
        res.mirrors.push({ backend: this.backend(m.backendRef, a.route, l, res.errors, 1), fraction });
      }
      if (f.type === 'URLRewrite') {
        const u = f.urlRewrite ?? {};
        if (u.hostname) fwd.host = u.hostname;
        fwd.path = modifyPath(u.path, path, prefix) + (search ? `?${search}` : '');
      }
      if (f.type === 'RequestRedirect') {
        const r = f.requestRedirect ?? {};
        const scheme = r.scheme ?? (l.spec.protocol === 'HTTPS' ? 'https' : 'http');
        const port = r.port ?? (r.scheme ? (r.scheme === 'https' ? 443 : 80) : l.spec.port);
        const shown = port === (scheme === 'https' ? 443 : 80) ? '' : `:${port}`;
        res.location = `${scheme}://${r.hostname ?? host}${shown}${modifyPath(r.path, path, prefix)}${search ? `?${search}` : ''}`;
        res.status = r.statusCode ?? 302;
      }
    }
    if (res.location) return;
    this.forward(rule.backendRefs ?? [], a.route, l, res);
    res.request = fwd;
    if (rule.timeouts) res.timeouts = rule.timeouts;
  }

  private routeL4(req: RouteRequest, l: ModelListener, res: RouteResult): void {
    const kind = ({ TLS: 'TLSRoute', TCP: 'TCPRoute', UDP: 'UDPRoute' } as Record<string, string>)[l.spec.protocol] ?? '';
    const sni = (req.sni ?? req.host ?? '').toLowerCase();
    const routes = this.attached(l, [kind]).map(a => ({ a, key: hostnameKey(a.hostnames, sni) })).filter(x => x.key);
    const best = routes.sort((x, y) => cmpKeys(x.key!, y.key!))[0]?.a;
    if (!best) return;
    Object.assign(res, { route: `${best.route.kind} ${this.id(best.route)}`, rule: 0 });
    this.forward(best.route.spec?.rules?.[0]?.backendRefs ?? [], best.route, l, res);
  }

  /** Sets the backends with weights as proportions; 200 when one can take traffic, else 500. */
  private forward(refs: any[], route: K8sObject, l: ModelListener, res: RouteResult): void {
    const total = refs.reduce((sum, r) => sum + (r.weight ?? 1), 0);
    res.backends = refs.map(r => this.backend(r, route, l, res.errors, total ? (r.weight ?? 1) / total : 0));
    res.status = res.backends.some(b => !b.error && b.weight > 0) ? 200 : 500;
  }

  private backend(ref: any, route: K8sObject, l: ModelListener, errors: string[], weight: number): BackendResult {
    const group = ref.group ?? '';
    const b: BackendResult = { kind: ref.kind ?? 'Service', namespace: ref.namespace ?? this.ns(route), name: ref.name, port: ref.port, weight };
    if (!this.referenceAllowed({ group: this.group(route), kind: route.kind, namespace: this.ns(route) }, { group, ...b })) {
      b.error = `${route.kind} ${this.id(route)}: backend ${b.kind} ${b.namespace}/${b.name} is not covered by a ReferenceGrant`;
      errors.push(b.error);
    }
    const tls = group === '' && b.kind === 'Service' ? this.backendTls(b, l, errors) : undefined;
    if (tls) b.tls = tls;
    return b;
  }

  /** The BackendTLSPolicy for a Service backend: one targeting its port name first, then oldest, then by name. */
  private backendTls(b: BackendResult, l: ModelListener, errors: string[]): BackendTls | undefined {
    const svc = this.all('Service').find(s => s.metadata.name === b.name && this.ns(s) === b.namespace);
    const portName = (svc?.spec?.ports ?? []).find((p: any) => p.port === b.port)?.name;
    const scored = this.byAge(this.all('BackendTLSPolicy').filter(p => this.ns(p) === b.namespace)).flatMap(p => {
      const t = (p.spec?.targetRefs ?? []).find((r: any) => (r.group ?? '') === '' && r.kind === 'Service' && r.name === b.name
        && (!r.sectionName || r.sectionName === portName));
      return t ? [{ p, specific: t.sectionName ? 1 : 0 }] : [];
    });
    const policy = scored.sort((x, y) => y.specific - x.specific)[0]?.p;
    if (!policy) return undefined;
    const v = policy.spec.validation ?? {};
    const tls: BackendTls = {
      policy: this.id(policy),
      hostname: v.hostname,
      caCertificateRefs: (v.caCertificateRefs ?? []).map((r: any) => `${r.kind} ${b.namespace}/${r.name}`),
    };
    if (v.wellKnownCACertificates) tls.wellKnownCACertificates = v.wellKnownCACertificates;
    if (v.subjectAltNames) tls.subjectAltNames = v.subjectAltNames;
    const cc = l.gateway.spec?.tls?.backend?.clientCertificateRef;
    if (cc) tls.clientCertificate = this.certRef(cc, l.gateway, 'Secret', errors, 'backend client certificate');
    return tls;
  }
}

function headersMatch(matches: any[], headers: Record<string, string>): boolean {
  return matches.every(h => {
    const v = headers[h.name.toLowerCase()];
    return v !== undefined && ((h.type ?? 'Exact') === 'Exact' ? v === h.value : fullMatch(h.value, v));
  });
}

/** HTTPRoute match specificity (larger wins), or undefined when the match does not apply. */
function httpKey(match: any, path: string, method: string, query: Record<string, string>): number[] | undefined {
  const type = match.path?.type ?? 'PathPrefix';
  const value = match.path?.value ?? '/';
  const pathOk = type === 'Exact' ? path === value : type === 'PathPrefix' ? pathPrefixMatches(value, path) : fullMatch(value, path);
  if (!pathOk || (match.method && match.method !== method)) return undefined;
  const queryOk = (match.queryParams ?? []).every((q: any) => query[q.name] !== undefined
    && ((q.type ?? 'Exact') === 'Exact' ? query[q.name] === q.value : fullMatch(q.value, query[q.name])));
  if (!queryOk) return undefined;
  return [type === 'Exact' ? 1 : 0, type === 'RegularExpression' ? -1 : value.length, match.method ? 1 : 0,
    (match.headers ?? []).length, (match.queryParams ?? []).length];
}

/** GRPCRoute match specificity (RegularExpression service/method count as 0 characters), or undefined when the match does not apply. */
function grpcKey(match: any, call: { service: string; method: string }): number[] | undefined {
  const m = match.method ?? {};
  const test = (want: string | undefined, got: string) => !want || ((m.type ?? 'Exact') === 'Exact' ? want === got : fullMatch(want, got));
  if (!test(m.service, call.service) || !test(m.method, call.method)) return undefined;
  const exact = (m.type ?? 'Exact') === 'Exact';
  return [exact ? (m.service ?? '').length : 0, exact ? (m.method ?? '').length : 0, (match.headers ?? []).length];
}

function modifyHeaders(headers: Record<string, string>, mod: any): void {
  for (const h of mod.set ?? []) headers[h.name.toLowerCase()] = h.value;
  for (const h of mod.add ?? []) {
    const k = h.name.toLowerCase();
    headers[k] = headers[k] === undefined ? h.value : `${headers[k]},${h.value}`;
  }
  for (const name of mod.remove ?? []) delete headers[name.toLowerCase()];
}

function modifyPath(mod: any, path: string, prefix: string | undefined): string {
  if (mod?.type === 'ReplaceFullPath') return mod.replaceFullPath;
  if (mod?.type === 'ReplacePrefixMatch' && prefix !== undefined) return replacePrefix(path, prefix, mod.replacePrefixMatch);
  return path;
}
