/**
 * Builds routes from their descriptions: HTTPRoutes, GRPCRoutes, TLSRoutes, TCPRoutes and
 * UDPRoutes with their matches, filters, backends and timeouts, and rules, hostnames and
 * parents in props or added through methods.
 */
import { Chart } from 'cdk8s';
import { backend } from './build-backends';
import { grpcFilter, httpFilter } from './build-filters';
import { duration, metadata } from './build-values';
import { BackendDesc, FilterDesc, HttpMatchDesc, ParentDesc, RouteDesc } from './descriptions';
import * as gw from '../../src';

function httpMatch(m: HttpMatchDesc): gw.HttpRouteMatch {
  const path = m.path === undefined ? undefined
    : m.path.type === 'exact' ? gw.PathMatch.exact(m.path.value)
      : m.path.type === 'prefix' ? gw.PathMatch.prefix(m.path.value) : gw.PathMatch.regex(m.path.value);
  return {
    path,
    headers: m.headers?.map(h => h.type === 'exact' ? gw.HeaderMatch.exact(h.name, h.value) : gw.HeaderMatch.regex(h.name, h.value)),
    queryParams: m.queryParams?.map(q => q.type === 'exact' ? gw.QueryParamMatch.exact(q.name, q.value) : gw.QueryParamMatch.regex(q.name, q.value)),
    method: m.method as gw.HttpMethod | undefined,
  };
}

/** Builds route `r` in `scope`, attached to the parents `toParent` resolves. */
export function buildRoute(scope: Chart, id: string, r: RouteDesc, toParent: (p: ParentDesc) => gw.IRouteParent): void {
  const parents = r.parents.map(toParent);
  const viaProps = r.via === 'props';
  const common = {
    metadata: metadata(r.name, r.namespace),
    parents: viaProps ? parents : undefined,
    createReferenceGrants: r.createReferenceGrants,
  };
  const attach = (route: gw.Route) => {
    if (!viaProps) for (const p of parents) route.addParent(p);
  };
  const b = (x: BackendDesc, filter: (f: FilterDesc) => gw.IBackendFilter = f => httpFilter(scope, f)) => backend(scope, x, filter);
  switch (r.kind) {
    case 'HTTPRoute': {
      const rules: gw.HttpRouteRule[] = r.rules.map(rule => ({
        name: rule.name,
        matches: rule.matches?.map(httpMatch),
        filters: rule.filters?.map(f => httpFilter(scope, f)),
        backends: rule.backends?.map(x => b(x)),
        timeout: rule.timeout && duration(rule.timeout),
        backendTimeout: rule.backendTimeout && duration(rule.backendTimeout),
      }));
      const route = new gw.HttpRoute(scope, id, { ...common, ...(viaProps ? { hostnames: r.hostnames, rules } : {}) });
      attach(route);
      if (!viaProps) {
        if (r.hostnames.length > 0) route.addHostname(...r.hostnames);
        for (const rule of rules) route.addRule(rule);
      }
      return;
    }
    case 'GRPCRoute': {
      const gf = (f: FilterDesc) => grpcFilter(scope, f);
      const rules: gw.GrpcRouteRule[] = r.rules.map(rule => ({
        name: rule.name,
        matches: rule.matches?.map(m => ({
          method: m.method === undefined ? undefined
            : m.method.type === 'exact' ? gw.GrpcMethodMatch.exact(m.method.service, m.method.method) : gw.GrpcMethodMatch.regex(m.method.service, m.method.method),
          headers: m.headers?.map(h => h.type === 'exact' ? gw.HeaderMatch.exact(h.name, h.value) : gw.HeaderMatch.regex(h.name, h.value)),
        })),
        filters: rule.filters?.map(gf),
        backends: rule.backends?.map(x => b(x, gf)),
      }));
      const route = new gw.GrpcRoute(scope, id, { ...common, ...(viaProps ? { hostnames: r.hostnames, rules } : {}) });
      attach(route);
      if (!viaProps) {
        for (const h of r.hostnames) route.addHostname(h);
        for (const rule of rules) route.addRule(rule);
      }
      return;
    }
    case 'TLSRoute': {
      const rule = r.rule && { name: r.rule.name, backends: r.rule.backends.map(x => b(x)) };
      const backends = r.backends.map(x => b(x));
      const props = viaProps ? { hostnames: r.hostnames, rules: rule ? [rule] : undefined, backends } : {};
      const route = new gw.TlsRoute(scope, id, { ...common, ...props });
      attach(route);
      if (!viaProps) {
        for (const h of r.hostnames) route.addHostname(h);
        if (rule) route.addRule(rule);
        for (const x of backends) route.addBackend(x);
      }
      return;
    }
    default: {
      const rule = r.rule && { name: r.rule.name, backends: r.rule.backends.map(x => b(x)) };
      const backends = r.backends.map(x => b(x));
      const props = { ...common, ...(viaProps ? { rules: rule ? [rule] : undefined, backends } : {}) };
      const route = r.kind === 'TCPRoute' ? new gw.TcpRoute(scope, id, props) : new gw.UdpRoute(scope, id, props);
      attach(route);
      if (!viaProps) {
        if (rule) route.addRule(rule);
        for (const x of backends) route.addBackend(x);
      }
    }
  }
}
