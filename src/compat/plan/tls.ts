import { AuthTlsFeature, IngressFeatures } from '../features';
import { IngressModel } from '../model';
import { HostPlan, LocationPlan } from './hosts';

/**
 * The location whose backend receives a host's TLS passthrough: ingress-nginx passes a host
 * through only when the Ingress that configured its `/` location has `ssl-passthrough`, and
 * sends the stream to that location's backend (`controller.go` `getBackendServers`, the
 * `rootLocation` check; `createServers` / `getConfiguration` `PassthroughBackends`).
 */
export function passthroughLocation(host: HostPlan): LocationPlan | undefined {
  if (host.host === undefined) return undefined;
  return host.locations.find(l => l.path === '/' && l.pathType !== 'Exact' && l.features.sslPassthrough);
}

/** The client-certificate settings of a host and the Ingress that gave them. */
export interface HostClientAuth {
  readonly owner: IngressModel;
  readonly authTls: AuthTlsFeature;
}

/**
 * The client-certificate settings of a host: server-level in ingress-nginx, set by the first
 * Ingress (oldest first) of the host that has `auth-tls-secret` (`controller.go`
 * `createServers`: `if server.CertificateAuth.CAFileName == ""`).
 */
export function hostClientAuth(host: HostPlan): HostClientAuth | undefined {
  const loc = host.locations.find(l => l.features.authTls !== undefined);
  return loc === undefined ? undefined : { owner: loc.owner, authTls: loc.features.authTls! };
}

/** Whether an Ingress's backends speak gRPC (`backend-protocol: GRPC` or `GRPCS`). */
export function isGrpc(features: IngressFeatures): boolean {
  return features.backendProtocol.protocol === 'GRPC' || features.backendProtocol.protocol === 'GRPCS';
}

/** Whether an Ingress's backends are reached over TLS (`backend-protocol: HTTPS` or `GRPCS`). */
export function isBackendTls(features: IngressFeatures): boolean {
  return features.backendProtocol.protocol === 'HTTPS' || features.backendProtocol.protocol === 'GRPCS';
}
