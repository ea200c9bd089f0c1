/*
 * ingress-nginx's location order (`internal/ingress/controller/controller.go`, after
 * `getBackendServers`): path string descending, then (stable) path length descending. In regex
 * mode nginx takes the first matching location in this order. Internal.
 */

/** Locations in ingress-nginx's order (a new array). */
export function orderLocations<T extends { readonly path: string }>(locations: readonly T[]): T[] {
  const byString = [...locations].sort((a, b) => (a.path < b.path ? 1 : a.path > b.path ? -1 : 0));
  return byString.sort((a, b) => b.path.length - a.path.length);
}
