import { Duration } from 'cdk8s';
import { Fail, MAX_INT32, checkInteger, egDuration, unique } from './btp-values';

/**
 * A condition that makes Envoy retry a request (`spec.retry.retryOn.triggers[]` of a
 * BackendTrafficPolicy), as Envoy's `x-envoy-retry-on` and `x-envoy-retry-grpc-on` policies
 * define them.
 */
export enum RetryTrigger {
  /** The backend answered with any 5xx status, or did not answer (includes `connect-failure` and `refused-stream`). */
  FIVE_XX = '5xx',
  /** The response is a 502, 503 or 504. */
  GATEWAY_ERROR = 'gateway-error',
  /** The backend did not answer at all (disconnect, reset, read timeout), even after the request was sent. */
  RESET = 'reset',
  /** The connection was reset before the request was sent: safe for non-idempotent requests. */
  RESET_BEFORE_REQUEST = 'reset-before-request',
  /** The connection to the backend could not be established (including a connect timeout). */
  CONNECT_FAILURE = 'connect-failure',
  /** The backend answered 409. */
  RETRIABLE_4XX = 'retriable-4xx',
  /** The backend refused the HTTP/2 stream (`REFUSED_STREAM`), so it never saw the request. */
  REFUSED_STREAM = 'refused-stream',
  /** The backend answered one of `httpStatusCodes`. */
  RETRIABLE_STATUS_CODES = 'retriable-status-codes',
  /** The gRPC status in the response is `CANCELLED`. */
  CANCELLED = 'cancelled',
  /** The gRPC status in the response is `DEADLINE_EXCEEDED`. */
  DEADLINE_EXCEEDED = 'deadline-exceeded',
  /** The gRPC status in the response is `INTERNAL`. */
  INTERNAL = 'internal',
  /** The gRPC status in the response is `RESOURCE_EXHAUSTED`. */
  RESOURCE_EXHAUSTED = 'resource-exhausted',
  /** The gRPC status in the response is `UNAVAILABLE`. */
  UNAVAILABLE = 'unavailable',
}

/**
 * Retries of a BackendTrafficPolicy (`spec.retry`). Retries are off in Envoy Gateway unless a
 * BackendTrafficPolicy (or an HTTPRoute rule's `retry`) configures them; setting this struct,
 * even empty, turns them on.
 *
 * ingress-nginx retries on `error timeout` with 3 tries (2 retries) and never re-sends a
 * request once its body was sent (`proxy-next-upstream`, `retry-non-idempotent: false`): the
 * closest triggers are `CONNECT_FAILURE`, `REFUSED_STREAM` and `RESET_BEFORE_REQUEST`, which
 * all fire before the backend saw the request.
 */
export interface BackendRetryOptions {
  /**
   * Number of retries after the first attempt (0 or more).
   * @default 2 (the CRD's default)
   */
  readonly numRetries?: number;
  /**
   * Conditions that trigger a retry (repeats are ignored).
   * @default - Envoy Gateway's defaults: connect-failure, refused-stream, unavailable,
   * cancelled and retriable-status-codes with 503 (`api/v1alpha1/retry_types.go`)
   */
  readonly triggers?: RetryTrigger[];
  /**
   * HTTP status codes (100-599) to retry on; `triggers` must then include
   * `RetryTrigger.RETRIABLE_STATUS_CODES`.
   * @default - none
   */
  readonly httpStatusCodes?: number[];
  /**
   * Timeout of each attempt.
   * @default - each attempt may use the whole request timeout
   */
  readonly perRetryTimeout?: Duration;
  /**
   * Base interval of the fully jittered exponential back-off between retries (more than 0).
   * @default - Envoy's default of 25ms
   */
  readonly backOffBaseInterval?: Duration;
  /**
   * Longest interval between retries; at least `backOffBaseInterval`, which must then be set.
   * @default - 10 times `backOffBaseInterval`
   */
  readonly backOffMaxInterval?: Duration;
}

/**
 * Checks and renders `spec.retry`.
 * @internal
 */
export function renderRetry(options: BackendRetryOptions, fail: Fail): any {
  if (options.numRetries !== undefined) {
    checkInteger('retry.numRetries', options.numRetries, 0, MAX_INT32, fail);
  }
  const triggers = unique(options.triggers ?? []);
  const codes = unique(options.httpStatusCodes ?? []);
  for (const code of codes) {
    checkInteger('retry.httpStatusCodes', code, 100, 599, fail);
  }
  if (codes.length > 0 && !triggers.includes(RetryTrigger.RETRIABLE_STATUS_CODES)) {
    fail(`retry.httpStatusCodes (${codes.join(', ')}) are retried only with the "retriable-status-codes" trigger; add RetryTrigger.RETRIABLE_STATUS_CODES to retry.triggers`);
  }
  const timeout = options.perRetryTimeout === undefined ? undefined : egDuration('retry.perRetryTimeout', options.perRetryTimeout, fail, { positive: true });
  const base = options.backOffBaseInterval === undefined ? undefined : egDuration('retry.backOffBaseInterval', options.backOffBaseInterval, fail, { positive: true });
  const max = options.backOffMaxInterval === undefined ? undefined : egDuration('retry.backOffMaxInterval', options.backOffMaxInterval, fail, { positive: true });
  if (max !== undefined) {
    if (base === undefined) {
      fail(`retry.backOffMaxInterval (${max}) is set without retry.backOffBaseInterval; Envoy's back-off needs a base interval: set backOffBaseInterval too`);
    }
    const baseMs = options.backOffBaseInterval!.toMilliseconds();
    const maxMs = options.backOffMaxInterval!.toMilliseconds();
    if (maxMs < baseMs) {
      fail(`retry.backOffMaxInterval (${max}) is shorter than retry.backOffBaseInterval (${base}); it must be at least the base interval`);
    }
  }
  const backOff = base === undefined ? undefined : { baseInterval: base, maxInterval: max };
  const perRetry = timeout === undefined && backOff === undefined ? undefined : { timeout, backOff };
  const retryOn = triggers.length + codes.length === 0 ? undefined : {
    triggers: triggers.length > 0 ? triggers : undefined,
    httpStatusCodes: codes.length > 0 ? codes : undefined,
  };
  return { numRetries: options.numRetries, retryOn, perRetry };
}
