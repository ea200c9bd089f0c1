/*
 * `ssl-passthrough` with the controller flag `--enable-ssl-passthrough`: ingress-nginx's TCP proxy
 * on port 443 reads the SNI and, for a server marked passthrough (an Ingress with the annotation
 * names the host), streams the TLS connection to the upstream of the server's `/` location,
 * without terminating it (`internal/ingress/controller/controller.go` `createServers`,
 * `internal/ingress/controller/tcp.go`). Other names go on to nginx's HTTPS server. Internal.
 */
import { serviceBackend } from './backends';
import { NginxConfig } from './config';
import { OutcomeBuilder } from './outcome';
import { SimOutcome } from '../../simulate/types';

/** The passthrough answer for an HTTPS request whose SNI names a passthrough server, else undefined. */
export function routePassthrough(config: NginxConfig, sni: string): SimOutcome | undefined {
  const server = config.servers.get(sni.toLowerCase());
  if (server === undefined) return undefined;
  const marked = server.locations.find(l => l.features?.sslPassthrough === true);
  if (marked === undefined) return undefined;
  const out = new OutcomeBuilder();
  out.step('server', `passthrough ${server.hostname}`, 'SNI names a server with ssl-passthrough (--enable-ssl-passthrough): the TLS connection is not terminated');
  out.acted('ssl-passthrough');
  if (marked.owner !== undefined) out.source = `Ingress ${marked.owner.id}`;
  const root = server.locations.find(l => l.path === '/' && !l.exact && l.upstream !== undefined);
  if (root?.upstream === undefined) {
    out.status = 404;
    out.step('backend', 'none', 'the server has no / path: the connection is refused');
    return out.build();
  }
  out.status = 200;
  out.backends = [serviceBackend(root.upstream, 1)];
  out.step('backend', `${root.upstream.namespace}/${root.upstream.service}`, 'the upstream of the server\'s / location');
  return out.build();
}
