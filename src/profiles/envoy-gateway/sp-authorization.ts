import { toClientCidr } from './sp-cidr';
import { throwIn } from '../../core/errors';
import { charLength } from '../../core/formats';
import * as eg from '../../imports/envoy-gateway/gateway.envoyproxy.io';
import { HttpMethod } from '../../routes/http-match';

const MAX_METHODS = 16;
const MAX_RULE_NAME = 253;
const MAX_CEL = 4096;

/**
 * What an authorization rule of a SecurityPolicy does with a request it matches, and what
 * happens to a request no rule matches (`defaultAction`).
 */
export enum AuthorizationAction {
  /** Let the request through. */
  ALLOW = 'Allow',
  /** Reject the request with 403 Forbidden. */
  DENY = 'Deny',
}

/**
 * Options of `AuthorizationRule.allow` and `AuthorizationRule.deny`. At least one of
 * `clientCidrs` and `cel` is required; all that are given must match.
 */
export interface AuthorizationRuleOptions {
  /**
   * Name of the rule (1-253 characters), shown in Envoy Gateway's status and stats.
   * @default - Envoy Gateway generates a unique name
   */
  readonly name?: string;
  /**
   * Client IP ranges: the rule matches a client in any of them. Plain addresses are taken as
   * single-host ranges (`/32`, `/128`). The client IP is the TCP peer unless a
   * ClientTrafficPolicy configures `clientIPDetection` or the PROXY protocol.
   * @default - any client
   */
  readonly clientCidrs?: string[];
  /**
   * HTTP methods the rule matches (1-16).
   * @default - every method
   */
  readonly methods?: HttpMethod[];
  /**
   * A CEL expression over Envoy's request attributes (1-4096 characters) that must evaluate to
   * `true`, such as `request.headers['x-tenant'] == 'team-a'`.
   * @default - no expression
   */
  readonly cel?: string;
}

/**
 * One rule of a SecurityPolicy's `authorization.rules` (evaluated in order, the first matching
 * rule decides).
 */
export class AuthorizationRule {
  /** A rule that lets matching requests through. */
  public static allow(options: AuthorizationRuleOptions): AuthorizationRule {
    return AuthorizationRule.create('AuthorizationRule.allow', AuthorizationAction.ALLOW, options);
  }

  /** A rule that rejects matching requests with 403. */
  public static deny(options: AuthorizationRuleOptions): AuthorizationRule {
    return AuthorizationRule.create('AuthorizationRule.deny', AuthorizationAction.DENY, options);
  }

  private static create(factory: string, action: AuthorizationAction, options: AuthorizationRuleOptions): AuthorizationRule {
    const { name, methods, cel } = options;
    if (name !== undefined && (charLength(name) < 1 || charLength(name) > MAX_RULE_NAME)) {
      throwIn(factory, `name "${name}" must be 1-${MAX_RULE_NAME} characters`);
    }
    let cidrs: string[] | undefined;
    if (options.clientCidrs !== undefined) {
      const checked = toClientCidrs('clientCidrs', options.clientCidrs);
      if (checked.error !== undefined) throwIn(factory, checked.error);
      cidrs = checked.value;
    }
    if (methods !== undefined && (methods.length < 1 || methods.length > MAX_METHODS)) {
      throwIn(factory, `methods has ${methods.length} entries; give 1-${MAX_METHODS} methods, or omit methods to match every method`);
    }
    if (cel !== undefined && (charLength(cel) < 1 || charLength(cel) > MAX_CEL)) {
      throwIn(factory, `cel has ${charLength(cel)} characters; a CEL expression is 1-${MAX_CEL} characters`);
    }
    if (cidrs === undefined && cel === undefined) {
      throwIn(factory, 'the rule has neither clientCidrs nor cel; the CRD requires a principal or a CEL expression in every rule: pass clientCidrs (["0.0.0.0/0", "::/0"] for every client) or cel');
    }
    return new AuthorizationRule(action, name, cidrs, methods ? [...methods] : undefined, cel);
  }

  private constructor(
    /** What the rule does with a matching request. */
    public readonly action: AuthorizationAction,
    /** Name of the rule, when given. */
    public readonly name: string | undefined,
    private readonly cidrs: string[] | undefined,
    private readonly methods: HttpMethod[] | undefined,
    private readonly cel: string | undefined) {}

  /** @internal */
  public _toKube(): eg.SecurityPolicySpecAuthorizationRules {
    return {
      name: this.name,
      action: this.action as string as eg.SecurityPolicySpecAuthorizationRulesAction,
      principal: this.cidrs ? { clientCidRs: this.cidrs } : undefined,
      operation: this.methods
        ? { methods: this.methods.map(m => m as string as eg.SecurityPolicySpecAuthorizationRulesOperationMethods) }
        : undefined,
      cel: this.cel,
    };
  }
}

/**
 * Checks and normalises a list of client IPs or CIDR ranges (at least one; repeats removed),
 * or returns an error naming `field` and the bad entry.
 * @internal
 */
export function toClientCidrs(field: string, entries: string[]): { value?: string[]; error?: string } {
  if (entries.length === 0) {
    return { error: `${field} is empty; give at least one IP address or CIDR range (an empty list matches no client), or omit ${field}` };
  }
  const out: string[] = [];
  for (const entry of entries) {
    const { value, error } = toClientCidr(entry);
    if (value === undefined) return { error: `${field}: ${error}` };
    if (!out.includes(value)) out.push(value);
  }
  return { value: out };
}
