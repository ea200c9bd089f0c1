/*
 * Which location of a server answers a request, as nginx picks it, the server's locations being
 * in ingress-nginx's order (`order.ts`):
 * - in regex mode (`template.go` `enforceRegexModifier`/`buildLocation`: any location of the
 *   server with use-regex or a rewrite) every location is `location ~* "^<path>"`, and the first
 *   one whose case-insensitive regex matches the start of `$uri` wins (a plain `/` becomes `^/`,
 *   which matches every request and, being the shortest, comes last);
 * - otherwise `location = <path>` (Exact) wins on equality, else the longest prefix location;
 *   a request for `/p` when only `location /p/` exists gets nginx's automatic 301 to `/p/`
 *   (`ngx_http_core_find_static_location` with `auto_redirect`, set by proxy_pass).
 * Internal.
 */
import { NginxLocation, NginxServer } from './config';

/** The location chosen for a request, or nginx's automatic redirect. */
export interface LocationMatch {
  readonly location: NginxLocation;
  /** How it matched, for the decision path. */
  readonly how: string;
  /** nginx answers 301 to `$uri/` instead (a prefix location `<uri>/` exists, no exact match). */
  readonly autoRedirect?: boolean;
  /** Captures of the location regex (regex mode). */
  readonly captures?: string[];
}

/** Compiled location regexes by path (compiled once per process). */
const REGEX_CACHE = new Map<string, RegExp | undefined>();

/** The regex nginx compiles for a location in regex mode (`~* "^<path>"`); undefined when PCRE syntax is not JavaScript syntax. */
export function locationRegex(path: string): RegExp | undefined {
  if (REGEX_CACHE.has(path)) return REGEX_CACHE.get(path);
  let re: RegExp | undefined;
  try {
    re = new RegExp(`^(?:${path})`, 'i');
  } catch {
    re = undefined;
  }
  REGEX_CACHE.set(path, re);
  return re;
}


/** The location nginx picks for `$uri` in a server. */
export function matchLocation(server: NginxServer, uri: string): LocationMatch {
  const ordered = server.locations;
  if (server.regexMode) {
    for (const loc of ordered) {
      const m = locationRegex(loc.path)?.exec(uri);
      if (m) return { location: loc, how: `regex ~* "^${loc.path}" (first match in length order; the host is in regex mode)`, captures: m.slice(1).map(c => c ?? '') };
    }
  } else {
    const exact = ordered.find(l => l.exact && l.path === uri);
    if (exact) return { location: exact, how: `exact = ${exact.path}` };
    const prefix = ordered.find(l => !l.exact && uri.startsWith(l.path));
    const slashed = ordered.find(l => !l.exact && l.path === `${uri}/`);
    if (slashed) return { location: slashed, how: `no location ${uri}; prefix location ${slashed.path} exists`, autoRedirect: true };
    if (prefix) return { location: prefix, how: prefix.path === '/' ? 'prefix / (the server\'s catch-all location)' : `longest prefix ${prefix.path}` };
  }
  // Every server has `/`; unreachable unless a location regex does not compile.
  const root = ordered.find(l => l.path === '/') ?? ordered[ordered.length - 1];
  return { location: root, how: 'catch-all /' };
}
