/**
 * A `SimRequest` read into the parts routing needs. Internal.
 */
import { SimRequest } from './types';

/** The protocols of listeners a request can reach. */
export type Protocol = 'HTTP' | 'HTTPS' | 'TLS' | 'TCP' | 'UDP';

const SCHEMES: Record<string, { protocol: Protocol; port?: number }> = {
  'http:': { protocol: 'HTTP', port: 80 },
  'https:': { protocol: 'HTTPS', port: 443 },
  'tls:': { protocol: 'TLS', port: 443 },
  'tcp:': { protocol: 'TCP' },
  'udp:': { protocol: 'UDP' },
};

/** A request, read. */
export interface ParsedRequest {
  readonly protocol: Protocol;
  readonly port: number;
  /** Lower-case host for routing (the `Host` header when given, else the URL's), without port. */
  readonly host: string;
  /** Lower-case TLS server name. */
  readonly sni: string;
  /** Upper-case method. */
  readonly method: string;
  /** The path, without query. */
  readonly path: string;
  /** The query without `?`, or empty. */
  readonly search: string;
  readonly query: URLSearchParams;
  /** Headers by lower-case name (repeated headers joined with `,`), `cookie` built from the cookies too. */
  readonly headers: Map<string, string>;
  /** A gRPC call (`content-type: application/grpc…` and a `/service/method` path). */
  readonly grpc?: { readonly service: string; readonly method: string };
}

/** Reads a request; throws with the bad value when the URL cannot be read. */
export function parseRequest(req: SimRequest): ParsedRequest {
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    throw new Error(`RoutingModel.route: url "${req.url}" is not a URL such as "https://shop.example.com/api?x=1"`);
  }
  const scheme = SCHEMES[url.protocol];
  if (!scheme) throw new Error(`RoutingModel.route: url "${req.url}" has scheme "${url.protocol}"; use http, https, tls, tcp or udp`);
  const port = url.port ? Number(url.port) : scheme.port;
  if (port === undefined) throw new Error(`RoutingModel.route: url "${req.url}" needs a port (${url.protocol}//host:port)`);
  const headers = new Map<string, string>();
  for (const h of req.headers ?? []) {
    const k = h.name.toLowerCase();
    const prev = headers.get(k);
    headers.set(k, prev === undefined ? h.value : `${prev}${k === 'cookie' ? '; ' : ','}${h.value}`);
  }
  if (req.cookies?.length) {
    const jar = req.cookies.map(c => `${c.name}=${c.value}`).join('; ');
    const prev = headers.get('cookie');
    headers.set('cookie', prev ? `${prev}; ${jar}` : jar);
  }
  const urlHost = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const hostHeader = headers.get('host');
  const host = hostHeader !== undefined ? hostHeader.replace(/:\d+$/, '').toLowerCase() : urlHost;
  const http = scheme.protocol === 'HTTP' || scheme.protocol === 'HTTPS';
  const path = http ? url.pathname || '/' : '/';
  const search = http ? url.search.replace(/^\?/, '') : '';
  const grpcPath = /^\/([^/]+)\/([^/]+)$/.exec(path);
  const grpc = http && /^application\/grpc/i.test(headers.get('content-type') ?? '') && grpcPath
    ? { service: grpcPath[1], method: grpcPath[2] } : undefined;
  return {
    protocol: scheme.protocol,
    port,
    host,
    sni: (req.sni ?? urlHost).toLowerCase(),
    method: (req.method ?? 'GET').toUpperCase(),
    path,
    search,
    query: new URLSearchParams(search),
    headers,
    grpc,
  };
}
