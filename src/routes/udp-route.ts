import { Construct } from 'constructs';
import { BackendListRoute, BackendListRouteProps } from './backend-list-route';
import * as l1 from '../imports/standard/gateway.networking.k8s.io';

/**
 * Properties of a UdpRoute.
 */
export interface UdpRouteProps extends BackendListRouteProps {}

/**
 * A UDPRoute (v1, Standard since Gateway API v1.6): forwards UDP datagrams from UDP listeners to
 * backends. It has no hostnames and no matches; attach it to a listener (by section name
 * or port) to select the traffic.
 *
 * Backends in another namespace get a narrowly scoped ReferenceGrant unless
 * `createReferenceGrants` is false.
 */
export class UdpRoute extends BackendListRoute {
  public constructor(scope: Construct, id: string, props: UdpRouteProps = {}) {
    super(scope, id, l1.UdpRoute.GVK, props);
  }

  /** @internal */
  protected _listenerProtocols(): string[] {
    return ['UDP'];
  }

  /** @internal */
  protected _toSpec(): any {
    return l1.toJson_UdpRouteSpec({
      parentRefs: this._renderParentRefs(),
      rules: this._renderRules(),
    });
  }
}
