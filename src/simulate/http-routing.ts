/**
 * HTTP and gRPC requests on an HTTP or HTTPS listener: route, rule, filters, backends. Internal.
 */
import { Attached, attachedRoutes, ModelContext, ModelListener, routesForHost } from './attachment';
import { forward } from './backends';
import { egMatches, Forwarded } from './envoy-gateway-filters';
import { cmpKeys, hostnameKey } from './hostnames';
import { applyFilters } from './http-filters';
import { candidates, describeMatch, whyChosen } from './http-precedence';
import { id, ns } from './objects';
import { Draft, notModeled, step } from './outcome';
import { PathRegexDialect } from './path-regex-dialect';
import { readablePattern } from './paths';
import { ParsedRequest } from './request';

/** Routes an HTTP request (HTTPRoutes) or a gRPC call (GRPCRoutes only) arriving on listener `l`. */
export function routeHttp(ctx: ModelContext, req: ParsedRequest, l: ModelListener, d: Draft): void {
  const kind = req.grpc ? 'GRPCRoute' : 'HTTPRoute';
  const attached = attachedRoutes(ctx.objects, l, [kind], ctx.labels);
  const forHost = routesForHost(ctx.objects, l, [kind], ctx.labels, req.host);
  const list = candidates(forHost, req, (a, rule) => egMatches(ctx, a.route, rule, req), ctx.pathRegexDialect === PathRegexDialect.NGINX);
  const best = list[0];
  if (!best) {
    step(d, 'route', 'none', attached.length
      ? `none of ${attached.length} attached ${kind}s has a rule matching ${req.grpc ? `${req.grpc.service}/${req.grpc.method}` : `${req.method} ${req.host}${req.path}`}: 404`
      : `no ${kind} attached to this listener: 404`);
    return;
  }
  const { a, rule, ri, match } = best;
  const source = `${a.route.kind} ${id(a.route)}`;
  d.source = source;
  d.targets.push({ kind: a.route.kind, namespace: ns(a.route), name: a.route.metadata.name, sectionName: rule.name });
  noteUnreadablePatterns(forHost.map(r => r.a), d);
  step(d, 'route', source, `hostnames ${a.hostnames.length ? a.hostnames.join(', ') : '(any)'}; ${attached.length} attached ${kind}${attached.length === 1 ? '' : 's'}`);
  const why = whyChosen(list, !!req.grpc);
  step(d, 'rule', `${source} rule ${ri}${rule.name ? ` (${rule.name})` : ''}`, `${describeMatch(match, !!req.grpc)}; ${why.text}`);
  if (why.regexOrder) {
    notModeled(d, 'the precedence of RegularExpression paths is implementation-specific; Envoy Gateway\'s order is used (Exact > RegularExpression > PathPrefix, longer first)');
  }
  const headers = new Map(req.headers);
  const fwd: Forwarded = { host: req.host, path: req.path, headers, touched: new Set() };
  const { answered } = applyFilters(ctx, req, a.route, rule, match, l, fwd, d);
  for (const k of fwd.touched) d.requestHeaders.set(k, fwd.headers.get(k) ?? '');
  for (const r of rule.backendRefs ?? []) {
    if (r.filters?.length) notModeled(d, `${source} rule ${ri}: filters on backendRef ${r.name} are not modeled`);
  }
  if (rule.timeouts) {
    const t = Object.entries(rule.timeouts).map(([k, v]) => `${k} ${v}`).join(', ');
    notModeled(d, `${source} rule ${ri}: timeouts ${t} (informational; the model does not time requests)`);
  }
  if (rule.retry) notModeled(d, `${source} rule ${ri}: retries (${JSON.stringify(rule.retry)}) are not modeled`);
  if (rule.sessionPersistence) notModeled(d, `${source} rule ${ri}: session persistence is not modeled (each request is routed by weight)`);
  if (answered) return;
  forward(ctx, rule.backendRefs ?? [], a.route, l, d);
  d.upstreamHost = fwd.host;
  d.upstreamPath = `${fwd.path}${req.search ? `?${req.search}` : ''}`;
}

/**
 * TLSRoute by SNI (most specific hostname, then the oldest route), TCPRoute and UDPRoute by
 * listener (oldest attached route, then `{namespace}/{name}`; only the first rule is read).
 */
export function routeL4(ctx: ModelContext, req: ParsedRequest, l: ModelListener, d: Draft): void {
  const kind = ({ TLS: 'TLSRoute', TCP: 'TCPRoute', UDP: 'UDPRoute' } as Record<string, string>)[l.spec.protocol] ?? '';
  const attached = attachedRoutes(ctx.objects, l, [kind], ctx.labels);
  const matching = attached.map((a, i) => ({ a, i, key: hostnameKey(a.hostnames, req.sni) }))
    .filter(x => x.key).sort((x, y) => cmpKeys(x.key!, y.key!) || x.i - y.i);
  const best = matching[0]?.a;
  if (!best) {
    step(d, 'route', 'none', `no ${kind} attached to this listener matches ${kind === 'TLSRoute' ? `SNI ${req.sni}` : `port ${req.port}`}: 404`);
    return;
  }
  d.source = `${best.route.kind} ${id(best.route)}`;
  d.targets.push({ kind: best.route.kind, namespace: ns(best.route), name: best.route.metadata.name });
  step(d, 'route', d.source, `${kind === 'TLSRoute' ? `hostnames ${best.hostnames.join(', ') || '(any)'}; ` : ''}${matching.length === 1 ? 'the only attached route' : `${kind === 'TLSRoute' ? 'most specific hostname, then ' : ''}oldest of ${matching.length} attached routes`}`);
  step(d, 'rule', `${d.source} rule 0`, 'the first rule');
  forward(ctx, best.route.spec?.rules?.[0]?.backendRefs ?? [], best.route, l, d);
}

/**
 * Names the RegularExpression values (paths, headers, query params) of the routes for this host
 * that the model cannot read: they match nothing here, which may differ from the implementation.
 */
function noteUnreadablePatterns(attached: Attached[], d: Draft): void {
  for (const a of attached) {
    for (const rule of a.route.spec?.rules ?? []) {
      for (const m of rule.matches ?? []) {
        const values = [
          ...(m.path?.type === 'RegularExpression' ? [m.path.value] : []),
          ...[...(m.headers ?? []), ...(m.queryParams ?? [])].filter((h: any) => h.type === 'RegularExpression').map((h: any) => h.value),
          ...(m.method?.type === 'RegularExpression' ? [m.method.service, m.method.method].filter(Boolean) : []),
        ];
        for (const v of values) {
          if (!readablePattern(String(v))) {
            notModeled(d, `${a.route.kind} ${id(a.route)}: RegularExpression ${v} cannot be read as RE2 (JavaScript syntax stands in); it matches nothing here`);
          }
        }
      }
    }
  }
}
