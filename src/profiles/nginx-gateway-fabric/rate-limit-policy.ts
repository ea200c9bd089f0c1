import { Construct } from 'constructs';
import { LocalRateLimitRule, renderLocalRateLimitRule } from './rate-limit-rule';
import { GATEWAY_AND_ROUTE_KINDS, mixedTargetsError } from './targets';
import { checkInteger } from './values';
import { IPolicyTarget } from '../../core/references';
import * as ngf from '../../imports/nginx-gateway-fabric/gateway.nginx.org';
import { Policy, PolicyProps } from '../../policies/policy';

/** `rejectCode` in the v2.6.7 CRD. */
const MIN_REJECT_CODE = 400;
const MAX_REJECT_CODE = 599;

/**
 * Severity of the log entries nginx writes when it rejects or delays a request
 * (`limit_req_log_level`; delays are logged one level lower).
 */
export enum RateLimitLogLevel {
  /** `info` */
  INFO = 'info',
  /** `notice` */
  NOTICE = 'notice',
  /** `warn` */
  WARN = 'warn',
  /** `error` (nginx's default) */
  ERROR = 'error',
}

/**
 * Properties of a RateLimitPolicy.
 */
export interface RateLimitPolicyProps extends PolicyProps {
  /**
   * Local rate-limit rules (`spec.rateLimit.local.rules`); more can be added with `addRule`.
   * @default - none: the policy only sets `rejectCode`, `logLevel` or `dryRun` for the rules
   * of policies on the Gateway
   */
  readonly rules?: LocalRateLimitRule[];
  /**
   * Status code of rejected requests (`limit_req_status`, 400-599).
   * @default 503 (nginx's default, as in ingress-nginx)
   */
  readonly rejectCode?: number;
  /**
   * Count excess requests without rejecting or delaying them (`limit_req_dry_run`).
   * @default false
   */
  readonly dryRun?: boolean;
  /**
   * Severity of the log entries for rejected requests (`limit_req_log_level`).
   * @default RateLimitLogLevel.ERROR (nginx's default)
   */
  readonly logLevel?: RateLimitLogLevel;
}

/**
 * An NGINX Gateway Fabric RateLimitPolicy (`gateway.nginx.org/v1alpha1`): nginx's request rate
 * limits (`limit_req`) for Gateways or for HTTPRoutes and GRPCRoutes. Each rule gets its own
 * zone, shared by all targets of the policy and counted per nginx replica.
 *
 * Targets are whole objects (no listener or rule), up to 16, either Gateways or routes, never
 * both in one policy.
 *
 * ```ts
 * import { Chart } from 'cdk8s';
 * import { HttpRoute, nginxGatewayFabric } from 'cdk8s-gateway-api';
 *
 * declare const chart: Chart;
 * declare const api: HttpRoute;
 * // ingress-nginx's limit-rps: "10"
 * new nginxGatewayFabric.RateLimitPolicy(chart, 'ApiLimit', {
 *   targets: [api],
 *   rules: [{ requestsPerSecond: 10, burst: 50, noDelay: true }],
 *   rejectCode: 503,
 * });
 * ```
 */
export class RateLimitPolicy extends Policy {
  private readonly rules: ngf.RateLimitPolicySpecRateLimitLocalRules[] = [];
  private readonly rejectCode?: number;
  private readonly dryRun?: boolean;
  private readonly logLevel?: RateLimitLogLevel;

  public constructor(scope: Construct, id: string, props: RateLimitPolicyProps = {}) {
    super(scope, id, ngf.RateLimitPolicy.GVK, props);
    const fail = (m: string): never => this._fail(m);
    this.rejectCode = checkInteger(fail, 'spec.rateLimit.rejectCode', props.rejectCode, MIN_REJECT_CODE, MAX_REJECT_CODE);
    if (props.logLevel !== undefined && !Object.values(RateLimitLogLevel).includes(props.logLevel)) {
      this._fail(`spec.rateLimit.logLevel: "${props.logLevel}" is not one of info, notice, warn, error; use a RateLimitLogLevel member`);
    }
    this.logLevel = props.logLevel;
    this.dryRun = props.dryRun;
    for (const rule of props.rules ?? []) this.addRule(rule);
    this.node.addValidation({
      validate: () => (this.rules.length === 0 && this.rejectCode === undefined && this.dryRun === undefined && this.logLevel === undefined
        ? [`${this.kind} sets nothing: pass rules (or call addRule()), rejectCode, dryRun or logLevel`]
        : []),
    });
  }

  /** Adds a local rate-limit rule. Throws when the rule is invalid. */
  public addRule(rule: LocalRateLimitRule): void {
    this.rules.push(renderLocalRateLimitRule((m: string): never => this._fail(m), this.rules.length, rule));
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
    const rateLimit: ngf.RateLimitPolicySpecRateLimit = {
      local: this.rules.length > 0 ? { rules: this.rules } : undefined,
      rejectCode: this.rejectCode,
      dryRun: this.dryRun,
      logLevel: this.logLevel as string as ngf.RateLimitPolicySpecRateLimitLogLevel | undefined,
    };
    return ngf.toJson_RateLimitPolicySpec({
      targetRefs: this._renderTargetRefs()!,
      rateLimit: Object.values(rateLimit).some(v => v !== undefined) ? rateLimit : undefined,
    });
  }
}
