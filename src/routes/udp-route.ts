import { Construct } from 'constructs';
import { BackendListRules } from './backend-list-rules';
import { Route, RouteProps } from './route-base';
import { Backend } from '../core/backend';
import * as l1 from '../imports/standard/gateway.networking.k8s.io';

/**
 * The rule of a UDPRoute: the backends that receive the datagrams.
 */
export interface UdpRouteRule {
  /**
   * Name of the rule (a lowercase RFC 1123 subdomain). Policies and status refer to the
   * rule by this name.
   * @default - unnamed
   */
  readonly name?: string;
  /**
   * Backends that receive the datagrams, split by weight: 1-16. Per-backend filters are
   * not allowed.
   */
  readonly backends: Backend[];
}

/**
 * Properties of a UdpRoute.
 */
export interface UdpRouteProps extends RouteProps {
  /**
   * The route's rule. UDPRoute v1 has exactly one rule.
   * @default - none yet; use `backends` or `addBackend`
   */
  readonly rules?: UdpRouteRule[];
  /**
   * Backends added to the route's single rule (an unnamed rule is created when `rules` is
   * empty), as with `addBackend`.
   * @default - none
   */
  readonly backends?: Backend[];
}

/**
 * A UDPRoute (v1, Standard since Gateway API v1.6): forwards UDP datagrams from UDP listeners to
 * backends. It has no hostnames and no matches; attach it to a listener (by section name
 * or port) to select the traffic.
 *
 * Backends in another namespace get a narrowly scoped ReferenceGrant unless
 * `createReferenceGrants` is false.
 */
export class UdpRoute extends Route {
  private readonly _rules: BackendListRules;

  public constructor(scope: Construct, id: string, props: UdpRouteProps = {}) {
    super(scope, id, l1.UdpRoute.GVK, props);
    this._rules = new BackendListRules({
      kind: 'UDPRoute',
      fail: m => this._fail(m),
      useBackend: b => this._useBackend(b),
    });
    for (const rule of props.rules ?? []) this.addRule(rule);
    for (const backend of props.backends ?? []) this.addBackend(backend);
    this.node.addValidation({ validate: () => this._rules.validate() });
  }

  /** The number of rules added so far (0 or 1). */
  public get ruleCount(): number {
    return this._rules.count;
  }

  /**
   * Adds the route's rule. UDPRoute v1 allows exactly one rule, so a second call throws;
   * use `addBackend` to add backends to it.
   */
  public addRule(rule: UdpRouteRule): void {
    this._rules.add(rule);
  }

  /**
   * Adds a backend to the route's rule, creating an unnamed rule when there is none yet.
   */
  public addBackend(backend: Backend): void {
    this._rules.addBackend(backend);
  }

  /** @internal */
  protected _listenerProtocols(): string[] {
    return ['UDP'];
  }

  /** @internal */
  protected _toSpec(): any {
    return l1.toJson_UdpRouteSpec({
      parentRefs: this._renderParentRefs(),
      rules: this._rules.render(this.namespace)!,
    });
  }
}
