/**
 * Builds Gateways and listeners (also a ListenerSet's) from their descriptions: listener
 * factories or `addXxxListener` methods, certificates, allowedRoutes, addresses and
 * client-certificate validation.
 */
import { Construct } from 'constructs';
import { metadata } from './build-values';
import {
  AddressDesc, CertDesc, ClientValidationDesc, GatewayDesc, ListenerDesc, NamespacesDesc, RouteKindDesc,
} from './descriptions';
import * as gw from '../../src';

function cert(c: CertDesc): gw.CertificateRef {
  const options = c.namespace !== undefined ? { namespace: c.namespace } : {};
  switch (c.factory) {
    case 'secretName': return gw.CertificateRef.fromSecretName(c.name, options);
    case 'configMapName': return gw.CertificateRef.fromConfigMapName(c.name, options);
    default: return gw.CertificateRef.fromRef({ group: c.group, kind: c.kind ?? 'Secret', name: c.name, namespace: c.namespace });
  }
}

function routeNamespaces(n: NamespacesDesc): gw.RouteNamespaces {
  switch (n.from) {
    case 'all': return gw.RouteNamespaces.all();
    case 'selector': return gw.RouteNamespaces.selector(n.labels);
    default: return gw.RouteNamespaces.same();
  }
}

function listenerNamespaces(n: NamespacesDesc): gw.ListenerNamespaces {
  switch (n.from) {
    case 'all': return gw.ListenerNamespaces.all();
    case 'same': return gw.ListenerNamespaces.same();
    case 'selector': return gw.ListenerNamespaces.selector(n.labels);
    default: return gw.ListenerNamespaces.none();
  }
}

const ROUTE_KINDS: Record<string, gw.RouteKind> = {
  HTTPRoute: gw.RouteKind.HTTP_ROUTE,
  GRPCRoute: gw.RouteKind.GRPC_ROUTE,
  TLSRoute: gw.RouteKind.TLS_ROUTE,
  TCPRoute: gw.RouteKind.TCP_ROUTE,
  UDPRoute: gw.RouteKind.UDP_ROUTE,
};

function routeKind(k: RouteKindDesc): gw.RouteKind {
  return typeof k === 'string' ? ROUTE_KINDS[k] : gw.RouteKind.of(k.group, k.kind);
}

/** The options object of a listener factory (only the keys the description sets). */
function listenerOptions(l: ListenerDesc): any {
  const o: any = {};
  if (l.name !== undefined) o.name = l.name;
  if (l.port !== undefined) o.port = l.port;
  if (l.hostname !== undefined) o.hostname = l.hostname;
  if (l.mode !== undefined) o.mode = l.mode === 'Terminate' ? gw.TlsMode.TERMINATE : gw.TlsMode.PASSTHROUGH;
  if (l.certificates !== undefined) o.certificates = l.certificates.map(cert);
  if (l.tlsOptions !== undefined) o.tlsOptions = l.tlsOptions;
  if (l.allowedRoutes !== undefined) o.allowedRoutes = routeNamespaces(l.allowedRoutes);
  if (l.allowedRouteKinds !== undefined) o.allowedRouteKinds = l.allowedRouteKinds.map(routeKind);
  return o;
}

export function listener(l: ListenerDesc): gw.Listener {
  const o = listenerOptions(l);
  switch (l.protocol) {
    case 'HTTP': return gw.Listener.http(o);
    case 'HTTPS': return gw.Listener.https(o);
    case 'TLS': return gw.Listener.tls(o);
    case 'TCP': return gw.Listener.tcp(o);
    case 'UDP': return gw.Listener.udp(o);
    default: return gw.Listener.custom({ ...o, protocol: l.customProtocol ?? 'example.com/proto' });
  }
}

/** Adds a listener through `addListener` or the protocol's `addXxxListener`. */
export function addListener(owner: gw.Gateway | gw.ListenerSet, l: ListenerDesc): void {
  if (l.via === 'addListener' || l.protocol === 'custom') {
    owner.addListener(listener(l));
    return;
  }
  const o = listenerOptions(l);
  switch (l.protocol) {
    case 'HTTP': owner.addHttpListener(o); break;
    case 'HTTPS': owner.addHttpsListener(o); break;
    case 'TLS': owner.addTlsListener(o); break;
    case 'TCP': owner.addTcpListener(o); break;
    default: owner.addUdpListener(o);
  }
}

function address(a: AddressDesc): gw.GatewayAddress {
  switch (a.factory) {
    case 'ipAddress': return gw.GatewayAddress.ipAddress(a.value ?? '');
    case 'hostname': return gw.GatewayAddress.hostname(a.value ?? '');
    case 'named': return gw.GatewayAddress.named(a.value ?? '');
    default: return gw.GatewayAddress.custom(a.addressType ?? '', a.value);
  }
}

function clientValidation(v: ClientValidationDesc): gw.ClientCertificateValidation {
  return {
    caCertificates: v.caCertificates.map(cert),
    mode: v.mode === undefined ? undefined : v.mode === 'AllowValidOnly' ? gw.FrontendValidationMode.ALLOW_VALID_ONLY : gw.FrontendValidationMode.ALLOW_INSECURE_FALLBACK,
  };
}

export function buildGateway(scope: Construct, id: string, g: GatewayDesc, gatewayClass: gw.IGatewayClass): gw.Gateway {
  const gateway = new gw.Gateway(scope, id, {
    metadata: metadata(g.name, g.namespace),
    gatewayClass,
    listeners: g.listeners.filter(l => l.via === 'props').map(listener),
    addresses: g.addresses?.map(address),
    allowedListeners: g.allowedListeners && listenerNamespaces(g.allowedListeners),
    clientCertificateValidation: g.clientCertificateValidation && clientValidation(g.clientCertificateValidation),
    backendClientCertificate: g.backendClientCertificate && cert(g.backendClientCertificate),
    infrastructure: g.infrastructure,
    createReferenceGrants: g.createReferenceGrants,
  });
  for (const l of g.listeners.filter(x => x.via !== 'props')) addListener(gateway, l);
  for (const p of g.perPortValidation ?? []) gateway.addClientCertificateValidationForPort(p.port, clientValidation(p.validation));
  return gateway;
}
