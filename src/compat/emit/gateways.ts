import { Construct } from 'constructs';
import { CertificateRef } from '../../core/certificate-ref';
import { safeName } from '../../core/names';
import { IRouteParent } from '../../core/references';
import { Gateway } from '../../gateway/gateway';
import { GatewayClass } from '../../gateway/gateway-class';
import { HostPlan } from '../plan/hosts';

/** Listeners per Gateway (Gateway API's `maxItems`), the HTTP listener included. */
const MAX_LISTENERS = 64;

/** The Gateways of one ingress class in one namespace, with a listener per TLS host. */
export interface GatewaySet {
  /** The HTTP listener of every Gateway of the set (routes attach to the first one's). */
  readonly http: IRouteParent;
  /** The HTTPS listener of a TLS host, by host. */
  readonly https: ReadonlyMap<string, IRouteParent>;
  /** The Gateways created, in order. */
  readonly gateways: Gateway[];
}

/** Options of `emitGateways`. */
export interface GatewayEmitOptions {
  /** GatewayClass name per ingress class (default: the ingress class name). */
  readonly gatewayClassNames: ReadonlyMap<string, string>;
}

/**
 * One Gateway per ingress class and namespace (ingress-nginx serves every namespace from one
 * controller; Gateway API listeners attach routes of their own namespace by default), with an
 * HTTP listener on port 80 and one HTTPS listener on 443 per TLS host of that namespace's
 * Ingresses (its Secret, in the namespace of the Ingress that named it). More than 63 TLS
 * hosts spill into further Gateways (`<name>-2`, …): never a Gateway over the 64-listener limit.
 */
export function emitGateways(scope: Construct, ingressClass: string, namespace: string, hosts: HostPlan[], options: GatewayEmitOptions): GatewaySet {
  const className = options.gatewayClassNames.get(ingressClass) ?? ingressClass;
  const gatewayClass = GatewayClass.fromGatewayClassName(scope, `GatewayClass-${ingressClass}-${namespace}`, className);
  const tlsHosts = hosts.filter(h => h.tls !== undefined && h.host !== undefined).sort((a, b) => cmp(a.host!, b.host!));
  const perGateway = MAX_LISTENERS - 1;
  const count = Math.max(1, Math.ceil(tlsHosts.length / perGateway));
  const gateways: Gateway[] = [];
  const https = new Map<string, IRouteParent>();
  let http: IRouteParent | undefined;
  for (let g = 0; g < count; g++) {
    const base = safeName(`${ingressClass}`, 63, [ingressClass]);
    const name = g === 0 ? base : safeName(`${base}-${g + 1}`, 63, [ingressClass, String(g)]);
    const gateway = new Gateway(scope, `Gateway-${ingressClass}-${namespace}-${g}`, {
      metadata: { name, namespace },
      gatewayClass,
    });
    const listener = gateway.addHttpListener({ name: 'http' });
    http ??= listener;
    for (const host of tlsHosts.slice(g * perGateway, (g + 1) * perGateway)) {
      const tls = host.tls!;
      const parent = gateway.addHttpsListener({
        name: listenerName(host.host!),
        hostname: host.host!,
        certificates: [CertificateRef.fromSecretName(tls.secretName, tls.namespace === namespace ? {} : { namespace: tls.namespace })],
      });
      https.set(host.host!, parent);
    }
    gateways.push(gateway);
  }
  return { http: http!, https, gateways };
}

/** `https-shop-example-com`; `*.example.com` gives `https-wildcard-example-com`. */
export function listenerName(host: string): string {
  const slug = host.replace(/^\*\./, 'wildcard.').replace(/\./g, '-').toLowerCase();
  return safeName(`https-${slug}`, 63, [host]);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
