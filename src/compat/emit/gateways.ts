import { Construct } from 'constructs';
import { CertificateRef } from '../../core/certificate-ref';
import { safeName } from '../../core/names';
import { IRouteParent } from '../../core/references';
import { Gateway } from '../../gateway/gateway';
import { GatewayClass } from '../../gateway/gateway-class';
import { RouteNamespaces } from '../../gateway/listener';
import { EffectiveControllerConfig } from '../config-model';
import { HostPlan, hostCovers } from '../plan/hosts';
import { passthroughLocation } from '../plan/tls';

/** Listeners per Gateway (Gateway API's `maxItems`), the HTTP listener included. */
const MAX_LISTENERS = 64;

/** The Gateways of one ingress class in one namespace, with a listener per TLS host. */
export interface GatewaySet {
  /** The HTTP listener of the first Gateway of the set (hosts without TLS listener, the catch-all). */
  readonly http: IRouteParent;
  /**
   * The HTTP listener a host's plain-HTTP routes attach to: that of the Gateway holding the
   * host's HTTPS or TLS listener (one address per host), else `http`.
   */
  readonly httpFor: (host: string | undefined) => IRouteParent;
  /** The HTTPS listener of a TLS host, by host. */
  readonly https: ReadonlyMap<string, IRouteParent>;
  /** The TLS Passthrough listener of an `ssl-passthrough` host, by host. */
  readonly passthrough: ReadonlyMap<string, IRouteParent>;
  /** The Gateway holding the HTTPS or TLS listener of a host, by host. */
  readonly gatewayOf: ReadonlyMap<string, Gateway>;
  /**
   * The client-certificate validation already set on port 443 of a Gateway (one per port in
   * Gateway API), with the host that asked for it; filled by the emit step.
   */
  readonly frontendValidation: Map<Gateway, { readonly host: string; readonly key: string }>;
  /** The Gateways created, in order. */
  readonly gateways: Gateway[];
}

/** Options of `emitGateways`. */
export interface GatewayEmitOptions {
  /** GatewayClass name per ingress class (default: the ingress class name). */
  readonly gatewayClassNames: ReadonlyMap<string, string>;
  /** The controller ConfigMap's `ssl-redirect` and `force-ssl-redirect` (which routes use port 80). */
  readonly config: Pick<EffectiveControllerConfig, 'sslRedirect' | 'forceSslRedirect'>;
}

/**
 * One Gateway per ingress class and namespace (ingress-nginx serves every namespace from one
 * controller; Gateway API listeners attach routes of their own namespace by default), with an
 * HTTP listener on port 80 and one HTTPS listener on 443 per TLS host whose first Ingress is in
 * that namespace (its Secret, in the namespace of the Ingress that named it), or a TLS listener in
 * Passthrough mode for an `ssl-passthrough` host (`passthroughLocation`), which ingress-nginx
 * serves on 443 instead of terminating TLS. More than 63 such hosts spill into further Gateways
 * (`<name>-2`, …): never a Gateway over the 64-listener limit.
 *
 * ingress-nginx merges the Ingresses of every namespace naming a host into one server, so every
 * route of a host attaches to the Gateway of its first Ingress's namespace (`hosts` are those
 * hosts). A listener that routes of other namespaces attach to admits them with
 * `allowedRoutes.namespaces.from: All` (as ingress-nginx lets an Ingress of any namespace join
 * a host): the host's HTTPS or TLS listeners when one of its routes is in another namespace, and
 * the HTTP listener the routes attach to when a route of another namespace uses plain HTTP
 * (`plainHttpNamespaces`); the other listeners keep the default (`Same`). A Selector on
 * `kubernetes.io/metadata.name` (`matchLabels`) selects one namespace, and such a listener
 * also serves the Gateway's own namespace.
 */
export function emitGateways(scope: Construct, ingressClass: string, namespace: string, hosts: HostPlan[], options: GatewayEmitOptions): GatewaySet {
  const className = options.gatewayClassNames.get(ingressClass) ?? ingressClass;
  const gatewayClass = GatewayClass.fromGatewayClassName(scope, `GatewayClass-${ingressClass}-${namespace}`, className);
  const tlsHosts = hosts.filter(h => h.host !== undefined && (h.tls !== undefined || passthroughLocation(h) !== undefined))
    .sort((a, b) => cmp(a.host!, b.host!));
  const perGateway = MAX_LISTENERS - 1;
  // A host's listeners (its own, and those of its server-alias and from-to-www names its
  // certificate covers) stay on one Gateway.
  const chunks: HostPlan[][] = [[]];
  let used = 0;
  for (const host of tlsHosts) {
    const n = 1 + extraTlsNames(host).length;
    if (used + n > perGateway && chunks[chunks.length - 1].length > 0) {
      chunks.push([]);
      used = 0;
    }
    chunks[chunks.length - 1].push(host);
    used += n;
  }
  const count = chunks.length;
  const gateways: Gateway[] = [];
  const https = new Map<string, IRouteParent>();
  const passthrough = new Map<string, IRouteParent>();
  const gatewayOf = new Map<string, Gateway>();
  let http: IRouteParent | undefined;
  const httpOf = new Map<Gateway, IRouteParent>();
  const foreign = (host: HostPlan) => routeNamespaces(host).some(n => n !== namespace);
  const foreignOnHttp = hosts.some(h => plainHttpNamespaces(h, options.config).some(n => n !== namespace));
  const httpRoutes = foreignOnHttp ? { allowedRoutes: RouteNamespaces.all() } : {};
  for (let g = 0; g < count; g++) {
    const base = safeName(`${ingressClass}`, 63, [ingressClass]);
    const name = g === 0 ? base : safeName(`${base}-${g + 1}`, 63, [ingressClass, String(g)]);
    const gateway = new Gateway(scope, `Gateway-${ingressClass}-${namespace}-${g}`, {
      metadata: { name, namespace },
      gatewayClass,
    });
    // A spilled host's plain-HTTP routes attach to its own Gateway's HTTP listener, so that
    // both its ports answer on one address, as ingress-nginx's one server does.
    const listener = gateway.addHttpListener({ name: 'http', ...httpRoutes });
    http ??= listener;
    httpOf.set(gateway, listener);
    for (const host of chunks[g]) {
      gatewayOf.set(host.host!, gateway);
      const allowedRoutes = foreign(host) ? RouteNamespaces.all() : undefined;
      if (passthroughLocation(host) !== undefined) {
        passthrough.set(host.host!, gateway.addTlsListener({ name: listenerName(host.host!, 'tls'), hostname: host.host!, allowedRoutes }));
        continue;
      }
      const tls = host.tls!;
      const certificates = [CertificateRef.fromSecretName(tls.secretName, tls.namespace === namespace ? {} : { namespace: tls.namespace })];
      for (const serverName of [host.host!, ...extraTlsNames(host)]) {
        https.set(serverName, gateway.addHttpsListener({ name: listenerName(serverName), hostname: serverName, certificates, allowedRoutes }));
        gatewayOf.set(serverName, gateway);
      }
    }
    gateways.push(gateway);
  }
  const first = http!;
  const httpFor = (host: string | undefined) => {
    const gateway = host === undefined ? undefined : gatewayOf.get(host);
    return (gateway === undefined ? undefined : httpOf.get(gateway)) ?? first;
  };
  return { http: first, httpFor, https, passthrough, gatewayOf, gateways, frontendValidation: new Map() };
}

/**
 * The namespaces of a host's routes, sorted: those of the Ingresses owning its locations, of its
 * first Ingress and of its `from-to-www-redirect` owner.
 */
export function routeNamespaces(host: HostPlan): string[] {
  const names = new Set([host.first.namespace, ...host.locations.map(l => l.owner.namespace)]);
  if (host.wwwRedirect !== undefined) names.add(host.wwwRedirect.owner.namespace);
  return [...names].sort(cmp);
}

/**
 * The namespaces of a host's routes on the HTTP listener, sorted, as `emitHostRoutes` places
 * them: an Ingress's routes on a host without HTTPS (or TLS passthrough) listener, or whose
 * HTTP → HTTPS redirect is off (`ssl-redirect`, `force-ssl-redirect`), or that has aliases the
 * certificate does not cover; the first Ingress's (the HTTPS redirect) on a host with one; the
 * `from-to-www-redirect` owner's.
 */
export function plainHttpNamespaces(host: HostPlan, config: Pick<EffectiveControllerConfig, 'sslRedirect' | 'forceSslRedirect'>): string[] {
  const names = new Set<string>();
  const tls = host.tls !== undefined && host.host !== undefined;
  const pass = passthroughLocation(host) !== undefined;
  const secure = pass || tls;
  const secureAliases = new Set(extraTlsNames(host));
  const plainAliases = host.aliases.some(a => !secureAliases.has(a));
  for (const owner of [host.first, ...host.locations.map(l => l.owner)]) {
    if (names.has(owner.namespace)) continue;
    const features = host.locations.find(l => l.owner === owner)?.features;
    const force = features?.forceSslRedirect ?? config.forceSslRedirect;
    const sslRedirect = secure && (((features?.sslRedirect ?? config.sslRedirect) && tls) || force);
    if (!secure || !sslRedirect || plainAliases || owner === host.first) names.add(owner.namespace);
  }
  if (host.wwwRedirect !== undefined) names.add(host.wwwRedirect.owner.namespace);
  return [...names].sort(cmp);
}

/**
 * The other names of a TLS host that get an HTTPS listener with the host's certificate: its
 * `server-alias` names and its `from-to-www-redirect` name, when the `spec.tls` entry of the
 * certificate lists them (ingress-nginx serves them with the certificate that covers them).
 */
export function extraTlsNames(host: HostPlan): string[] {
  if (host.tls === undefined || host.host === undefined || passthroughLocation(host) !== undefined) return [];
  const names = [...host.aliases, ...(host.wwwRedirect ? [host.wwwRedirect.from] : [])];
  return names.filter(n => host.tls!.hosts.some(h => hostCovers(h, n)));
}

/** `https-shop-example-com`; `*.example.com` gives `https-wildcard-example-com`; `tls-…` for passthrough. */
export function listenerName(host: string, protocol: string = 'https'): string {
  const slug = host.replace(/^\*\./, 'wildcard.').replace(/\./g, '-').toLowerCase();
  return safeName(`${protocol}-${slug}`, 63, [host]);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
