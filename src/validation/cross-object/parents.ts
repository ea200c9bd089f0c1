import { Code } from './codes';
import { ROUTE_KINDS } from './facts';
import { effectiveHostname, hostnamesIntersect } from './hostnames';
import {
  describe, describeEntry, Entry, GATEWAY_GROUP, ListenerInfo, nsName, ObjectIndex, sameNamespace,
} from './object-index';
import { selects } from './selectors';

/*
 * Attachment: which Gateway (and ListenerSet) listeners each route attaches to, checked the way
 * a controller decides it (GEP-1364 conditions): the parent exists, `sectionName` and `port`
 * select listeners, and at least one selected listener admits the route's kind and namespace
 * and shares a hostname with it. Also the ListenerSet → Gateway attachment (GEP-1713).
 */

/** Route kinds and the listener protocols whose default `allowedRoutes.kinds` admit them. */
const DEFAULT_KINDS: { [protocol: string]: readonly string[] } = {
  HTTP: ['HTTPRoute', 'GRPCRoute'],
  HTTPS: ['HTTPRoute', 'GRPCRoute'],
  TLS: ['TLSRoute'],
  TCP: ['TCPRoute'],
  UDP: ['UDPRoute'],
};

export { ROUTE_KINDS } from './facts';

/**
 * A route attached to one listener, with the hostnames it serves there (`*` for all).
 * @internal
 */
export interface Attachment {
  readonly route: Entry;
  /** Index of the `parentRefs` entry. */
  readonly ref: number;
  readonly listener: ListenerInfo;
  readonly hostnames: readonly string[];
}

/**
 * The Gateway each ListenerSet attaches to (when it is in the input and admits the set).
 * @internal
 */
export type ListenerSetParents = Map<Entry, Entry>;

/**
 * Checks every ListenerSet's `spec.parentRef`; returns the sets attached to a Gateway of the input.
 * @internal
 */
export function checkListenerSetParents(ix: ObjectIndex): ListenerSetParents {
  const attached: ListenerSetParents = new Map();
  for (const ls of ix.ofKind('ListenerSet')) {
    const ref = ls.parentRef;
    if (ref === undefined || ref.name === undefined) continue;
    const { group, kind, name } = ref;
    if (group !== GATEWAY_GROUP || kind !== 'Gateway') {
      ix.report(ls, 'spec.parentRef', Code.LISTENERSET_PARENT_NOT_GATEWAY, 'error',
        `the parent of a ListenerSet must be a Gateway (group "${GATEWAY_GROUP}"), not ${group === '' ? 'core' : `"${group}"`} kind "${kind}"`);
      continue;
    }
    const namespace = ref.namespace ?? ls.namespace;
    const gateway = ix.get(GATEWAY_GROUP, 'Gateway', namespace, name);
    if (!gateway) {
      reportMissing(ix, ls, 'spec.parentRef', 'Gateway', namespace, name);
      continue;
    }
    const { from, selector } = gateway.allowedListeners ?? { from: 'None' };
    const admitted = admitsNamespace(ix, from, selector, ls.namespace, gateway.namespace);
    if (admitted === false) {
      const why = from === 'None'
        ? 'its spec.allowedListeners admits no ListenerSets (namespaces.from None, the default)'
        : from === 'Same'
          ? `its spec.allowedListeners admits ListenerSets of namespace "${gateway.namespace}" only (namespaces.from Same)`
          : `its spec.allowedListeners selector does not select namespace "${ls.namespace}"`;
      ix.report(ls, 'spec.parentRef', Code.LISTENERSET_NOT_ALLOWED, 'error',
        `${describeEntry(gateway)} does not accept this ListenerSet: ${why}`);
      continue;
    }
    attached.set(ls, gateway);
  }
  return attached;
}

/**
 * Checks every route's `spec.parentRefs`; returns the listeners each route attaches to.
 * @internal
 */
export function checkRouteParents(ix: ObjectIndex): Attachment[] {
  const attachments: Attachment[] = [];
  for (const kind of ROUTE_KINDS) {
    for (const route of ix.ofKind(kind)) checkRoute(ix, route, attachments);
  }
  return attachments;
}

function checkRoute(ix: ObjectIndex, route: Entry, attachments: Attachment[]): void {
  const hostnames = route.hostnames ?? [];
  const used = new Set<string>();
  let allResolved = true;
  let attachedAnywhere = false;

  (route.parentRefs ?? []).forEach(ref => {
    const { group, kind, name } = ref;
    const i = ref.index;
    if (group !== GATEWAY_GROUP || (kind !== 'Gateway' && kind !== 'ListenerSet') || name === undefined) {
      allResolved = false; // a mesh Service or an implementation's parent kind: not checked
      return;
    }
    // (the path and the parent's description are made for messages only)
    const path = (): string => `spec.parentRefs[${i}]`;
    const namespace = ref.namespace ?? route.namespace;
    const parent = ix.get(GATEWAY_GROUP, kind, namespace, name);
    if (!parent) {
      allResolved = false;
      reportMissing(ix, route, path(), kind, namespace, name);
      return;
    }
    const all = ix.listenersOf(parent);
    if (all.length === 0) {
      allResolved = false; // the parent itself is invalid (listeners are required)
      return;
    }
    const section = ref.sectionName;
    const port = ref.port;
    const parentDesc = (): string => describeEntry(parent);
    let selected = all;
    if (section !== undefined) {
      selected = selected.filter(l => l.name === section);
      if (selected.length === 0) {
        ix.report(route, `${path()}.sectionName`, Code.SECTION_NOT_FOUND, 'error',
          `${parentDesc()} has no listener named "${section}" (listeners: ${all.map(l => l.name).join(', ')})`);
        return;
      }
    }
    if (port !== undefined) {
      const onPort = selected.filter(l => l.port === port);
      if (onPort.length === 0) {
        ix.report(route, `${path()}.port`, Code.PORT_NOT_FOUND, 'error', section !== undefined
          ? `listener "${section}" of ${parentDesc()} is on port ${selected[0].port}, not ${port}`
          : `${parentDesc()} has no listener on port ${port} (ports: ${[...new Set(all.map(l => l.port))].join(', ')})`);
        return;
      }
      selected = onPort;
    }

    const byKind = selected.filter(l => admitsKind(l, route.kind));
    if (byKind.length === 0) {
      ix.report(route, path(), Code.ROUTE_KIND_NOT_ALLOWED, 'error',
        `no listener of ${parentDesc()} that this reference selects accepts ${route.kind}s (${selected.map(l => `"${l.name}" ${l.protocol} accepts ${acceptedKinds(l)}`).join('; ')})`);
      return;
    }
    const byNamespace = byKind.filter(l => admitsNamespace(ix, l.from, l.selector, route.namespace, l.owner.namespace) !== false);
    if (byNamespace.length === 0) {
      ix.report(route, path(), Code.NAMESPACE_NOT_ALLOWED, 'error',
        `no listener of ${parentDesc()} that this reference selects accepts routes from namespace "${route.namespace}" (${byKind.map(l => `"${l.name}" allowedRoutes.namespaces.from ${l.from}`).join('; ')})`);
      return;
    }
    const accepting = byNamespace.filter(l => hostnames.length === 0 || hostnames.some(h => hostnamesIntersect(h, l.hostname)));
    if (accepting.length === 0) {
      ix.report(route, path(), Code.NO_MATCHING_LISTENER_HOSTNAME, 'error',
        `no hostname of the route (${hostnames.join(', ')}) intersects the hostname of a listener of ${parentDesc()} that this reference selects (${byNamespace.map(l => `"${l.name}" ${l.hostname ?? '(any)'}`).join('; ')}); the route is not accepted`);
      return;
    }
    attachedAnywhere = true;
    for (const listener of accepting) {
      let effective: string[];
      if (hostnames.length === 0) {
        effective = [effectiveHostname(undefined, listener.hostname)];
      } else {
        effective = [];
        for (const h of hostnames) {
          if (!hostnamesIntersect(h, listener.hostname)) continue;
          used.add(h);
          effective.push(effectiveHostname(h, listener.hostname));
        }
      }
      attachments.push({ route, ref: i, listener, hostnames: effective });
    }
  });

  if (allResolved && attachedAnywhere) {
    hostnames.forEach((h, k) => {
      if (used.has(h)) return;
      ix.report(route, `spec.hostnames[${k}]`, Code.HOSTNAME_UNUSED, 'warning',
        `hostname "${h}" intersects the hostname of no listener the route attaches to; it is ignored`);
    });
  }
}

/**
 * Reports a reference to a Gateway or ListenerSet missing from the input, but only when the
 * input defines other objects of that kind in that namespace (it then most likely is a typo;
 * otherwise the parent is assumed to be managed elsewhere).
 */
function reportMissing(ix: ObjectIndex, from: Entry, path: string, kind: string, namespace: string | undefined, name: string): void {
  if (!ix.hasKindIn(GATEWAY_GROUP, kind, namespace) || ix.isAmbiguous(GATEWAY_GROUP, kind, namespace, name)) return;
  const others = ix.ofKind(kind).filter(e => e.namespace === namespace).map(nsName).sort();
  const shown = others.slice(0, 5).map(o => `"${o.replace(/^\//, '')}"`).join(', ') + (others.length > 5 ? ', …' : '');
  ix.report(from, path, Code.PARENT_NOT_FOUND, 'warning',
    `${describe(kind, namespace, name)} is not among the objects, which define ${kind}s ${shown} ${namespace !== undefined ? `in namespace "${namespace}"` : 'without a namespace'}; check the name (or apply it first)`);
}

function admitsKind(l: ListenerInfo, kind: string): boolean {
  if (l.kinds.length > 0) return l.kinds.some(k => k.group === GATEWAY_GROUP && k.kind === kind);
  const defaults = DEFAULT_KINDS[l.protocol];
  return defaults === undefined || defaults.includes(kind); // a custom protocol: its kinds are unknown
}

function acceptedKinds(l: ListenerInfo): string {
  if (l.kinds.length > 0) return l.kinds.map(k => (k.group === GATEWAY_GROUP ? k.kind : `${k.kind}.${k.group}`)).join('/');
  return (DEFAULT_KINDS[l.protocol] ?? ['any kind']).join('/');
}

/**
 * Whether an `allowedRoutes`/`allowedListeners` namespace rule admits an object of namespace
 * `from` into a parent of namespace `parentNs`; undefined when it cannot be told.
 */
function admitsNamespace(
  ix: ObjectIndex, rule: string, selector: unknown, ns: string | undefined, parentNs: string | undefined): boolean | undefined {
  switch (rule) {
    case 'All': return true;
    case 'None': return false;
    case 'Same': return sameNamespace(ns, parentNs);
    case 'Selector': {
      if (ns === undefined) return undefined;
      const { labels, known } = ix.labelsOf(ns);
      return selects(selector, labels, known);
    }
    default: return undefined;
  }
}
