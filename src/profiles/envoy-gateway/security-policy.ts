import { Construct } from 'constructs';
import { MergeType, mergeTypeErrors } from './merge-type';
import { AuthorizationAction, AuthorizationRule, toClientCidrs } from './sp-authorization';
import { BasicAuth } from './sp-basic-auth';
import { SecurityPolicyCorsOptions, renderSecurityPolicyCors } from './sp-cors';
import { ExternalAuth } from './sp-ext-auth';
import * as eg from '../../imports/envoy-gateway/gateway.envoyproxy.io';
import { Policy, PolicyProps } from '../../policies/policy';

const GATEWAY_API = 'gateway.networking.k8s.io';
/** Target kinds of the SecurityPolicy CRD's CEL rules (`targetRefs[*].kind`). */
const TARGET_KINDS = ['Gateway', 'ListenerSet', 'HTTPRoute', 'GRPCRoute', 'TCPRoute'].map(k => `${GATEWAY_API}/${k}`);

/**
 * Properties of a SecurityPolicy.
 */
export interface SecurityPolicyProps extends PolicyProps {
  /**
   * Clients allowed in (ingress-nginx `whitelist-source-range`): IP addresses or CIDR ranges,
   * at least one; plain addresses become `/32` or `/128` ranges. Every other client gets 403.
   * With `ipDenyList` too, the deny list is checked first (ingress-nginx renders
   * `deny <deny>; allow <allow>; deny all;`).
   * @default - no allow list
   */
  readonly ipAllowList?: string[];
  /**
   * Clients refused with 403 (ingress-nginx `denylist-source-range`): IP addresses or CIDR
   * ranges, at least one; plain addresses become `/32` or `/128` ranges.
   * @default - no deny list
   */
  readonly ipDenyList?: string[];
  /**
   * More authorization rules, evaluated after the IP lists' rules; the first rule that
   * matches decides. More can be added with `addAuthorizationRule`.
   * @default - none
   */
  readonly authorizationRules?: AuthorizationRule[];
  /**
   * What happens to a request no authorization rule matches.
   * @default - `DENY` when `ipAllowList` is set, `ALLOW` when only `ipDenyList` is set;
   * otherwise not rendered (Envoy Gateway then denies)
   */
  readonly authorizationDefaultAction?: AuthorizationAction;
  /**
   * HTTP Basic authentication against an htpasswd Secret (key `.htpasswd`, `{SHA}` hashes only).
   * @default - none
   */
  readonly basicAuth?: BasicAuth;
  /**
   * External authorization by an HTTP or gRPC service.
   * @default - none
   */
  readonly extAuth?: ExternalAuth;
  /**
   * CORS handled by Envoy.
   * @default - none
   */
  readonly cors?: SecurityPolicyCorsOptions;
  /**
   * How this policy, when it targets routes, is merged with the SecurityPolicy of their
   * Gateway or listener (`spec.mergeType`). Only HTTPRoute, GRPCRoute and TCPRoute targets
   * are allowed when it is set.
   * @default - no merge: on the targeted routes, only this policy's settings apply
   */
  readonly mergeType?: MergeType;
}

/**
 * An Envoy Gateway SecurityPolicy (`gateway.envoyproxy.io/v1alpha1`): client IP allow and
 * deny lists, authorization rules, Basic authentication, external authorization and CORS for
 * the targeted Gateways, listeners, ListenerSets, HTTPRoutes, GRPCRoutes (or one rule of
 * them, by name) and TCPRoutes.
 *
 * A policy on a route (or rule) overrides one on its Gateway; two policies on the same
 * target conflict and Envoy Gateway keeps the oldest.
 *
 * ```ts
 * import { Chart } from 'cdk8s';
 * import { HttpRoute, envoyGateway } from 'cdk8s-gateway-api';
 *
 * declare const chart: Chart;
 * declare const route: HttpRoute;
 * new envoyGateway.SecurityPolicy(chart, 'AdminOnly', {
 *   targets: [route.ruleTarget('admin')],
 *   ipAllowList: ['10.0.0.0/8', '192.168.0.0/16'],
 *   basicAuth: envoyGateway.BasicAuth.fromSecretName('basic-auth'),
 * });
 * ```
 */
export class SecurityPolicy extends Policy {
  /** The basic authentication, when set. */
  public readonly basicAuth?: BasicAuth;
  /** The external authorization, when set. */
  public readonly extAuth?: ExternalAuth;

  private readonly allow?: string[];
  private readonly deny?: string[];
  private readonly defaultAction?: AuthorizationAction;
  private readonly cors?: eg.SecurityPolicySpecCors;
  private readonly rules: AuthorizationRule[] = [];
  private readonly mergeType?: MergeType;

  public constructor(scope: Construct, id: string, props: SecurityPolicyProps = {}) {
    super(scope, id, eg.SecurityPolicy.GVK, props);
    for (const [field, list] of [['ipAllowList', props.ipAllowList], ['ipDenyList', props.ipDenyList]] as const) {
      if (list === undefined) continue;
      const { value, error } = toClientCidrs(field, list);
      if (value === undefined) this._fail(error!);
      if (field === 'ipAllowList') this.allow = value;
      else this.deny = value;
    }
    if (this.allow && props.authorizationDefaultAction === AuthorizationAction.ALLOW) {
      this._fail('authorizationDefaultAction is ALLOW with an ipAllowList: every client outside the allow list would be let in; omit authorizationDefaultAction (the allow list implies DENY)');
    }
    this.defaultAction = props.authorizationDefaultAction
      ?? (this.allow ? AuthorizationAction.DENY : this.deny ? AuthorizationAction.ALLOW : undefined);
    this.basicAuth = props.basicAuth;
    this.extAuth = props.extAuth;
    if (props.cors) {
      const { value, error } = renderSecurityPolicyCors(props.cors);
      if (value === undefined) this._fail(error!);
      this.cors = value;
    }
    for (const rule of props.authorizationRules ?? []) this.addAuthorizationRule(rule);
    if (props.mergeType !== undefined && !Object.values(MergeType).includes(props.mergeType)) {
      this._fail(`mergeType "${props.mergeType}" must be StrategicMerge or JSONMerge`);
    }
    this.mergeType = props.mergeType;
    this.node.addValidation({ validate: () => [...this.validatePolicy(), ...mergeTypeErrors(this.kind, this.mergeType, this.targets, ['HTTPRoute', 'GRPCRoute', 'TCPRoute'])] });
  }

  /** Adds an authorization rule after those added so far (the first matching rule decides). */
  public addAuthorizationRule(rule: AuthorizationRule): void {
    this.rules.push(rule);
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
    const rules: eg.SecurityPolicySpecAuthorizationRules[] = [];
    if (this.deny) rules.push(cidrRule(AuthorizationAction.DENY, this.deny));
    if (this.allow) rules.push(cidrRule(AuthorizationAction.ALLOW, this.allow));
    rules.push(...this.rules.map(r => r._toKube()));
    const authorization = rules.length > 0 || this.defaultAction !== undefined ? {
      defaultAction: this.defaultAction as string as eg.SecurityPolicySpecAuthorizationDefaultAction | undefined,
      rules: rules.length > 0 ? rules : undefined,
    } : undefined;
    return eg.toJson_SecurityPolicySpec({
      targetRefs: this._renderTargetRefs(),
      authorization,
      basicAuth: this.basicAuth?._toKube(this.namespace),
      extAuth: this.extAuth?._toKube(this.namespace),
      cors: this.cors,
      mergeType: this.mergeType,
    });
  }

  private validatePolicy(): string[] {
    const errors: string[] = [];
    const hasAuthorization = this.allow || this.deny || this.rules.length > 0 || this.defaultAction !== undefined;
    if (!hasAuthorization && !this.basicAuth && !this.extAuth && !this.cors) {
      errors.push('SecurityPolicy sets nothing; pass ipAllowList, ipDenyList, authorizationRules, basicAuth, extAuth or cors');
    }
    const tcp = this.targets.map(t => t.toPolicyTargetReference()).filter(r => r.kind === 'TCPRoute');
    const http = [this.basicAuth ? 'basicAuth' : '', this.extAuth ? 'extAuth' : '', this.cors ? 'cors' : ''].filter(x => x);
    if (tcp.length > 0 && http.length > 0) {
      errors.push(`SecurityPolicy targets TCPRoute "${tcp[0].name}" but sets ${http.join(', ')}, which need HTTP; a TCPRoute takes only client IP authorization: put them in a SecurityPolicy on the HTTP routes`);
    }
    return errors;
  }
}

function cidrRule(action: AuthorizationAction, cidrs: string[]): eg.SecurityPolicySpecAuthorizationRules {
  return { action: action as string as eg.SecurityPolicySpecAuthorizationRulesAction, principal: { clientCidRs: [...cidrs] } };
}
