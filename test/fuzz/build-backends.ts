/** Builds a backend from its description: a Service by name, a cdk8s-plus Service, or a reference. */
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { BackendDesc, FilterDesc } from './descriptions';
import * as gw from '../../src';

/** A backend with its filters (built by `filter`: HTTP or GRPC filters, as the route takes). */
export function backend(scope: Construct, b: BackendDesc, filter: (f: FilterDesc) => gw.IBackendFilter): gw.Backend {
  const common = {
    ...(b.weight !== undefined ? { weight: b.weight } : {}),
    ...(b.filters !== undefined ? { filters: b.filters.map(f => filter(f)) } : {}),
  };
  switch (b.factory) {
    case 'serviceName':
      return gw.Backend.fromServiceName(b.name, b.port ?? 80, { ...common, ...(b.namespace !== undefined ? { namespace: b.namespace } : {}) });
    case 'ref':
      return gw.Backend.fromRef({ ...common, name: b.name, group: b.group, kind: b.kind, namespace: b.namespace, port: b.port });
    default: {
      // One cdk8s-plus Service per name (the first description's ports), shared by the backends that use it.
      const id = `Service-${b.name}`;
      const chart = Chart.of(scope);
      const service = (chart.node.tryFindChild(id) as kplus.Service | undefined)
        ?? new kplus.Service(chart, id, { metadata: { name: b.name }, ports: (b.servicePorts ?? []).map(port => ({ port })) });
      return gw.Backend.fromService(service, { ...common, ...(b.port !== undefined ? { port: b.port } : {}) });
    }
  }
}
