import { Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { LoadBalancingMethod } from './load-balancing-method';
import { SERVICE_KINDS } from './targets';
import { checkInteger, nginxDuration, nginxSize } from './values';
import * as ngf from '../../imports/nginx-gateway-fabric/gateway.nginx.org';
import { Policy, PolicyProps } from '../../policies/policy';

/** `hashMethodKey` in the v2.6.7 CRD: one nginx variable. */
const HASH_KEY = /^\$[a-z_]+$/;
const HASH_METHODS = [LoadBalancingMethod.HASH, LoadBalancingMethod.HASH_CONSISTENT];

/**
 * Keep-alive connections from nginx to the upstream servers (`spec.keepAlive` of an
 * UpstreamSettingsPolicy).
 */
export interface UpstreamKeepAliveOptions {
  /**
   * The most idle keep-alive connections to the upstream's servers kept by each nginx worker
   * (`keepalive`); 0 turns upstream keep-alive off.
   * @default 16 (NGINX Gateway Fabric's default)
   */
  readonly connections?: number;
  /**
   * The most requests served through one keep-alive connection (`keepalive_requests`).
   * @default 1000 (nginx's default)
   */
  readonly requests?: number;
  /**
   * The longest time requests are served through one keep-alive connection
   * (`keepalive_time`).
   * @default 1h (nginx's default)
   */
  readonly time?: Duration;
  /**
   * How long an idle keep-alive connection to a server stays open (`keepalive_timeout`).
   * @default 60s (nginx's default)
   */
  readonly timeout?: Duration;
}

/**
 * Properties of an UpstreamSettingsPolicy.
 */
export interface UpstreamSettingsPolicyProps extends PolicyProps {
  /**
   * How requests are spread over the Service's endpoints.
   * @default LoadBalancingMethod.RANDOM_TWO_LEAST_CONN (NGINX Gateway Fabric's default)
   */
  readonly loadBalancingMethod?: LoadBalancingMethod;
  /**
   * The key of the `HASH` and `HASH_CONSISTENT` methods: one nginx variable such as
   * `$request_uri` or `$remote_addr` (`^\$[a-z_]+$`; a combination such as
   * `$host$request_uri` is not accepted). Required by those methods and used by no other.
   * @default - none
   */
  readonly hashMethodKey?: string;
  /**
   * Keep-alive connections to the upstream servers.
   * @default - NGINX Gateway Fabric's defaults (16 idle connections per worker)
   */
  readonly keepAlive?: UpstreamKeepAliveOptions;
  /**
   * Size of the shared memory zone holding the upstream's state (`zone`); more endpoints need
   * more memory.
   * @default 512k with NGINX OSS, 1m with NGINX Plus (NGINX Gateway Fabric's defaults)
   */
  readonly zoneSize?: Size;
}

/**
 * An NGINX Gateway Fabric UpstreamSettingsPolicy (`gateway.nginx.org/v1alpha1`): load
 * balancing, keep-alive and shared memory of the upstreams built for Services. It targets
 * Services (whole Services, up to 16), and applies wherever a route sends traffic to them.
 *
 * ```ts
 * import { Chart } from 'cdk8s';
 * import { PolicyTarget, nginxGatewayFabric } from 'cdk8s-gateway-api';
 *
 * declare const chart: Chart;
 * new nginxGatewayFabric.UpstreamSettingsPolicy(chart, 'RoundRobin', {
 *   targets: [PolicyTarget.fromServiceName('web')],
 *   loadBalancingMethod: nginxGatewayFabric.LoadBalancingMethod.ROUND_ROBIN,
 * });
 * ```
 */
export class UpstreamSettingsPolicy extends Policy {
  /** The load-balancing method, when set. */
  public readonly loadBalancingMethod?: LoadBalancingMethod;
  /** The hash key of the hash methods, when set. */
  public readonly hashMethodKey?: string;

  private readonly keepAlive?: ngf.UpstreamSettingsPolicySpecKeepAlive;
  private readonly zoneSize?: string;

  public constructor(scope: Construct, id: string, props: UpstreamSettingsPolicyProps = {}) {
    super(scope, id, ngf.UpstreamSettingsPolicy.GVK, props);
    const fail = (m: string): never => this._fail(m);
    const method = props.loadBalancingMethod;
    const key = props.hashMethodKey;
    if (method !== undefined && !Object.values(LoadBalancingMethod).includes(method)) {
      this._fail(`spec.loadBalancingMethod: "${method}" is not a method of the CRD; use a LoadBalancingMethod member`);
    }
    const hashing = method !== undefined && HASH_METHODS.includes(method);
    if (hashing && key === undefined) {
      this._fail(`spec.hashMethodKey: loadBalancingMethod "${method}" needs a hashMethodKey (the CRD rule "hashMethodKey is required when loadBalancingMethod is 'hash' or 'hash consistent'"), such as "$request_uri"`);
    }
    if (key !== undefined && !hashing) {
      this._fail(`spec.hashMethodKey: "${key}" is used only by the hash methods, and loadBalancingMethod is ${method === undefined ? 'not set' : `"${method}"`}; set loadBalancingMethod to HASH or HASH_CONSISTENT, or drop hashMethodKey`);
    }
    if (key !== undefined && !HASH_KEY.test(key)) {
      this._fail(`spec.hashMethodKey: "${key}" must be one nginx variable of lowercase letters and underscores (^\\$[a-z_]+$), such as "$request_uri" or "$remote_addr"`);
    }
    this.loadBalancingMethod = method;
    this.hashMethodKey = key;
    this.zoneSize = nginxSize(fail, 'spec.zoneSize', props.zoneSize);
    const k = props.keepAlive;
    if (k) {
      const keepAlive = {
        connections: checkInteger(fail, 'spec.keepAlive.connections', k.connections, 0),
        requests: checkInteger(fail, 'spec.keepAlive.requests', k.requests, 0),
        time: nginxDuration(fail, 'spec.keepAlive.time', k.time),
        timeout: nginxDuration(fail, 'spec.keepAlive.timeout', k.timeout),
      };
      this.keepAlive = Object.values(keepAlive).some(v => v !== undefined) ? keepAlive : undefined;
    }
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
    return SERVICE_KINDS;
  }

  /** @internal */
  protected _sectionTargets(): boolean {
    return false;
  }

  /** @internal */
  protected _toSpec(): any {
    return ngf.toJson_UpstreamSettingsPolicySpec({
      targetRefs: this._renderTargetRefs()!,
      loadBalancingMethod: this.loadBalancingMethod as string as ngf.UpstreamSettingsPolicySpecLoadBalancingMethod | undefined,
      hashMethodKey: this.hashMethodKey,
      keepAlive: this.keepAlive,
      zoneSize: this.zoneSize,
    });
  }
}
