import { Construct } from 'constructs';
import { BackendListRoute, BackendListRouteProps } from './backend-list-route';
import * as l1 from '../imports/standard/gateway.networking.k8s.io';
import { reportedFinding } from '../validation/construct-findings';

/**
 * Properties of a TlsRoute.
 */
export interface TlsRouteProps extends BackendListRouteProps {
  /**
   * SNI hostnames the route matches (a wildcard is allowed as the first label, IP addresses
   * are not). At least one is required at synth; more can be added with `addHostname`.
   * @default - none yet; at least one is required at synth
   */
  readonly hostnames?: string[];
}

/**
 * A TLSRoute (v1): routes TLS connections by SNI hostname from TLS listeners (usually in
 * Passthrough mode) to backends, without terminating TLS.
 *
 * Backends in another namespace get a narrowly scoped ReferenceGrant unless
 * `createReferenceGrants` is false.
 */
export class TlsRoute extends BackendListRoute {
  public constructor(scope: Construct, id: string, props: TlsRouteProps = {}) {
    super(scope, id, l1.TlsRoute.GVK, props);
    for (const hostname of props.hostnames ?? []) this.addHostname(hostname);
    this.node.addValidation({
      validate: () => (this.hostnames.length === 0
        ? [reportedFinding(this.apiObject, { path: 'spec.hostnames' }, 'TLSRoute has no hostnames; TLSRoute v1 requires at least one SNI hostname (pass hostnames or call addHostname())')]
        : []),
    });
  }

  /**
   * Adds an SNI hostname the route matches. Repeats are ignored; IP addresses are rejected.
   */
  public addHostname(hostname: string): void {
    this._addHostnames([hostname]);
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
      rules: this._renderRules(),
    });
  }
}
