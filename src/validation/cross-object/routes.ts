import { Code } from './codes';
import { hostnamesIntersect } from './hostnames';
import { arr, describeEntry, Entry, isObject, ListenerInfo, nsName, ObjectIndex, str } from './object-index';
import { Attachment, ROUTE_KINDS } from './parents';
import { SchemaNode } from '../schema';

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
  if (ruleNamesCheckedByCrd(route)) return;
  const seen = new Map<string, number>();
  arr(route.spec.rules).forEach((rule, i) => {
    const name = isObject(rule) ? str(rule.name) : undefined;
    if (name === undefined) return;
    const first = seen.get(name);
    if (first !== undefined) {
      ix.report(route, `spec.rules[${i}].name`, Code.DUPLICATE_RULE_NAME, 'error',
        `rule name "${name}" is also the name of spec.rules[${first}]; rule names must be unique within a route`);
    } else {
      seen.set(name, i);
    }
  });
}

const uniquenessRule = new WeakMap<SchemaNode, boolean>();

/** True if the served CRD of the route already has the (Experimental) rule-name uniqueness CEL rule. */
function ruleNamesCheckedByCrd(route: Entry): boolean {
  const crd = route.crds?.find(route.group, route.kind);
  const version = String(route.obj.apiVersion).split('/')[1];
  const rules = crd?.versions.find(v => v.name === version && v.served)?.schema?.properties?.spec?.properties?.rules;
  if (!rules) return false;
  let has = uniquenessRule.get(rules);
  if (has === undefined) {
    has = (rules['x-kubernetes-validations'] ?? []).some(r => /name must be unique/i.test(r.message ?? ''));
    uniquenessRule.set(rules, has);
  }
  return has;
}

/** The matches of a rule in canonical form (defaults applied, header and query lists sorted). */
function ruleMatches(kind: string, rule: Record<string, any>): string[] {
  if (kind === 'TLSRoute') return [''];
  const matches = arr(rule.matches).filter(isObject);
  if (kind === 'HTTPRoute') {
    if (matches.length === 0) return [JSON.stringify(httpMatch({}))];
    return matches.map(m => JSON.stringify(httpMatch(m)));
  }
  if (kind === 'GRPCRoute') {
    if (matches.length === 0) return ['*'];
    return matches.map(m => JSON.stringify(grpcMatch(m)));
  }
  return []; // TCPRoute, UDPRoute: no matches
}

function httpMatch(m: Record<string, any>): unknown {
  const path = isObject(m.path) ? m.path : {};
  return [
    str(path.type) ?? 'PathPrefix', typeof path.value === 'string' ? path.value : '/',
    str(m.method) ?? '',
    nameValues(m.headers, true),
    nameValues(m.queryParams, false),
  ];
}

function grpcMatch(m: Record<string, any>): unknown {
  const method = isObject(m.method) ? m.method : undefined;
  return [
    method ? [str(method.type) ?? 'Exact', str(method.service) ?? '', str(method.method) ?? ''] : [],
    nameValues(m.headers, true),
  ];
}

function nameValues(list: unknown, foldCase: boolean): string[][] {
  return arr(list).filter(isObject)
    .map(h => [foldCase ? String(h.name).toLowerCase() : String(h.name), str(h.type) ?? 'Exact', String(h.value)])
    .sort((a, b) => (a.join('\u0000') < b.join('\u0000') ? -1 : 1));
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

interface Claim {
  readonly route: Entry;
  readonly path: string;
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
  // the first claim of each key, and the list of all claims once a second route makes one
  const claims = new Map<string, Claim | Claim[]>();
  const ruleKeys = new Map<Entry, Array<{ path: string; key: string }>>();
  for (const a of attachments) {
    let keys = ruleKeys.get(a.route);
    if (!keys) {
      keys = [];
      const rules = a.route.kind === 'HTTPRoute' && !Array.isArray(a.route.spec.rules) ? [{}] : arr(a.route.spec.rules);
      rules.forEach((rule, i) => {
        if (!isObject(rule)) return;
        const explicit = arr(rule.matches).length > 0;
        ruleMatches(a.route.kind, rule).forEach((key, j) => keys!.push({ path: explicit ? `spec.rules[${i}].matches[${j}]` : `spec.rules[${i}]`, key }));
      });
      ruleKeys.set(a.route, keys);
    }
    const prefix = `${a.route.kind}\u0000${listenerId(a.listener)}\u0000`;
    for (const hostname of a.hostnames) {
      for (const { path, key } of keys) {
        const k = `${prefix}${hostname}\u0000${key}`;
        const existing = claims.get(k);
        const claim: Claim = { route: a.route, path, listener: a.listener, hostname };
        if (existing === undefined) {
          claims.set(k, claim);
        } else if (Array.isArray(existing)) {
          if (!existing.some(c => c.route.nsName === a.route.nsName)) existing.push(claim);
        } else if (existing.route.nsName !== a.route.nsName) {
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
      const id = `${loser.route.index}\u0000${loser.path}\u0000${winner.route.index}`;
      if (reported.has(id)) continue;
      reported.add(id);
      ix.report(loser.route, loser.path, Code.ROUTE_CONFLICT, 'warning',
        `${describeEntry(winner.route)} (${winner.path}) has the same match for hostname ${winner.hostname === '*' ? '(any)' : `"${winner.hostname}"`} on ${describeListener(winner.listener)}; only one of the two routes gets this traffic (the older one; with equal age, ${describeEntry(winner.route)})`);
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
