import { Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { GATEWAY_AND_ROUTE_KINDS } from './targets';
import { checkInteger, nginxDuration, nginxSize } from './values';
import * as ngf from '../../imports/nginx-gateway-fabric/gateway.nginx.org';
import { Policy, PolicyProps } from '../../policies/policy';

/**
 * Keep-alive settings of client connections (`spec.keepAlive` of a ClientSettingsPolicy).
 * Unset fields keep nginx's defaults (NGINX Gateway Fabric does not change them).
 */
export interface ClientKeepAliveOptions {
  /**
   * The most requests served through one keep-alive connection; the connection is then
   * closed (`keepalive_requests`, an integer from 0).
   * @default 1000 (nginx's default)
   */
  readonly requests?: number;
  /**
   * The longest time requests are served through one keep-alive connection; the connection
   * is closed after the request being processed when it is reached (`keepalive_time`).
   * @default 1h (nginx's default)
   */
  readonly time?: Duration;
  /**
   * How long an idle keep-alive client connection stays open on the server side (the first
   * parameter of `keepalive_timeout`). Zero disables keep-alive client connections.
   * @default 75s (nginx's default)
   */
  readonly serverTimeout?: Duration;
  /**
   * The timeout announced in the `Keep-Alive: timeout=<time>` response header (the second
   * parameter of `keepalive_timeout`). Requires `serverTimeout`.
   * @default - no `Keep-Alive` header is sent
   */
  readonly headerTimeout?: Duration;
  /**
   * The time during which a keep-alive connection is not closed for reuse or on graceful
   * shutdown of worker processes (`keepalive_min_timeout`).
   * @default 0s (nginx's default)
   */
  readonly minTimeout?: Duration;
}

/**
 * Properties of a ClientSettingsPolicy.
 */
export interface ClientSettingsPolicyProps extends PolicyProps {
  /**
   * The largest request body accepted; a larger one gets 413 (`client_max_body_size`). nginx
   * sizes have at most 4 digits and a `k`, `m` or `g` unit (`Size.mebibytes(50)` renders
   * `50m`). Exclusive with `disableBodySizeLimit`.
   * @default 1m (nginx's default, the same as ingress-nginx's `proxy-body-size`)
   */
  readonly bodyMaxSize?: Size;
  /**
   * Accept request bodies of any size (renders `spec.body.maxSize: "0"`, which turns off
   * nginx's check). Exclusive with `bodyMaxSize`.
   * @default false
   */
  readonly disableBodySizeLimit?: boolean;
  /**
   * Timeout between two successive reads of the request body (not for the whole body); a
   * client that sends nothing for this long gets 408 (`client_body_timeout`).
   * @default 60s (nginx's default)
   */
  readonly bodyTimeout?: Duration;
  /**
   * Keep-alive settings of client connections.
   * @default - nginx's defaults
   */
  readonly keepAlive?: ClientKeepAliveOptions;
}

/**
 * An NGINX Gateway Fabric ClientSettingsPolicy (`gateway.nginx.org/v1alpha1`): client
 * request body limits and client keep-alive, for one Gateway, HTTPRoute or GRPCRoute (an
 * inherited policy: settings on a Gateway apply to its routes unless a route's own policy
 * sets them).
 *
 * The policy has exactly one target (`spec.targetRef`), a whole object (no listener or rule).
 *
 * ```ts
 * import { Chart, Size } from 'cdk8s';
 * import { HttpRoute, nginxGatewayFabric } from 'cdk8s-gateway-api';
 *
 * declare const chart: Chart;
 * declare const uploads: HttpRoute;
 * new nginxGatewayFabric.ClientSettingsPolicy(chart, 'UploadLimit', {
 *   targets: [uploads],
 *   bodyMaxSize: Size.mebibytes(50),
 * });
 * ```
 */
export class ClientSettingsPolicy extends Policy {
  private readonly body?: ngf.ClientSettingsPolicySpecBody;
  private readonly keepAlive?: ngf.ClientSettingsPolicySpecKeepAlive;

  public constructor(scope: Construct, id: string, props: ClientSettingsPolicyProps = {}) {
    super(scope, id, ngf.ClientSettingsPolicy.GVK, props);
    const fail = (m: string): never => this._fail(m);
    if (props.disableBodySizeLimit && props.bodyMaxSize !== undefined) {
      this._fail('bodyMaxSize and disableBodySizeLimit are exclusive: spec.body.maxSize is either a limit or "0" (no limit); pass one');
    }
    const maxSize = props.disableBodySizeLimit ? '0' : nginxSize(
      (m: string): never => this._fail(`${m} (to accept bodies of any size, set disableBodySizeLimit: true instead)`),
      'spec.body.maxSize', props.bodyMaxSize);
    const timeout = nginxDuration(fail, 'spec.body.timeout', props.bodyTimeout, { positive: true });
    this.body = maxSize !== undefined || timeout !== undefined ? { maxSize, timeout } : undefined;
    this.keepAlive = props.keepAlive ? this.renderKeepAlive(props.keepAlive) : undefined;
  }

  private renderKeepAlive(options: ClientKeepAliveOptions): ngf.ClientSettingsPolicySpecKeepAlive | undefined {
    const fail = (m: string): never => this._fail(m);
    if (options.headerTimeout !== undefined && options.serverTimeout === undefined) {
      this._fail('spec.keepAlive.timeout: headerTimeout is set without serverTimeout; nginx\'s keepalive_timeout takes the server timeout first (the CRD rule "header can only be specified if server is specified"): set serverTimeout too');
    }
    const server = nginxDuration(fail, 'spec.keepAlive.timeout.server', options.serverTimeout);
    const header = nginxDuration(fail, 'spec.keepAlive.timeout.header', options.headerTimeout);
    const keepAlive: ngf.ClientSettingsPolicySpecKeepAlive = {
      requests: checkInteger(fail, 'spec.keepAlive.requests', options.requests, 0),
      time: nginxDuration(fail, 'spec.keepAlive.time', options.time),
      minTimeout: nginxDuration(fail, 'spec.keepAlive.minTimeout', options.minTimeout),
      timeout: server !== undefined ? { server, header } : undefined,
    };
    return Object.values(keepAlive).some(v => v !== undefined) ? keepAlive : undefined;
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
  protected _maxTargets(): number {
    return 1;
  }

  /** @internal */
  protected _toSpec(): any {
    // Without a target the policy fails validation at synth (Policy reports it).
    const ref = this._renderTargetRefs()?.[0] ?? {};
    return ngf.toJson_ClientSettingsPolicySpec({
      targetRef: { group: ref.group, kind: ref.kind, name: ref.name },
      body: this.body,
      keepAlive: this.keepAlive,
    });
  }
}
