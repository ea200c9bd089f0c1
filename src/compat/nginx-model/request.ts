/*
 * A SimRequest as nginx sees it: `$scheme`, `$host` (lower case, no port), `$http_host` (the
 * Host header as sent), `$uri` (decoded, adjacent slashes merged), `$args`, `$request_uri`,
 * headers and cookies by name.
 */
import { SimRequest } from '../../simulate/types';

/** The request variables the model reads. */
export interface NginxRequest {
  /** `http`, `https`, `tls`, `tcp` or `udp`. */
  readonly scheme: string;
  /** `$host`: the Host header (else the URL host) without port, lower case. */
  readonly host: string;
  /** `$http_host`: the Host header as sent (with a port when the URL names one). */
  readonly httpHost: string;
  /** `$uri`: the path, without query, percent-decoded, adjacent slashes merged. */
  readonly uri: string;
  /** `$args`: the query without `?` (undefined when the URL has no `?`). */
  readonly args?: string;
  /** `$request_uri`: path and query as sent. */
  readonly requestUri: string;
  readonly method: string;
  /** First value of each header, by lower-case name. */
  readonly headers: ReadonlyMap<string, string>;
  /** First value of each cookie, by name. */
  readonly cookies: ReadonlyMap<string, string>;
}

const URL_FORM = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/;
const SCHEMES = new Set(['http', 'https', 'tls', 'tcp', 'udp']);

/**
 * Reads a SimRequest.
 * @throws Error when the URL is not `scheme://host[:port][/path][?query]` with a known scheme
 */
export function readRequest(request: SimRequest): NginxRequest {
  const m = URL_FORM.exec(request.url);
  if (m === null || m[2] === '') throw new Error(`IngressNginxModel.route: URL "${request.url}" is not scheme://host[:port][/path][?query]`);
  const scheme = m[1].toLowerCase();
  if (!SCHEMES.has(scheme)) throw new Error(`IngressNginxModel.route: URL "${request.url}" has scheme "${scheme}"; use http, https, tls, tcp or udp`);
  const headers = new Map<string, string>();
  for (const h of request.headers ?? []) {
    const name = h.name.toLowerCase();
    if (!headers.has(name)) headers.set(name, h.value);
  }
  const cookies = new Map<string, string>();
  for (const c of request.cookies ?? []) if (!cookies.has(c.name)) cookies.set(c.name, c.value);
  // A Cookie header counts too (nginx's $cookie_<name> reads it).
  for (const part of (headers.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  const httpHost = headers.get('host') ?? m[2];
  // The path as a client sends it (characters a URL cannot carry percent-encoded), which
  // `$request_uri` keeps; `$uri`, which locations match, is its percent-decoded form with
  // adjacent slashes merged (`merge_slashes on`, nginx's default, which ingress-nginx keeps:
  // `ngx_http_parse_complex_uri`), so `/a//b` is matched as `/a/b`.
  const sent = sentPath(m[3] === '' ? '/' : m[3]);
  const uri = decodedPath(sent).replace(/\/{2,}/g, '/');
  return {
    scheme,
    host: stripPort(httpHost).toLowerCase().replace(/\.$/, ''),
    httpHost,
    uri,
    ...(m[4] === undefined ? {} : { args: m[4] }),
    requestUri: m[4] === undefined ? sent : `${sent}?${m[4]}`,
    method: (request.method ?? 'GET').toUpperCase(),
    headers,
    cookies,
  };
}

/** A host without its `:port` (IPv6 literals keep their brackets). */
export function stripPort(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end < 0 ? host : host.slice(0, end + 1);
  }
  const colon = host.lastIndexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}

/** A path as an HTTP client sends it: spaces, quotes, `<>{}` and non-ASCII percent-encoded (WHATWG URL path encoding). */
function sentPath(path: string): string {
  try {
    return new URL(`http://h${path.startsWith('/') ? '' : '/'}${path}`).pathname;
  } catch {
    return path;
  }
}

/** `$uri`: the path with its percent-encodings decoded (kept as sent where they are not valid UTF-8). */
function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
