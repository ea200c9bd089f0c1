import { Size } from 'cdk8s';
import { checkInteger, Fail, nginxSize } from './values';
import * as ngf from '../../imports/nginx-gateway-fabric/gateway.nginx.org';

/** `key` in the v2.6.7 CRD: text without blanks, `;`, braces or `#`, and `$name` variables. */
const KEY = /^(?:[^ \t\r\n;{}#$]+|\$\w+)+$/;

/**
 * The key of ingress-nginx's rate limits (`limit-conn-zone-variable`), which is also NGINX
 * Gateway Fabric's default: the client IP address in binary form.
 */
const CLIENT_IP_KEY = '$binary_remote_addr';

/**
 * One local rate-limit rule (`spec.rateLimit.local.rules[]` of a RateLimitPolicy): nginx's
 * `limit_req_zone` + `limit_req`, counted per key in each nginx replica.
 *
 * Exactly one of `requestsPerSecond` and `requestsPerMinute` is required. ingress-nginx's
 * `limit-rps: N` is `{ requestsPerSecond: N, burst: 5 * N, noDelay: true }` with
 * `rejectCode: 503` on the policy.
 */
export interface LocalRateLimitRule {
  /**
   * Requests allowed per second and key (`rate=Nr/s`), a whole number from 1.
   * @default - none; exactly one of `requestsPerSecond` and `requestsPerMinute` is required
   */
  readonly requestsPerSecond?: number;
  /**
   * Requests allowed per minute and key (`rate=Nr/m`), a whole number from 1.
   * @default - none; exactly one of `requestsPerSecond` and `requestsPerMinute` is required
   */
  readonly requestsPerMinute?: number;
  /**
   * What requests are counted by: text and nginx variables, such as `$binary_remote_addr` (per
   * client IP address, like ingress-nginx's `limit_req_zone`) or `$http_x_api_key`.
   * @default "$binary_remote_addr" (per client IP address)
   */
  readonly key?: string;
  /**
   * Requests above the rate that are queued (or, with `noDelay`, served at once) before
   * further ones are rejected (`burst`); 0 rejects every excess request.
   * @default 0 (nginx's default)
   */
  readonly burst?: number;
  /**
   * Serve requests within `burst` at once instead of spacing them at the rate (`nodelay`).
   * Exclusive with `delay`.
   * @default false
   */
  readonly noDelay?: boolean;
  /**
   * Requests within `burst` that are served at once before the rest are delayed (`delay`).
   * Exclusive with `noDelay`.
   * @default 0 (every excess request is delayed)
   */
  readonly delay?: number;
  /**
   * Size of the shared memory zone holding the counters (`limit_req_zone ... zone=name:size`);
   * about 16 000 client IP addresses fit in 1m.
   * @default 10m (NGINX Gateway Fabric's default; ingress-nginx used 5m)
   */
  readonly zoneSize?: Size;
}

/**
 * Checks a rule and renders it.
 * @internal
 */
export function renderLocalRateLimitRule(fail: Fail, index: number, rule: LocalRateLimitRule): ngf.RateLimitPolicySpecRateLimitLocalRules {
  const field = `spec.rateLimit.local.rules[${index}]`;
  const rps = rule.requestsPerSecond;
  const rpm = rule.requestsPerMinute;
  if ((rps === undefined) === (rpm === undefined)) {
    fail(`${field}: ${rps === undefined ? 'neither requestsPerSecond nor requestsPerMinute is set' : `requestsPerSecond (${rps}) and requestsPerMinute (${rpm}) are both set`}; set exactly one (the rate is "N r/s" or "N r/m")`);
  }
  const rate = rps !== undefined
    ? `${checkInteger(fail, `${field}.rate: requestsPerSecond`, rps, 1, Number.MAX_SAFE_INTEGER)}r/s`
    : `${checkInteger(fail, `${field}.rate: requestsPerMinute`, rpm, 1, Number.MAX_SAFE_INTEGER)}r/m`;
  const key = rule.key ?? CLIENT_IP_KEY;
  if (!KEY.test(key)) {
    fail(`${field}.key: "${key}" must be text without blanks, ";", "{", "}" or "#", and nginx variables ($name), such as "$binary_remote_addr"`);
  }
  if (rule.noDelay && rule.delay !== undefined) {
    fail(`${field}: noDelay and delay (${rule.delay}) are exclusive (the CRD rule "NoDelay cannot be true when Delay is also set"); pass one`);
  }
  return {
    rate,
    key,
    burst: checkInteger(fail, `${field}.burst`, rule.burst, 0),
    noDelay: rule.noDelay,
    delay: checkInteger(fail, `${field}.delay`, rule.delay, 0),
    zoneSize: nginxSize(fail, `${field}.zoneSize`, rule.zoneSize),
  };
}
