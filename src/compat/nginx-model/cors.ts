/*
 * CORS as `nginx.tmpl` `define "CORS"` and `template.go` `buildCorsOriginRegex` render it:
 * origin `*` sets `$cors` for every request (even without `Origin`) and answers
 * `Access-Control-Allow-Origin: *`; an origin list matches `Origin` case-insensitively
 * (anchored at the end only, `*` standing for one label) and echoes it. With `$cors` set, any
 * OPTIONS request is answered 204 by nginx and every other response gets the headers.
 * Internal.
 */
import { SimHeader } from '../../simulate/types';
import { CORS_DEFAULTS } from '../annotations/cors';
import { CorsFeature } from '../features';
import { IngressModel } from '../model';

/** The CORS answer for a request, or undefined when the origin is not allowed. */
export function corsHeaders(cors: CorsFeature, owner: IngressModel | undefined, origin: string | undefined): SimHeader[] | undefined {
  let allowOrigin: string;
  if (cors.allowOrigins.includes('*')) {
    allowOrigin = '*';
  } else {
    if (origin === undefined || cors.allowOrigins.length === 0) return undefined;
    const alternatives = cors.allowOrigins.map(o => `(${escape(o).replace(/\\\*/g, '[A-Za-z0-9\\-]+')})`);
    if (!new RegExp(`(${alternatives.join('|')})$`, 'i').test(origin)) return undefined;
    allowOrigin = origin;
  }
  // The values are sent as written in the annotation (cors/main.go keeps the validated string).
  const written = (key: string, parsed: string[], fallback: string[], defaultText: string) =>
    same(parsed, fallback) ? defaultText : owner?.nginx.get(key)?.trim() ?? parsed.join(', ');
  const headers: SimHeader[] = [
    { name: 'access-control-allow-origin', value: allowOrigin },
    { name: 'access-control-allow-methods', value: written('cors-allow-methods', cors.allowMethods, CORS_DEFAULTS.allowMethods, CORS_DEFAULTS.allowMethods.join(', ')) },
    { name: 'access-control-allow-headers', value: written('cors-allow-headers', cors.allowHeaders, CORS_DEFAULTS.allowHeaders, CORS_DEFAULTS.allowHeaders.join(',')) },
    { name: 'access-control-max-age', value: String(cors.maxAge) },
  ];
  if (cors.allowCredentials) headers.push({ name: 'access-control-allow-credentials', value: 'true' });
  if (cors.exposeHeaders.length > 0) headers.push({ name: 'access-control-expose-headers', value: owner?.nginx.get('cors-expose-headers')?.trim() ?? cors.exposeHeaders.join(',') });
  return headers;
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
