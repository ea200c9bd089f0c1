import { Duration } from 'cdk8s';
import { upstreamBackend } from './backend-tls';
import { addCanaryRules } from './canary';
import { RuleContext, notice, resolveBackend } from './context';
import { canaryRuleFieldsNotice, experimentalRuleFields } from './experimental';
import { mirrorFilter } from './mirror';
import { checkPreciseHostname } from '../../core/formats';
import { CorsPreset } from '../../helpers/cors-preset';
import { UrlRedirect } from '../../helpers/redirects';
import * as eg from '../../profiles/envoy-gateway';
import { re2CaptureGroups } from '../../profiles/envoy-gateway/hrf-re2';
import { ProfileName } from '../../profiles/verdicts';
import { HttpFilter, PathModifier } from '../../routes/http-filter';
import { HttpMethod, HttpRouteMatch, PathMatch } from '../../routes/http-match';
import { HttpRoute, HttpRouteRule } from '../../routes/http-route';
import { IngressFeatures } from '../features';
import { IngressModel } from '../model';
import { NoticeStatus } from '../notices';
import { LocationPlan } from '../plan/hosts';
import { PathMatchKind, RegexDialect, planPath, re2Incompatibility, regexValue } from '../plan/paths';

/** The match of a location, as ingress-nginx matches it. */
export function locationMatch(ctx: RuleContext, loc: LocationPlan): HttpRouteMatch {
  const planned = planPath(loc.path, loc.pathType, ctx.regexMode);
  if (planned.kind === PathMatchKind.EXACT) return { path: PathMatch.exact(loc.path) };
  if (planned.kind === PathMatchKind.PREFIX) return { path: PathMatch.prefix(loc.path) };
  return { path: PathMatch.regex(regexValue(loc.path, ctx.dialect)) };
}

/**
 * Why a path cannot be a Gateway API match (a Prefix or Exact path with characters Gateway API
 * rejects, a regular expression the implementation's dialect rejects), and what to do.
 */
function unmatchablePath(ctx: RuleContext, loc: LocationPlan, error: string): string {
  const reason = error.replace(/^PathMatch\.\w+: /, '');
  const fix = ctx.regexMode
    ? 'fix the regular expression'
    : 'write it with RFC 3986 path characters only (ingress-nginx\'s default strict-validate-path-type also refuses regex characters on Exact and Prefix paths), or set use-regex: "true" to match it as a regular expression';
  return `path ${loc.path} (${loc.pathType}${ctx.regexMode ? ', regex mode' : ''}) cannot be a Gateway API path match: ${reason}; ${fix} (path skipped)`;
}

/**
 * Adds the rules of one location to the route: a redirect, or the backend with its filters
 * (rewrite, upstream-vhost, X-Forwarded-Prefix, CORS), or a canary split.
 */
export function addLocationRules(ctx: RuleContext, route: HttpRoute, loc: LocationPlan, index: number): void {
  const { owner, features } = loc;
  const prefixRewrite = prefixIdiomOf(ctx, loc.path, features.rewriteTarget);
  const where = `path ${loc.path}`;
  let match: HttpRouteMatch;
  try {
    match = prefixRewrite ? { path: PathMatch.prefix(prefixRewrite) } : locationMatch(ctx, loc);
  } catch (e) {
    ctx.log.append({ ingress: owner.id, status: NoticeStatus.UNSUPPORTED, message: unmatchablePath(ctx, loc, (e as Error).message) });
    return;
  }
  if (ctx.regexMode && ctx.dialect === RegexDialect.RE2_FULL_MATCH) {
    const bad = re2Incompatibility(loc.path);
    if (bad) ctx.log.append({ ingress: owner.id, status: NoticeStatus.UNSUPPORTED, message: `${where} uses ${bad}, which RE2 (Envoy) regular expressions do not have; the route would be rejected: rewrite the path without it (path skipped)` });
    if (bad) return;
  }

  addTrailingSlashRedirect(ctx, route, loc);

  if (features.locationDenied !== undefined) {
    if (ctx.profile.name === ProfileName.ENVOY_GATEWAY) {
      const deny = new eg.HttpRouteFilter(ctx.scope, `Denied-${route.node.id}-${index}`, { metadata: { namespace: owner.namespace }, directResponse: { statusCode: 503 } });
      route.addRule({ matches: [match], filters: [HttpFilter.extension(deny)] });
      ctx.log.append({ ingress: owner.id, status: NoticeStatus.TRANSLATED, message: `${where} answers 503, as ingress-nginx denies the location: ${features.locationDenied}` });
    } else {
      ctx.log.append({ ingress: owner.id, status: NoticeStatus.APPROXIMATE, message: `${where} is left out (404), where ingress-nginx answers 503 because ${features.locationDenied}; standard Gateway API has no fixed-status response` });
    }
    return;
  }

  const redirect = features.temporalRedirect ?? features.permanentRedirect;
  if (redirect) {
    const key = features.temporalRedirect ? 'temporal-redirect' : 'permanent-redirect';
    try {
      const factory = features.temporalRedirect ? UrlRedirect.temporal : UrlRedirect.permanent;
      const rule = factory(redirect.url, { matches: [match], statusCode: redirect.code });
      route.addRule(rule);
      notice(ctx.log, owner, key, NoticeStatus.APPROXIMATE, `${redirect.code} to ${redirect.url} (RequestRedirect); Gateway API implementations keep the request's query string, which ingress-nginx drops`);
    } catch (e) {
      notice(ctx.log, owner, key, NoticeStatus.UNSUPPORTED, `${(e as Error).message.replace(/^[^:]+: /, '')}; the path is not redirected`);
    }
    return;
  }

  const resolved = resolveBackend(ctx, owner, loc.backend, where);
  if (resolved === undefined) return;
  const stable = upstreamBackend(ctx, owner, features, resolved, route);
  const filters = locationFilters(ctx, route, owner, features, loc);
  if (filters === undefined) return;

  const canary = loc.canaries[0];
  const canaryResolved = canary ? resolveBackend(ctx, canary.ingress, canary.backend, `canary ${where}`, owner.namespace) : undefined;
  const canaryBackend = canaryResolved ? upstreamBackend(ctx, canary.ingress, canary.features, canaryResolved, route) : undefined;
  if (canary && canaryBackend && canary.features.canary) {
    addCanaryRules(ctx, route, loc, { stable, canary: canaryBackend, match, filters, index });
    canaryRuleFieldsNotice(ctx, owner, features, loc.path);
    return;
  }
  route.addRule({ matches: [match], filters, backends: [stable], ...experimentalRuleFields(ctx, owner, features) });
}

/**
 * nginx's automatic redirect of a Prefix path ending in `/`: ingress-nginx renders `/api/` as
 * `location /api/` with `proxy_pass`, so nginx answers a request for `/api` with 301 to `/api/`
 * (query kept; `ngx_http_core_find_location` `auto_redirect`; ingress-nginx
 * `docs/user-guide/ingress-path-matching.md`), where a Gateway API PathPrefix `/api/` matches
 * `/api` itself. Reproduced as an Exact `/api` rule with a 301 RequestRedirect to `/api/`;
 * undefined when the host has a location for `/api` (its `location = /api` takes the request),
 * is in regex mode (`location ~* "^/api/"` does not match `/api`), or the path is not such a
 * Prefix path. nginx redirects before its rewrite phase, so a host's HTTP → HTTPS redirect route
 * needs the same rule to match ingress-nginx on plain HTTP.
 */
export function trailingSlashRedirectRule(ctx: RuleContext, loc: LocationPlan): HttpRouteRule | undefined {
  if (ctx.regexMode || loc.pathType === 'Exact' || loc.path.length < 3 || !loc.path.endsWith('/')) return undefined;
  const bare = loc.path.slice(0, -1);
  if (bare.endsWith('/') || (ctx.hostLocations ?? [loc]).some(l => l.path === bare)) return undefined;
  try {
    return {
      matches: [{ path: PathMatch.exact(bare) }],
      filters: [HttpFilter.requestRedirect({ path: PathModifier.replaceFullPath(loc.path), statusCode: 301 })],
    };
  } catch {
    return undefined; // the path itself cannot be a match either (its own notice says so)
  }
}

/** The trailing-slash notices already logged, per log (a location's rules go on each copy of its route). */
const SLASH_NOTICES = new WeakMap<object, Set<string>>();

/** Adds `trailingSlashRedirectRule` to the location's route, with a notice (once per Ingress and path). */
function addTrailingSlashRedirect(ctx: RuleContext, route: HttpRoute, loc: LocationPlan): void {
  const rule = trailingSlashRedirectRule(ctx, loc);
  if (rule === undefined) return;
  route.addRule(rule);
  const bare = loc.path.slice(0, -1);
  const logged = SLASH_NOTICES.get(ctx.log) ?? new Set<string>();
  SLASH_NOTICES.set(ctx.log, logged);
  if (logged.has(`${loc.owner.id} ${loc.path}`)) return;
  logged.add(`${loc.owner.id} ${loc.path}`);
  ctx.log.append({
    ingress: loc.owner.id,
    status: NoticeStatus.TRANSLATED,
    message: `path ${loc.path}: a request for ${bare} gets nginx's automatic 301 to ${loc.path} (Exact ${bare} with a RequestRedirect)`,
  });
}

/**
 * The prefix of ingress-nginx's common rewrite idiom `path: /foo(/|$)(.*)` with
 * `rewrite-target: /$2`, which standard Gateway API expresses exactly as PathPrefix `/foo` with
 * ReplacePrefixMatch `/`; undefined for anything else.
 */
export function prefixRewriteOf(path: string, target: string | undefined): string | undefined {
  if (target !== '/$2') return undefined;
  const m = /^(\/[A-Za-z0-9._~\-/]*?)\(\/\|\$\)\(\.\*\)$/.exec(path);
  return m && m[1].length > 1 && !m[1].endsWith('/') ? m[1] : undefined;
}

/**
 * The prefix of the rewrite idiom when it is emitted as PathPrefix + ReplacePrefixMatch: not on
 * Envoy Gateway, where the idiom stays a RegularExpression match with the HTTPRouteFilter regex
 * rewrite. Every other path of the host is a RegularExpression match (regex mode), and Envoy
 * Gateway ranks any RegularExpression match above any PathPrefix (`internal/gatewayapi/sort.go`),
 * so a PathPrefix would lose `/api/x` to the host's `(?i)/.*`.
 */
function prefixIdiomOf(ctx: RuleContext, path: string, target: string | undefined): string | undefined {
  return ctx.profile.name === ProfileName.ENVOY_GATEWAY ? undefined : prefixRewriteOf(path, target);
}

/**
 * The other locations of the host that also match requests under the idiom's prefix (their
 * RegularExpression matches, case-insensitive and anchored at the start, match `<prefix>` or
 * `<prefix>/x`): where an implementation ranks RegularExpression above PathPrefix, they take
 * those requests from the PathPrefix rule.
 */
function rivalsOfPrefix(ctx: RuleContext, loc: LocationPlan, prefix: string): LocationPlan[] {
  return (ctx.hostLocations ?? []).filter(other => {
    if (other === loc) return false;
    try {
      const re = new RegExp(`^(?:${other.path})`, 'i');
      return re.test(prefix) || re.test(`${prefix}/x`);
    } catch {
      return true; // not a JavaScript regex: it may match
    }
  });
}

/** What the PathPrefix + ReplacePrefixMatch form of the idiom can get wrong, for its notice. */
function prefixIdiomCaveat(ctx: RuleContext, loc: LocationPlan, prefix: string): string {
  const rivals = rivalsOfPrefix(ctx, loc, prefix);
  if (rivals.length === 0) return '';
  const who = rivals.map(r => `${r.path} (Ingress ${r.owner.id})`).join(', ');
  const ranking = ctx.profile.name === ProfileName.NGINX_GATEWAY_FABRIC
    ? 'NGINX Gateway Fabric renders RegularExpression matches as nginx regex locations (`location ~`), which nginx prefers to any prefix location'
    : 'Gateway API leaves the precedence of RegularExpression matches to the implementation, and Envoy-based ones (Envoy Gateway) and NGINX Gateway Fabric rank them above every PathPrefix';
  return `; the host is in regex mode, so its other paths are RegularExpression matches, and ${ranking}: requests for ${prefix} and ${prefix}/… then go to ${who} instead of this path, where ingress-nginx (first matching regex location, longest path first) sends them here — on Envoy Gateway use the envoy-gateway profile (a RegularExpression match with an HTTPRouteFilter regex rewrite)`;
}

/** The methods Gateway API's CORS filter accepts. */
const KNOWN_METHODS: ReadonlySet<string> = new Set(Object.values(HttpMethod));

/** The names once each, the first spelling kept (header names are case-insensitive). */
function uniqueIgnoringCase(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter(n => !seen.has(n.toLowerCase()) && seen.add(n.toLowerCase()) !== undefined);
}

/** The filters of a location; undefined when the location cannot be expressed (with a notice). */
export function locationFilters(ctx: RuleContext, route: HttpRoute, owner: IngressModel, features: IngressFeatures,
  loc: LocationPlan): HttpFilter[] | undefined {
  const filters: HttpFilter[] = [];
  const target = features.rewriteTarget;
  let rewritten = false;
  let hostname: string | undefined = features.upstreamVhost;
  const vhostError = hostname === undefined ? undefined : checkPreciseHostname(hostname);
  if (vhostError !== undefined) {
    notice(ctx.log, owner, 'upstream-vhost', NoticeStatus.UNSUPPORTED, `${vhostError}, and URLRewrite can only set such a Host; nginx sends "${hostname}" as written; write a DNS name (the Host is sent unchanged)`);
    hostname = undefined;
  }
  if (target !== undefined && target !== loc.path) {
    const captures = /\$[0-9]/.test(target);
    const idiom = prefixIdiomOf(ctx, loc.path, target);
    if (idiom !== undefined) {
      filters.push(HttpFilter.urlRewrite({ path: PathModifier.replacePrefixMatch('/'), hostname }));
      hostname = undefined;
      rewritten = true;
      notice(ctx.log, owner, 'rewrite-target', NoticeStatus.APPROXIMATE, `${loc.path} with ${target}: the prefix is replaced by / (PathPrefix match with URLRewrite ReplacePrefixMatch); the match is case-sensitive, where nginx's regex location also matches other letter cases${prefixIdiomCaveat(ctx, loc, idiom)}`);
    } else if (/^https?:\/\//i.test(target)) {
      notice(ctx.log, owner, 'rewrite-target', NoticeStatus.UNSUPPORTED, `"${target}" is an absolute URL, which nginx answers with a 302 redirect; use permanent-redirect or temporal-redirect to express it`);
    } else if (!target.startsWith('/')) {
      notice(ctx.log, owner, 'rewrite-target', NoticeStatus.UNSUPPORTED, `"${target}" is not an absolute path (nor a URL), which nginx sends upstream as written and Gateway API cannot; write it with a leading / (the path is sent unchanged)`);
    } else if (!captures) {
      filters.push(HttpFilter.urlRewrite({ path: PathModifier.replaceFullPath(target), hostname }));
      hostname = undefined;
      rewritten = true;
      notice(ctx.log, owner, 'rewrite-target', NoticeStatus.TRANSLATED, `the whole path becomes ${target} (URLRewrite ReplaceFullPath)`);
    } else if (ctx.profile.name === ProfileName.ENVOY_GATEWAY) {
      // nginx substitutes an empty string for a group the pattern lacks; RE2 refuses the reference.
      const groups = re2CaptureGroups(`(?:${loc.path})`);
      const substitution = target.replace(/\$([0-9])/g, (_, n: string) => (Number(n) <= groups ? `\\${n}` : ''));
      const filter = new eg.HttpRouteFilter(ctx.scope, `Rewrite-${route.node.id}-${filters.length}-${loc.path.length}-${route.ruleCount}`, {
        metadata: { namespace: owner.namespace },
        regexRewrite: { pattern: `(?i)^(?:${loc.path}).*`, substitution },
      });
      filters.push(HttpFilter.extension(filter));
      rewritten = true;
      notice(ctx.log, owner, 'rewrite-target', NoticeStatus.TRANSLATED, `${target} with capture groups (Envoy Gateway HTTPRouteFilter ReplaceRegexMatch, substitution ${substitution})`);
    } else {
      notice(ctx.log, owner, 'rewrite-target', NoticeStatus.UNSUPPORTED, `"${target}" uses capture groups, which standard Gateway API cannot express (URLRewrite replaces a whole path or a prefix); use the envoy-gateway profile (HTTPRouteFilter) or rewrite the path without captures; the path is sent unchanged`);
    }
  }
  if (hostname !== undefined) {
    filters.push(HttpFilter.urlRewrite({ hostname }));
  }
  if (features.upstreamVhost !== undefined) {
    notice(ctx.log, owner, 'upstream-vhost', NoticeStatus.TRANSLATED, `Host sent to the backend: ${features.upstreamVhost} (URLRewrite hostname)`);
  }
  if (features.xForwardedPrefix !== undefined) {
    if (rewritten) {
      filters.push(HttpFilter.requestHeaderModifier({ set: { 'X-Forwarded-Prefix': features.xForwardedPrefix } }));
      notice(ctx.log, owner, 'x-forwarded-prefix', NoticeStatus.TRANSLATED, 'X-Forwarded-Prefix set with the rewrite (RequestHeaderModifier)');
    } else {
      notice(ctx.log, owner, 'x-forwarded-prefix', NoticeStatus.TRANSLATED, 'no effect without an active rewrite-target, as in ingress-nginx; nothing emitted');
    }
  }
  if (features.cors) {
    const c = features.cors;
    const methods = [...new Set(c.allowMethods.map(m => m.toUpperCase()))];
    const allowMethods = methods.filter((m): m is HttpMethod => KNOWN_METHODS.has(m));
    const dropped = methods.filter(m => !KNOWN_METHODS.has(m));
    if (dropped.length > 0) {
      notice(ctx.log, owner, 'cors-allow-methods', NoticeStatus.APPROXIMATE, `Gateway API's CORS filter lists standard methods only (${[...KNOWN_METHODS].join(', ')}); ${dropped.join(', ')} left out`);
    }
    filters.push(CorsPreset.filter({
      allowOrigins: c.allowOrigins,
      allowMethods,
      allowHeaders: uniqueIgnoringCase(c.allowHeaders),
      exposeHeaders: c.exposeHeaders.length > 0 ? uniqueIgnoringCase(c.exposeHeaders) : undefined,
      allowCredentials: c.allowCredentials,
      maxAge: Duration.seconds(c.maxAge),
    }));
    // ingress-nginx answers the preflight in the rewrite phase, before `redirect_to_https` (rewrite_by_lua).
    const redirected = ctx.httpRedirectCode === undefined ? ''
      : `; a preflight (OPTIONS) on plain HTTP gets the host's HTTPS redirect (${ctx.httpRedirectCode}) from the Gateway, where ingress-nginx answers it (204) before redirecting`;
    // cors.tmpl: ingress-nginx adds every CORS header to every response of an allowed origin (the redirect included).
    notice(ctx.log, owner, 'enable-cors', NoticeStatus.APPROXIMATE, 'CORS filter with the cors-* values; Gateway API echoes the Origin where ingress-nginx sends `*` with credentials, '
      + 'and answers only real preflights locally (docs/ingress-nginx.md#corspreset); on other responses to an allowed origin the Gateway sends Access-Control-Allow-Origin, '
      + '-Allow-Credentials and -Expose-Headers only, where ingress-nginx also sends -Allow-Methods, -Allow-Headers and -Max-Age (on its redirects too)' + redirected);
  }
  const mirror = mirrorFilter(ctx, owner, features.mirrorTarget);
  if (mirror) filters.push(mirror);
  return filters;
}
