/**
 * HTTPRoute and GRPCRoute rule filters, applied in order. Internal.
 */
import { ModelContext, ModelListener } from './attachment';
import { readBackend } from './backends';
import { applyCors } from './cors';
import { applyEgFilter, egFilter, Forwarded } from './envoy-gateway-filters';
import { id, K8sObject } from './objects';
import { backendLabel, Draft, notModeled, percent, step } from './outcome';
import { modifyPath } from './paths';
import { ParsedRequest } from './request';

/** What the filters decided. */
export interface FilterResult {
  /** The proxy answered (redirect, CORS preflight, direct response, unresolved extension): nothing is forwarded. */
  readonly answered: boolean;
}

/** HTTPHeaderFilter on a header map: set, then add (appended with `,`), then remove. */
function modifyHeaders(headers: Map<string, string>, mod: any, touched: Set<string>): string[] {
  const did: string[] = [];
  for (const h of mod.set ?? []) {
    const k = String(h.name).toLowerCase();
    headers.set(k, h.value);
    touched.add(k);
    did.push(`set ${k}: ${h.value}`);
  }
  for (const h of mod.add ?? []) {
    const k = String(h.name).toLowerCase();
    const prev = headers.get(k);
    headers.set(k, prev === undefined || prev === '' ? h.value : `${prev},${h.value}`);
    touched.add(k);
    did.push(`add ${k}: ${h.value}`);
  }
  for (const name of mod.remove ?? []) {
    const k = String(name).toLowerCase();
    headers.set(k, '');
    touched.add(k);
    did.push(`remove ${k}`);
  }
  return did;
}

/** The fraction of a RequestMirror (`percent`, or `fraction` with denominator 100 by default; all when unset). */
function mirrorFraction(m: any): number {
  if (m.percent !== undefined) return m.percent / 100;
  if (m.fraction) return m.fraction.numerator / (m.fraction.denominator ?? 100);
  return 1;
}

/**
 * RequestRedirect (HTTPRequestRedirectFilter field docs): scheme defaults to the listener's,
 * hostname to the request's Host, the port to the scheme's well-known port when the scheme is
 * set, else the listener's port, and it is left out of Location when it is the scheme's default;
 * status default 302; the query is kept (the spec is silent; Envoy keeps it).
 */
function redirect(r: any, req: ParsedRequest, l: ModelListener, prefix: string | undefined, d: Draft): string {
  const scheme = r.scheme ?? (l.spec.protocol === 'HTTPS' ? 'https' : 'http');
  const port = r.port ?? (r.scheme ? (r.scheme === 'https' ? 443 : 80) : l.spec.port);
  const shown = port === (scheme === 'https' ? 443 : 80) ? '' : `:${port}`;
  d.location = `${scheme}://${r.hostname ?? req.host}${shown}${modifyPath(r.path, req.path, prefix)}${req.search ? `?${req.search}` : ''}`;
  d.status = r.statusCode ?? 302;
  return `${d.status} to ${d.location}`;
}

/**
 * Applies a rule's filters in order (HTTPRouteRule `filters` field doc: "Filters are applied in
 * the order specified"). The request headers the proxy touched go to `requestHeaders` with their
 * forwarded value (`""` for removed); ResponseHeaderModifier does the same on `responseHeaders`.
 */
export function applyFilters(ctx: ModelContext, req: ParsedRequest, route: K8sObject, rule: any, match: any,
  l: ModelListener, fwd: Forwarded, d: Draft): FilterResult {
  const prefix = match.path && (match.path.type ?? 'PathPrefix') === 'PathPrefix' ? match.path.value ?? '/' : undefined;
  let answered = false;
  for (const f of rule.filters ?? []) {
    switch (f.type) {
      case 'RequestHeaderModifier':
        step(d, 'filter', f.type, modifyHeaders(fwd.headers, f.requestHeaderModifier ?? {}, fwd.touched).join(', ') || 'no change');
        break;
      case 'ResponseHeaderModifier': {
        const touched = new Set<string>();
        const headers = new Map(d.responseHeaders);
        const did = modifyHeaders(headers, f.responseHeaderModifier ?? {}, touched);
        for (const k of touched) d.responseHeaders.set(k, headers.get(k) ?? '');
        step(d, 'filter', f.type, did.join(', ') || 'no change');
        break;
      }
      case 'RequestMirror': {
        const m = f.requestMirror ?? {};
        const { backend, error } = readBackend(ctx, m.backendRef, route, mirrorFraction(m));
        if (!error) d.mirrors.push(backend);
        step(d, 'filter', f.type, error ? `${error}: not mirrored` : `${percent(backend.weight)} copied to ${backendLabel(backend)}`);
        break;
      }
      case 'URLRewrite': {
        const u = f.urlRewrite ?? {};
        const before = `${fwd.host}${fwd.path}`;
        if (u.hostname) fwd.host = u.hostname;
        fwd.path = modifyPath(u.path, req.path, prefix);
        step(d, 'filter', f.type, `${before} → ${fwd.host}${fwd.path}`);
        break;
      }
      case 'RequestRedirect':
        step(d, 'filter', f.type, redirect(f.requestRedirect ?? {}, req, l, prefix, d));
        answered = true;
        break;
      case 'CORS': {
        const r = applyCors(f.cors ?? {}, req, d);
        step(d, 'filter', f.type, r.detail);
        answered = answered || r.answered;
        break;
      }
      case 'ExtensionRef': {
        const ref = f.extensionRef ?? {};
        const label = `ExtensionRef ${ref.group ?? ''}/${ref.kind ?? ''} ${ref.name ?? ''}`;
        const eg = egFilter(ctx, ref, route);
        if (eg) {
          const r = applyEgFilter(eg, req, fwd, d);
          step(d, 'filter', label, r.detail);
          answered = answered || r.answered;
        } else if (ref.group === 'gateway.envoyproxy.io' && ref.kind === 'HTTPRouteFilter') {
          // "If a reference to a custom filter type cannot be resolved, the filter MUST NOT be skipped.
          // Instead, requests that would have been processed by that filter MUST receive a HTTP error response."
          d.status = 500;
          answered = true;
          step(d, 'filter', label, `no HTTPRouteFilter ${route.metadata.namespace ?? 'default'}/${ref.name}: 500`);
        } else {
          step(d, 'filter', label, 'not modeled');
          notModeled(d, `${label} (${route.kind} ${id(route)}): its effect is not modeled`);
        }
        break;
      }
      default:
        step(d, 'filter', String(f.type), 'not modeled');
        notModeled(d, `${f.type} filter (${route.kind} ${id(route)}): its effect is not modeled`);
    }
  }
  return { answered };
}
