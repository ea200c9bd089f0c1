import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { Fail, checkInteger, egDuration } from './btp-values';
import { ClientIpDetection } from './ctp-client-ip-detection';
import { ClientValidationOptions, renderClientValidation } from './ctp-client-validation';
import { RequestIdMode, UnderscoresAction, renderLateResponseHeaders } from './ctp-headers';
import * as eg from '../../imports/envoy-gateway/gateway.envoyproxy.io';
import { Policy, PolicyProps } from '../../policies/policy';
import { HeaderModifierOptions } from '../../routes/header-modifier';

/**
 * Kinds a ClientTrafficPolicy may target: the CRD's CEL rule "this policy can only have a
 * targetRefs[*].kind of Gateway or ListenerSet".
 */
const TARGET_KINDS = ['Gateway', 'ListenerSet'].map(k => `gateway.networking.k8s.io/${k}`);

/** `connection.connectionLimit.value` is an int64 of at least 1; larger than JavaScript's safe integers is pointless. */
const MAX_CONNECTIONS = Number.MAX_SAFE_INTEGER;

/**
 * Properties of a ClientTrafficPolicy.
 */
export interface ClientTrafficPolicyProps extends PolicyProps {
  /**
   * What Envoy does with an incoming `X-Request-ID` (`spec.headers.requestID`).
   * ingress-nginx keeps it or generates one (`RequestIdMode.PRESERVE_OR_GENERATE`).
   * @default - RequestIdMode.GENERATE, Envoy Gateway's default (the client's value is replaced)
   */
  readonly requestId?: RequestIdMode;
  /**
   * How the client's IP address is determined (`spec.clientIPDetection`).
   * @default - the connection's peer address
   */
  readonly clientIpDetection?: ClientIpDetection;
  /**
   * Headers set, added or removed on every response of the targeted listeners, after
   * everything else (`spec.headers.lateResponseHeaders`, at most 64 per list), e.g. HSTS
   * `{ set: { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } }` on an
   * HTTPS listener.
   * @default - none
   */
  readonly lateResponseHeaders?: HeaderModifierOptions;
  /**
   * What to do with request headers whose name contains `_`
   * (`spec.headers.withUnderscoresAction`); ingress-nginx drops them.
   * @default - UnderscoresAction.REJECT_REQUEST, Envoy Gateway's default
   */
  readonly withUnderscoresAction?: UnderscoresAction;
  /**
   * Most concurrent connections per listener (`spec.connection.connectionLimit.value`, 1
   * or more). Unlike ingress-nginx's `limit-connections`, the limit is not per client IP.
   * @default - unlimited
   */
  readonly connectionLimit?: number;
  /**
   * Delay before closing a connection rejected by `connectionLimit`
   * (`spec.connection.connectionLimit.closeDelay`); needs `connectionLimit`.
   * @default - closed at once
   */
  readonly connectionLimitCloseDelay?: Duration;
  /**
   * Client certificate validation (`spec.tls.clientValidation`), for HTTPS listeners.
   * @default - no client certificates are requested
   */
  readonly clientValidation?: ClientValidationOptions;
  /**
   * Longest time a stream may go without activity, for every route of the listener
   * (`spec.timeout.http.streamIdleTimeout`); a BackendTrafficPolicy can override it per route.
   * @default - 5 minutes
   */
  readonly streamIdleTimeout?: Duration;
  /**
   * Idle timeout of a client connection with no active request
   * (`spec.timeout.http.idleTimeout`); ingress-nginx's `keepalive-timeout` is 75s.
   * @default - 1 hour
   */
  readonly httpIdleTimeout?: Duration;
  /**
   * Deadline for receiving the whole request from the client
   * (`spec.timeout.http.requestReceivedTimeout`).
   * @default - no deadline
   */
  readonly requestReceivedTimeout?: Duration;
}

/**
 * An Envoy Gateway ClientTrafficPolicy (`gateway.envoyproxy.io/v1alpha1`): how Envoy treats
 * the client side of the targeted Gateways or ListenerSets, or of one listener each (by
 * `sectionName`): request IDs, client IP detection, late response headers (HSTS),
 * underscore headers, connection limits, client certificates and client timeouts.
 *
 * ```ts
 * import { Chart } from 'cdk8s';
 * import { Gateway, envoyGateway } from 'cdk8s-gateway-api';
 *
 * declare const chart: Chart;
 * declare const gateway: Gateway;
 * new envoyGateway.ClientTrafficPolicy(chart, 'Edge', {
 *   targets: [gateway],
 *   requestId: envoyGateway.RequestIdMode.PRESERVE_OR_GENERATE,
 *   withUnderscoresAction: envoyGateway.UnderscoresAction.DROP_HEADER,
 * });
 * ```
 */
export class ClientTrafficPolicy extends Policy {
  private readonly spec: { [field: string]: any } = {};

  public constructor(scope: Construct, id: string, props: ClientTrafficPolicyProps = {}) {
    super(scope, id, eg.ClientTrafficPolicy.GVK, props);
    const fail: Fail = (m: string) => this._fail(m);
    if (props.clientIpDetection !== undefined) this.spec.clientIPDetection = props.clientIpDetection._toKube();

    const headers = {
      requestID: props.requestId,
      withUnderscoresAction: props.withUnderscoresAction,
      lateResponseHeaders: props.lateResponseHeaders === undefined ? undefined : renderLateResponseHeaders(props.lateResponseHeaders, fail),
    };
    if (Object.values(headers).some(v => v !== undefined)) this.spec.headers = headers;

    if (props.connectionLimitCloseDelay !== undefined && props.connectionLimit === undefined) {
      fail('connectionLimitCloseDelay is set without connectionLimit; the CRD allows spec.connection.connectionLimit.closeDelay only with a limit value');
    }
    if (props.connectionLimit !== undefined) {
      checkInteger('spec.connection.connectionLimit.value (connectionLimit)', props.connectionLimit, 1, MAX_CONNECTIONS, fail);
      const closeDelay = props.connectionLimitCloseDelay === undefined ? undefined
        : egDuration('spec.connection.connectionLimit.closeDelay (connectionLimitCloseDelay)', props.connectionLimitCloseDelay, fail);
      this.spec.connection = { connectionLimit: { value: props.connectionLimit, closeDelay } };
    }

    if (props.clientValidation !== undefined) {
      this.spec.tls = { clientValidation: renderClientValidation(props.clientValidation, this.namespace, fail) };
    }

    const dur = (field: string, d: Duration | undefined) => (d === undefined ? undefined : egDuration(`spec.timeout.http.${field}`, d, fail));
    const http = {
      streamIdleTimeout: dur('streamIdleTimeout', props.streamIdleTimeout),
      idleTimeout: dur('idleTimeout (httpIdleTimeout)', props.httpIdleTimeout),
      requestReceivedTimeout: dur('requestReceivedTimeout', props.requestReceivedTimeout),
    };
    if (Object.values(http).some(v => v !== undefined)) this.spec.timeout = { http };
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
    return { targetRefs: this._renderTargetRefs(), ...this.spec };
  }
}
