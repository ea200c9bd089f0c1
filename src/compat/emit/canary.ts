import { RuleContext, notice } from './context';
import { Backend } from '../../core/backend';
import { checkHeaderName } from '../../core/formats';
import { safeName } from '../../core/names';
import { CanaryCookieFilters, CanaryHeader, CanarySplit } from '../../helpers/canary-split';
import * as eg from '../../profiles/envoy-gateway';
import { ProfileName } from '../../profiles/verdicts';
import { HttpFilter } from '../../routes/http-filter';
import { HttpRouteMatch } from '../../routes/http-match';
import { HttpRoute } from '../../routes/http-route';
import { CanaryFeature } from '../features';
import { IngressModel } from '../model';
import { NoticeStatus } from '../notices';
import { LocationPlan } from '../plan/hosts';

/** What the rules of a canary location share with the location's own rule. */
export interface CanaryRuleInput {
  readonly stable: Backend;
  readonly canary: Backend;
  readonly match: HttpRouteMatch;
  readonly filters: HttpFilter[];
  /** The location's index on its route (for unique construct ids). */
  readonly index: number;
}

/**
 * The rules of a location with a canary Ingress (ingress-nginx `balancer.lua`
 * `route_to_alternative_balancer`: header, then cookie, then weight) through `CanarySplit`,
 * with the canary Ingress's notices. On Envoy Gateway the cookie is matched by an
 * HTTPRouteFilter (`matches[].cookies`, exact value) instead of a regex on the Cookie header.
 */
export function addCanaryRules(ctx: RuleContext, route: HttpRoute, loc: LocationPlan, input: CanaryRuleInput): void {
  const canary = loc.canaries[0];
  const where = `canary of ${loc.owner.id} on path ${loc.path}`;
  const parsed = canary.features.canary!;
  const header = canaryHeader(ctx, canary.ingress, parsed, where);
  const cookieError = parsed.cookie === undefined ? undefined : checkHeaderName(parsed.cookie);
  if (cookieError !== undefined) {
    notice(ctx.log, canary.ingress, 'canary-by-cookie', NoticeStatus.UNSUPPORTED,
      `${where}: ${cookieError.replace('header name', 'cookie name')}, which Gateway API cannot match; use a cookie name of letters, digits and -_. (the cookie is not matched; the header and weight still apply)`);
  }
  const c = { ...parsed, cookie: cookieError === undefined ? parsed.cookie : undefined };
  const eg1 = ctx.profile.name === ProfileName.ENVOY_GATEWAY;
  const cookieFilters = c.cookie !== undefined && eg1
    ? cookieMatchFilters(ctx, route, route.namespace ?? loc.owner.namespace, c.cookie, input.index)
    : undefined;
  new CanarySplit(ctx.scope, `Canary-${route.node.id}-${input.index}`, {
    route,
    stable: input.stable,
    canary: input.canary,
    header,
    cookie: c.cookie,
    cookieFilters,
    weight: c.weight,
    weightTotal: c.weightTotal > 100 ? c.weightTotal : undefined,
    matches: [input.match],
    filters: input.filters,
  });
  for (const key of canary.ingress.nginx.keys()) {
    if (key === 'canary-by-cookie' && c.cookie !== undefined) {
      if (cookieFilters !== undefined) {
        notice(ctx.log, canary.ingress, key, NoticeStatus.TRANSLATED, `${where}: cookie ${c.cookie} \`always\` → canary, \`never\` → main, after the header and before the weight (Envoy Gateway HTTPRouteFilter matches[].cookies, exact value, referenced from the cookie rules)`);
      } else {
        notice(ctx.log, canary.ingress, key, NoticeStatus.APPROXIMATE, `${where}: cookie ${c.cookie} \`always\` → canary, \`never\` → main, after the header and before the weight, as a RegularExpression match on the Cookie header (implementation-specific dialect); nginx matches the cookie name case-insensitively, the regex does not; the envoy-gateway profile matches the cookie itself`);
      }
    } else if (key === 'canary-by-header-pattern' && c.headerPattern !== undefined && c.headerValue === undefined && !eg1) {
      notice(ctx.log, canary.ingress, key, NoticeStatus.APPROXIMATE, `${where}: header ${c.header} matching ${c.headerPattern} → canary, as a RegularExpression header match .*(?:${c.headerPattern}).*; the regex dialect of header matches is implementation-specific, not nginx's PCRE`);
    } else if (key === 'canary' || key.startsWith('canary-')) {
      notice(ctx.log, canary.ingress, key, NoticeStatus.TRANSLATED, `${where}: header, then cookie, then weight (CanarySplit rules)`);
    }
  }
}

/**
 * The canary header match, or undefined (with a notice on the key at fault) when Gateway API
 * cannot match the header name or pattern that ingress-nginx's lenient validators let through.
 */
function canaryHeader(ctx: RuleContext, ingress: IngressModel, c: CanaryFeature, where: string): CanaryHeader | undefined {
  if (c.header === undefined) return undefined;
  const key = c.headerValue === undefined && c.headerPattern !== undefined && checkHeaderName(c.header) === undefined ? 'canary-by-header-pattern' : 'canary-by-header';
  try {
    if (c.headerValue !== undefined) return CanaryHeader.exactValue(c.header, c.headerValue);
    if (c.headerPattern !== undefined) return CanaryHeader.pattern(c.header, c.headerPattern);
    return CanaryHeader.alwaysOrNever(c.header);
  } catch (e) {
    const reason = (e as Error).message.replace(/^CanaryHeader\.\w+: /, '');
    notice(ctx.log, ingress, key, NoticeStatus.UNSUPPORTED, `${where}: ${reason}, which Gateway API cannot match; fix the ${key === 'canary-by-header' ? 'header name' : 'pattern'} (the header is not matched; the cookie and weight still apply)`);
    return undefined;
  }
}

/** The Envoy Gateway HTTPRouteFilters that match cookie `name` = `always` / `never`. */
function cookieMatchFilters(ctx: RuleContext, route: HttpRoute, namespace: string, name: string, index: number): CanaryCookieFilters {
  const filter = (value: string) => {
    const f = new eg.HttpRouteFilter(ctx.scope, `CanaryCookie-${route.node.id}-${index}-${value}`, {
      metadata: { name: safeName(`${route.name}-canary-${index}-${value}`, 253, [route.name, String(index), value]), namespace },
      cookieMatches: [eg.CookieMatch.exact(name, value)],
    });
    return HttpFilter.extension(f);
  };
  return { always: filter('always'), never: filter('never') };
}
