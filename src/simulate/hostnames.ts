/**
 * Hostname matching and ranking. Internal.
 */

/**
 * Hostname `pattern` (exact, `*.suffix` or empty for any) matches `host`. A wildcard matches one
 * or more labels, never the bare suffix (Listener `hostname` and HTTPRoute `hostnames` field docs).
 */
export function hostnameMatches(pattern: string | undefined, host: string): boolean {
  if (!pattern) return true;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
  return pattern === host;
}

/**
 * Route hostnames as narrowed by a listener hostname (HTTPRoute `hostnames` field doc: a route
 * hostname attaches when it matches the listener hostname, or the listener hostname matches it,
 * and then the more specific of the two applies); `undefined` when they do not intersect, `[]` for
 * any host.
 */
export function intersectHostnames(listener: string | undefined, route: string[]): string[] | undefined {
  if (!route.length) return listener ? [listener] : [];
  if (!listener) return route;
  const out = route.flatMap(h => hostnameMatches(listener, h) ? [h] : hostnameMatches(h, listener) ? [listener] : []);
  return out.length ? out : undefined;
}

/** Compares two keys, larger first (for sorting by precedence). */
export function cmpKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i] - a[i];
  return 0;
}

/**
 * Specificity of a listener hostname (Listener `hostname` field doc and GEP-1713 listener
 * matching): an exact name, then wildcards by number of labels, then no hostname.
 */
export function listenerSpecificity(hostname: string | undefined): number[] {
  if (!hostname) return [0, 0];
  return hostname.startsWith('*.') ? [1, hostname.split('.').length] : [2, 0];
}

/**
 * Route precedence across routes with intersecting hostnames (HTTPRoute `hostnames` field doc:
 * "precedence must be given to rules from the HTTPRoute with the largest number of: Characters in
 * a matching non-wildcard hostname. Characters in a matching hostname."; the same for GRPCRoute).
 * Returns that pair, or undefined when no hostname matches.
 */
export function hostnameKey(hostnames: string[], host: string): number[] | undefined {
  if (!hostnames.length) return [0, 0];
  const keys = hostnames.filter(h => hostnameMatches(h, host)).map(h => [h.startsWith('*.') ? 0 : h.length, h.length]);
  return keys.sort(cmpKeys)[0];
}
