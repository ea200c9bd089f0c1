/**
 * Proxy behaviour annotations into the behaviour set: body size, timeouts, retries, response
 * buffering (`internal/ingress/annotations/proxy/main.go`: every bad value falls back to the
 * ConfigMap value), load balancing (`loadbalancing/main.go`, `balancer.lua`
 * `get_implementation`) and consistent hashing (`upstreamhashby/main.go`). The ConfigMap
 * defaults (`internal/ingress/controller/config/config.go` `NewDefault()`) fill every behaviour
 * without an annotation, with no source key. Keys without a behaviour (`proxy-buffer-size`,
 * `proxy-request-buffering`, `service-upstream`, …) are left to the annotation table. Internal.
 */
import { Duration, Size } from 'cdk8s';
import { FamilyContext } from './context';
import { NGINX_VARIABLE, parseNginxSize } from './values';
import { LoadBalancingAlgorithm, RetryBehavior, RetryCondition } from '../../profiles/behaviors';

/** `proxy/main.go` `validUpstreamAnnotation`. */
const NEXT_UPSTREAM = /^((error|timeout|invalid_header|http_500|http_502|http_503|http_504|http_403|http_404|http_429|non_idempotent|off)\s?)+$/;
const CONDITIONS = Object.values(RetryCondition) as string[];

/** Sets the ConfigMap defaults and reads the proxy annotations into `ctx.behaviors`. */
export function parseProxy(ctx: FamilyContext): void {
  const c = ctx.config;
  const defaultBody = parseNginxSize(c.proxyBodySize) ?? Size.mebibytes(1);
  const body = ctx.string('proxy-body-size', `the ConfigMap value (${c.proxyBodySize})`);
  const size = body === undefined ? undefined : parseNginxSize(body);
  if (body !== undefined && size === undefined) {
    ctx.invalid('proxy-body-size', `value "${body}" is not an nginx size (digits and an optional k, m or g, e.g. 8m); ingress-nginx uses the ConfigMap value (${c.proxyBodySize})`);
  }
  ctx.setBehavior('bodySizeLimit', size ?? defaultBody, size === undefined ? [] : ['proxy-body-size']);

  seconds(ctx, 'connectTimeout', 'proxy-connect-timeout', c.proxyConnectTimeout);
  seconds(ctx, 'readTimeout', 'proxy-read-timeout', c.proxyReadTimeout);
  seconds(ctx, 'sendTimeout', 'proxy-send-timeout', c.proxySendTimeout);
  ctx.setBehavior('requestTimeout', Duration.seconds(0), []);
  retries(ctx);

  let buffering = c.proxyBuffering;
  const rawBuffering = ctx.string('proxy-buffering', `the ConfigMap value (${c.proxyBuffering ? 'on' : 'off'})`);
  if (rawBuffering === 'on' || rawBuffering === 'off') buffering = rawBuffering === 'on';
  else if (rawBuffering !== undefined) ctx.invalid('proxy-buffering', `value "${rawBuffering}" is not on or off; ingress-nginx uses the ConfigMap value (${c.proxyBuffering ? 'on' : 'off'})`);
  ctx.setBehavior('proxyBuffering', buffering, rawBuffering === 'on' || rawBuffering === 'off' ? ['proxy-buffering'] : []);

  ctx.setBehavior('requestId', c.generateRequestId, []);
  if (c.hsts) {
    ctx.setBehavior('hsts', { maxAge: Duration.seconds(c.hstsMaxAge), includeSubDomains: c.hstsIncludeSubdomains, preload: c.hstsPreload }, []);
  }
}

/** The longest time an nginx timer directive takes, in seconds (`ngx_parse_time`: at most 2^31-1 ms). */
const NGINX_MAX_TIMER_SECONDS = Math.floor(0x7fffffff / 1000);

function seconds(ctx: FamilyContext, field: 'connectTimeout' | 'readTimeout' | 'sendTimeout', key: string, fallback: number): void {
  let value = ctx.int(key, `uses the ConfigMap value (${fallback})`);
  if (value !== undefined && value < 0) {
    ctx.invalid(key, `value ${value} is negative; nginx refuses it, so IngressCompat uses the ConfigMap value (${fallback})`);
    value = undefined;
  } else if (value !== undefined && value > NGINX_MAX_TIMER_SECONDS) {
    ctx.invalid(key, `value ${value} is above ${NGINX_MAX_TIMER_SECONDS} s (nginx's timer limit, 2^31-1 ms, about 24.8 days); nginx refuses it, so IngressCompat uses the ConfigMap value (${fallback})`);
    value = undefined;
  }
  ctx.setBehavior(field, Duration.seconds(value ?? fallback), value === undefined ? [] : [key]);
}

/** `proxy-next-upstream` and `proxy-next-upstream-tries` (`template.go` `buildNextUpstream`). */
function retries(ctx: FamilyContext): void {
  const c = ctx.config;
  const sources: string[] = [];
  let tokens = c.proxyNextUpstream;
  const raw = ctx.string('proxy-next-upstream', `the ConfigMap value (${c.proxyNextUpstream.join(' ')})`);
  if (raw !== undefined) {
    if (NEXT_UPSTREAM.test(raw)) {
      tokens = raw.split(/\s+/).filter(t => t.length > 0);
      sources.push('proxy-next-upstream');
    } else {
      ctx.invalid('proxy-next-upstream', `value "${raw}" is not a space-separated list of error, timeout, invalid_header, http_500, http_502, http_503, http_504, http_403, http_404, http_429, non_idempotent, off; ingress-nginx uses the ConfigMap value (${c.proxyNextUpstream.join(' ')})`);
    }
  }
  let tries = ctx.int('proxy-next-upstream-tries', `uses the ConfigMap value (${c.proxyNextUpstreamTries})`);
  if (tries !== undefined && (tries < 1 || tries > 100)) {
    ctx.invalid('proxy-next-upstream-tries', `value ${tries} is not from 1 to 100 (nginx reads 0 as "no limit", which a tries count cannot express); IngressCompat uses the ConfigMap value (${c.proxyNextUpstreamTries})`);
    tries = undefined;
  }
  if (tries !== undefined) sources.push('proxy-next-upstream-tries');
  let behavior: RetryBehavior;
  if (tokens.includes('off')) {
    behavior = { tries: 1, conditions: [], retryNonIdempotent: false };
  } else {
    behavior = {
      tries: tries ?? c.proxyNextUpstreamTries,
      conditions: tokens.filter(t => CONDITIONS.includes(t)) as RetryCondition[],
      retryNonIdempotent: tokens.includes('non_idempotent'),
    };
  }
  ctx.setBehavior('retries', behavior, sources);
}

/**
 * `load-balance` and `upstream-hash-by`, after affinity (`balancer.lua` `get_implementation`:
 * cookie affinity, then `upstream-hash-by`, then `load-balance`). `affinity` is true when a
 * cookie affinity is set.
 */
export function parseLoadBalancing(ctx: FamilyContext, affinity: boolean): void {
  const defaultAlgorithm = algorithmOf(ctx.config.loadBalance) ?? LoadBalancingAlgorithm.ROUND_ROBIN;
  const hash = ctx.string('upstream-hash-by', 'no consistent hashing');
  let hashKey: string | undefined;
  if (hash !== undefined) {
    if (!NGINX_VARIABLE.test(hash)) {
      ctx.reject('upstream-hash-by', `value "${hash}" has characters other than letters, digits, -, _, $, { and }`);
    } else if (affinity) {
      ctx.unsupported('upstream-hash-by', 'is overridden by affinity: cookie (affinity wins, as in ingress-nginx); remove one of them');
    } else if (/^\$[A-Za-z0-9_]+$/.test(hash)) {
      hashKey = hash;
    } else {
      ctx.unsupported('upstream-hash-by', `value "${hash}" is not one nginx variable ($remote_addr, $request_uri, $http_x_user, $cookie_session, …); the profiles hash on one request attribute only. Use a single variable`);
    }
  }
  const lb = ctx.string('load-balance', `the ConfigMap value (${ctx.config.loadBalance})`);
  let algorithm: LoadBalancingAlgorithm | undefined;
  let fallback = defaultAlgorithm;
  if (lb !== undefined) {
    if (!/^[a-z_]+$/.test(lb)) {
      ctx.reject('load-balance', `value "${lb}" is not an algorithm name (round_robin or ewma)`);
    } else if (affinity || hashKey !== undefined) {
      ctx.unsupported('load-balance', `is overridden by ${affinity ? 'affinity: cookie' : 'upstream-hash-by'} (it wins, as in ingress-nginx); remove one of them`);
    } else if (algorithmOf(lb) !== undefined) {
      algorithm = algorithmOf(lb);
    } else if (['chash', 'chashsubset', 'sticky_balanced', 'sticky_persistent'].includes(lb)) {
      ctx.unsupported('load-balance', `value "${lb}" is an algorithm ingress-nginx selects itself for upstream-hash-by or affinity; set those annotations instead. The ConfigMap algorithm (${defaultAlgorithm}) is used`);
    } else {
      ctx.invalid('load-balance', `value "${lb}" is not round_robin or ewma; ingress-nginx's balancer falls back to round_robin, and so does IngressCompat`);
      fallback = LoadBalancingAlgorithm.ROUND_ROBIN;
    }
  }
  if (hashKey !== undefined) ctx.setBehavior('hashKey', hashKey, ['upstream-hash-by']);
  if (affinity || hashKey !== undefined) ctx.clearBehavior('loadBalancing');
  else if (algorithm !== undefined) ctx.setBehavior('loadBalancing', algorithm, ['load-balance']);
  else ctx.setBehavior('loadBalancing', fallback, []);
}

function algorithmOf(value: string): LoadBalancingAlgorithm | undefined {
  return (Object.values(LoadBalancingAlgorithm) as string[]).includes(value) ? value as LoadBalancingAlgorithm : undefined;
}
