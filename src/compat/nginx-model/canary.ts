/*
 * Canary routing, as `rootfs/etc/nginx/lua/balancer.lua` `route_to_alternative_balancer`
 * decides it for the alternative backend of an upstream: header first (`canary-by-header`
 * with `-value`, else `-pattern`, else `always`/`never`), then cookie (`canary-by-cookie`
 * `always`/`never`), then weight (`math.random(total) <= weight`, total = `canary-weight-total`
 * when above 100). `never` stops the decision (primary). Internal.
 */
import { CanaryFeature } from '../features';
import { NginxRequest } from './request';

/** The canary decision for one request. */
export interface CanaryDecision {
  /** Share of requests the canary gets (1 = always, 0 = never). */
  readonly canaryShare: number;
  /** Share of requests the primary gets (`1 - canaryShare`, computed from the weights to stay exact). */
  readonly primaryShare: number;
  /** Why, for the decision path. */
  readonly reason: string;
  /** The canary annotation keys that decided. */
  readonly keys: string[];
}

const toCanary = (reason: string, keys: string[]): CanaryDecision => ({ canaryShare: 1, primaryShare: 0, reason, keys });
const toPrimary = (reason: string, keys: string[]): CanaryDecision => ({ canaryShare: 0, primaryShare: 1, reason, keys });

/** Decides whether a request goes to the canary. */
export function decideCanary(canary: CanaryFeature, request: NginxRequest): CanaryDecision {
  const value = canary.header === undefined ? undefined : request.headers.get(canary.header.toLowerCase());
  if (canary.header !== undefined && value !== undefined) {
    const header = canary.header;
    if (canary.headerValue !== undefined) {
      if (value === canary.headerValue) return toCanary(`header ${header} equals canary-by-header-value "${canary.headerValue}"`, ['canary-by-header', 'canary-by-header-value']);
    } else if (canary.headerPattern !== undefined) {
      const keys = ['canary-by-header', 'canary-by-header-pattern'];
      let re: RegExp;
      try {
        re = new RegExp(canary.headerPattern);
      } catch {
        return toPrimary(`canary-by-header-pattern "${canary.headerPattern}" does not compile: primary (balancer.lua logs the error)`, keys);
      }
      if (re.test(value)) return toCanary(`header ${header} "${value}" matches canary-by-header-pattern "${canary.headerPattern}"`, keys);
    } else if (value === 'always') {
      return toCanary(`header ${header}: always`, ['canary-by-header']);
    } else if (value === 'never') {
      return toPrimary(`header ${header}: never (primary, cookie and weight not consulted)`, ['canary-by-header']);
    }
  }
  if (canary.cookie !== undefined) {
    const cookie = request.cookies.get(canary.cookie);
    if (cookie === 'always') return toCanary(`cookie ${canary.cookie}=always`, ['canary-by-cookie']);
    if (cookie === 'never') return toPrimary(`cookie ${canary.cookie}=never (primary, weight not consulted)`, ['canary-by-cookie']);
  }
  const total = canary.weightTotal > 0 ? canary.weightTotal : 100;
  const keys = canary.weight > 0 ? ['canary-weight', ...(canary.weightTotal !== 100 ? ['canary-weight-total'] : [])] : [];
  return { canaryShare: canary.weight / total, primaryShare: (total - canary.weight) / total, reason: `weight ${canary.weight}/${total}`, keys };
}
