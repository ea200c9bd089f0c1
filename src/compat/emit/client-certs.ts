import { JsonPatch } from 'cdk8s';
import { RuleContext, notice } from './context';
import { GatewaySet } from './gateways';
import { CertificateRef } from '../../core/certificate-ref';
import { IPolicyTarget } from '../../core/references';
import { FrontendValidationMode } from '../../gateway/gateway-options';
import { CaCertificateRef } from '../../policies/backend-tls-policy';
import * as eg from '../../profiles/envoy-gateway';
import { ProfileName } from '../../profiles/verdicts';
import { EffectiveControllerConfig } from '../config-model';
import { NoticeStatus } from '../notices';
import { HostPlan } from '../plan/hosts';
import { hostClientAuth } from '../plan/tls';

const PASS = 'auth-tls-pass-certificate-to-upstream';
/** Envoy Gateway's client certificate header: any client value replaced, the certificate added. */
const XFCC = { mode: 'SanitizeSet', certDetailsToAdd: ['Cert'] };

const HANDSHAKE = 'a missing or bad certificate ends the TLS handshake, where nginx answers HTTP 400';

/** Envoy Gateway's mode for ingress-nginx's `auth-tls-verify-client` (`on` is Envoy Gateway's default). */
const EG_MODES: Readonly<Record<string, eg.ClientValidationMode | undefined>> = {
  on: undefined,
  optional: eg.ClientValidationMode.VERIFY_IF_GIVEN,
  optional_no_ca: eg.ClientValidationMode.REQUEST,
};

/**
 * `auth-tls-*`: client-certificate validation of a host, server-level in ingress-nginx (the
 * first Ingress of the host with `auth-tls-secret` sets it; `annotations/authtls/main.go`,
 * `controller.go` `createServers`). On Envoy Gateway a ClientTrafficPolicy on the host's own
 * HTTPS listener (exact per host); elsewhere Gateway `spec.tls.frontend.perPort` for port 443,
 * which Gateway API applies to every HTTPS host of that Gateway. `set`: the host's Gateways.
 */
export function emitClientAuth(ctx: RuleContext, config: EffectiveControllerConfig, host: HostPlan,
  set: GatewaySet): void {
  const auth = hostClientAuth(host);
  if (auth === undefined) return;
  const { owner, authTls } = auth;
  const pass = authTls.passCertificateToUpstream;
  const passNotice = (status: NoticeStatus, message: string) => {
    if (pass) notice(ctx.log, owner, PASS, status, message);
  };
  for (const loc of host.locations) {
    if (loc.owner !== owner && loc.features.authTls !== undefined) {
      const why = `ignored on ${host.host ?? 'the catch-all host'}, as in ingress-nginx: client certificates are set per host, by the oldest Ingress of the host with auth-tls-secret (${owner.id})`;
      notice(ctx.log, loc.owner, 'auth-tls-secret', NoticeStatus.TRANSLATED, why);
      if (loc.features.authTls.passCertificateToUpstream) notice(ctx.log, loc.owner, PASS, NoticeStatus.TRANSLATED, why);
    }
  }
  const listener = host.host === undefined ? undefined : set.https.get(host.host);
  if (listener === undefined) {
    notice(ctx.log, owner, 'auth-tls-secret', NoticeStatus.UNSUPPORTED, `${host.host ?? 'the catch-all host'} has no HTTPS listener (no certificate in spec.tls, or ssl-passthrough), so there is no TLS handshake to check client certificates in; add the host to spec.tls`);
    passNotice(NoticeStatus.UNSUPPORTED, 'not applied: no client certificate is requested (see auth-tls-secret)');
    return;
  }
  if (authTls.verifyClient === 'off') {
    notice(ctx.log, owner, 'auth-tls-secret', NoticeStatus.TRANSLATED, 'auth-tls-verify-client is off: no client certificate is requested, as in ingress-nginx; nothing emitted');
    notice(ctx.log, owner, 'auth-tls-verify-client', NoticeStatus.TRANSLATED, '`off`: no client certificate is requested, as in ingress-nginx; nothing emitted');
    passNotice(NoticeStatus.TRANSLATED, 'no effect: auth-tls-verify-client is off, so there is no client certificate to pass, as in ingress-nginx; nothing emitted');
    return;
  }
  const [secretNamespace, secretName] = authTls.secret.split('/');
  if (ctx.profile.name === ProfileName.ENVOY_GATEWAY) {
    // The policy sits in the namespace of the Gateway it targets (that of the host's first
    // Ingress when IngressCompat creates it; a policy targets objects of its own namespace).
    const policyNamespace = set.gatewayOf.get(host.host!)?.namespace ?? owner.namespace;
    if (secretNamespace !== policyNamespace) {
      notice(ctx.log, owner, 'auth-tls-secret', NoticeStatus.UNSUPPORTED, `Secret ${authTls.secret} is in another namespace than the Gateway (${policyNamespace}), and a ClientTrafficPolicy refers to its own namespace's CA objects here; copy the CA into ${policyNamespace}`);
      passNotice(NoticeStatus.UNSUPPORTED, 'not applied: no client certificate is requested (see auth-tls-secret)');
      return;
    }
    const mode = EG_MODES[authTls.verifyClient];
    // A listener-level ClientTrafficPolicy replaces the Gateway-level one on that listener
    // (Envoy Gateway does not merge them): repeat the Gateway default's request ID setting.
    const requestId = config.generateRequestId ? eg.RequestIdMode.PRESERVE_OR_GENERATE : undefined;
    const policy = new eg.ClientTrafficPolicy(ctx.scope, `ClientAuth-${owner.id}-${host.host}`, {
      metadata: { namespace: policyNamespace },
      targets: [listener as unknown as IPolicyTarget],
      requestId,
      clientValidation: { caCertificates: [CaCertificateRef.fromSecretName(secretName)], mode },
    });
    if (pass) {
      // ingress-nginx: `proxy_set_header ssl-client-cert $ssl_client_escaped_cert` (nginx.tmpl,
      // server-level CertificateAuth.PassCertToUpstream). The ClientTrafficPolicy construct has
      // no typed field for it yet: an escape-hatch patch (the field is in Envoy Gateway's CRD).
      policy.apiObject.addJsonPatch(requestId === undefined
        ? JsonPatch.add('/spec/headers', { xForwardedClientCert: XFCC })
        : JsonPatch.add('/spec/headers/xForwardedClientCert', XFCC));
      passNotice(NoticeStatus.APPROXIMATE, `the ClientTrafficPolicy on ${host.host}'s HTTPS listener sends the client certificate to the backend in x-forwarded-client-cert (headers.xForwardedClientCert mode SanitizeSet, certDetailsToAdd Cert: Hash=…;Cert="<URL-encoded PEM>"), where nginx sends the URL-encoded PEM alone in ssl-client-cert; make the backend read the other header`);
    }
    notice(ctx.log, owner, 'auth-tls-secret', NoticeStatus.APPROXIMATE, `ClientTrafficPolicy on ${host.host}'s HTTPS listener checks client certificates against the CA in Secret ${authTls.secret} (tls.clientValidation); ${HANDSHAKE}`);
    notice(ctx.log, owner, 'auth-tls-verify-client', NoticeStatus.TRANSLATED, `\`${authTls.verifyClient}\` → ClientTrafficPolicy tls.clientValidation.mode ${mode ?? 'RequireAndVerify (the default)'}`);
    return;
  }

  passNotice(NoticeStatus.UNSUPPORTED, ctx.profile.name === ProfileName.NGINX_GATEWAY_FABRIC
    ? 'NGINX Gateway Fabric can pass the client certificate only with a SnippetsFilter (`proxy_set_header ssl-client-cert $ssl_client_escaped_cert`), which IngressCompat never emits; add one by hand if your installation allows snippets'
    : 'standard Gateway API cannot send the client certificate to the backend; use the envoy-gateway profile (x-forwarded-client-cert), or let the backend terminate TLS (ssl-passthrough)');
  const gateway = set.gatewayOf.get(host.host!)!;
  const mode = authTls.verifyClient === 'on' ? FrontendValidationMode.ALLOW_VALID_ONLY : FrontendValidationMode.ALLOW_INSECURE_FALLBACK;
  const key = `${authTls.secret}\u0000${mode}`;
  const existing = set.frontendValidation.get(gateway);
  if (existing !== undefined && existing.key !== key) {
    notice(ctx.log, owner, 'auth-tls-secret', NoticeStatus.UNSUPPORTED, `port 443 of Gateway ${gateway.name} already checks client certificates for ${existing.host} with other settings, and Gateway API has one client-certificate validation per port; give ${host.host} its own Gateway, or use the envoy-gateway profile (one listener per host)`);
    notice(ctx.log, owner, 'auth-tls-verify-client', NoticeStatus.UNSUPPORTED, `not applied: see auth-tls-secret (port 443 of Gateway ${gateway.name} is taken by ${existing.host})`);
    return;
  }
  if (existing === undefined) {
    gateway.addClientCertificateValidationForPort(443, {
      caCertificates: [CertificateRef.fromConfigMapName(secretName, secretNamespace === gateway.namespace ? {} : { namespace: secretNamespace })],
      mode,
    });
    set.frontendValidation.set(gateway, { host: host.host!, key });
  }
  const others = [...set.https.keys()].filter(h => set.gatewayOf.get(h) === gateway && h !== host.host).sort();
  const scope = others.length === 0 ? 'the only HTTPS host of that Gateway' : `every HTTPS host of that Gateway, also ${others.join(', ')}`;
  notice(ctx.log, owner, 'auth-tls-secret', NoticeStatus.APPROXIMATE, `port 443 of Gateway ${gateway.name} checks client certificates against ConfigMap ${secretNamespace}/${secretName} (key ca.crt: create it from the Secret's ca.crt) for ${scope} (Gateway API validates per port, not per host); ${HANDSHAKE}`);
  notice(ctx.log, owner, 'auth-tls-verify-client', NoticeStatus.APPROXIMATE, `\`${authTls.verifyClient}\` → spec.tls.frontend validation mode ${mode}${mode === FrontendValidationMode.ALLOW_INSECURE_FALLBACK ? ', which does not tell the backend whether the certificate was valid' : ''}`);
}
