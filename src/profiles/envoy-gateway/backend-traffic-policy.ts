import { Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { BandwidthLimitOptions, renderBandwidthLimit } from './btp-bandwidth-limit';
import { LoadBalancer } from './btp-load-balancer';
import { LocalRateLimitOptions, renderRateLimitPerClientIp } from './btp-rate-limit';
import { ResponseOverride } from './btp-response-override';
import { BackendRetryOptions, renderRetry } from './btp-retry';
import { Fail, egDuration, egQuantity } from './btp-values';
import { MergeType, mergeTypeErrors } from './merge-type';
import * as eg from '../../imports/envoy-gateway/gateway.envoyproxy.io';
import { Policy, PolicyProps } from '../../policies/policy';

const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/**
 * Kinds a BackendTrafficPolicy may target: the CRD's CEL rule "this policy can only have a
 * targetRefs[*].kind of Gateway/ListenerSet/HTTPRoute/GRPCRoute/TCPRoute/UDPRoute/TLSRoute".
 */
const TARGET_KINDS = ['Gateway', 'ListenerSet', 'HTTPRoute', 'GRPCRoute', 'TCPRoute', 'UDPRoute', 'TLSRoute'].map(k => `${GATEWAY_GROUP}/${k}`);

/**
 * How Envoy reaches the backends of a Service (`spec.routingType`).
 */
export enum RoutingType {
  /** Through the Service's cluster IP (ingress-nginx `service-upstream: "true"`). */
  SERVICE = 'Service',
  /** Directly to the Pod endpoints (Envoy Gateway's and ingress-nginx's default). */
  ENDPOINT = 'Endpoint',
}

/**
 * Properties of a BackendTrafficPolicy.
 */
export interface BackendTrafficPolicyProps extends PolicyProps {
  /**
   * Timeout for establishing a connection to a backend, TCP and TLS handshakes included
   * (`spec.timeout.tcp.connectTimeout`, more than 0). ingress-nginx's
   * `proxy-connect-timeout` defaults to 5s.
   * @default - Envoy Gateway's default of 10s (`internal/xds/translator/cluster.go`)
   */
  readonly connectTimeout?: Duration;
  /**
   * Deadline for the whole response to arrive from the backend
   * (`spec.timeout.http.requestTimeout`); `Duration.seconds(0)` disables it.
   * ingress-nginx has no total deadline.
   * @default - the route's `timeouts.request`, else Envoy's route default of 15s
   */
  readonly requestTimeout?: Duration;
  /**
   * Longest time a stream may go without any activity, upstream or downstream
   * (`spec.timeout.http.streamIdleTimeout`): ingress-nginx's `proxy-read-timeout` and
   * `proxy-send-timeout` (60s by default) measure the same inactivity between reads and
   * writes. `Duration.seconds(0)` disables it.
   * @default - the listener's setting (ClientTrafficPolicy), 5 minutes in Envoy
   */
  readonly streamIdleTimeout?: Duration;
  /**
   * Idle timeout of a backend connection with no active request
   * (`spec.timeout.http.connectionIdleTimeout`).
   * @default - 1 hour
   */
  readonly connectionIdleTimeout?: Duration;
  /**
   * Retries of failed requests (`spec.retry`).
   * @default - no retries (Envoy Gateway retries only when configured)
   */
  readonly retry?: BackendRetryOptions;
  /**
   * Load-balancing algorithm (`spec.loadBalancer`).
   * @default - LoadBalancer.leastRequest(), Envoy Gateway's default
   */
  readonly loadBalancer?: LoadBalancer;
  /**
   * Buffer each request fully before proxying it and reject larger ones with 413
   * (`spec.requestBuffer.limit`, at least 1 byte), like ingress-nginx's `proxy-body-size`
   * (1m by default). Buffering breaks streaming requests (gRPC streams, WebSocket); the CRD
   * forbids combining it with `httpUpgrade`.
   * @default - no limit and no buffering
   */
  readonly requestBufferLimit?: Size;
  /**
   * Limit the requests of each client IP address, per Envoy replica and per route
   * (`spec.rateLimit.local`, one `Distinct` source CIDR rule for IPv4 and one for IPv6).
   * Rejected requests get 429 (add a `ResponseOverride` for ingress-nginx's 503).
   * @default - no rate limit
   */
  readonly rateLimitPerClientIp?: LocalRateLimitOptions;
  /**
   * Responses to replace, first match wins (`spec.responseOverride`). More can be added
   * with `addResponseOverride`.
   * @default - none
   */
  readonly responseOverrides?: ResponseOverride[];
  /**
   * Bandwidth limits of requests and responses (`spec.bandwidthLimit`).
   * @default - unlimited
   */
  readonly bandwidthLimit?: BandwidthLimitOptions;
  /**
   * Whether Envoy sends traffic to the Service's cluster IP or to its endpoints
   * (`spec.routingType`).
   * @default - the EnvoyProxy setting (endpoints unless configured)
   */
  readonly routingType?: RoutingType;
  /**
   * How this policy, when it targets routes, is merged with the BackendTrafficPolicy of their
   * Gateway or listener (`spec.mergeType`). Only routes may be targeted when it is set.
   * @default - no merge: on the targeted routes, only this policy's settings apply
   */
  readonly mergeType?: MergeType;
}

/**
 * An Envoy Gateway BackendTrafficPolicy (`gateway.envoyproxy.io/v1alpha1`): how Envoy talks
 * to the backends of the targeted Gateways, ListenerSets, routes or route rules (by
 * `sectionName`): timeouts, retries, load balancing, request buffering, rate limits,
 * response overrides and bandwidth limits.
 *
 * ```ts
 * import { Chart, Duration, Size } from 'cdk8s';
 * import { HttpRoute, envoyGateway } from 'cdk8s-gateway-api';
 *
 * declare const chart: Chart;
 * declare const route: HttpRoute;
 * new envoyGateway.BackendTrafficPolicy(chart, 'ApiTraffic', {
 *   targets: [route],
 *   connectTimeout: Duration.seconds(5),
 *   streamIdleTimeout: Duration.seconds(60),
 *   requestBufferLimit: Size.mebibytes(1),
 *   loadBalancer: envoyGateway.LoadBalancer.roundRobin(),
 * });
 * ```
 */
export class BackendTrafficPolicy extends Policy {
  private readonly spec: { [field: string]: any } = {};
  private readonly _responseOverrides: ResponseOverride[] = [];

  public constructor(scope: Construct, id: string, props: BackendTrafficPolicyProps = {}) {
    super(scope, id, eg.BackendTrafficPolicy.GVK, props);
    const fail: Fail = (m: string) => this._fail(m);
    const dur = (field: string, d: Duration | undefined, positive = false) =>
      (d === undefined ? undefined : egDuration(`spec.timeout.${field}`, d, fail, { positive }));
    const tcp = { connectTimeout: dur('tcp.connectTimeout', props.connectTimeout, true) };
    const http = {
      requestTimeout: dur('http.requestTimeout', props.requestTimeout),
      streamIdleTimeout: dur('http.streamIdleTimeout', props.streamIdleTimeout),
      connectionIdleTimeout: dur('http.connectionIdleTimeout', props.connectionIdleTimeout),
    };
    const hasTcp = tcp.connectTimeout !== undefined;
    const hasHttp = Object.values(http).some(v => v !== undefined);
    if (hasTcp || hasHttp) {
      this.spec.timeout = { tcp: hasTcp ? tcp : undefined, http: hasHttp ? http : undefined };
    }
    if (props.retry !== undefined) this.spec.retry = renderRetry(props.retry, (m: string) => this._fail(`spec.${m}`));
    if (props.loadBalancer !== undefined) this.spec.loadBalancer = props.loadBalancer._toKube();
    if (props.requestBufferLimit !== undefined) {
      this.spec.requestBuffer = { limit: egQuantity('spec.requestBuffer.limit (requestBufferLimit)', props.requestBufferLimit, fail) };
    }
    if (props.rateLimitPerClientIp !== undefined) {
      this.spec.rateLimit = renderRateLimitPerClientIp(props.rateLimitPerClientIp, fail);
    }
    if (props.bandwidthLimit !== undefined) {
      this.spec.bandwidthLimit = renderBandwidthLimit(props.bandwidthLimit, (m: string) => this._fail(`spec.${m}`));
    }
    if (props.routingType !== undefined) this.spec.routingType = props.routingType;
    if (props.mergeType !== undefined) {
      if (!Object.values(MergeType).includes(props.mergeType)) this._fail(`mergeType "${props.mergeType}" must be StrategicMerge or JSONMerge`);
      this.spec.mergeType = props.mergeType;
    }
    this.node.addValidation({ validate: () => mergeTypeErrors(this.kind, props.mergeType, this.targets) });
    for (const override of props.responseOverrides ?? []) this.addResponseOverride(override);
  }

  /**
   * Appends a response override; overrides are tried in the order added and the first
   * match wins.
   */
  public addResponseOverride(responseOverride: ResponseOverride): void {
    this._responseOverrides.push(responseOverride);
  }

  /**
   * Envoy Gateway accepts only the oldest of two policies of one kind on the same target and marks the other Conflicted.
   * @internal
   */
  protected _conflictRule(): { readonly implementation: string; readonly mergeable: boolean } {
    return { implementation: 'Envoy Gateway', mergeable: false };
  }

  /** @internal */
  protected _targetKinds(): string[] {
    return TARGET_KINDS;
  }

  /** @internal */
  protected _toSpec(): any {
    return {
      targetRefs: this._renderTargetRefs(),
      ...this.spec,
      responseOverride: this._responseOverrides.length > 0 ? this._responseOverrides.map(o => o._toKube()) : undefined,
    };
  }
}
