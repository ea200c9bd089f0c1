/**
 * Routing, rewrite and redirect annotations (ingress-nginx `internal/ingress/annotations/rewrite/main.go`,
 * `redirect/redirect.go`, `alias/main.go`, `xforwardedprefix/main.go`, `relativeredirects/main.go`;
 * behaviour in `rootfs/etc/nginx/template/nginx.tmpl` and `rootfs/etc/nginx/lua/lua_ingress.lua`).
 * Standard Gateway API expresses all of them, so they are handled alike on every profile.
 */
import { A, AnnotationFamily, AnnotationRisk, AnnotationSpec, T, U, family, per, same } from './table-types';

const L = AnnotationRisk.LOW;
const M = AnnotationRisk.MEDIUM;
const H = AnnotationRisk.HIGH;

const TLS_REDIRECT = 'HTTP-listener rule with RequestRedirect to https, status http-redirect-code (308); nginx also strips one trailing `/` from the URI, the Gateway keeps the path as sent.';
const RETURN_REDIRECT = 'RequestRedirect with the URL\'s scheme, host and path; Envoy-based and NGINX Gateway Fabric redirects keep the request\'s query string, which nginx\'s `return` drops.';

/** The routing family. */
export const ROUTING_ANNOTATIONS: AnnotationSpec[] = family(AnnotationFamily.ROUTING, {
  'use-regex': {
    valueType: 'bool',
    defaultValue: 'false',
    scope: 'location',
    risk: L,
    onInvalid: 'fallback',
    nginx: 'every path of the host becomes a case-insensitive, start-anchored regex (`~* "^path"`), longest first',
    noOpValues: ['false'],
    handling: per(
      A('RegularExpression path matches `(?i)<path>.*` on every path of the host; the regex dialect of RegularExpression matches is implementation-specific, so PCRE-only syntax may behave differently.'),
      T('RegularExpression path matches `(?i)<path>.*` (RE2, full match) on every path of the host, longest first as nginx orders them; PCRE-only syntax (look-around, backreferences) is reported per path.'),
      T('RegularExpression path matches `(?i)<path>` (NGINX Gateway Fabric renders `location ~ ^<path>`) on every path of the host.'),
    ),
  },
  'rewrite-target': {
    valueType: 'path with `$n` captures',
    defaultValue: 'none',
    scope: 'ingress',
    risk: M,
    onInvalid: 'fallback',
    nginx: '`rewrite "(?i)<path>" <target> break;` replaces the whole path; turns on the host\'s regex mode',
    handling: per(
      A('URLRewrite ReplacePrefixMatch for `<prefix>(/|$)(.*)` → `/$2` (the common idiom) on a PathPrefix match, which is case-sensitive where nginx\'s regex location is not, and which loses requests to the host\'s other (RegularExpression) paths where the implementation ranks RegularExpression above PathPrefix (the notice names them); a fixed target becomes ReplaceFullPath (exact); other capture groups are reported unsupported (they need an implementation filter).'),
      T('Capture groups (the common `<prefix>(/|$)(.*)` → `/$2` idiom included) become HTTPRouteFilter `urlRewrite.path.replaceRegexMatch` (`$n` → `\\n`) on the path\'s case-insensitive RegularExpression match, which ranks as the host\'s other regex paths do; a fixed target becomes ReplaceFullPath; both exact.'),
      A('URLRewrite ReplacePrefixMatch for `<prefix>(/|$)(.*)` → `/$2` (the common idiom) on a PathPrefix match, which is case-sensitive where nginx\'s regex location is not, and which loses requests to the host\'s other paths (regex locations, which nginx prefers to prefix locations; the notice names them); a fixed target becomes ReplaceFullPath (exact); other capture groups are reported unsupported (NGINX Gateway Fabric needs a SnippetsFilter `rewrite`).'),
    ),
  },
  'app-root': {
    valueType: 'absolute path',
    defaultValue: 'none',
    scope: 'location',
    risk: M,
    onInvalid: 'fallback',
    nginx: '302 from exactly `/` to the app root, scheme and host kept (whole host)',
    handling: same(A('Exact `/` rule with RequestRedirect 302 to the app root (scheme and host kept); the Gateway keeps the query string of `/?x`, which nginx drops.')),
  },
  'x-forwarded-prefix': {
    valueType: 'path',
    defaultValue: 'none',
    scope: 'location',
    risk: M,
    onInvalid: 'drop-ingress',
    nginx: 'sends `X-Forwarded-Prefix` to the backend, only on paths with an active rewrite',
    handling: same(T('RequestHeaderModifier `set X-Forwarded-Prefix` on the rules that rewrite the path, as nginx sends it only with a rewrite.')),
  },
  'ssl-redirect': {
    valueType: 'bool',
    defaultValue: 'true (ConfigMap `ssl-redirect`)',
    scope: 'location',
    risk: L,
    onInvalid: 'fallback',
    nginx: 'redirects HTTP to HTTPS for hosts with a certificate (308)',
    handling: same(A(`\`true\`: ${TLS_REDIRECT} \`false\`: the rules are also served on HTTP, exactly.`)),
  },
  'force-ssl-redirect': {
    valueType: 'bool',
    defaultValue: 'false (ConfigMap `force-ssl-redirect`)',
    scope: 'location',
    risk: M,
    onInvalid: 'fallback',
    nginx: 'redirects HTTP to HTTPS even for hosts without a certificate',
    noOpValues: ['false'],
    handling: same(A(TLS_REDIRECT)),
  },
  'preserve-trailing-slash': {
    valueType: 'bool',
    defaultValue: 'false (ConfigMap)',
    scope: 'location',
    risk: M,
    onInvalid: 'fallback',
    nginx: 'keeps the trailing `/` in the HTTPS redirect',
    handling: same(T('Gateway redirects keep the path as sent, which is what `true` asks for; with `false` (the default) nginx strips one trailing `/`, which the TLS redirect notice reports.')),
  },
  'use-port-in-redirects': {
    valueType: 'bool',
    defaultValue: 'false (ConfigMap)',
    scope: 'location',
    risk: L,
    onInvalid: 'fallback',
    nginx: 'writes the HTTPS port (`:443`) into the redirect Location',
    noOpValues: ['false'],
    handling: same(A('Nothing to emit: the HTTPS redirect goes to the HTTPS listener\'s port 443, which Gateway API leaves out of the Location, where nginx writes `:443`.')),
  },
  'relative-redirects': {
    valueType: 'bool',
    defaultValue: 'false (ConfigMap)',
    scope: 'location',
    risk: L,
    onInvalid: 'fallback',
    nginx: '`absolute_redirect off`: nginx\'s own redirects get a relative Location',
    noOpValues: ['false'],
    handling: same(U('Gateway API redirects always carry an absolute Location; clients follow both forms, so remove the annotation unless a client depends on relative ones.')),
  },
  'permanent-redirect': {
    valueType: 'URL',
    defaultValue: 'none',
    scope: 'location',
    risk: M,
    onInvalid: 'drop-ingress',
    nginx: '`return 301 <URL>` on every path of the Ingress (URL verbatim, query dropped)',
    handling: same(A(RETURN_REDIRECT)),
  },
  'permanent-redirect-code': {
    valueType: 'int 300–308',
    defaultValue: '301 (out of range → 301)',
    scope: 'location',
    risk: L,
    onInvalid: 'drop-ingress',
    nginx: 'status of `permanent-redirect`',
    handling: same(T('RequestRedirect `statusCode` (301, 302, 303, 307 or 308; Gateway API cannot send 300, 304, 305 or 306, which are reported).')),
  },
  'temporal-redirect': {
    valueType: 'URL (http/https)',
    defaultValue: 'none',
    scope: 'location',
    risk: M,
    onInvalid: 'drop-ingress',
    nginx: '`return 302 <URL>`; wins over `permanent-redirect`',
    handling: same(A(RETURN_REDIRECT)),
  },
  'temporal-redirect-code': {
    valueType: 'int 300–307',
    defaultValue: '302 (out of range → 302)',
    scope: 'location',
    risk: L,
    onInvalid: 'drop-ingress',
    nginx: 'status of `temporal-redirect`',
    handling: same(T('RequestRedirect `statusCode` (301, 302, 303 or 307; Gateway API cannot send 300, 304, 305 or 306, which are reported).')),
  },
  'from-to-www-redirect': {
    valueType: 'bool',
    defaultValue: 'false',
    scope: 'location',
    risk: L,
    onInvalid: 'drop-ingress',
    nginx: 'extra server for `www.<host>` (or the bare host) redirecting with http-redirect-code (308)',
    noOpValues: ['false'],
    handling: same(A('Extra HTTPRoute for the other name with RequestRedirect `hostname` and 308 on both listeners; nginx strips a trailing `/` from the URI, the Gateway keeps it.')),
  },
  'server-alias': {
    valueType: 'comma list of server names',
    defaultValue: 'none',
    scope: 'ingress',
    risk: H,
    onInvalid: 'drop-ingress',
    nginx: 'extra `server_name`s for the host (first Ingress of the host wins)',
    handling: same(T('Extra `hostnames` on the host\'s HTTPRoutes (and listeners when they are per host).')),
  },
});
