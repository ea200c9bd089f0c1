import { Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { GATEWAY_AND_ROUTE_KINDS, mixedTargetsError } from './targets';
import { checkInteger, nginxDuration, nginxSize } from './values';
import { IPolicyTarget } from '../../core/references';
import { sizeInBytes } from '../../core/size';
import * as ngf from '../../imports/nginx-gateway-fabric/gateway.nginx.org';
import { Policy, PolicyProps } from '../../policies/policy';

/** `proxy_buffers` takes 2 to 256 buffers in the v2.6.7 CRD. */
const MIN_BUFFERS = 2;
const MAX_BUFFERS = 256;

/**
 * The number and size of the buffers that read one response from the backend
 * (`proxy_buffers`).
 */
export interface ProxyBuffers {
  /** How many buffers (2-256). */
  readonly number: number;
  /** The size of each buffer (nginx form: at most 4 digits and `k`, `m` or `g`). */
  readonly size: Size;
}

/**
 * Buffering of responses from the backend (`spec.buffering` of a ProxySettingsPolicy).
 * Unset fields keep nginx's defaults.
 */
export interface ProxyBufferingOptions {
  /**
   * Turn response buffering off: responses are passed to the client as they arrive
   * (`proxy_buffering off`, ingress-nginx's default).
   * @default false (nginx buffers responses)
   */
  readonly disable?: boolean;
  /**
   * The buffer for the first part of the response, usually the headers
   * (`proxy_buffer_size`).
   * @default 4k or 8k, one memory page (nginx's default)
   */
  readonly bufferSize?: Size;
  /**
   * The buffers that read the rest of the response (`proxy_buffers`).
   * @default 8 buffers of 4k or 8k (nginx's default)
   */
  readonly buffers?: ProxyBuffers;
  /**
   * The most buffer space busy sending a response to the client while it is not fully read
   * (`proxy_busy_buffers_size`). nginx requires it to be larger than `bufferSize` and smaller
   * than all `buffers` minus one; both are checked when set in the same policy.
   * @default 8k or 16k, two memory pages (nginx's default)
   */
  readonly busyBuffersSize?: Size;
}

/**
 * Properties of a ProxySettingsPolicy.
 */
export interface ProxySettingsPolicyProps extends PolicyProps {
  /**
   * Timeout for establishing a connection to the backend (`proxy_connect_timeout`).
   * @default 60s (nginx's default; ingress-nginx uses 5s)
   */
  readonly connectTimeout?: Duration;
  /**
   * Timeout between two successive reads of the backend's response, not for the whole
   * response (`proxy_read_timeout`).
   * @default 60s (nginx's default, as in ingress-nginx)
   */
  readonly readTimeout?: Duration;
  /**
   * Timeout between two successive writes of the request to the backend, not for the whole
   * request (`proxy_send_timeout`).
   * @default 60s (nginx's default, as in ingress-nginx)
   */
  readonly sendTimeout?: Duration;
  /**
   * Buffering of backend responses.
   * @default - nginx's defaults: responses are buffered
   */
  readonly buffering?: ProxyBufferingOptions;
}

/**
 * An NGINX Gateway Fabric ProxySettingsPolicy (`gateway.nginx.org/v1alpha1`): timeouts and
 * response buffering of the connections to backends, for Gateways or for HTTPRoutes and
 * GRPCRoutes (an inherited policy: settings on a Gateway apply to its routes unless a route's
 * own policy sets them).
 *
 * Targets are whole objects (no listener or rule), up to 16, either Gateways or routes, never
 * both in one policy.
 *
 * ```ts
 * import { Chart, Duration } from 'cdk8s';
 * import { IGateway, nginxGatewayFabric } from 'cdk8s-gateway-api';
 *
 * declare const chart: Chart;
 * declare const edge: IGateway;
 * new nginxGatewayFabric.ProxySettingsPolicy(chart, 'Timeouts', {
 *   targets: [edge],
 *   connectTimeout: Duration.seconds(5),
 *   readTimeout: Duration.seconds(60),
 *   sendTimeout: Duration.seconds(60),
 * });
 * ```
 */
export class ProxySettingsPolicy extends Policy {
  private readonly timeout?: ngf.ProxySettingsPolicySpecTimeout;
  private readonly buffering?: ngf.ProxySettingsPolicySpecBuffering;

  public constructor(scope: Construct, id: string, props: ProxySettingsPolicyProps = {}) {
    super(scope, id, ngf.ProxySettingsPolicy.GVK, props);
    const fail = (m: string): never => this._fail(m);
    const timeout = {
      connect: nginxDuration(fail, 'spec.timeout.connect', props.connectTimeout, { positive: true }),
      read: nginxDuration(fail, 'spec.timeout.read', props.readTimeout, { positive: true }),
      send: nginxDuration(fail, 'spec.timeout.send', props.sendTimeout, { positive: true }),
    };
    this.timeout = Object.values(timeout).some(v => v !== undefined) ? timeout : undefined;
    this.buffering = props.buffering ? this.renderBuffering(props.buffering) : undefined;
  }

  /**
   * Adds a Gateway, HTTPRoute or GRPCRoute the policy applies to. Throws when the target is of
   * another kind, names a section, would mix Gateways with routes, repeats a target, or the
   * policy already has 16 targets.
   */
  public addTarget(target: IPolicyTarget): void {
    const err = mixedTargetsError(this.kind, this.targets, target);
    if (err) this._fail(err);
    super.addTarget(target);
  }

  private renderBuffering(options: ProxyBufferingOptions): ngf.ProxySettingsPolicySpecBuffering | undefined {
    const fail = (m: string): never => this._fail(m);
    const buffers = options.buffers;
    const buffering: ngf.ProxySettingsPolicySpecBuffering = {
      disable: options.disable,
      bufferSize: nginxSize(fail, 'spec.buffering.bufferSize', options.bufferSize),
      buffers: buffers && {
        number: checkInteger(fail, 'spec.buffering.buffers.number', buffers.number, MIN_BUFFERS, MAX_BUFFERS)!,
        size: nginxSize(fail, 'spec.buffering.buffers.size', buffers.size)!,
      },
      busyBuffersSize: nginxSize(fail, 'spec.buffering.busyBuffersSize', options.busyBuffersSize),
    };
    // nginx refuses these at reload, and NGINX Gateway Fabric marks the policy invalid
    // (internal/controller/nginx/config/policies/proxysettings/validator.go).
    if (options.busyBuffersSize !== undefined) {
      const busy = sizeInBytes(options.busyBuffersSize).bytes!;
      if (options.bufferSize !== undefined && busy <= sizeInBytes(options.bufferSize).bytes!) {
        this._fail(`spec.buffering.busyBuffersSize: ${buffering.busyBuffersSize} must be larger than bufferSize (${buffering.bufferSize}); raise busyBuffersSize or lower bufferSize`);
      }
      if (buffers !== undefined) {
        const size = sizeInBytes(buffers.size).bytes!;
        if (busy >= size * (buffers.number - 1)) {
          this._fail(`spec.buffering.busyBuffersSize: ${buffering.busyBuffersSize} must be smaller than all buffers minus one (${buffers.number - 1} × ${buffering.buffers!.size}); lower busyBuffersSize or add buffers`);
        }
      }
    }
    return Object.values(buffering).some(v => v !== undefined) ? buffering : undefined;
  }

  /**
   * NGINX Gateway Fabric merges policies of one kind on the same target; where two set the same field, the oldest wins.
   * @internal
   */
  protected _conflictRule(): { readonly implementation: string; readonly mergeable: boolean } {
    return { implementation: 'NGINX Gateway Fabric', mergeable: true };
  }

  /** @internal */
  protected _targetKinds(): string[] {
    return GATEWAY_AND_ROUTE_KINDS;
  }

  /** @internal */
  protected _sectionTargets(): boolean {
    return false;
  }

  /** @internal */
  protected _toSpec(): any {
    return ngf.toJson_ProxySettingsPolicySpec({
      targetRefs: this._renderTargetRefs()!,
      timeout: this.timeout,
      buffering: this.buffering,
    });
  }
}
