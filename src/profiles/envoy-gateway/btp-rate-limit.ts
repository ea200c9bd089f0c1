import { Fail, MAX_UINT32, checkInteger } from './btp-values';

/**
 * The interval of a rate limit (`limit.unit` of a BackendTrafficPolicy rate limit rule).
 */
export enum RateLimitUnit {
  /** Requests per second (ingress-nginx `limit-rps`). */
  SECOND = 'Second',
  /** Requests per minute (ingress-nginx `limit-rpm`). */
  MINUTE = 'Minute',
  /** Requests per hour. */
  HOUR = 'Hour',
  /** Requests per day. */
  DAY = 'Day',
  /** Requests per week. */
  WEEK = 'Week',
  /** Requests per month. */
  MONTH = 'Month',
  /** Requests per year. */
  YEAR = 'Year',
}

/**
 * A local (per Envoy replica) rate limit: `requests` per `unit`.
 */
export interface LocalRateLimitOptions {
  /**
   * Requests allowed per `unit` (1-4294967295). Envoy's token bucket holds this many
   * tokens, so bursts of up to this many requests pass at once.
   */
  readonly requests: number;
  /** The interval the limit applies to. */
  readonly unit: RateLimitUnit;
}

/**
 * Every client address, one range per IP family: a rule's `clientSelectors` are ANDed (all
 * must hold, `api/v1alpha1/ratelimit_types.go`), so IPv4 and IPv6 clients need a rule each.
 */
const ALL_CLIENTS = ['0.0.0.0/0', '::/0'];

/**
 * Checks a limit and renders its `limit` object.
 * @internal
 */
export function renderLimit(field: string, options: LocalRateLimitOptions, fail: Fail): any {
  // Envoy's token bucket needs max_tokens > 0 (envoy/type/v3/token_bucket.proto).
  checkInteger(`${field}.requests`, options.requests, 1, MAX_UINT32, fail);
  return { requests: options.requests, unit: options.unit };
}

/**
 * Renders `spec.rateLimit` for a limit per client IP address: one rule per IP family, each
 * with a `Distinct` source CIDR selector, so every client address gets its own bucket.
 * @internal
 */
export function renderRateLimitPerClientIp(options: LocalRateLimitOptions, fail: Fail): any {
  const limit = renderLimit('rateLimitPerClientIp', options, fail);
  const rules = ALL_CLIENTS.map(cidr => ({
    clientSelectors: [{ sourceCIDR: { type: 'Distinct', value: cidr } }],
    limit: { ...limit },
  }));
  return { type: 'Local', local: { rules } };
}
