/**
 * CORS annotations (ingress-nginx `internal/ingress/annotations/cors/main.go`; behaviour in
 * `nginx.tmpl` `define "CORS"` and `template.go` `buildCorsOriginRegex`). The CORS filter is
 * standard Gateway API (feature `HTTPRouteCORS`), so they are translated on every profile.
 */
import { A, AnnotationFamily, AnnotationRisk, AnnotationSpec, T, family, same } from './table-types';

const L = AnnotationRisk.LOW;
const M = AnnotationRisk.MEDIUM;

/** The CORS family. */
export const CORS_ANNOTATIONS: AnnotationSpec[] = family(AnnotationFamily.CORS, {
  'enable-cors': {
    valueType: 'bool',
    defaultValue: 'false',
    scope: 'ingress',
    risk: L,
    onInvalid: 'fallback',
    nginx: 'CORS headers on every response, local 204 for OPTIONS (defaults: origin `*`, credentials on)',
    noOpValues: ['false'],
    handling: same(A('CORS filter with ingress-nginx\'s defaults (maxAge 1728000 set explicitly); with `*` and credentials the Gateway echoes the Origin where nginx sends `*`, and only real preflights (with Access-Control-Request-Method) are answered locally.')),
  },
  'cors-allow-origin': {
    valueType: 'comma origins, `*`, `scheme://*.host[:port]`',
    defaultValue: '*',
    scope: 'ingress',
    risk: M,
    onInvalid: 'fallback',
    nginx: 'origins answered (matching origin echoed; `*` in a host is one label)',
    handling: same(A('CORS `allowOrigins`; a `*` label in a Gateway origin matches one or more labels, where nginx matches exactly one.')),
  },
  'cors-allow-methods': {
    valueType: 'comma methods',
    defaultValue: 'GET, PUT, POST, DELETE, PATCH, OPTIONS',
    scope: 'ingress',
    risk: M,
    onInvalid: 'fallback',
    nginx: '`Access-Control-Allow-Methods`',
    handling: same(T('CORS `allowMethods`.')),
  },
  'cors-allow-headers': {
    valueType: 'comma headers',
    defaultValue: 'DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization',
    scope: 'ingress',
    risk: M,
    onInvalid: 'fallback',
    nginx: '`Access-Control-Allow-Headers`',
    handling: same(T('CORS `allowHeaders`.')),
  },
  'cors-expose-headers': {
    valueType: 'comma headers, `*`',
    defaultValue: 'empty',
    scope: 'ingress',
    risk: M,
    onInvalid: 'fallback',
    nginx: '`Access-Control-Expose-Headers`',
    handling: same(T('CORS `exposeHeaders`.')),
  },
  'cors-allow-credentials': {
    valueType: 'bool',
    defaultValue: 'true',
    scope: 'ingress',
    risk: L,
    onInvalid: 'fallback',
    nginx: '`Access-Control-Allow-Credentials: true`',
    handling: same(T('CORS `allowCredentials`.')),
  },
  'cors-max-age': {
    valueType: 'int seconds',
    defaultValue: '1728000',
    scope: 'ingress',
    risk: L,
    onInvalid: 'fallback',
    nginx: '`Access-Control-Max-Age`',
    handling: same(T('CORS `maxAge` (always set: Gateway API\'s default is 5 s).')),
  },
});
