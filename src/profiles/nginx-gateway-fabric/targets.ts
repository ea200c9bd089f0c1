import { IPolicyTarget } from '../../core/references';

/**
 * Target kinds of the NGINX Gateway Fabric v2.6.7 policies, from the CEL rules on their
 * `targetRef`/`targetRefs` (`config/crd/bases/gateway.nginx.org_*.yaml`).
 * @internal
 */

const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/**
 * Gateway, HTTPRoute and GRPCRoute of `gateway.networking.k8s.io`: the targets of
 * ClientSettingsPolicy, ProxySettingsPolicy and RateLimitPolicy.
 * @internal
 */
export const GATEWAY_AND_ROUTE_KINDS = [`${GATEWAY_GROUP}/Gateway`, `${GATEWAY_GROUP}/HTTPRoute`, `${GATEWAY_GROUP}/GRPCRoute`];

/**
 * Core-group Services: the targets of UpstreamSettingsPolicy.
 * @internal
 */
export const SERVICE_KINDS = ['/Service'];

function isGateway(target: IPolicyTarget): boolean {
  const ref = target.toPolicyTargetReference();
  return ref.group === GATEWAY_GROUP && ref.kind === 'Gateway';
}

function isRoute(target: IPolicyTarget): boolean {
  const ref = target.toPolicyTargetReference();
  return ref.group === GATEWAY_GROUP && (ref.kind === 'HTTPRoute' || ref.kind === 'GRPCRoute');
}

/**
 * The error when adding `target` would mix a Gateway with routes in one policy, which the CRDs
 * of ProxySettingsPolicy and RateLimitPolicy forbid ("Cannot mix Gateway kind with HTTPRoute or
 * GRPCRoute kinds in targetRefs"); undefined when it does not.
 * @internal
 */
export function mixedTargetsError(policyKind: string, existing: IPolicyTarget[], target: IPolicyTarget): string | undefined {
  const other = isGateway(target) ? existing.find(isRoute) : isRoute(target) ? existing.find(isGateway) : undefined;
  if (other === undefined) return undefined;
  const describe = (t: IPolicyTarget) => `${t.toPolicyTargetReference().kind} "${t.toPolicyTargetReference().name}"`;
  return `target ${describe(target)} cannot join ${describe(other)}: a ${policyKind} targets Gateways or routes (HTTPRoute, GRPCRoute), not both (its CRD rejects mixed targetRefs); create one ${policyKind} for the Gateways and another for the routes`;
}
