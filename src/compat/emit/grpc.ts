import { upstreamBackend } from './backend-tls';
import { RuleContext, resolveBackend } from './context';
import { GrpcFilter } from '../../routes/grpc-filter';
import { GrpcMethodMatch, GrpcRouteMatch } from '../../routes/grpc-match';
import { GrpcRoute } from '../../routes/grpc-route';
import { HostPlan, LocationPlan } from '../plan/hosts';
import { hasRegexSyntax } from '../plan/paths';
import { isGrpc } from '../plan/tls';

/**
 * The GRPCRoute matches of a location of a `backend-protocol: GRPC`/`GRPCS` Ingress: gRPC
 * requests have the path `/<package.Service>/<Method>`, so `/` (Prefix) is every call,
 * `/<package.Service>` (Prefix) every method of a service and `/<package.Service>/<Method>` one
 * method. Undefined for any other path (kept on the HTTPRoute).
 */
export function grpcMatches(loc: LocationPlan): GrpcRouteMatch[] | undefined {
  if (hasRegexSyntax(loc.path) && loc.path !== '/') return undefined;
  const prefix = loc.pathType !== 'Exact';
  if (loc.path === '/') return prefix ? [] : undefined;
  const service = /^\/([A-Za-z_][A-Za-z0-9_.]*)\/?$/.exec(loc.path);
  const method = /^\/([A-Za-z_][A-Za-z0-9_.]*)\/([A-Za-z_][A-Za-z0-9_]*)$/.exec(loc.path);
  try {
    if (service && prefix) return [{ method: GrpcMethodMatch.exact(service[1]) }];
    if (method) return [{ method: GrpcMethodMatch.exact(method[1], method[2]) }];
  } catch {
    return undefined;
  }
  return undefined;
}

/** Why a location cannot be a GRPCRoute rule; undefined when it can. */
function notGrpc(loc: LocationPlan): string | undefined {
  const f = loc.features;
  if (!isGrpc(f)) return `${loc.owner.id} sends ${loc.path} over HTTP`;
  if (f.locationDenied !== undefined || f.temporalRedirect || f.permanentRedirect) return `${loc.path} is denied or redirected`;
  if (loc.canaries.length > 0) return `${loc.path} has a canary`;
  if (grpcMatches(loc) === undefined) return `${loc.path} is not a gRPC /package.Service[/Method] path`;
  return undefined;
}

/**
 * Why a host's HTTPS routes cannot be GRPCRoutes; undefined when they can. ingress-nginx
 * speaks gRPC on its HTTPS (HTTP/2) servers only, and Gateway API does not accept an HTTPRoute
 * and a GRPCRoute with the same hostname on one listener, so a host gets GRPCRoutes on its
 * HTTPS listener when every location is a plain gRPC location of a GRPC/GRPCS Ingress.
 */
export function notGrpcHost(host: HostPlan, https: boolean): string | undefined {
  if (!https) return `${host.host ?? 'the catch-all host'} has no certificate in spec.tls, and ingress-nginx speaks gRPC (HTTP/2) on HTTPS only`;
  const features = host.locations.find(l => l.owner === host.first)?.features;
  if (features?.appRoot !== undefined) return `${host.host} has app-root`;
  for (const loc of host.locations) {
    const why = notGrpc(loc);
    if (why !== undefined) return `${why}, and Gateway API does not accept an HTTPRoute and a GRPCRoute for the same hostname on one listener`;
  }
  return undefined;
}

/** Adds a gRPC location (see `notGrpcHost`) to a GRPCRoute. */
export function addGrpcLocationRule(ctx: RuleContext, route: GrpcRoute, loc: LocationPlan, hsts: string | undefined): void {
  const matches = grpcMatches(loc)!;
  const stable = resolveBackend(ctx, loc.owner, loc.backend, `path ${loc.path}`);
  if (stable === undefined) return;
  const filters = hsts === undefined ? [] : [GrpcFilter.responseHeaderModifier({ set: { 'Strict-Transport-Security': hsts } })];
  const backend = upstreamBackend(ctx, loc.owner, loc.features, stable, route);
  route.addRule({ matches: matches.length === 0 ? undefined : matches, filters, backends: [backend] });
}
