/**
 * The HTTPRoute `CORS` filter (GEP-1767; Gateway API v1.6 Standard channel, Extended support;
 * HTTPCORSFilter field docs). Internal.
 */
import { Draft } from './outcome';
import { ParsedRequest } from './request';

const DEFAULT_PORTS: Record<string, string> = { http: '80', https: '443' };

/** `scheme`, lower-case `host` and `port` (the scheme's default when absent) of an origin, or undefined. */
function parseOrigin(origin: string): { scheme: string; host: string; port: string } | undefined {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/:]+)(?::(\d+))?\/?$/i.exec(origin.trim());
  if (!m) return undefined;
  const scheme = m[1].toLowerCase();
  return { scheme, host: m[2].toLowerCase(), port: m[3] ?? DEFAULT_PORTS[scheme] ?? '' };
}

/**
 * `origin` is allowed by `allowOrigins`: `*` alone allows every origin; otherwise scheme and port
 * (80 for http, 443 for https when absent) must be equal, and a `*` in the host matches greedily to
 * the left, any number of labels ("`*` is a greedy match to the _left_", `allowOrigins` field doc).
 */
export function originAllowed(allowOrigins: string[], origin: string): boolean {
  const o = parseOrigin(origin);
  return allowOrigins.some(a => {
    if (a === '*') return true;
    const p = parseOrigin(a);
    if (!o || !p || p.scheme !== o.scheme || p.port !== o.port) return false;
    if (!p.host.includes('*')) return p.host === o.host;
    const re = new RegExp(`^${p.host.split('*').map(s => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    return re.test(o.host);
  });
}

/** A list field as a header value: `*` handled by the caller, otherwise joined with `, `. */
function list(values: string[] | undefined): string | undefined {
  return values?.length ? values.join(', ') : undefined;
}

/** What the CORS filter did. */
export interface CorsResult {
  /** The proxy answered the request itself (a preflight). */
  readonly answered: boolean;
  readonly detail: string;
}

/**
 * Applies a CORS filter. A preflight (OPTIONS with `Origin` and `Access-Control-Request-Method`)
 * is answered by the proxy with 204 ("The status code of a successful response to a preflight
 * request is always an OK status (i.e., 204 or 200)", `allowOrigins` field doc; this model says
 * 204, as ingress-nginx does): with the `access-control-allow-*` and `max-age` (default 5) headers
 * when the origin is allowed, without them when not (the doc's first option; 403 is its
 * alternative). Other requests with an allowed `Origin` are forwarded and the response gets
 * `access-control-allow-origin`, `-allow-credentials` and `-expose-headers`. With `allowCredentials`
 * a `*` is never sent: the origin, method or requested headers are echoed instead.
 */
export function applyCors(cfg: any, req: ParsedRequest, d: Draft): CorsResult {
  const origin = req.headers.get('origin');
  const requestMethod = req.headers.get('access-control-request-method');
  const preflight = req.method === 'OPTIONS' && origin !== undefined && requestMethod !== undefined;
  if (origin === undefined) return { answered: false, detail: 'no Origin header: not a cross-origin request' };
  const credentials = cfg.allowCredentials === true;
  const allowOrigins: string[] = cfg.allowOrigins ?? [];
  const allowed = originAllowed(allowOrigins, origin);
  const set = (name: string, value: string | undefined) => {
    if (value !== undefined) d.responseHeaders.set(name, value);
  };
  if (allowed) {
    set('access-control-allow-origin', allowOrigins.includes('*') && !credentials ? '*' : origin);
    if (credentials) set('access-control-allow-credentials', 'true');
  }
  if (preflight) {
    d.status = 204;
    if (allowed) {
      const methods: string[] = cfg.allowMethods ?? [];
      set('access-control-allow-methods', methods.includes('*') ? (credentials ? requestMethod : '*') : list(methods));
      const headers: string[] = cfg.allowHeaders ?? [];
      const requested = req.headers.get('access-control-request-headers');
      set('access-control-allow-headers', headers.includes('*') ? (credentials ? requested : '*') : list(headers));
      set('access-control-max-age', String(cfg.maxAge ?? 5));
    }
    return { answered: true, detail: `preflight for ${requestMethod} from ${origin} answered by the proxy: 204${allowed ? '' : ', origin not allowed (no CORS headers)'}` };
  }
  if (allowed) {
    const expose: string[] = cfg.exposeHeaders ?? [];
    set('access-control-expose-headers', expose.includes('*') && credentials ? undefined : list(expose));
  }
  return { answered: false, detail: allowed ? `origin ${origin} allowed: CORS headers added to the response` : `origin ${origin} not allowed: no CORS headers` };
}
