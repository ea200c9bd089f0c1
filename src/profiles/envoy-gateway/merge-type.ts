import { IPolicyTarget } from '../../core/references';

/**
 * How a policy on a route (or one rule) is merged with the policy of the same kind on its
 * Gateway or listener (`spec.mergeType`, Envoy Gateway `api/v1alpha1/shared_types.go`). Without
 * it, Envoy Gateway applies only the most specific policy: a route-level BackendTrafficPolicy
 * then drops every setting of the Gateway's one.
 */
export enum MergeType {
  /** Kubernetes strategic merge: the route's fields win, lists merge by key. */
  STRATEGIC_MERGE = 'StrategicMerge',
  /** RFC 7386 JSON merge patch: the route's fields win, lists are replaced. */
  JSON_MERGE = 'JSONMerge',
}

const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'UDPRoute', 'TLSRoute'];

/**
 * The synth-time error when `mergeType` is set on a policy with a target that is not a route
 * (the CRD's CEL rule "mergeType can only be used with xRoute targets").
 * @internal
 */
export function mergeTypeErrors(
  kind: string, mergeType: MergeType | undefined, targets: IPolicyTarget[], routeKinds: string[] = ROUTE_KINDS): string[] {
  if (mergeType === undefined) return [];
  const bad = targets.map(t => t.toPolicyTargetReference()).find(r => !routeKinds.includes(r.kind));
  if (bad === undefined) return [];
  const allowed = routeKinds.join(', ');
  return [`mergeType ${mergeType} merges a route-level ${kind} into its Gateway's, but the target ${bad.kind} "${bad.name}" is not a route (${allowed}); drop mergeType or target routes only`];
}
