/*
 * The backends of a proxied request: the location's upstream, split with the upstream's canary
 * (alternative backend) as `balancer.lua` decides it. Internal.
 */
import { decideCanary } from './canary';
import { NginxConfig, Upstream } from './config';
import { NginxRequest } from './request';
import { SimBackend, SimStep } from '../../simulate/types';

/** The backends of a request with their shares, the canary step and the canary keys that decided. */
export interface CanarySplit {
  readonly backends: SimBackend[];
  readonly step?: SimStep;
  readonly keys: string[];
}

/** The backends with their shares, and the canary step when a canary is attached. */
export function canaryBackend(config: NginxConfig, upstream: Upstream, req: NginxRequest): CanarySplit {
  const primary = (weight: number) => serviceBackend(upstream, weight);
  const canary = config.canaries.get(upstream.key);
  if (canary === undefined) return { backends: [primary(1)], keys: [] };
  const decision = decideCanary(canary.canary, req);
  const backends: SimBackend[] = [];
  if (decision.primaryShare > 0) backends.push(primary(decision.primaryShare));
  if (decision.canaryShare > 0) backends.push(serviceBackend(canary.upstream, decision.canaryShare));
  return {
    backends,
    step: { stage: 'canary', name: `canary Ingress ${canary.ingress.id}`, detail: `${decision.reason} (canaries attach to the primary upstream ${upstream.namespace}/${upstream.service}:${upstream.writtenPort})` },
    keys: ['canary', ...decision.keys],
  };
}

/** A Service upstream as a SimBackend. */
export function serviceBackend(upstream: Upstream, weight: number): SimBackend {
  return { kind: 'Service', namespace: upstream.namespace, name: upstream.service, ...(upstream.port === undefined ? {} : { port: upstream.port }), weight };
}
