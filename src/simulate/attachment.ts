/**
 * Which ListenerSets join a Gateway and which routes attach to a listener. Internal.
 */
import { intersectHostnames } from './hostnames';
import { byAge, group, GW, id, K8sObject, ns, ObjectSet } from './objects';
import { PathRegexDialect } from './path-regex-dialect';

/** Route kinds a listener admits when `allowedRoutes.kinds` is empty (Listener `allowedRoutes` field doc). */
const DEFAULT_KINDS: Record<string, string[]> = {
  HTTP: ['HTTPRoute', 'GRPCRoute'], HTTPS: ['HTTPRoute', 'GRPCRoute'], TLS: ['TLSRoute'], TCP: ['TCPRoute'], UDP: ['UDPRoute'],
};

/** A listener of a Gateway, or of a ListenerSet merged into it. */
export interface ModelListener {
  readonly spec: any;
  readonly gateway: K8sObject;
  /** The Gateway or ListenerSet that declares it. */
  readonly parent: K8sObject;
}

/** A route attached to a listener, with its hostnames narrowed by the listener's. */
export interface Attached {
  readonly route: K8sObject;
  readonly hostnames: string[];
}

/** Labels of namespaces by name (options first, then Namespace objects). */
export type NamespaceLabels = Map<string, Record<string, string>>;

/** A parentRef (or a ListenerSet's parentRef) refers to `target`. */
export function refersTo(ref: any, from: K8sObject, target: K8sObject): boolean {
  return (ref.group ?? GW) === GW && (ref.kind ?? 'Gateway') === target.kind
    && ref.name === target.metadata.name && (ref.namespace ?? ns(from)) === ns(target);
}

/**
 * A `namespaces` policy (`from`: All, Same, Selector, None) admits `candidateNs` for an owner in
 * `ownerNs`. A Selector admits a namespace only when its labels are known.
 */
export function admits(policy: any, ownerNs: string, candidateNs: string, labelsOf: NamespaceLabels): boolean {
  switch (policy.from ?? 'Same') {
    case 'All': return true;
    case 'Same': return ownerNs === candidateNs;
    case 'Selector': {
      const labels = labelsOf.get(candidateNs);
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

/**
 * The merged listeners of a Gateway (GEP-1713): its own, then those of the ListenerSets its
 * `allowedListeners` admits (default `None`), oldest ListenerSet first, then by
 * `{namespace}/{name}`.
 */
export function gatewayListeners(objects: ObjectSet, gateway: K8sObject, labels: NamespaceLabels): ModelListener[] {
  return objects.cached(`listeners ${id(gateway)}`, () => mergeListeners(objects, gateway, labels));
}

function mergeListeners(objects: ObjectSet, gateway: K8sObject, labels: NamespaceLabels): ModelListener[] {
  const own = (gateway.spec?.listeners ?? []).map((spec: any) => ({ spec, gateway, parent: gateway }));
  const policy = { from: 'None', ...gateway.spec?.allowedListeners?.namespaces };
  const sets = objects.all('ListenerSet')
    .filter(ls => refersTo(ls.spec?.parentRef ?? {}, ls, gateway) && admits(policy, ns(gateway), ns(ls), labels));
  return [...own, ...byAge(sets).flatMap(ls => (ls.spec?.listeners ?? []).map((spec: any) => ({ spec, gateway, parent: ls })))];
}

/**
 * Routes of the given kinds attached to a listener, oldest first: a parentRef names the
 * listener's Gateway or ListenerSet (namespace defaulting to the route's), and its `sectionName`
 * and `port` when set; `allowedRoutes` admits the route's kind and namespace (default: the kinds
 * of the protocol, same namespace); the hostnames intersect. A Gateway parentRef reaches only the
 * Gateway's own listeners, never its ListenerSets' (GEP-1713).
 */
export function attachedRoutes(objects: ObjectSet, l: ModelListener, kinds: string[], labels: NamespaceLabels): Attached[] {
  return objects.cached(`attached ${l.parent.kind} ${id(l.parent)} ${l.spec.name} ${kinds.join(',')}`, () => attach(objects, l, kinds, labels));
}

function attach(objects: ObjectSet, l: ModelListener, kinds: string[], labels: NamespaceLabels): Attached[] {
  const allowed = l.spec.allowedRoutes ?? {};
  const allowedKinds: string[] = allowed.kinds?.length
    ? allowed.kinds.map((k: any) => `${k.group ?? GW}/${k.kind}`)
    : (DEFAULT_KINDS[l.spec.protocol] ?? []).map(k => `${GW}/${k}`);
  const routes = byAge(kinds.flatMap(k => objects.all(k)).filter(o => allowedKinds.includes(`${group(o)}/${o.kind}`)));
  return routes.flatMap(route => {
    const refs: any[] = route.spec?.parentRefs ?? [];
    const hit = refs.some(r => refersTo(r, route, l.parent)
      && (r.sectionName === undefined || r.sectionName === l.spec.name) && (r.port === undefined || r.port === l.spec.port));
    if (!hit || !admits(allowed.namespaces ?? {}, ns(l.parent), ns(route), labels)) return [];
    const hostnames = ['TCPRoute', 'UDPRoute'].includes(route.kind) ? [] : intersectHostnames(l.spec.hostname, route.spec?.hostnames ?? []);
    return hostnames ? [{ route, hostnames }] : [];
  });
}

/** What every routing step reads. */
export interface ModelContext {
  readonly objects: ObjectSet;
  readonly labels: NamespaceLabels;
  /** `namespace/name` of the one Gateway to route through, or undefined for all. */
  readonly gateway?: string;
  /** How RegularExpression paths match. */
  readonly pathRegexDialect?: PathRegexDialect;
}

/** An attached route with its position in age order (the tie-break after match precedence). */
export interface Ranked {
  readonly a: Attached;
  readonly order: number;
}

interface HostIndex {
  readonly exact: Map<string, Ranked[]>;
  readonly wildcard: Map<string, Ranked[]>;
  readonly any: Ranked[];
}

function indexByHost(attached: Attached[]): HostIndex {
  const index: HostIndex = { exact: new Map(), wildcard: new Map(), any: [] };
  attached.forEach((a, order) => {
    if (!a.hostnames.length) index.any.push({ a, order });
    for (const h of new Set(a.hostnames)) {
      const map = h.startsWith('*.') ? index.wildcard : index.exact;
      const key = h.startsWith('*.') ? h.slice(1) : h;
      map.set(key, [...(map.get(key) ?? []), { a, order }]);
    }
  });
  return index;
}

/**
 * The attached routes (see `attachedRoutes`) with a hostname that matches `host` (or none), in age
 * order, found through an index by hostname (cost independent of the number of other hosts).
 */
export function routesForHost(objects: ObjectSet, l: ModelListener, kinds: string[], labels: NamespaceLabels, host: string): Ranked[] {
  const index = objects.cached(`hosts ${l.parent.kind} ${id(l.parent)} ${l.spec.name} ${kinds.join(',')}`,
    () => indexByHost(attachedRoutes(objects, l, kinds, labels)));
  const found = new Map<number, Ranked>();
  const add = (list: Ranked[] | undefined) => list?.forEach(r => found.set(r.order, r));
  add(index.exact.get(host));
  for (let i = host.indexOf('.'); i >= 0; i = host.indexOf('.', i + 1)) {
    if (i > 0) add(index.wildcard.get(host.slice(i)));
  }
  add(index.any);
  return [...found.values()].sort((x, y) => x.order - y.order);
}
