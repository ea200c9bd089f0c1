import { Size } from 'cdk8s';
import { Fail, egQuantity } from './btp-values';

/**
 * The interval of a bandwidth limit (`limit.unit` of `spec.bandwidthLimit`).
 */
export enum BandwidthLimitUnit {
  /** Bytes per second (ingress-nginx `limit-rate` is KiB per second). */
  SECOND = 'Second',
  /** Bytes per minute. */
  MINUTE = 'Minute',
  /** Bytes per hour. */
  HOUR = 'Hour',
}

/**
 * A throughput: `limit` bytes per `unit`.
 */
export interface BandwidthRate {
  /** Bytes allowed per `unit` (at least 1 byte), e.g. `Size.kibibytes(100)`. */
  readonly limit: Size;
  /**
   * The interval.
   * @default BandwidthLimitUnit.SECOND
   */
  readonly unit?: BandwidthLimitUnit;
}

/**
 * Bandwidth limits of a BackendTrafficPolicy (`spec.bandwidthLimit`): at least one of
 * `request` and `response`.
 *
 * ingress-nginx `limit-rate: N` (KiB/s of the response, per connection) is
 * `{ response: { limit: Size.kibibytes(N) } }`; Envoy limits the stream rather than the
 * connection.
 */
export interface BandwidthLimitOptions {
  /**
   * Limit of the traffic sent to the backend (request bodies).
   * @default - unlimited
   */
  readonly request?: BandwidthRate;
  /**
   * Limit of the traffic received from the backend (response bodies).
   * @default - unlimited
   */
  readonly response?: BandwidthRate;
}

/**
 * Checks and renders `spec.bandwidthLimit`.
 * @internal
 */
export function renderBandwidthLimit(options: BandwidthLimitOptions, fail: Fail): any {
  if (options.request === undefined && options.response === undefined) {
    fail('bandwidthLimit has neither request nor response; set at least one');
  }
  const rate = (field: string, r: BandwidthRate | undefined) => (r === undefined ? undefined : {
    limit: { value: egQuantity(`bandwidthLimit.${field}.limit`, r.limit, fail), unit: r.unit ?? BandwidthLimitUnit.SECOND },
  });
  return { request: rate('request', options.request), response: rate('response', options.response) };
}
