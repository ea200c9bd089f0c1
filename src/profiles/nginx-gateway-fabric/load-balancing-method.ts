/**
 * Load-balancing method of an upstream (`spec.loadBalancingMethod` of an
 * UpstreamSettingsPolicy), the exact values of the NGINX Gateway Fabric v2.6.7 CRD.
 *
 * NGINX Gateway Fabric's default is `random two least_conn`, not nginx's round robin
 * (`apis/v1alpha1/upstreamsettingspolicy_types.go`). The `least_time` methods need NGINX Plus:
 * with NGINX OSS, NGINX Gateway Fabric marks the policy invalid.
 */
export enum LoadBalancingMethod {
  /** Weighted round robin (nginx's own default; ingress-nginx's `load-balance` default). */
  ROUND_ROBIN = 'round_robin',
  /** The server with the fewest active connections. */
  LEAST_CONN = 'least_conn',
  /** By client IPv4 address (first three octets) or whole IPv6 address: sticky per client. */
  IP_HASH = 'ip_hash',
  /** By `hashMethodKey` (required), remapping most keys when servers change. */
  HASH = 'hash',
  /** By `hashMethodKey` (required), with ketama consistent hashing. */
  HASH_CONSISTENT = 'hash consistent',
  /** A random server. */
  RANDOM = 'random',
  /** The less loaded of two random servers (by `least_conn`). */
  RANDOM_TWO = 'random two',
  /** The one of two random servers with fewer active connections (NGINX Gateway Fabric's default). */
  RANDOM_TWO_LEAST_CONN = 'random two least_conn',
  /** The one of two random servers with the least time to the response header (NGINX Plus only). */
  RANDOM_TWO_LEAST_TIME_HEADER = 'random two least_time=header',
  /** The one of two random servers with the least time to the full response (NGINX Plus only). */
  RANDOM_TWO_LEAST_TIME_LAST_BYTE = 'random two least_time=last_byte',
  /** The server with the least average time to the response header and fewest connections (NGINX Plus only). */
  LEAST_TIME_HEADER = 'least_time header',
  /** The server with the least average time to the full response and fewest connections (NGINX Plus only). */
  LEAST_TIME_LAST_BYTE = 'least_time last_byte',
  /** As `LEAST_TIME_HEADER`, counting incomplete requests too (NGINX Plus only). */
  LEAST_TIME_HEADER_INFLIGHT = 'least_time header inflight',
  /** As `LEAST_TIME_LAST_BYTE`, counting incomplete requests too (NGINX Plus only). */
  LEAST_TIME_LAST_BYTE_INFLIGHT = 'least_time last_byte inflight',
}
