/*
 * Which server block answers a Host, as nginx's `server_name` matching picks it: exact names
 * first (hosts, server-alias names, from-to-www names), then the longest leading-wildcard alias
 * (`*.example.com`, any depth), then the regex names in configuration order (ingress-nginx
 * renders a wildcard host `*.example.com` as `~^(?<subdomain>[\w-]+)\.example\.com$`: exactly
 * one label; `template.go` `buildServerName`), else the catch-all server `_`. Internal.
 */
import { DEFAULT_SERVER, NginxConfig, NginxServer } from './config';

/** The server chosen for a host. */
export interface ServerMatch {
  readonly server: NginxServer;
  /** Set when the host is a from-to-www name: the server answers with a redirect to `server`. */
  readonly wwwRedirect?: boolean;
  /** Set when the host matched a server-alias. */
  readonly alias?: string;
  readonly how: string;
}

/** Picks the server for `$host` (lower case, no port). */
export function selectServer(config: NginxConfig, host: string): ServerMatch {
  const servers = config.ordered;
  const exact = host === DEFAULT_SERVER ? undefined : config.servers.get(host);
  if (exact !== undefined && !exact.hostname.startsWith('*.')) return { server: exact, how: `server_name ${host} (exact)` };
  const aliased = config.aliases.get(host);
  if (aliased) return { server: aliased, alias: host, how: `server-alias ${host} of ${aliased.hostname}` };
  const www = config.wwwRedirects.get(host);
  if (www) return { server: www, wwwRedirect: true, how: `from-to-www-redirect server ${host} for ${www.hostname}` };
  let best: { server: NginxServer; alias: string } | undefined;
  for (const s of servers) {
    for (const a of s.aliases) {
      if (a.startsWith('*.') && host.endsWith(a.slice(1)) && (best === undefined || a.length > best.alias.length)) best = { server: s, alias: a };
    }
  }
  if (best) return { server: best.server, alias: best.alias, how: `server-alias ${best.alias} of ${best.server.hostname} (wildcard name)` };
  for (const s of servers) {
    if (!s.hostname.startsWith('*.')) continue;
    const suffix = s.hostname.slice(1);
    if (host.endsWith(suffix) && /^[\w-]+$/.test(host.slice(0, host.length - suffix.length))) {
      return { server: s, how: `server_name ${s.hostname} (regex: exactly one label before ${suffix})` };
    }
  }
  return { server: config.servers.get(DEFAULT_SERVER)!, how: `no server for ${host}: the catch-all server _` };
}
