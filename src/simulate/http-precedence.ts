/**
 * HTTPRoute and GRPCRoute rule selection and precedence. Internal.
 */
import { Attached, Ranked } from './attachment';
import { cmpKeys, hostnameKey } from './hostnames';
import { fullMatch, pathPrefixMatches, searchMatch } from './paths';
import { ParsedRequest } from './request';

/** A rule match that applies to the request, with its precedence key. */
export interface Candidate {
  readonly a: Attached;
  readonly rule: any;
  readonly ri: number;
  readonly match: any;
  readonly key: number[];
  /** Position of the route in age order (the tie-break after the key), then the rule index. */
  readonly order: number;
}

/** Header matches (Exact or RegularExpression, names case-insensitive) all hold. */
export function headersMatch(matches: any[], headers: Map<string, string>): boolean {
  return matches.every(h => {
    const v = headers.get(String(h.name).toLowerCase());
    return v !== undefined && ((h.type ?? 'Exact') === 'Exact' ? v === h.value : fullMatch(h.value, v));
  });
}

/** Rank of a path match type: Exact, then RegularExpression, then PathPrefix. */
const PATH_RANK: Record<string, number> = { Exact: 2, RegularExpression: 1, PathPrefix: 0 };

/**
 * HTTPRoute match precedence (HTTPRouteRule `matches` field doc): after the hostname, "Exact"
 * path match, "Prefix" path match with largest number of characters, method match, largest number
 * of header matches, largest number of query param matches. "The precedence of RegularExpression
 * path matches are implementation-specific"; here they rank as Envoy Gateway ranks them (`XdsIRRoutes.Less`,
 * internal/gatewayapi/sort.go): below Exact, above PathPrefix, longer patterns first. Returns the
 * key (larger wins) or undefined when the match does not apply.
 */
export function httpKey(match: any, req: ParsedRequest, regexSearch = false): number[] | undefined {
  const type = match.path?.type ?? 'PathPrefix';
  const value = match.path?.value ?? '/';
  const pathOk = type === 'Exact' ? req.path === value : type === 'PathPrefix' ? pathPrefixMatches(value, req.path) : regexSearch ? searchMatch(value, req.path) : fullMatch(value, req.path);
  if (!pathOk || (match.method && match.method !== req.method)) return undefined;
  const queryOk = (match.queryParams ?? []).every((q: any) => {
    const v = req.query.get(q.name);
    return v !== null && ((q.type ?? 'Exact') === 'Exact' ? v === q.value : fullMatch(q.value, v));
  });
  if (!queryOk || !headersMatch(match.headers ?? [], req.headers)) return undefined;
  return [PATH_RANK[type] ?? -1, value.length, match.method ? 1 : 0, (match.headers ?? []).length, (match.queryParams ?? []).length];
}

/**
 * GRPCRoute match precedence (GRPCRouteRule `matches` field doc): after the hostname, the largest
 * number of "Characters in a matching service", "Characters in a matching method", "Header
 * matches". RegularExpression services and methods count as 0 characters here (the spec does not
 * rank them).
 */
export function grpcKey(match: any, req: ParsedRequest): number[] | undefined {
  const call = req.grpc!;
  const m = match.method ?? {};
  const exact = (m.type ?? 'Exact') === 'Exact';
  const test = (want: string | undefined, got: string) => !want || (exact ? want === got : fullMatch(want, got));
  if (!test(m.service, call.service) || !test(m.method, call.method) || !headersMatch(match.headers ?? [], req.headers)) return undefined;
  return [exact ? (m.service ?? '').length : 0, exact ? (m.method ?? '').length : 0, (match.headers ?? []).length];
}

/**
 * Every applicable match of the attached routes, best first: by hostname, then the key, then
 * the oldest route, `{namespace}/{name}` (the attached list is in that order already), then the
 * rule order ("If ties still exist within an HTTPRoute, matching precedence MUST be granted to the
 * FIRST matching rule (in list order)", HTTPRouteRule `matches` field doc). An absent `matches` list is PathPrefix `/` (HTTPRoute) or any call (GRPCRoute);
 * an absent `rules` list is one such rule. `extra` filters rules by conditions outside `matches`
 * (Envoy Gateway cookie matches). `regexSearch`: RegularExpression paths match anywhere in the
 * path (nginx-based implementations) instead of the whole path (Envoy-based ones).
 */
export function candidates(routes: Ranked[], req: ParsedRequest, extra: (a: Attached, rule: any) => boolean, regexSearch = false): Candidate[] {
  const out: Candidate[] = [];
  routes.forEach(({ a, order }) => {
    const hk = hostnameKey(a.hostnames, req.host);
    if (!hk) return;
    (a.route.spec?.rules ?? [{}]).forEach((rule: any, ri: number) => {
      const matches = rule.matches?.length ? rule.matches : [req.grpc ? {} : { path: { type: 'PathPrefix', value: '/' } }];
      for (const match of matches) {
        const key = req.grpc ? grpcKey(match, req) : httpKey(match, req, regexSearch);
        if (key && extra(a, rule)) out.push({ a, rule, ri, match, key: [...hk, ...key], order: order * 1e6 + ri });
      }
    });
  });
  return out.sort((x, y) => cmpKeys(x.key, y.key) || x.order - y.order);
}

const HTTP_REASONS = [
  'longest non-wildcard hostname', 'longest matching hostname', 'path type', 'longest path', 'method match',
  'most header matches', 'most query param matches',
];
const GRPC_REASONS = ['longest non-wildcard hostname', 'longest matching hostname', 'longest service', 'longest method', 'most header matches'];

/** `matches PathPrefix /api` (or the gRPC method) for step text. */
export function describeMatch(match: any, grpc: boolean): string {
  if (grpc) {
    const m = match.method ?? {};
    return `matches ${m.type === 'RegularExpression' ? 'regex ' : ''}${m.service ?? '*'}/${m.method ?? '*'}${(match.headers ?? []).length ? ` and ${match.headers.length} header(s)` : ''}`;
  }
  const parts = [`${match.path?.type ?? 'PathPrefix'} ${match.path?.value ?? '/'}`];
  if (match.method) parts.push(`method ${match.method}`);
  for (const h of match.headers ?? []) parts.push(`header ${String(h.name).toLowerCase()} ${h.type === 'RegularExpression' ? '~' : '='} ${h.value}`);
  for (const q of match.queryParams ?? []) parts.push(`query ${q.name} ${q.type === 'RegularExpression' ? '~' : '='} ${q.value}`);
  return `matches ${parts.join(', ')}`;
}

/** Why the first candidate won, and whether that rests on an implementation-specific order. */
export interface Why {
  readonly text: string;
  /** The decision compared a RegularExpression path (implementation-specific precedence). */
  readonly regexOrder: boolean;
}

/** Why the first candidate won: the first criterion where it beats the runner-up (another rule), and how many rules matched. */
export function whyChosen(list: Candidate[], grpc: boolean): Why {
  const best = list[0];
  const ruleId = (c: Candidate) => `${c.a.route.kind}/${c.a.route.metadata.namespace}/${c.a.route.metadata.name}#${c.ri}`;
  const rules = new Set(list.map(ruleId)).size;
  const other = list.find(c => ruleId(c) !== ruleId(best));
  if (!other) return { text: 'the only matching rule', regexOrder: false };
  const i = best.key.findIndex((k, j) => k !== other.key[j]);
  const type: string = best.match.path?.type ?? 'PathPrefix';
  const otherType: string = other.match.path?.type ?? 'PathPrefix';
  const label = !grpc && i === 2 ? (type === 'Exact' ? 'Exact path' : `${type} path (Exact > RegularExpression > PathPrefix)`)
    : !grpc && i === 3 ? `longest ${type}` : (grpc ? GRPC_REASONS : HTTP_REASONS)[i];
  const why = i >= 0 ? label
    : other.a.route === best.a.route ? 'first matching rule in order (tie)' : 'oldest route, then namespace/name (tie)';
  // Exact first is the spec's rule; RegularExpression against PathPrefix, or by pattern length, is not.
  const regexOrder = !grpc && ((i === 2 && type !== 'Exact' && (type === 'RegularExpression' || otherType === 'RegularExpression'))
    || (i === 3 && type === 'RegularExpression'));
  return { text: `${why} among ${rules} matching rules`, regexOrder };
}
