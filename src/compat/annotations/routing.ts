/**
 * Routing annotations: paths, rewrites, hosts, TLS redirects, passthrough, default backend,
 * custom errors and mirroring. Parsed as ingress-nginx's parsers do:
 * `internal/ingress/annotations/rewrite/main.go` (use-regex, rewrite-target, app-root,
 * ssl-redirect, force-ssl-redirect, preserve-trailing-slash), `xforwardedprefix/main.go`,
 * `upstreamvhost/main.go`, `alias/main.go` (server-alias), `portinredirect/main.go`,
 * `relativeredirects/main.go`, `sslpassthrough/main.go`, `defaultbackend/main.go`,
 * `customhttperrors/main.go`, `mirror/main.go`. Valid values get no notice here: the plan
 * gives their final one. Internal.
 */
import { FamilyContext } from './context';
import { BASIC_CHARS, IS_VALID_REGEX, REGEX_PATH_WITH_CAPTURE, URL_IS_VALID, URL_WITH_NGINX_VARIABLE, isDns1035Label, parseGoBool, parseGoInt, splitList } from './values';

/** `customhttperrors/main.go` `regexCustomHTTPErrors`. */
const CUSTOM_HTTP_ERRORS = /^(?:[4,5][0-9][0-9],?)*$/;

/** Reads the routing annotations into `ctx.draft`. */
export function parseRouting(ctx: FamilyContext): void {
  const d = ctx.draft;
  d.useRegex = ctx.bool('use-regex', 'uses false (no regex mode)') ?? false;

  const target = ctx.string('rewrite-target', 'no rewrite');
  if (target !== undefined) {
    if (REGEX_PATH_WITH_CAPTURE.test(target)) d.rewriteTarget = target;
    else ctx.invalid('rewrite-target', `value "${target}" is not a path with optional $n captures (letters, digits, -._~:/ and $); ingress-nginx ignores it (no rewrite, no regex mode)`);
  }

  const appRoot = ctx.string('app-root', 'no app-root redirect');
  if (appRoot !== undefined) {
    if (URL_IS_VALID.test(appRoot) && appRoot.startsWith('/')) d.appRoot = appRoot;
    else ctx.invalid('app-root', `value "${appRoot}" is not an absolute path such as /app (URLs are refused); ingress-nginx ignores it (no redirect from /)`);
  }

  const prefix = ctx.string('x-forwarded-prefix', 'no X-Forwarded-Prefix header');
  if (prefix !== undefined) {
    if (BASIC_CHARS.test(prefix)) d.xForwardedPrefix = prefix;
    else ctx.reject('x-forwarded-prefix', `value "${prefix}" has characters other than letters, digits and -._~:/`);
  }

  const vhost = ctx.string('upstream-vhost', 'the request Host');
  if (vhost !== undefined) {
    if (IS_VALID_REGEX.test(vhost)) d.upstreamVhost = vhost;
    else ctx.reject('upstream-vhost', `value "${vhost}" is not a server name`);
  }

  const alias = ctx.string('server-alias', 'no alias');
  if (alias !== undefined) {
    const bad = alias.split(',').map(a => a.trim()).find(a => !IS_VALID_REGEX.test(a));
    if (bad !== undefined) ctx.reject('server-alias', `entry "${bad}" is not a server name`);
    else d.serverAliases = [...new Set(splitList(alias))].sort();
  }

  d.sslRedirect = ctx.bool('ssl-redirect', `uses the ConfigMap value (${ctx.config.sslRedirect})`) ?? ctx.config.sslRedirect;
  d.forceSslRedirect = ctx.bool('force-ssl-redirect', `uses the ConfigMap value (${ctx.config.forceSslRedirect})`) ?? ctx.config.forceSslRedirect;
  ctx.bool('preserve-trailing-slash', 'uses the ConfigMap value (false: one trailing / is stripped in the TLS redirect)');
  ctx.bool('use-port-in-redirects', 'uses the ConfigMap value (false: no port in redirects)');
  ctx.bool('relative-redirects', 'uses the ConfigMap value (false: absolute redirects)');

  const passthrough = ctx.raw('ssl-passthrough');
  if (passthrough !== undefined) {
    const b = parseGoBool(passthrough);
    if (b === undefined) ctx.reject('ssl-passthrough', `value "${passthrough}" is not a boolean (true or false)`);
    else d.sslPassthrough = b;
  }

  const backend = ctx.string('default-backend', 'the controller default backend');
  if (backend !== undefined) {
    if (isDns1035Label(backend)) d.defaultBackendService = backend;
    else ctx.reject('default-backend', `value "${backend}" is not a Service name (a DNS-1035 label: lower-case letters, digits and -, starting with a letter)`);
  }

  const errors = ctx.string('custom-http-errors', 'no custom error pages');
  if (errors !== undefined) {
    const codes = splitList(errors).map(parseGoInt);
    if (!CUSTOM_HTTP_ERRORS.test(errors) || codes.some(c => c === undefined)) {
      ctx.reject('custom-http-errors', `value "${errors}" is not a comma-separated list of 4xx/5xx status codes (e.g. 404,503)`);
    } else {
      d.customHttpErrors = codes as number[];
    }
  }

  parseMirror(ctx);
}

/** `mirror/main.go`: `mirror-target` (URL, nginx variables allowed), `mirror-host`, `mirror-request-body`. */
function parseMirror(ctx: FamilyContext): void {
  const target = ctx.string('mirror-target', 'no mirror');
  if (target !== undefined) {
    if (URL_WITH_NGINX_VARIABLE.test(target)) ctx.draft.mirrorTarget = target;
    else ctx.invalid('mirror-target', `value "${target}" is not a URL (letters, digits, -._~:/?&=$); ingress-nginx ignores it (no mirror)`);
  }
  if (ctx.draft.mirrorTarget === undefined) {
    for (const key of ctx.present('mirror-host', 'mirror-request-body')) {
      if (!ctx.noticed.has(key)) ctx.noEffect(key, 'a valid mirror-target');
    }
  }
}
