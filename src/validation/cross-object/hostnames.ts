/*
 * Gateway API hostname matching (listener and route `Hostname` values, `*.` wildcards as the
 * whole first label): intersection, and the hostname a route effectively serves on a listener.
 */

/**
 * True when two hostnames can match a common request host; undefined (absent) matches all.
 * `*.example.com` matches `a.example.com` and `a.b.example.com`, not `example.com`.
 * @internal
 */
export function hostnamesIntersect(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined || a === b) return true;
  const wa = a.startsWith('*.');
  const wb = b.startsWith('*.');
  if (wa && wb) {
    const sa = a.slice(1);
    const sb = b.slice(1);
    return sa.endsWith(sb) || sb.endsWith(sa);
  }
  if (wa) return b.endsWith(a.slice(1));
  if (wb) return a.endsWith(b.slice(1));
  return false;
}

/**
 * The hosts a route hostname serves on a listener: the more specific of the two (they must
 * intersect); `*` when neither sets one.
 * @internal
 */
export function effectiveHostname(route: string | undefined, listener: string | undefined): string {
  if (route === undefined) return listener ?? '*';
  if (listener === undefined || route === listener) return route;
  const wr = route.startsWith('*.');
  const wl = listener.startsWith('*.');
  if (wr && !wl) return listener;
  if (wl && !wr) return route;
  return route.length >= listener.length ? route : listener;
}
