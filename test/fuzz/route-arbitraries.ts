/**
 * Route generators: HTTPRoutes, GRPCRoutes, TLSRoutes, TCPRoutes and UDPRoutes attached among
 * the app's listeners (mostly kinds that some listener accepts), with their rules and
 * hostnames in props or added through methods; near the limits of 16 rules and 128 matches.
 */
import * as fc from 'fast-check';
import { someWeight } from './backend-arbitraries';
import { around, lists, maybe, merge, stripUndefined } from './combinators';
import { BackendDesc, GrpcMatchDesc, GrpcRuleDesc, HttpMatchDesc, HttpRuleDesc, RouteDesc } from './descriptions';
import { Noise } from './noise';
import { ParentCandidate, parents, ROUTE_PROTOCOLS, routeHostnames, routeNamespace } from './parent-arbitraries';
import { RuleArbitraries } from './rule-arbitraries';
import { Values } from './values';

/** Route `i` of the app, attached among `candidates`. */
export function route(
  v: Values, { httpRule, grpcRule, l4Rule, l4Backends }: RuleArbitraries, i: number, candidates: ParentCandidate[],
): fc.Arbitrary<RouteDesc> {
  const { noise } = v;
  const { near } = noise;
  /** Parents first, then what depends on them (namespace, hostnames), then the rest. */
  const common = (routeKind: RouteDesc['kind'], minHostnames?: number) => parents(noise, routeKind, candidates).chain(ps => fc.record({
    kind: fc.constant(routeKind),
    name: routeName(noise, i),
    namespace: routeNamespace(v, ps, candidates),
    parents: fc.constant(ps),
    createReferenceGrants: maybe(near(fc.constant(true), fc.constant(false), 3), 4),
    via: fc.constantFrom('props' as const, 'methods' as const),
    hostnames: minHostnames === undefined ? fc.constant(undefined) : near(
      routeHostnames(v, ps, candidates, minHostnames),
      minHostnames === 0 ? around(16, n => `h${n}.example.com`) : lists<string>([]),
    ),
  }));
  const http = merge(common('HTTPRoute', 0), fc.record({
    rules: near(
      fc.array(httpRule, { minLength: 1, maxLength: 4 }),
      fc.oneof(lists<HttpRuleDesc>([]), manyMatches((): HttpMatchDesc => ({ path: { type: 'prefix', value: '/' } }))),
    ).chain(rules => uniqueRuleNames(noise, rules)),
  }));
  const grpc = merge(common('GRPCRoute', 0), fc.record({
    rules: near(
      fc.array(grpcRule, { minLength: 1, maxLength: 3 }),
      fc.oneof(lists<GrpcRuleDesc>([]), manyMatches((): GrpcMatchDesc => ({ method: { type: 'exact', service: 'Svc' } }))),
    ).chain(rules => uniqueRuleNames(noise, rules)),
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
    ROUTE_PROTOCOLS[routeKind].some(p => protocols.has(p)) || protocols.has('*') ? base * 10 : noise.level > 0 ? 1 : 0;
  const kinds = [
    { weight: weightOf(6, 'HTTPRoute'), arbitrary: http as fc.Arbitrary<RouteDesc> },
    { weight: weightOf(2, 'GRPCRoute'), arbitrary: grpc as fc.Arbitrary<RouteDesc> },
    { weight: weightOf(2, 'TLSRoute'), arbitrary: tls as fc.Arbitrary<RouteDesc> },
    { weight: weightOf(2, 'TCPRoute'), arbitrary: tcp('TCPRoute') as fc.Arbitrary<RouteDesc> },
    { weight: weightOf(2, 'UDPRoute'), arbitrary: tcp('UDPRoute') as fc.Arbitrary<RouteDesc> },
  ].filter(k => k.weight > 0);
  return fc.oneof(...(kinds.length > 0 ? kinds : [{ weight: 1, arbitrary: http as fc.Arbitrary<RouteDesc> }])).map(r => stripUndefined(r));
}

/** 15-17 rules of 7-9 matches each: around the limits of 16 rules and 128 matches per route. */
function manyMatches<M>(match: () => M): fc.Arbitrary<Array<{ matches: M[]; backends: BackendDesc[] }>> {
  return fc.tuple(fc.integer({ min: 15, max: 17 }), fc.integer({ min: 7, max: 9 })).map(([rules, matches]) =>
    Array.from({ length: rules }, () => ({ matches: Array.from({ length: matches }, match), backends: [{ factory: 'serviceName' as const, name: 'web', port: 80 }] })));
}

/** Rule names made unique within the route unless near-invalid. */
function uniqueRuleNames<R extends { name?: string }>(noise: Noise, rules: R[]): fc.Arbitrary<R[]> {
  return noise.near(fc.constant(true), fc.constant(false), 3).map(fix => !fix ? rules : rules.map((r, i) =>
    r.name !== undefined && rules.slice(0, i).some(o => o.name === r.name) ? { ...r, name: `rule-${i}` } : r));
}

/** The route's `metadata.name`, or none (cdk8s generates one). */
function routeName(noise: Noise, i: number): fc.Arbitrary<string | undefined> {
  return maybe(noise.near(fc.constant(`route-${i}`), fc.constantFrom(`Route${i}`, `route_${i}`)), 2);
}
