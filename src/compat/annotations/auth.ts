/**
 * Authentication into the behaviour set: basic auth (`internal/ingress/annotations/auth/main.go`:
 * `auth-type`, `auth-secret`, `auth-secret-type`, `auth-realm`) and external auth
 * (`authreq/main.go`: `auth-url`, `auth-method`, `auth-response-headers`, `auth-signin`,
 * `auth-always-set-cookie`; `parser.StringToURL`). The failure modes are ingress-nginx's: a
 * value its validator refuses drops the Ingress, a missing or cross-namespace Secret, a URL
 * without scheme or host, a bad method or header list deny the locations (503). Internal.
 */
import { NGINX_PREFIX } from '../model';
import { FamilyContext } from './context';
import { CHARS_WITH_SPACE, URL_WITH_NGINX_VARIABLE, parseAbsoluteUrl, parseGoBool, splitMetaNamespaceKey } from './values';

const METHODS = /^(GET|HEAD|POST|PUT|PATCH|DELETE|CONNECT|OPTIONS|TRACE)$/;
const HEADER = /^[a-zA-Z\d\-_]+$/;
/** In-cluster Service DNS names: `<service>.<namespace>.svc[.cluster.local]`. */
const SERVICE_HOST = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.svc(\.cluster\.local)?\.?$/;

/** Reads the basic-auth annotations into `basicAuth`. */
export function parseBasicAuth(ctx: FamilyContext): void {
  const type = ctx.string('auth-type', 'no authentication');
  if (type === undefined) {
    for (const key of ctx.present('auth-secret', 'auth-secret-type', 'auth-realm')) ctx.noEffect(key, 'auth-type');
    return;
  }
  if (type !== 'basic' && type !== 'digest') {
    ctx.reject('auth-type', `value "${type}" is not basic or digest`);
    return;
  }
  const realm = ctx.string('auth-realm', 'an empty realm');
  if (realm !== undefined && !CHARS_WITH_SPACE.test(realm)) {
    ctx.reject('auth-realm', `value "${realm}" has characters other than letters, digits, spaces and -._~:/`);
    return;
  }
  const secretType = ctx.string('auth-secret-type', 'auth-file');
  if (secretType !== undefined && secretType !== 'auth-file' && secretType !== 'auth-map') {
    ctx.deny('auth-secret-type', `value "${secretType}" is not auth-file or auth-map`);
    return;
  }
  const rawSecret = ctx.raw('auth-secret');
  if (rawSecret === undefined || rawSecret.trim() === '') {
    ctx.deny(rawSecret === undefined ? 'auth-type' : 'auth-secret', `auth-type ${type} needs ${NGINX_PREFIX}auth-secret (the htpasswd Secret), which is ${rawSecret === undefined ? 'missing' : 'empty'}`);
    return;
  }
  const secret = rawSecret.trim();
  const ref = splitMetaNamespaceKey(secret);
  if (ref === undefined) {
    ctx.deny('auth-secret', `value "${secret}" is not a Secret name or namespace/name`);
    return;
  }
  const namespace = ref.namespace ?? ctx.ingress.namespace;
  if (namespace !== ctx.ingress.namespace) {
    if (!ctx.config.allowCrossNamespaceResources) {
      ctx.deny('auth-secret', `names Secret "${secret}" in another namespace than the Ingress's (${ctx.ingress.namespace}) while the ConfigMap's allow-cross-namespace-resources is false`);
    } else {
      ctx.unsupported('auth-secret', `names Secret "${secret}" in another namespace than the Ingress's (${ctx.ingress.namespace}); the profiles read the htpasswd Secret from the route's namespace only. Copy the Secret to ${ctx.ingress.namespace}`);
    }
    return;
  }
  if (type === 'digest') {
    ctx.unsupported('auth-type', 'value "digest" (HTTP digest authentication) has no equivalent in Gateway API or in any profile; switch to basic (same htpasswd users) or to external authentication (auth-url)');
    return;
  }
  if (secretType === 'auth-map') {
    ctx.unsupported('auth-secret-type', `value "auth-map" (one Secret key per user) is not read by the profiles' basic authentication, which expects an htpasswd file; put the users in one htpasswd file under the key "auth" of Secret ${ref.name} and remove auth-secret-type`);
  }
  ctx.setBehavior('basicAuth', { secretName: ref.name, ...(realm === undefined ? {} : { realm }) }, ctx.present('auth-type', 'auth-secret'));
}

/** Reads the external-auth annotations into `externalAuth` and `authSignin`. */
export function parseExternalAuth(ctx: FamilyContext): void {
  const dependent = ['auth-signin', 'auth-response-headers'];
  const raw = ctx.string('auth-url', 'no external authentication');
  if (raw === undefined) {
    for (const key of ctx.present(...dependent)) ctx.noEffect(key, 'auth-url');
    return;
  }
  if (!URL_WITH_NGINX_VARIABLE.test(raw)) {
    ctx.reject('auth-url', `value "${raw}" has characters an auth URL may not have (letters, digits, -._~:/?&=$ only)`);
    return;
  }
  const url = parseAbsoluteUrl(raw);
  if (url === undefined) {
    ctx.deny('auth-url', `value "${raw}" is not a URL with scheme and host`);
    return;
  }
  const method = ctx.string('auth-method', 'GET');
  if (method !== undefined && !METHODS.test(method)) {
    ctx.deny('auth-method', `value "${method}" is not an HTTP method (GET, HEAD, POST, PUT, PATCH, DELETE, CONNECT, OPTIONS, TRACE)`);
    return;
  }
  const headers = (ctx.raw('auth-response-headers') ?? '').split(',').map(h => h.trim()).filter(h => h.length > 0);
  const badHeader = headers.find(h => !HEADER.test(h));
  if (badHeader !== undefined) {
    ctx.deny('auth-response-headers', `entry "${badHeader}" is not a header name`);
    return;
  }
  const cookie = ctx.raw('auth-always-set-cookie');
  if (cookie !== undefined && parseGoBool(cookie) === undefined) {
    ctx.invalid('auth-always-set-cookie', `value "${cookie}" is not a boolean; ingress-nginx then ignores every external-auth annotation of the Ingress (no authentication at all), and so does IngressCompat`);
    for (const key of ctx.present('auth-url', ...dependent)) ctx.unsupported(key, `is ignored because ${NGINX_PREFIX}auth-always-set-cookie is not a boolean (ingress-nginx then drops external authentication); fix that value`);
    return;
  }
  const service = inClusterService(ctx, url.hostname);
  const why = service === undefined ? `its host ${url.hostname} is not a Service of namespace ${ctx.ingress.namespace} (<service>.${ctx.ingress.namespace}.svc.cluster.local)`
    : url.scheme !== 'http' ? `its scheme is ${url.scheme} (the profiles call the auth Service over plain HTTP)`
      : raw.includes('$') ? 'it has nginx variables, which the profiles cannot expand'
        : url.query !== undefined ? 'it has a query string, which the profiles cannot send'
          : undefined;
  if (why !== undefined || service === undefined) {
    ctx.unsupported('auth-url', `value "${raw}" is not reproduced: ${why}. The profiles reach an authentication service only as a plain-HTTP Service in the Ingress's namespace; expose it as one (e.g. http://oauth2-proxy.${ctx.ingress.namespace}.svc.cluster.local:4180/oauth2/auth)`);
    for (const key of ctx.present(...dependent)) ctx.unsupported(key, 'is not reproduced because auth-url is not (see its notice)');
    return;
  }
  ctx.setBehavior('externalAuth', {
    serviceName: service,
    port: url.port ?? 80,
    path: url.path,
    ...(headers.length === 0 ? {} : { responseHeaders: headers }),
  }, ctx.present('auth-url', 'auth-response-headers'));
  parseSignin(ctx);
}

/** `auth-signin`: an absolute http(s) URL; a value the validator refuses is ignored. */
function parseSignin(ctx: FamilyContext): void {
  const signin = ctx.string('auth-signin', 'no sign-in redirect');
  if (signin === undefined) return;
  if (!URL_WITH_NGINX_VARIABLE.test(signin)) {
    ctx.invalid('auth-signin', `value "${signin}" has characters a sign-in URL may not have (letters, digits, -._~:/?&=$ only); ingress-nginx ignores it (401 is returned as is)`);
  } else if (!/^https?:\/\/[^/\s?#]+[^\s]*$/.test(signin)) {
    ctx.unsupported('auth-signin', `value "${signin}" is not an absolute http(s) URL; the profiles redirect to absolute URLs only. Write it as https://<host>${signin.startsWith('/') ? signin : `/${signin}`}`);
  } else {
    ctx.setBehavior('authSignin', signin, ['auth-signin']);
  }
}

/** The Service name when `host` is an in-cluster DNS name of a Service in the Ingress's namespace. */
function inClusterService(ctx: FamilyContext, host: string): string | undefined {
  const m = SERVICE_HOST.exec(host);
  return m !== null && m[3] === ctx.ingress.namespace ? m[1] : undefined;
}
