/**
 * Route rule generators: HTTPRoute rules (path, header, query parameter and method matches;
 * filters; backends; request and backend timeouts), GRPCRoute rules (method and header
 * matches, filters, backends) and the single rule of TLS/TCP/UDP routes. Rules are made
 * consistent unless near-invalid.
 */
import * as fc from 'fast-check';
import { BackendArbitraries, someWeight } from './backend-arbitraries';
import { around, lists, maybe, stripUndefined } from './combinators';
import {
  BackendDesc, DurationDesc, FilterDesc, GrpcMatchDesc, GrpcRuleDesc, HttpMatchDesc, HttpRuleDesc, ValueMatchDesc,
} from './descriptions';
import { FilterArbitraries, filterList } from './filter-arbitraries';
import { Values } from './values';

/** The rule arbitraries of one noise level. */
export interface RuleArbitraries {
  readonly httpRule: fc.Arbitrary<HttpRuleDesc>;
  readonly grpcRule: fc.Arbitrary<GrpcRuleDesc>;
  /** The single rule of a TLS/TCP/UDP route. */
  readonly l4Rule: fc.Arbitrary<{ name?: string; backends: BackendDesc[] }>;
  /** TLS/TCP/UDP backends: no filters unless near-invalid. */
  l4Backends(min: number): fc.Arbitrary<BackendDesc[]>;
}

export function ruleArbitraries(v: Values, { backend }: BackendArbitraries, { httpFilter, grpcFilter }: FilterArbitraries): RuleArbitraries {
  const { noise, headerName, headerValue, path, regex, method, duration } = v;
  const { near } = noise;

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
    fc.array(backend(maybe(filterList(noise, filter, 2), 6)), { minLength: min, maxLength: 3 }),
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
    filters: maybe(filterList(noise, httpFilter, 3), 2),
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
    filters: maybe(filterList(noise, grpcFilter, 3), 2),
    backends: near(backends(grpcFilter, 1), fc.constant(undefined), 10),
  }), near(fc.constant(true), fc.constant(false), 2))
    .map(([rule, fix]) => stripUndefined(fix ? { ...rule, backends: someWeight(rule.backends) } : rule));

  /** TLS/TCP/UDP backends: no filters unless near-invalid. */
  const l4Backends = (min: number) =>
    fc.array(backend(near(fc.constant(undefined), fc.array(httpFilter, { minLength: 1, maxLength: 1 }))), { minLength: min, maxLength: 3 });

  const l4Rule = fc.record({ name: maybe(near(fc.constant('main'), fc.constant('Main')), 3), backends: near(l4Backends(1), lists<BackendDesc>([])) }).map(stripUndefined);

  return { httpRule, grpcRule, l4Rule, l4Backends };
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
