/**
 * Differences between ingress-nginx and Gateway API that no Ingress input causes and that no
 * translation can remove: ingress-nginx behaviours outside what Gateway API (and its
 * implementations) can express, listed in docs/ingress-nginx.md § Divergences. `verify` counts a
 * difference they fully explain as expected and names the divergence. Internal.
 */
import { VerifyFieldDifference } from './verify-types';
import { SimOutcome, SimRequest } from '../../simulate/types';
import { DEFAULT_SERVER } from '../nginx-model/config';

/** One known divergence. */
interface Divergence {
  /** Short name, shown in reports. */
  readonly name: string;
  /** Whether it explains this field's difference for this request. */
  readonly explains: (d: VerifyFieldDifference, request: SimRequest, nginx: SimOutcome, gateway: SimOutcome) => boolean;
}

function isRedirect(o: SimOutcome): boolean {
  return o.status >= 300 && o.status < 400;
}

/** `https://h/a/` → `https://h/a`, as `lua_ingress.lua` `redirect_to_https` does with the request URI's last byte. */
function withoutTrailingSlash(location: string): string {
  return location.endsWith('/') ? location.slice(0, -1) : location;
}

/** Response headers other than HSTS, rendered. */
function withoutHsts(o: SimOutcome): string {
  return o.responseHeaders.filter(h => h.name.toLowerCase() !== 'strict-transport-security').map(h => `${h.name.toLowerCase()}: ${h.value}`).sort().join('; ');
}

/**
 * ingress-nginx chose a named server (a host of the Ingresses) and no Ingress path of it took
 * the request (its `location /` answers 404 from the default backend), while the Gateway API
 * model took it with a route that names no hostname (the catch-all server's `defaultBackend`).
 */
function fellToCatchAllRoute(nginx: SimOutcome, gateway: SimOutcome): boolean {
  const server = nginx.steps.find(s => s.stage === 'server')?.name;
  const route = gateway.steps.find(s => s.stage === 'route');
  return nginx.status === 404 && nginx.source === undefined && nginx.backends.length === 0
    && server !== undefined && server.startsWith('server ') && server !== `server ${DEFAULT_SERVER}`
    && route !== undefined && route.detail.startsWith('hostnames (any);');
}

/** Response headers other than HSTS and CORS (`access-control-*`), rendered. */
function withoutHstsAndCors(o: SimOutcome): string {
  return o.responseHeaders.filter(h => !h.name.toLowerCase().startsWith('access-control-'))
    .filter(h => h.name.toLowerCase() !== 'strict-transport-security').map(h => `${h.name.toLowerCase()}: ${h.value}`).sort().join('; ');
}

const DIVERGENCES: readonly Divergence[] = [
  {
    name: 'hsts-on-unrouted-responses: ingress-nginx adds Strict-Transport-Security to every HTTPS response, its 404s included; Gateway API sets it with a route\'s ResponseHeaderModifier, so a request no route takes gets none',
    explains: (d, _request, nginx, gateway) => d.field === 'responseHeaders' && gateway.status === 404 && gateway.source === undefined
      && nginx.responseHeaders.some(h => h.name.toLowerCase() === 'strict-transport-security')
      && !gateway.responseHeaders.some(h => h.name.toLowerCase() === 'strict-transport-security')
      && withoutHsts(nginx) === withoutHsts(gateway),
  },
  {
    name: 'cors-on-unrouted-responses: ingress-nginx adds the CORS headers of a host\'s first Ingress to the 404 of the host\'s default location (a path no Ingress serves); Gateway API sets them with a route\'s CORS filter, so a request no route takes gets none',
    explains: (d, _request, nginx, gateway) => d.field === 'responseHeaders' && gateway.status === 404 && gateway.source === undefined
      && nginx.status === 404 && nginx.source === undefined
      && nginx.responseHeaders.some(h => h.name.toLowerCase().startsWith('access-control-'))
      && withoutHstsAndCors(nginx) === withoutHstsAndCors(gateway),
  },
  {
    name: 'trailing-slash-in-https-redirect: ingress-nginx removes a trailing "/" from the Location of its HTTP → HTTPS redirect (http://h/ → https://h); a Gateway API RequestRedirect keeps the path',
    explains: (d, request, nginx, gateway) => d.field === 'location' && request.url.startsWith('http://')
      && isRedirect(nginx) && isRedirect(gateway) && nginx.location !== undefined && gateway.location !== undefined
      && nginx.location.startsWith('https://') && withoutTrailingSlash(gateway.location) === nginx.location,
  },
  {
    name: 'catch-all-route-below-host-routes: ingress-nginx answers 404 for a path no Ingress of the host serves (the host\'s server has its own default location); Gateway API ranks routes by hostname, then path, across routes, so the route without hostnames (the catch-all server\'s defaultBackend) takes the request on implementations that follow that precedence (Envoy Gateway, one virtual host per hostname, answers 404)',
    explains: (_d, _request, nginx, gateway) => fellToCatchAllRoute(nginx, gateway),
  },
  {
    name: 'cors-preflight-from-other-origin: ingress-nginx passes a preflight from an origin it does not allow to the backend; a Gateway API CORS filter answers it itself (GEP-1767)',
    explains: (d, request, nginx, gateway) => (request.method ?? 'GET') === 'OPTIONS'
      && nginx.status < 300 && nginx.backends.length > 0 && gateway.status === 204
      && !nginx.responseHeaders.some(h => h.name.toLowerCase() === 'access-control-allow-origin')
      && ['status', 'backends', 'upstreamPath', 'upstreamHost', 'requestHeaders', 'responseHeaders'].includes(d.field),
  },
];

/** The divergences that explain every difference of a probe; empty when some difference is left unexplained. */
export function explainingDivergences(
  differences: readonly VerifyFieldDifference[], request: SimRequest, nginx: SimOutcome, gateway: SimOutcome,
): string[] {
  const used = new Set<string>();
  for (const d of differences) {
    const hit = DIVERGENCES.find(v => v.explains(d, request, nginx, gateway));
    if (hit === undefined) return [];
    used.add(hit.name);
  }
  return [...used].sort();
}
