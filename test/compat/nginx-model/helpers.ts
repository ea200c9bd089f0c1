import { IngressNginxModel, IngressNginxModelOptions } from '../../../src/compat/nginx-model';
import { SimOutcome, SimRequest } from '../../../src/simulate/types';

/** One path of a test Ingress: `path`, `type` (default Prefix), Service `svc` and `port` (number or name). */
export interface TestPath {
  readonly path?: string;
  readonly type?: string;
  readonly svc: string;
  readonly port?: number | string;
}

/** A networking.k8s.io/v1 Ingress object for tests. */
export function ingress(name: string, opts: {
  ns?: string;
  host?: string;
  paths?: TestPath[];
  annotations?: Record<string, string>;
  tls?: string[];
  created?: string;
  defaultBackend?: string;
  cls?: string;
}): any {
  const annotations = Object.fromEntries(Object.entries(opts.annotations ?? {}).map(([k, v]) => [k.includes('/') ? k : `nginx.ingress.kubernetes.io/${k}`, v]));
  const backend = (svc: string, port: number | string = 80) => ({ service: { name: svc, port: typeof port === 'number' ? { number: port } : { name: port } } });
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name,
      namespace: opts.ns ?? 'default',
      creationTimestamp: opts.created ?? '2024-01-01T00:00:00Z',
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec: {
      ingressClassName: opts.cls ?? 'nginx',
      ...(opts.defaultBackend ? { defaultBackend: backend(opts.defaultBackend) } : {}),
      ...(opts.tls ? { tls: [{ hosts: opts.tls, secretName: `${name}-tls` }] } : {}),
      ...(opts.paths ? {
        rules: [{
          ...(opts.host ? { host: opts.host } : {}),
          http: { paths: opts.paths.map(p => ({ path: p.path ?? '/', pathType: p.type ?? 'Prefix', backend: backend(p.svc, p.port) })) },
        }],
      } : {}),
    },
  };
}

/** A Service object. */
export function service(name: string, ports: Array<{ name?: string; port: number }>, ns = 'default'): any {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec: { ports } };
}

/** A model of the objects. */
export function model(objects: any[], options?: IngressNginxModelOptions): IngressNginxModel {
  return IngressNginxModel.fromObjects(objects, options);
}

/** Routes a GET (or the given request fields). */
export function route(m: IngressNginxModel, url: string, more: Omit<SimRequest, 'url'> = {}): SimOutcome {
  return m.route({ url, ...more });
}

/** The backends as `ns/name:port=weight` strings. */
export function backends(o: SimOutcome): string[] {
  return o.backends.map(b => `${b.namespace}/${b.name}:${b.port}=${b.weight}`);
}

/** Status, Location and backends in one line, for compact assertions. */
export function brief(o: SimOutcome): string {
  return `${o.status}${o.location ? ` ${o.location}` : ''}${o.backends.length ? ` ${backends(o).join(' ')}` : ''}${o.upstreamPath ? ` ${o.upstreamPath}` : ''}`;
}

/** ingress-nginx's default HSTS value. */
export const HSTS = { name: 'strict-transport-security', value: 'max-age=31536000; includeSubDomains' };
