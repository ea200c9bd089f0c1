import { Construct } from 'constructs';
import { RuleContext, notice } from './context';
import { Backend } from '../../core/backend';
import { IPolicyTarget } from '../../core/references';
import { BackendTlsPolicy, CaCertificateRef } from '../../policies/backend-tls-policy';
import { PolicyTarget } from '../../policies/policy';
import * as eg from '../../profiles/envoy-gateway';
import { ProfileName } from '../../profiles/verdicts';
import { IngressFeatures } from '../features';
import { IngressModel } from '../model';
import { NoticeStatus } from '../notices';
import { isBackendTls } from '../plan/tls';

/** What was emitted per Service (and port) in one IngressCompat: one policy or Backend each. */
const EMITTED = new WeakMap<Construct, Map<string, Backend | BackendTlsPolicy>>();

/**
 * The backend a location of an Ingress with `backend-protocol: HTTPS` or `GRPCS` sends to,
 * as ingress-nginx connects to it (`annotations/backendprotocol/main.go`, `proxyssl/main.go`;
 * `proxy_pass https://` with no verification and no SNI unless `proxy-ssl-secret` and
 * `proxy-ssl-verify: on`):
 * - `proxy-ssl-verify: on`: the Service, with a BackendTLSPolicy (once per Service) checking
 *   the CA of `proxy-ssl-secret` and `proxy-ssl-name`;
 * - otherwise on Envoy Gateway: the profile's `backendHttpsWithoutVerification`, an Envoy
 *   Gateway Backend with `tls.insecureSkipVerify` (once per Service port) routed instead;
 * - otherwise: the Service, reported unsupported (Gateway API always verifies).
 */
export function upstreamBackend(ctx: RuleContext, owner: IngressModel, features: IngressFeatures, backend: Backend, target: IPolicyTarget): Backend {
  const p = features.backendProtocol;
  /** The notice of a proxy-ssl-* key the Ingress has (the others have nothing to report). */
  const sslNotice = (key: string, status: NoticeStatus, message: string) => {
    if (owner.nginx.has(key)) notice(ctx.log, owner, key, status, message);
  };
  if (!isBackendTls(features)) {
    for (const key of ['proxy-ssl-server-name', 'proxy-ssl-name'].filter(() => p.proxySslSecret !== undefined)) {
      sslNotice(key, NoticeStatus.TRANSLATED, `no effect: backend-protocol is ${p.protocol}, so nginx opens no TLS connection to the backend, as here; nothing emitted`);
    }
  }
  if (!isBackendTls(features) || backend.kind !== 'Service' || backend.group !== '') return backend;
  const svc = `${owner.namespace}/${backend.name}`;
  let emitted = EMITTED.get(ctx.scope);
  if (emitted === undefined) {
    emitted = new Map();
    EMITTED.set(ctx.scope, emitted);
  }

  if (p.proxySslSecret !== undefined && p.proxySslVerify) {
    const [caNamespace, caName] = p.proxySslSecret.split('/');
    if (caNamespace !== owner.namespace) {
      notice(ctx.log, owner, 'proxy-ssl-verify', NoticeStatus.UNSUPPORTED, `the CA of ${p.proxySslSecret} is in another namespace than Service ${svc}, and a BackendTLSPolicy refers to CA objects of its own namespace; copy the CA into ${owner.namespace}`);
      return backend;
    }
    const hostname = p.proxySslName ?? `${backend.name}.${owner.namespace}.svc`;
    const key = `btp\u0000${svc}`;
    const existing = emitted.get(key) as BackendTlsPolicy | undefined;
    if (existing === undefined) {
      emitted.set(key, new BackendTlsPolicy(ctx.scope, `BackendTls-${svc}`, {
        metadata: { namespace: owner.namespace },
        targets: [PolicyTarget.fromServiceName(backend.name)],
        hostname,
        caCertificates: [CaCertificateRef.fromConfigMapName(caName)],
      }));
    } else if (existing.hostname !== hostname) {
      sslNotice('proxy-ssl-name', NoticeStatus.UNSUPPORTED, `Service ${svc} is already verified with hostname ${existing.hostname} by another Ingress, and Gateway API has one BackendTLSPolicy per Service; ${hostname} is not used`);
    }
    const via = `BackendTLSPolicy on Service ${svc}`;
    notice(ctx.log, owner, 'backend-protocol', NoticeStatus.TRANSLATED, `${p.protocol}: the Gateway connects to Service ${svc} over TLS and verifies its certificate (${via})`);
    notice(ctx.log, owner, 'proxy-ssl-verify', p.proxySslName === undefined ? NoticeStatus.APPROXIMATE : NoticeStatus.TRANSLATED, p.proxySslName === undefined
      ? `${via} checks the certificate against the CA of ConfigMap ${owner.namespace}/${caName} (key ca.crt) and the name ${hostname}; nginx checks the upstream's internal name, which set proxy-ssl-name to replace`
      : `${via} checks the certificate against the CA of ConfigMap ${owner.namespace}/${caName} (key ca.crt) and the name ${hostname}`);
    sslNotice('proxy-ssl-name', NoticeStatus.TRANSLATED, `${via}: validation.hostname ${hostname} (SNI and the verified name)`);
    const sent = existing?.hostname ?? hostname;
    if (!p.proxySslServerName) {
      sslNotice('proxy-ssl-server-name', NoticeStatus.APPROXIMATE, `\`off\`: ${via} always sends SNI (${sent}, its validation.hostname), where nginx sends none; a backend that serves one certificate answers the same`);
    } else if (p.proxySslName !== undefined && sent === p.proxySslName) {
      sslNotice('proxy-ssl-server-name', NoticeStatus.TRANSLATED, `\`on\`: SNI ${sent} (${via}: validation.hostname, which the policy always sends)`);
    } else {
      const nginxName = p.proxySslName ?? `the upstream's internal name (${owner.namespace}-${backend.name}-${backend.port})`;
      sslNotice('proxy-ssl-server-name', NoticeStatus.APPROXIMATE, `\`on\`: SNI ${sent} (${via}: validation.hostname); nginx sends ${nginxName}: set proxy-ssl-name to the name the backend's certificate holds`);
    }
    notice(ctx.log, owner, 'proxy-ssl-secret', NoticeStatus.APPROXIMATE, `its ca.crt is read from ConfigMap ${owner.namespace}/${caName} (create it from the Secret) by the ${via}; its client certificate (tls.crt, tls.key) is not presented to the backend: Gateway spec.tls.backend.clientCertificateRef would present it to every backend of the Gateway, so set it by hand if that is what you want`);
    return backend;
  }

  if (ctx.profile.name !== ProfileName.ENVOY_GATEWAY) {
    for (const key of ['proxy-ssl-server-name', 'proxy-ssl-name'].filter(() => p.proxySslSecret !== undefined)) {
      sslNotice(key, NoticeStatus.UNSUPPORTED, `not applied: the backend is not reached over TLS on the ${ctx.profile.name} profile (see backend-protocol)`);
    }
    notice(ctx.log, owner, 'backend-protocol', NoticeStatus.UNSUPPORTED, `${p.protocol} without verification (ingress-nginx's default) cannot be expressed: BackendTLSPolicy always verifies the certificate; the route sends plain ${p.protocol === 'GRPCS' ? 'gRPC' : 'HTTP'} to Service ${svc} port ${backend.port}, which a TLS backend refuses: set proxy-ssl-secret and proxy-ssl-verify: "on", or use the envoy-gateway profile`);
    return backend;
  }
  const hostname = `${backend.name}.${owner.namespace}.svc.cluster.local`;
  // proxy-ssl-server-name: on with proxy-ssl-name sends that name as SNI: a fixed tls.sni.
  const sni = p.proxySslSecret !== undefined && p.proxySslServerName ? p.proxySslName : undefined;
  const key = `backend\u0000${svc}\u0000${backend.port}\u0000${sni ?? ''}`;
  let egBackend = emitted.get(key) as Backend | undefined;
  if (egBackend === undefined && sni !== undefined) {
    const fixed = new eg.Backend(ctx.scope, `BackendHttps-${svc}-${backend.port}-${sni}`, {
      metadata: { namespace: owner.namespace },
      endpoints: [eg.BackendEndpoint.fqdn(hostname, backend.port!)],
      tls: { insecureSkipVerify: true, sni },
    });
    egBackend = fixed.toBackend({ port: backend.port });
    emitted.set(key, egBackend);
  } else if (egBackend === undefined) {
    const result = ctx.profile.apply(ctx.scope, `BackendHttps-${svc}-${backend.port}`, target, { backendHttpsWithoutVerification: { hostname, port: backend.port! } });
    egBackend = result.backends[0];
    emitted.set(key, egBackend);
  }
  if (p.proxySslSecret !== undefined) {
    if (sni !== undefined) {
      sslNotice('proxy-ssl-server-name', NoticeStatus.TRANSLATED, `\`on\`: SNI ${sni} (Envoy Gateway Backend tls.sni, from proxy-ssl-name)`);
      sslNotice('proxy-ssl-name', NoticeStatus.TRANSLATED, `SNI ${sni} (Envoy Gateway Backend tls.sni); the certificate is not verified (proxy-ssl-verify off), as in ingress-nginx`);
    } else {
      sslNotice('proxy-ssl-server-name', NoticeStatus.APPROXIMATE, p.proxySslServerName
        ? '`on`: Envoy sends the request\'s Host as SNI (a Backend without tls.sni), where nginx sends the upstream\'s internal name; set proxy-ssl-name to send a fixed name'
        : '`off`: Envoy sends the request\'s Host as SNI (Envoy Gateway cannot leave SNI out), where nginx sends none; a backend that serves one certificate answers the same');
      sslNotice('proxy-ssl-name', NoticeStatus.TRANSLATED, 'no effect: without proxy-ssl-verify on and proxy-ssl-server-name on, nginx neither checks nor sends the name, as here; nothing emitted');
    }
  }
  notice(ctx.log, owner, 'backend-protocol', NoticeStatus.APPROXIMATE, `${p.protocol} without verification, as in ingress-nginx: routed to an Envoy Gateway Backend for ${hostname}:${backend.port} with tls.insecureSkipVerify instead of Service ${svc}; Envoy Gateway serves Backend objects only with extensionApis.enableBackend: true, Envoy sends SNI where nginx sends none, and the Backend resolves the Service's DNS name, so connections go through its ClusterIP rather than straight to the Pods`);
  return egBackend!;
}
