/**
 * Envoy Gateway `HTTPRouteFilter` (`gateway.envoyproxy.io/v1alpha1`) referenced from an HTTPRoute
 * rule through an `ExtensionRef` filter: cookie matches, regex path rewrites, Host rewrites and
 * direct responses. Internal.
 */
import { ModelContext } from './attachment';
import { K8sObject, ns } from './objects';
import { Draft, notModeled } from './outcome';
import { fullMatch, regexReplace } from './paths';
import { ParsedRequest } from './request';

export const EG_GROUP = 'gateway.envoyproxy.io';

/** The forwarded request as the filters change it. */
export interface Forwarded {
  host: string;
  path: string;
  readonly headers: Map<string, string>;
  readonly touched: Set<string>;
}

/** The HTTPRouteFilter an ExtensionRef names (in the route's namespace), or undefined. */
export function egFilter(ctx: ModelContext, ref: any, route: K8sObject): K8sObject | undefined {
  if (ref?.group !== EG_GROUP || ref?.kind !== 'HTTPRouteFilter') return undefined;
  return ctx.objects.find('HTTPRouteFilter', ns(route), ref.name);
}

/** Cookies of the `cookie` header by name (the first of a name wins). */
function cookies(req: ParsedRequest): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.get('cookie') ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    if (!out.has(name)) out.set(name, part.slice(i + 1).trim());
  }
  return out;
}

/**
 * The rule's Envoy Gateway cookie conditions hold: for every referenced HTTPRouteFilter with
 * `matches`, one entry's cookies all match ("the effective matching is the logical AND of the two
 * sets", HTTPRouteFilter `matches` field doc). Exact or RegularExpression (whole value).
 */
export function egMatches(ctx: ModelContext, route: K8sObject, rule: any, req: ParsedRequest): boolean {
  const jar = cookies(req);
  return (rule.filters ?? []).filter((f: any) => f.type === 'ExtensionRef').every((f: any) => {
    const sets: any[] = egFilter(ctx, f.extensionRef, route)?.spec?.matches ?? [];
    return !sets.length || sets.some(s => (s.cookies ?? []).every((c: any) => {
      const v = jar.get(c.name);
      return v !== undefined && ((c.type ?? 'Exact') === 'Exact' ? v === c.value : fullMatch(c.value, v));
    }));
  });
}

/**
 * Applies an HTTPRouteFilter: `urlRewrite.path.replaceRegexMatch` (RE2 GlobalReplace on the path,
 * query kept; JavaScript regular expressions stand in for RE2), `urlRewrite.hostname` (Header,
 * PathRegex; Backend is not modeled) with `x-forwarded-host` unless `appendXForwardedHost` is
 * false, and `directResponse` (status default 200, content type and headers; the body is not
 * shown). Returns the step text and whether the proxy answered.
 */
export function applyEgFilter(filter: K8sObject, req: ParsedRequest, fwd: Forwarded, d: Draft): { detail: string; answered: boolean } {
  const spec = filter.spec ?? {};
  const did: string[] = [];
  if (spec.matches?.length) did.push('cookie conditions hold');
  const rw = spec.urlRewrite;
  const regex = rw?.path?.type === 'ReplaceRegexMatch' ? rw.path.replaceRegexMatch : undefined;
  if (regex) {
    const out = regexReplace(req.path, regex.pattern ?? '', regex.substitution ?? '');
    if (out === undefined) {notModeled(d, `HTTPRouteFilter ${filter.metadata.name}: pattern ${regex.pattern} is not a JavaScript regular expression; the path is left unchanged`);} else {
      did.push(`path ${req.path} → ${out} (regex ${regex.pattern})`);
      fwd.path = out;
    }
  }
  const h = rw?.hostname;
  if (h) {
    let host: string | undefined;
    if (h.type === 'Header') host = fwd.headers.get(String(h.header).toLowerCase());
    else if (h.type === 'PathRegex') host = regexReplace(req.path, h.pathRegex?.pattern ?? '', h.pathRegex?.substitution ?? '');
    else notModeled(d, `HTTPRouteFilter ${filter.metadata.name}: Host rewrite ${h.type} depends on the backend endpoint`);
    if (host !== undefined) {
      if (rw.appendXForwardedHost !== false) {
        fwd.headers.set('x-forwarded-host', fwd.host);
        fwd.touched.add('x-forwarded-host');
      }
      did.push(`Host ${fwd.host} → ${host}`);
      fwd.host = host;
    }
  }
  const dr = spec.directResponse;
  if (dr) {
    d.status = dr.statusCode ?? 200;
    if (dr.contentType) d.responseHeaders.set('content-type', dr.contentType);
    for (const x of dr.header?.set ?? []) d.responseHeaders.set(String(x.name).toLowerCase(), x.value);
    for (const x of dr.header?.add ?? []) d.responseHeaders.set(String(x.name).toLowerCase(), x.value);
    for (const x of dr.header?.remove ?? []) d.responseHeaders.set(String(x).toLowerCase(), '');
    if (dr.body?.type === 'ValueRef') notModeled(d, `HTTPRouteFilter ${filter.metadata.name}: the direct response body comes from a ConfigMap`);
    did.push(`direct response ${d.status}`);
  }
  if (spec.credentialInjection) notModeled(d, `HTTPRouteFilter ${filter.metadata.name}: credential injection from a Secret is not modeled`);
  return { detail: did.join('; ') || 'sets nothing', answered: dr !== undefined };
}
