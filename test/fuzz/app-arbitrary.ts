/**
 * fast-check generators of L2 app *descriptions* (`descriptions.ts`): plain JSON data that
 * `build-app.ts` turns into a cdk8s App through the public L2 API. Keeping the description
 * separate from the constructs makes counterexamples printable, replayable and minimizable
 * (`minimize.ts`).
 *
 * Values are drawn mostly from valid domains and sometimes (see `Noise.near`) from near-invalid
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
 *
 * The generators of one noise level are built in layers, one file per concept: `values.ts`
 * (names, hostnames, ports, paths, …), `listener-arbitraries.ts` and `gateway-arbitraries.ts`
 * (the infrastructure), `backend-arbitraries.ts`, `filter-arbitraries.ts` and
 * `rule-arbitraries.ts` (what routes carry), `parent-arbitraries.ts` and
 * `route-arbitraries.ts` (routes attached among the listeners); this file assembles the app.
 */
import * as fc from 'fast-check';
import { backendArbitraries } from './backend-arbitraries';
import { maybe, stripUndefined } from './combinators';
import { AppDesc } from './descriptions';
import { filterArbitraries } from './filter-arbitraries';
import { gatewayArbitraries } from './gateway-arbitraries';
import { listenerArbitraries } from './listener-arbitraries';
import { NOISE, noiseAt } from './noise';
import { ParentCandidate } from './parent-arbitraries';
import { route } from './route-arbitraries';
import { ruleArbitraries } from './rule-arbitraries';
import { valueArbitraries } from './values';

/**
 * The app generator for one noise level: a near-invalid value is drawn with weight `noise`
 * against `10 * ratio` for a valid one (`ratio` is 30 unless a call site says otherwise), so
 * noise 0 gives only valid values and noise 3 about one in a hundred.
 */
export function appArbitrary(noise: number): fc.Arbitrary<AppDesc> {
  const values = valueArbitraries(noiseAt(noise));
  const { noise: { near }, namespace } = values;
  const { gatewayClass, gateways, listenerSets } = gatewayArbitraries(values, listenerArbitraries(values));
  const backends = backendArbitraries(values);
  const rules = ruleArbitraries(values, backends, filterArbitraries(values, backends));

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
      .chain(n => fc.tuple(...Array.from({ length: n }, (_, i) => route(values, rules, i, candidates))))
      .map(routes => stripUndefined({ ...base, listenerSets: sets, routes }));
  })).chain(app => near(fc.constant(true), fc.constant(false), 3).map(fix => fix ? admitListenerSets(app) : app));
}

/** A whole app: 1-2 Gateways, 0-1 ListenerSet, 0-4 routes attached among their listeners. */
export const appArb: fc.Arbitrary<AppDesc> = fc.oneof(
  { weight: 4, arbitrary: appArbitrary(NOISE.clean) },
  { weight: 3, arbitrary: appArbitrary(NOISE.rare) },
  { weight: 2, arbitrary: appArbitrary(NOISE.normal) },
  { weight: 1, arbitrary: appArbitrary(NOISE.high) },
).map(app => JSON.parse(JSON.stringify(app)) as AppDesc); // plain JSON: prints without null prototypes

/** Opens the Gateways that ListenerSets attach to (`allowedListeners: All`). */
function admitListenerSets(app: AppDesc): AppDesc {
  if (app.listenerSets.length === 0) return app;
  const parents = new Set(app.listenerSets.map(s => s.gateway));
  return { ...app, gateways: app.gateways.map((g, i) => parents.has(i) ? { ...g, allowedListeners: { from: 'all' } } : g) };
}
