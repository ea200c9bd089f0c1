import { Construct } from 'constructs';
import { BackendListRoute, BackendListRouteProps } from './backend-list-route';
import * as l1 from '../imports/standard/gateway.networking.k8s.io';

/**
 * Properties of a TcpRoute.
 */
export interface TcpRouteProps extends BackendListRouteProps {}

/**
 * A TCPRoute (v1, Standard since Gateway API v1.6): forwards TCP connections from TCP listeners to
 * backends. It has no hostnames and no matches; attach it to a listener (by section name
 * or port) to select the traffic.
 *
 * Backends in another namespace get a narrowly scoped ReferenceGrant unless
 * `createReferenceGrants` is false.
 */
export class TcpRoute extends BackendListRoute {
  public constructor(scope: Construct, id: string, props: TcpRouteProps = {}) {
    super(scope, id, l1.TcpRoute.GVK, props);
  }

  /** @internal */
  protected _listenerProtocols(): string[] {
    return ['TCP'];
  }

  /** @internal */
  protected _toSpec(): any {
    return l1.toJson_TcpRouteSpec({
      parentRefs: this._renderParentRefs(),
      rules: this._renderRules(),
    });
  }
}
