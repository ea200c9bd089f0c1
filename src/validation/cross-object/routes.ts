import { Code } from './codes';
import { MatchKey } from './facts';
import { hostnamesIntersect } from './hostnames';
import { describeEntry, Entry, ListenerInfo, nsName, ObjectIndex } from './object-index';
import { Attachment, ROUTE_KINDS } from './parents';

/*
 * Rules across routes: unique rule names within a route (a MUST that only the Experimental CRDs
 * check), two routes claiming the same hostname and the same match on one listener (only one
 * gets the traffic), and an HTTPRoute and a GRPCRoute sharing a hostname on one listener (the
 * spec requires one of them to be rejected).
 */

/**
 * Checks rule names of every route, and conflicts between the routes attached to each listener.
 * @internal
 */
export function checkRoutes(ix: ObjectIndex, attachments: readonly Attachment[]): void {
  for (const kind of ROUTE_KINDS) {
    for (const route of ix.ofKind(kind)) checkRuleNames(ix, route);
  }
  checkSameMatch(ix, attachments);
  checkHttpGrpcHostnames(ix, attachments);
}

function checkRuleNames(ix: ObjectIndex, route: Entry): void {
  for (const d of route.duplicateRuleNames ?? []) {
    ix.report(route, `spec.rules[${d.rule}].name`, Code.DUPLICATE_RULE_NAME, 'error',
      `rule name "${d.name}" is also the name of spec.rules[${d.first}]; rule names must be unique within a route`);
  }
}

function byName(a: Entry, b: Entry): number {
  return nsName(a) < nsName(b) ? -1 : nsName(a) > nsName(b) ? 1 : 0;
}

function listenerId(l: ListenerInfo): string {
  return `${l.owner.kind}\u0000${nsName(l.owner)}\u0000${l.index}`;
}

function describeListener(l: ListenerInfo): string {
  return `listener "${l.name}" of ${describeEntry(l.owner)}`;
}

/** `spec.rules[i].matches[j]`, or `spec.rules[i]` for the default match of a rule without matches. */
function matchPath(m: MatchKey): string {
  return m.match >= 0 ? `spec.rules[${m.rule}].matches[${m.match}]` : `spec.rules[${m.rule}]`;
}

const SHARED = Symbol('claimed by two routes or more');

interface Claim {
  readonly route: Entry;
  readonly match: MatchKey;
  readonly listener: ListenerInfo;
  readonly hostname: string;
}

/**
 * Two routes of one kind attached to the same listener that claim the same hostname with the
 * same match: the spec gives the traffic to the oldest route, then the first by
 * "{namespace}/{name}"; the other one's rule never matches. Creation times are unknown here, so
 * the later by name is reported.
 */
function checkSameMatch(ix: ObjectIndex, attachments: readonly Attachment[]): void {
  // Only routes claiming a hostname on a listener that another route claims too can conflict:
  // those (kind, listener, hostname) are found first, then the match keys of their routes only.
  const ids = new Map<ListenerInfo, string>();
  const prefixes = attachments.map(a => {
    let id = ids.get(a.listener);
    if (id === undefined) ids.set(a.listener, id = listenerId(a.listener));
    return `${a.route.kind}\u0000${id}\u0000`;
  });
  /** The route claiming each (kind, listener, hostname), or SHARED when two routes or more do. */
  const claimants = new Map<string, Entry | typeof SHARED>();
  attachments.forEach((a, i) => {
    for (const hostname of a.hostnames) {
      const g = `${prefixes[i]}${hostname}`;
      const first = claimants.get(g);
      if (first === undefined) claimants.set(g, a.route);
      else if (first !== SHARED && first !== a.route && nsName(first) !== nsName(a.route)) claimants.set(g, SHARED);
    }
  });
  // the first claim of each key, and the list of all claims once a second route makes one
  const claims = new Map<string, Claim | Claim[]>();
  for (let i = 0; i < attachments.length; i++) {
    const a = attachments[i];
    const prefix = prefixes[i];
    for (const hostname of a.hostnames) {
      if (claimants.get(`${prefix}${hostname}`) !== SHARED) continue;
      for (const m of a.route.matchKeys?.() ?? []) {
        const k = `${prefix}${hostname}\u0000${m.key}`;
        const existing = claims.get(k);
        const claim: Claim = { route: a.route, match: m, listener: a.listener, hostname };
        if (existing === undefined) {
          claims.set(k, claim);
        } else if (Array.isArray(existing)) {
          if (!existing.some(c => nsName(c.route) === nsName(a.route))) existing.push(claim);
        } else if (nsName(existing.route) !== nsName(a.route)) {
          claims.set(k, [existing, claim]);
        }
      }
    }
  }
  const reported = new Set<string>();
  for (const list of claims.values()) {
    if (!Array.isArray(list)) continue;
    const sorted = [...list].sort((x, y) => byName(x.route, y.route) || x.route.index - y.route.index);
    const winner = sorted[0];
    for (const loser of sorted.slice(1)) {
      const path = matchPath(loser.match);
      const id = `${loser.route.index}\u0000${path}\u0000${winner.route.index}`;
      if (reported.has(id)) continue;
      reported.add(id);
      ix.report(loser.route, path, Code.ROUTE_CONFLICT, 'warning',
        `${describeEntry(winner.route)} (${matchPath(winner.match)}) has the same match for hostname ${winner.hostname === '*' ? '(any)' : `"${winner.hostname}"`} on ${describeListener(winner.listener)}; only one of the two routes gets this traffic (the older one; with equal age, ${describeEntry(winner.route)})`);
    }
  }
}

/**
 * An HTTPRoute and a GRPCRoute on one listener whose hostnames intersect: the implementation
 * must accept only one of them (the oldest, then the first by "{namespace}/{name}").
 */
function checkHttpGrpcHostnames(ix: ObjectIndex, attachments: readonly Attachment[]): void {
  const byListener = new Map<string, { http: Attachment[]; grpc: Attachment[] }>();
  for (const a of attachments) {
    if (a.route.kind !== 'HTTPRoute' && a.route.kind !== 'GRPCRoute') continue;
    const id = listenerId(a.listener);
    const group = byListener.get(id) ?? { http: [], grpc: [] };
    (a.route.kind === 'HTTPRoute' ? group.http : group.grpc).push(a);
    byListener.set(id, group);
  }
  // one finding per losing route and parentRef, naming every route it loses to
  const losses = new Map<string, { loser: Attachment; winners: Entry[] }>();
  for (const { http, grpc } of byListener.values()) {
    if (http.length === 0 || grpc.length === 0) continue;
    for (const g of grpc) {
      for (const h of http) {
        const shared = g.hostnames.some(x => h.hostnames.some(y => x === '*' || y === '*' || hostnamesIntersect(x, y)));
        if (!shared) continue;
        const [winner, loser] = nsName(h.route) <= nsName(g.route) ? [h, g] : [g, h];
        const id = `${loser.route.index}\u0000${loser.ref}`;
        const loss = losses.get(id) ?? { loser, winners: [] };
        if (!loss.winners.includes(winner.route)) loss.winners.push(winner.route);
        losses.set(id, loss);
      }
    }
  }
  for (const { loser, winners } of losses.values()) {
    const names = [...winners].sort(byName).map(describeEntry);
    const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
    ix.report(loser.route, `spec.parentRefs[${loser.ref}]`, Code.ROUTE_KIND_CONFLICT, 'error',
      `this ${loser.route.kind} shares hostnames with ${shown} on ${describeListener(loser.listener)}; an HTTPRoute and a GRPCRoute with intersecting hostnames on one listener cannot both be accepted: the older one wins, and with equal age the first by "{namespace}/{name}", which this one is not`);
  }
}
