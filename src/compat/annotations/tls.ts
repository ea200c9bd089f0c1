/**
 * Backend protocol and TLS annotations: `backend-protocol` (`internal/ingress/annotations/backendprotocol/main.go`),
 * `proxy-ssl-*` (`proxyssl/main.go`) and client certificates `auth-tls-*` (`authtls/main.go`).
 * Valid values get no notice here: the plan gives their final one. Internal.
 */
import { FamilyContext } from './context';
import { BASIC_CHARS, IS_VALID_REGEX, parseGoBool, parseNamespacedName } from './values';

const PROTOCOLS = ['HTTP', 'HTTPS', 'AUTO_HTTP', 'GRPC', 'GRPCS', 'FCGI'];
const VERIFY_CLIENT = ['on', 'off', 'optional', 'optional_no_ca'];

/** Reads `backend-protocol` and `proxy-ssl-*` into `ctx.draft.backendProtocol`. */
export function parseBackendProtocol(ctx: FamilyContext): void {
  let protocol = 'HTTP';
  const raw = ctx.string('backend-protocol', 'HTTP');
  if (raw !== undefined) {
    const upper = raw.toUpperCase();
    if (PROTOCOLS.includes(upper)) protocol = upper;
    else ctx.invalid('backend-protocol', `value "${raw}" is not one of ${PROTOCOLS.join(', ')}; ingress-nginx uses HTTP`);
  }
  const secret = readSecret(ctx, 'proxy-ssl-secret', 'the backend client certificate');
  if (secret === undefined) {
    ctx.draft.backendProtocol = { protocol, proxySslVerify: false, proxySslServerName: false };
    if (!ctx.has('proxy-ssl-secret')) {
      for (const key of ctx.keysWithPrefix('proxy-ssl-').filter(k => k !== 'proxy-ssl-secret')) ctx.noEffect(key, 'proxy-ssl-secret');
    }
    return;
  }
  const verify = onOff(ctx, 'proxy-ssl-verify');
  const serverName = onOff(ctx, 'proxy-ssl-server-name');
  let name: string | undefined;
  const rawName = ctx.string('proxy-ssl-name', 'no name (the upstream address)');
  if (rawName !== undefined) {
    if (IS_VALID_REGEX.test(rawName)) name = rawName;
    else ctx.invalid('proxy-ssl-name', `value "${rawName}" is not a server name; ingress-nginx ignores it (verification and SNI use the upstream address)`);
  }
  ctx.draft.backendProtocol = {
    protocol,
    proxySslSecret: secret,
    proxySslVerify: verify,
    ...(name === undefined ? {} : { proxySslName: name }),
    proxySslServerName: serverName,
  };
}

/** Reads `auth-tls-*` into `ctx.draft.authTls`. */
export function parseAuthTls(ctx: FamilyContext): void {
  const secret = readSecret(ctx, 'auth-tls-secret', 'the client CA certificate');
  if (secret === undefined) {
    if (!ctx.has('auth-tls-secret')) {
      for (const key of ctx.keysWithPrefix('auth-tls-')) ctx.noEffect(key, 'auth-tls-secret');
    }
    return;
  }
  let verifyClient = 'on';
  const rawVerify = ctx.string('auth-tls-verify-client', 'on');
  if (rawVerify !== undefined) {
    if (VERIFY_CLIENT.includes(rawVerify)) verifyClient = rawVerify;
    else ctx.invalid('auth-tls-verify-client', `value "${rawVerify}" is not one of ${VERIFY_CLIENT.join(', ')}; ingress-nginx uses on`);
  }
  const depth = ctx.int('auth-tls-verify-depth', 'uses 1');
  let pass = false;
  const rawPass = ctx.raw('auth-tls-pass-certificate-to-upstream');
  if (rawPass !== undefined) {
    const b = parseGoBool(rawPass);
    if (b === undefined) ctx.reject('auth-tls-pass-certificate-to-upstream', `value "${rawPass}" is not a boolean (true or false)`);
    else pass = b;
  }
  ctx.draft.authTls = {
    secret,
    verifyClient,
    verifyDepth: depth === undefined || depth === 0 ? 1 : depth,
    passCertificateToUpstream: pass,
  };
}

/** `on`/`off` (`proxyssl/main.go` `onOffRegex`); anything else is `off` with an invalid notice. */
function onOff(ctx: FamilyContext, key: string): boolean {
  const raw = ctx.string(key, 'off');
  if (raw === undefined) return false;
  if (raw === 'on' || raw === 'off') return raw === 'on';
  ctx.invalid(key, `value "${raw}" is not on or off; ingress-nginx uses off`);
  return false;
}

/**
 * A Secret annotation in `namespace/name` form (`k8s.ParseNameNS`): undefined when absent,
 * rejected or denied (a name without namespace, or another namespace while
 * `allow-cross-namespace-resources` is false).
 */
function readSecret(ctx: FamilyContext, key: string, what: string): string | undefined {
  const raw = ctx.string(key, `no ${what}`);
  if (raw === undefined) return undefined;
  if (!BASIC_CHARS.test(raw)) {
    ctx.reject(key, `value "${raw}" is not a Secret reference (namespace/name)`);
    return undefined;
  }
  const ref = parseNamespacedName(raw);
  if (ref === undefined) {
    ctx.deny(key, `value "${raw}" is not in namespace/name form (write ${ctx.ingress.namespace}/${raw.replace(/^\/+|\/+$/g, '') || 'name'})`);
    return undefined;
  }
  if (ref.namespace !== ctx.ingress.namespace && !ctx.config.allowCrossNamespaceResources) {
    ctx.deny(key, `names Secret "${raw}" in another namespace than the Ingress's (${ctx.ingress.namespace}) while the ConfigMap's allow-cross-namespace-resources is false`);
    return undefined;
  }
  return raw;
}
