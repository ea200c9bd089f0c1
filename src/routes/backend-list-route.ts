import { GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';
import { BackendListRules } from './backend-list-rules';
import { Route, RouteProps } from './route-base';
import { Backend } from '../core/backend';

/**
 * The rule of a TLSRoute, TCPRoute or UDPRoute: a named list of the backends that receive
 * the connections (or datagrams).
 */
export interface BackendListRouteRule {
  /**
   * Name of the rule (a lowercase RFC 1123 subdomain). Policies and status refer to the
   * rule by this name.
   * @default - unnamed
   */
  readonly name?: string;
  /**
   * Backends that receive the traffic, split by weight: 1-16. Per-backend filters are
   * not allowed.
   */
  readonly backends: Backend[];
}

/**
 * Properties shared by TLSRoute, TCPRoute and UDPRoute.
 */
export interface BackendListRouteProps extends RouteProps {
  /**
   * The route's rule. These kinds have exactly one rule in v1.
   * @default - none yet; use `backends` or `addBackend`
   */
  readonly rules?: BackendListRouteRule[];
  /**
   * Backends added to the route's single rule (an unnamed rule is created when `rules` is
   * empty), as with `addBackend`.
   * @default - none
   */
  readonly backends?: Backend[];
}

/**
 * Base of the routes whose only rule is a list of backends: TLSRoute, TCPRoute, UDPRoute.
 */
export abstract class BackendListRoute extends Route {
  private readonly _rules: BackendListRules;

  protected constructor(scope: Construct, id: string, gvk: GroupVersionKind, props: BackendListRouteProps) {
    super(scope, id, gvk, props);
    this._rules = new BackendListRules({
      kind: gvk.kind,
      apiObject: this.apiObject,
      fail: m => this._fail(m),
      useBackend: b => this._useBackend(b),
    });
    for (const rule of props.rules ?? []) this.addRule(rule);
    for (const backend of props.backends ?? []) this.addBackend(backend);
    this.node.addValidation({ validate: () => this._rules.validate() });
  }

  /** @internal */
  protected _ruleNames(): string[] {
    return this._rules.names();
  }

  /** The number of rules added so far (0 or 1). */
  public get ruleCount(): number {
    return this._rules.count;
  }

  /**
   * Adds the route's rule. These kinds allow exactly one rule in v1, so a second call
   * throws; use `addBackend` to add backends to it.
   */
  public addRule(rule: BackendListRouteRule): void {
    this._rules.add(rule);
  }

  /**
   * Adds a backend to the route's rule, creating an unnamed rule when there is none yet.
   */
  public addBackend(backend: Backend): void {
    this._rules.addBackend(backend);
  }

  /**
   * The `spec.rules` list.
   * @internal
   */
  protected _renderRules(): any[] {
    return this._rules.render(this.namespace)!;
  }
}
