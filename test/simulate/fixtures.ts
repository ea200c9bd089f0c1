import { RoutingModel, RoutingModelOptions, SimHeader, SimOutcome, SimRequest, SimStep } from '../../src/simulate';

/** Object builders and outcome readers shared by the RoutingModel tests. */

export const V1 = 'gateway.networking.k8s.io/v1';

export function obj(kind: string, namespace: string, name: string, spec: any, metadata: object = {}): any {
  return { apiVersion: kind === 'Namespace' || kind === 'Service' ? 'v1' : V1, kind, metadata: { name, namespace, ...metadata }, spec };
}

export function gateway(namespace: string, name: string, listeners: any[], spec: object = {}): any {
  return obj('Gateway', namespace, name, { gatewayClassName: 'eg', listeners, ...spec });
}

export const http = (extra: object = {}) => ({ name: 'http', port: 80, protocol: 'HTTP', ...extra });
export const svc = (name: string, port = 80, extra: object = {}) => ({ name, port, ...extra });
export const prefix = (value: string, extra: object = {}) => ({ path: { type: 'PathPrefix', value }, ...extra });

export function httpRoute(namespace: string, name: string, rules: any[], spec: object = {}, metadata: object = {}): any {
  return obj('HTTPRoute', namespace, name, { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules, ...spec }, metadata);
}

export function model(objects: any[], options?: RoutingModelOptions): RoutingModel {
  return RoutingModel.fromObjects(objects, options);
}

/** Headers from a record (test shorthand). */
export function headers(h: Record<string, string>): SimHeader[] {
  return Object.entries(h).map(([name, value]) => ({ name, value }));
}

/** Routes `url` with shorthand headers. */
export function get(m: RoutingModel, url: string, init: Omit<SimRequest, 'url' | 'headers'> & { headers?: Record<string, string> } = {}): SimOutcome {
  return m.route({ ...init, url, headers: headers(init.headers ?? {}) });
}

/** A gRPC call: POST with `content-type: application/grpc` to `/service/method`. */
export function grpc(m: RoutingModel, base: string, service: string, method: string, extra: Record<string, string> = {}): SimOutcome {
  return get(m, `${base}/${service}/${method}`, { method: 'POST', headers: { 'content-type': 'application/grpc', ...extra } });
}

/** `name` of the first backend, or the status when nothing was forwarded. */
export function target(r: SimOutcome): string | number {
  return r.status === 200 ? r.backends[0].name : r.status;
}

/** The steps of a stage. */
export function steps(r: SimOutcome, stage: string): SimStep[] {
  return r.steps.filter(s => s.stage === stage);
}

/** Name of the (first) listener step: `Gateway ns/name listener x`, or undefined when no listener was chosen. */
export function listener(r: SimOutcome): string | undefined {
  const s = steps(r, 'listener')[0];
  return s && s.name !== 'none' ? s.name : undefined;
}

/** Name of the rule step: `HTTPRoute ns/name rule 2 (name)`. */
export function rule(r: SimOutcome): string | undefined {
  return steps(r, 'rule')[0]?.name;
}

/** Names of the filter steps, in order. */
export function filters(r: SimOutcome): string[] {
  return steps(r, 'filter').map(s => s.name);
}

/** The whole answer when no listener accepts the request. */
export function noListener(detail: string): SimOutcome {
  return {
    status: 404,
    backends: [],
    requestHeaders: [],
    responseHeaders: [],
    mirrors: [],
    annotations: [],
    steps: [{ stage: 'listener', name: 'none', detail }],
    notModeled: [],
  };
}

/** A backend with a weight (port as a string). */
export const backend = (namespace: string, name: string, port: number | undefined, weight = 1) =>
  ({ kind: 'Service', namespace, name, ...(port !== undefined ? { port: String(port) } : {}), weight });
