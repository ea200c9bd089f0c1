/**
 * Access control and rate limits into the behaviour set: client IP lists
 * (`internal/ingress/annotations/ipallowlist/main.go`, `ipdenylist/main.go`: a list that is not
 * all IPs/CIDRs denies the Ingress's locations with 503) and per-client limits
 * (`ratelimit/main.go`: a rate that is not a whole number drops the Ingress; a bad burst
 * multiplier falls back to 5; rejections use the ConfigMap's `limit-req-status-code`). Internal.
 */
import { FamilyContext } from './context';
import { parseCidrList, parseGoInt } from './values';

/** `ratelimit/main.go` `defBurst`. */
const DEFAULT_BURST_MULTIPLIER = 5;

/** Reads the IP lists. */
export function parseIpLists(ctx: FamilyContext): void {
  // `allowlist-source-range` has the alias `whitelist-source-range`, read when the former is empty.
  const allowKey = ctx.raw('allowlist-source-range') ? 'allowlist-source-range' : ctx.raw('whitelist-source-range') ? 'whitelist-source-range' : undefined;
  if (allowKey === 'allowlist-source-range' && ctx.raw('whitelist-source-range')) {
    ctx.unsupported('whitelist-source-range', 'is ignored because allowlist-source-range is set (the newer name wins, as in ingress-nginx); remove whitelist-source-range');
  }
  for (const [key, field] of [[allowKey, 'ipAllowList'], [ctx.raw('denylist-source-range') ? 'denylist-source-range' : undefined, 'ipDenyList']] as const) {
    if (key === undefined) continue;
    const value = ctx.raw(key)!;
    const { cidrs, bad } = parseCidrList(value);
    if (cidrs === undefined) {
      ctx.deny(key, `entry "${bad}" is not an IP address or CIDR (e.g. 10.0.0.0/8, 2001:db8::/32; no empty entries)`);
    } else {
      ctx.setBehavior(field, cidrs, [key]);
    }
  }
  for (const key of ['allowlist-source-range', 'whitelist-source-range', 'denylist-source-range']) {
    if (ctx.raw(key) === '') ctx.invalid(key, 'is empty; ingress-nginx ignores it (the ConfigMap list applies)');
  }
}

/** Reads `limit-rps`, `limit-rpm`, `limit-burst-multiplier` and `limit-connections`. */
export function parseRateLimits(ctx: FamilyContext): void {
  const rps = limit(ctx, 'limit-rps');
  const rpm = limit(ctx, 'limit-rpm');
  const connections = limit(ctx, 'limit-connections');
  let burst = DEFAULT_BURST_MULTIPLIER;
  let burstKey: string[] = [];
  const rawBurst = ctx.raw('limit-burst-multiplier');
  if (rawBurst !== undefined && (rps !== undefined || rpm !== undefined)) {
    const n = parseGoInt(rawBurst);
    if (n === undefined || n < 1) {
      ctx.invalid('limit-burst-multiplier', `value "${rawBurst}" is not a whole number above 0; ingress-nginx uses ${DEFAULT_BURST_MULTIPLIER}`);
    } else {
      burst = n;
      burstKey = ['limit-burst-multiplier'];
    }
  } else if (rawBurst !== undefined) {
    ctx.noEffect('limit-burst-multiplier', 'limit-rps or limit-rpm');
  }
  const rejectStatus = ctx.config.limitReqStatusCode;
  if (rps !== undefined) {
    ctx.setBehavior('rateLimit', { requestsPerSecond: rps, burstMultiplier: burst, rejectStatus }, ['limit-rps', ...burstKey]);
    if (rpm !== undefined) {
      ctx.unsupported('limit-rpm', `(${rpm} per minute) is not reproduced: ingress-nginx applies both limit-rps and limit-rpm, and a target carries one rate limit, so only limit-rps (${rps} per second) is kept. Drop one of them, or put the per-minute limit on another target`);
    }
  } else if (rpm !== undefined) {
    ctx.setBehavior('rateLimit', { requestsPerMinute: rpm, burstMultiplier: burst, rejectStatus }, ['limit-rpm', ...burstKey]);
  }
  if (connections !== undefined) ctx.setBehavior('connectionLimit', connections, ['limit-connections']);
}

/** A limit: a value that is not a whole number drops the Ingress; 0 is off; a negative one is ignored. */
function limit(ctx: FamilyContext, key: string): number | undefined {
  const raw = ctx.raw(key);
  if (raw === undefined) return undefined;
  const n = parseGoInt(raw);
  if (n === undefined) {
    ctx.reject(key, `value "${raw}" is not a whole number`);
    return undefined;
  }
  if (n < 0) ctx.invalid(key, `value ${n} is negative; ingress-nginx sets no limit for it, and neither does IngressCompat`);
  return n > 0 ? n : undefined;
}
