/**
 * Canary annotations: `canary` and `canary-*`, parsed as ingress-nginx's
 * `internal/ingress/annotations/canary/main.go` does (bad values fall back to the defaults,
 * `canary-*` without `canary: "true"` is ignored), with the weight total of
 * `rootfs/etc/nginx/lua/balancer.lua` `route_to_alternative_balancer` (honoured only above 100).
 * A canary Ingress ignores its other annotations except load balancing and affinity ones
 * (`docs/user-guide/nginx-configuration/annotations.md#canary`): `keptOnCanary` says which. Internal.
 */
import { CanaryFeature } from '../features';
import { FamilyContext } from './context';
import { BASIC_CHARS, IS_VALID_REGEX } from './values';

/**
 * Whether a key still acts on a canary Ingress: `canary*` itself, `load-balance`,
 * `upstream-hash-by*`, `affinity*` and `session-cookie-*` (they configure the canary's own upstream).
 */
export function keptOnCanary(key: string): boolean {
  return key === 'canary' || key.startsWith('canary-') || key === 'load-balance' || key.startsWith('upstream-hash-by')
    || key === 'affinity' || key.startsWith('affinity-') || key.startsWith('session-cookie-');
}

/** The largest Gateway API backend weight. */
const GATEWAY_MAX_WEIGHT = 1_000_000;

/** Reads `canary` and `canary-*`; the canary settings when `canary: "true"`. */
export function parseCanary(ctx: FamilyContext): CanaryFeature | undefined {
  const enabled = ctx.bool('canary', 'uses false: the Ingress is served as a normal (non-canary) Ingress') ?? false;
  const keys = ctx.keysWithPrefix('canary-');
  if (!enabled) {
    for (const key of keys) ctx.noEffect(key, 'canary: "true"');
    return undefined;
  }
  const header = text(ctx, 'canary-by-header', BASIC_CHARS, 'a header name');
  let headerValue = text(ctx, 'canary-by-header-value', BASIC_CHARS, 'a header value of letters, digits and -._~:/');
  let headerPattern = text(ctx, 'canary-by-header-pattern', IS_VALID_REGEX, 'a regular expression of letters, digits, -._~:/ and regex characters');
  const cookie = text(ctx, 'canary-by-cookie', BASIC_CHARS, 'a cookie name');
  const weight = ctx.int('canary-weight', 'uses 0 (no weighted traffic)') ?? 0;
  let weightTotal = ctx.int('canary-weight-total', 'uses 100') ?? 100;
  if (weightTotal < 100) {
    ctx.invalid('canary-weight-total', `value ${weightTotal} is not above 100; ingress-nginx's balancer then uses 100 (canary-weight is out of 100), and so does IngressCompat`);
    weightTotal = 100;
  }
  // balancer.lua sends a request to the canary when math.random(total) <= weight: a negative
  // weight is 0 (never) and one above the total is the total (always).
  let weightShare = Math.min(Math.max(weight, 0), weightTotal);
  if (weightTotal > GATEWAY_MAX_WEIGHT) {
    // Gateway API backend weights stop at 1,000,000: keep the share, scaled to that total.
    const scaled = Math.round(weightShare * GATEWAY_MAX_WEIGHT / weightTotal);
    ctx.approximate('canary-weight-total', `${weightTotal} is above 1000000, the largest Gateway API backend weight; the canary's share ${weightShare}/${weightTotal} is scaled to ${scaled}/1000000`);
    weightShare = scaled;
    weightTotal = GATEWAY_MAX_WEIGHT;
  }
  if (header === undefined) {
    for (const key of ['canary-by-header-value', 'canary-by-header-pattern']) {
      if (ctx.has(key) && !ctx.noticed.has(key)) ctx.noEffect(key, 'canary-by-header');
    }
    headerValue = undefined;
    headerPattern = undefined;
  } else if (headerValue !== undefined && headerPattern !== undefined) {
    ctx.unsupported('canary-by-header-pattern', 'is ignored because canary-by-header-value is set (the value wins, as in ingress-nginx); remove one of them');
    headerPattern = undefined;
  }
  return {
    ...(header === undefined ? {} : { header }),
    ...(headerValue === undefined ? {} : { headerValue }),
    ...(headerPattern === undefined ? {} : { headerPattern }),
    ...(cookie === undefined ? {} : { cookie }),
    weight: weightShare,
    weightTotal,
  };
}

/** A string checked by an ingress-nginx validator (spaces removed first); a bad one is ignored. */
function text(ctx: FamilyContext, key: string, validator: RegExp, what: string): string | undefined {
  const value = ctx.string(key, 'nothing');
  if (value === undefined) return undefined;
  if (validator.test(value.replace(/ /g, ''))) return value;
  ctx.invalid(key, `value "${value}" is not ${what}; ingress-nginx ignores it`);
  return undefined;
}
