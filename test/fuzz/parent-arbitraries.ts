/**
 * Route parent generators: the Gateways and ListenerSets of the app a route may attach to
 * (whole, by listener or by port, mostly of a compatible protocol), and what follows from the
 * parents: the route's namespace and hostnames (often derived from the listeners' hostnames,
 * so that they intersect).
 */
import * as fc from 'fast-check';
import { lists } from './combinators';
import { defaultListenerName, defaultListenerPort, ListenerDesc, ParentDesc, RouteDesc } from './descriptions';
import { Noise } from './noise';
import { Values } from './values';

/** The listener protocols a route kind attaches to. */
export const ROUTE_PROTOCOLS: Record<RouteDesc['kind'], string[]> = {
  HTTPRoute: ['HTTP', 'HTTPS'], GRPCRoute: ['HTTP', 'HTTPS'], TLSRoute: ['TLS'], TCPRoute: ['TCP'], UDPRoute: ['UDP'],
};

/** A Gateway or ListenerSet of the app that routes may attach to. */
export interface ParentCandidate {
  readonly target: 'gateway' | 'listenerSet';
  readonly index: number;
  readonly listeners: ListenerDesc[];
  /** The namespace the Gateway or ListenerSet ends up in, if any. */
  readonly namespace?: string;
}

/**
 * Parents for a route of `kind`: mostly one listener of a compatible protocol (by section
 * name), sometimes the whole Gateway/ListenerSet, a port, several parents, or a listener
 * that does not exist or has another protocol.
 */
export function parents(noise: Noise, routeKind: RouteDesc['kind'], candidates: ParentCandidate[]): fc.Arbitrary<ParentDesc[]> {
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
    if (noise.level > 0) options.push({ weight: Math.max(1, noise.level / 5), arbitrary: fc.constantFrom(...all, 'missing').map(section => ({ ...base, section })) });
  }
  const one = fc.oneof(...options);
  // (fc.uniqueArray with minLength 2 would loop forever when `one` has a single value.)
  const several = fc.tuple(fc.array(one, { minLength: 2, maxLength: 3 }), noise.near(fc.constant(true), fc.constant(false), 3))
    .map(([ps, fix]) => fix ? distinctParents(ps) : ps);
  return fc.oneof(
    { weight: 10, arbitrary: one.map(p => [p]) },
    { weight: 2, arbitrary: several },
    { weight: 1, arbitrary: lists<ParentDesc>([]) },
  );
}

/** Parents that never attach to one object twice, or both as a whole (or port) and by listener. */
function distinctParents(ps: ParentDesc[]): ParentDesc[] {
  const kept: ParentDesc[] = [];
  for (const p of ps) {
    const same = kept.filter(k => k.target === p.target && k.index === p.index);
    if (same.length > 0 && (p.section === undefined || same.some(k => k.section === undefined || k.section === p.section))) continue;
    kept.push(p);
  }
  return kept;
}

/**
 * Hostnames for a route attached to `ps`: none, ones derived from the parents' listener
 * hostnames (so that they intersect), or any from the pool.
 */
export function routeHostnames(v: Values, ps: ParentDesc[], candidates: ParentCandidate[], min: number): fc.Arbitrary<string[]> {
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
    { weight: 2, arbitrary: fc.uniqueArray(v.hostname, { minLength: Math.max(min, 1), maxLength: 3 }) },
    ...(derived.size > 0 ? [{ weight: 4, arbitrary: fc.uniqueArray(fc.constantFrom(...derived), { minLength: 1, maxLength: 2 }) }] : []),
    ...(min === 0 ? [{ weight: 3, arbitrary: lists<string>([]) }] : []),
  ];
  return fc.oneof(...options);
}

/** A route's namespace: its chart's, its first parent's (so `Same` admits it), or any. */
export function routeNamespace(v: Values, ps: ParentDesc[], candidates: ParentCandidate[]): fc.Arbitrary<string | undefined> {
  const c = ps.length > 0 ? candidates.find(x => x.target === ps[0].target && x.index === ps[0].index) : undefined;
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: c?.namespace !== undefined ? 6 : 0, arbitrary: fc.constant(c?.namespace) },
    { weight: 1, arbitrary: v.namespace },
  );
}
