import { Construct } from 'constructs';
import { BackendListRules } from './backend-list-rules';
import { Route, RouteProps } from './route-base';
import { Backend } from '../core/backend';
import * as l1 from '../imports/standard/gateway.networking.k8s.io';

/**
 * The rule of a TLSRoute: the backends that receive the TLS connections.
 */
export interface TlsRouteRule {
  /**
   * Name of the rule (a lowercase RFC 1123 subdomain). Policies and status refer to the
   * rule by this name.
   * @default - unnamed
   */
  readonly name?: string;
  /**
   * Backends that receive the connections, split by weight: 1-16. Per-backend filters are
   * not allowed.
   */
  readonly backends: Backend[];
}

/**
 * Properties of a TlsRoute.
 */
export interface TlsRouteProps extends RouteProps {
  /**
   * SNI hostnames the route matches (a wildcard is allowed as the first label, IP addresses
   * are not). At least one is required at synth; more can be added with `addHostname`.
   * @default - none yet; at least one is required at synth
   */
  readonly hostnames?: string[];
  /**
   * The route's rule. TLSRoute v1 has exactly one rule.
   * @default - none yet; use `backends` or `addBackend`
   */
  readonly rules?: TlsRouteRule[];
  /**
   * Backends added to the route's single rule (an unnamed rule is created when `rules` is
   * empty), as with `addBackend`.
   * @default - none
   */
  readonly backends?: Backend[];
}

/**
 * A TLSRoute (v1): routes TLS connections by SNI hostname from TLS listeners (usually in
 * Passthrough mode) to backends, without terminating TLS.
 *
 * Backends in another namespace get a narrowly scoped ReferenceGrant unless
 * `createReferenceGrants` is false.
 */
export class TlsRoute extends Route {
  private readonly _rules: BackendListRules;

  public constructor(scope: Construct, id: string, props: TlsRouteProps = {}) {
    super(scope, id, l1.TlsRoute.GVK, props);
    this._rules = new BackendListRules({
      kind: 'TLSRoute',
      fail: m => this._fail(m),
      useBackend: b => this._useBackend(b),
    });
    for (const hostname of props.hostnames ?? []) this.addHostname(hostname);
    for (const rule of props.rules ?? []) this.addRule(rule);
    for (const backend of props.backends ?? []) this.addBackend(backend);
    this.node.addValidation({
      validate: () => [
        ...(this.hostnames.length === 0 ? ['TLSRoute has no hostnames; TLSRoute v1 requires at least one SNI hostname (pass hostnames or call addHostname())'] : []),
        ...this._rules.validate(),
      ],
    });
  }

  /** The number of rules added so far (0 or 1). */
  public get ruleCount(): number {
    return this._rules.count;
  }

  /**
   * Adds an SNI hostname the route matches. Repeats are ignored; IP addresses are rejected.
   */
  public addHostname(hostname: string): void {
    this._addHostnames([hostname]);
  }

  /**
   * Adds the route's rule. TLSRoute v1 allows exactly one rule, so a second call throws;
   * use `addBackend` to add backends to it.
   */
  public addRule(rule: TlsRouteRule): void {
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
    return ['TLS'];
  }

  /**
   * TLSRoute v1 accepts up to 1024 hostnames.
   * @internal
   */
  protected _maxHostnames(): number {
    return 1024;
  }

  /** @internal */
  protected _toSpec(): any {
    return l1.toJson_TlsRouteSpec({
      parentRefs: this._renderParentRefs(),
      hostnames: this._renderHostnames()!,
      rules: this._rules.render(this.namespace)!,
    });
  }
}
