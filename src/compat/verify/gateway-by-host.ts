/**
 * Which Gateway a request reaches. Each Gateway has its own address, and a host's DNS name points
 * at the Gateway that serves it: the one with a listener for the host, else one with a route for
 * it (exact names before wildcards; ties to the first Gateway by `namespace/name`); a host no
 * Gateway names reaches the one with a route for any host. Probing every
 * Gateway as one shared address would let one Gateway's catch-all HTTP listener shadow the
 * others'. Internal.
 */
import { RoutingModel, RoutingModelOptions } from '../../simulate/routing-model';
import { SimOutcome, SimRequest } from '../../simulate/types';

const GATEWAY_GROUP = 'gateway.networking.k8s.io';
const ROUTE_KINDS = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute']);
const ALL_ROUTE_KINDS = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute']);

function idOf(o: any): string {
  return `${o?.metadata?.namespace ?? 'default'}/${o?.metadata?.name}`;
}

/** Routes requests through the Gateway their host's DNS name would point at. */
export class GatewayByHost {
  private readonly exact = new Map<string, string[]>();
  private readonly wildcard = new Map<string, string[]>();
  private readonly catchAll: string[] = [];
  private readonly models = new Map<string, RoutingModel>();
  /** Per Gateway: the Gateway, its ListenerSets and the routes attached to them. */
  private readonly parts = new Map<string, any[]>();
  /** The objects every Gateway's model reads (Services, grants, policies, filters, …). */
  private readonly shared: any[] = [];
  private readonly all: RoutingModel;

  constructor(objects: readonly any[], private readonly options: RoutingModelOptions) {
    const gateways = new Set<string>();
    const listenerSets = new Map<string, string>();
    for (const o of objects) {
      if (o?.kind === 'Gateway') gateways.add(idOf(o));
      if (o?.kind === 'ListenerSet' || o?.kind === 'XListenerSet') {
        const p = o.spec?.parentRef ?? {};
        listenerSets.set(idOf(o), `${p.namespace ?? o.metadata?.namespace ?? 'default'}/${p.name}`);
      }
    }
    const add = (hostname: string | undefined, gateway: string) => {
      if (!hostname || !gateways.has(gateway)) return;
      const map = hostname.startsWith('*.') ? this.wildcard : this.exact;
      const key = hostname.startsWith('*.') ? hostname.slice(1) : hostname;
      const list = map.get(key) ?? [];
      if (!list.includes(gateway)) list.push(gateway);
      map.set(key, list);
    };
    for (const o of objects) {
      if (o?.kind === 'Gateway' || o?.kind === 'ListenerSet' || o?.kind === 'XListenerSet') {
        const gateway = o.kind === 'Gateway' ? idOf(o) : listenerSets.get(idOf(o))!;
        for (const l of o.spec?.listeners ?? []) add(l?.hostname, gateway);
      }
    }
    for (const o of objects) {
      if (!ROUTE_KINDS.has(o?.kind)) continue;
      for (const ref of o.spec?.parentRefs ?? []) {
        if ((ref.group ?? GATEWAY_GROUP) !== GATEWAY_GROUP) continue;
        const target = `${ref.namespace ?? o.metadata?.namespace ?? 'default'}/${ref.name}`;
        const gateway = (ref.kind ?? 'Gateway') === 'Gateway' ? target : listenerSets.get(target);
        if (gateway === undefined) continue;
        for (const h of o.spec?.hostnames ?? []) add(h, gateway);
        if ((o.spec?.hostnames ?? []).length === 0 && gateways.has(gateway) && !this.catchAll.includes(gateway)) this.catchAll.push(gateway);
      }
    }
    for (const list of [...this.exact.values(), ...this.wildcard.values(), this.catchAll]) list.sort();
    // Each Gateway's model reads only its own parents and routes (and every other object), so
    // that one model per Gateway costs in proportion to that Gateway.
    const part = (gateway: string | undefined, o: any) => {
      if (gateway === undefined) return;
      const list = this.parts.get(gateway);
      if (list === undefined) this.parts.set(gateway, [o]);
      else if (list[list.length - 1] !== o) list.push(o);
    };
    for (const o of objects) {
      if (o?.kind === 'Gateway') {part(idOf(o), o);} else if (o?.kind === 'ListenerSet' || o?.kind === 'XListenerSet') {part(listenerSets.get(idOf(o)), o);} else if (ALL_ROUTE_KINDS.has(o?.kind)) {
        for (const ref of o.spec?.parentRefs ?? []) {
          if ((ref.group ?? GATEWAY_GROUP) !== GATEWAY_GROUP) continue;
          const target = `${ref.namespace ?? o.metadata?.namespace ?? 'default'}/${ref.name}`;
          part((ref.kind ?? 'Gateway') === 'Gateway' ? target : listenerSets.get(target), o);
        }
      } else {this.shared.push(o);}
    }
    this.all = RoutingModel.fromObjects([...objects], options);
  }

  /**
   * The Gateway (`namespace/name`) serving `host`: one naming it, else one with a route for any
   * host (the catch-all server's), else undefined.
   */
  gatewayFor(host: string): string | undefined {
    const exact = this.exact.get(host);
    if (exact !== undefined) return exact[0];
    for (let i = host.indexOf('.'); i >= 0; i = host.indexOf('.', i + 1)) {
      const w = this.wildcard.get(host.slice(i));
      if (w !== undefined) return w[0];
    }
    return this.catchAll[0];
  }

  /** Routes the request through its host's Gateway (every Gateway when no Gateway names the host). */
  route(request: SimRequest): SimOutcome {
    let host: string;
    try {
      host = new URL(request.url).hostname.toLowerCase();
    } catch {
      return this.all.route(request);
    }
    const headerHost = (request.headers ?? []).find(h => h.name.toLowerCase() === 'host')?.value;
    const gateway = this.gatewayFor((headerHost ?? host).replace(/:\d+$/, '').toLowerCase());
    if (gateway === undefined) return this.all.route(request);
    let model = this.models.get(gateway);
    if (model === undefined) {
      model = RoutingModel.fromObjects([...this.parts.get(gateway) ?? [], ...this.shared], { ...this.options, gateway });
      this.models.set(gateway, model);
    }
    return model.route(request);
  }
}
