/*
 * The nginx configuration ingress-nginx builds from the Ingresses, as far as routing goes: one
 * server per host with its locations, aliases and certificate, the catch-all server `_`, the
 * from-to-www redirect servers and the canary (alternative) backends of each upstream. Follows
 * `internal/ingress/controller/controller.go` `createServers`, `getBackendServers`,
 * `mergeAlternativeBackends`, `internal/ingress/controller/nginx.go` `configureCertificates`,
 * `buildRedirects`. Internal.
 */
import { EffectiveControllerConfig } from '../config-model';
import { CanaryFeature, IngressFeatures } from '../features';
import { BackendModel, IngressModel, ServiceModel } from '../model';
import { orderLocations } from './order';

/** An upstream: a Service port (ingress-nginx's `<namespace>-<service>-<port>` upstream). */
export interface Upstream {
  readonly namespace: string;
  readonly service: string;
  /** The port as written (number or name): part of the upstream's identity. */
  readonly writtenPort: string;
  /** The port number when known (named ports resolved through the input Services), else the name. */
  readonly port?: string;
  /** `namespace/service/writtenPort`. */
  readonly key: string;
}

/** A `location` of a server. */
export interface NginxLocation {
  /** The location path (after `updateServerLocations`: Prefix paths end in `/`). */
  path: string;
  /** `location = path` (Exact), else a prefix location. */
  exact: boolean;
  /** The Ingress path it came from. */
  readonly ingressPath: string;
  /** The Ingress path's type after defaulting (ImplementationSpecific → Prefix). */
  readonly pathType: 'Prefix' | 'Exact';
  /** The Ingress whose annotations the location carries (undefined: none, the controller's own `/`). */
  owner?: IngressModel;
  features?: IngressFeatures;
  /** The upstream; undefined for the controller's default backend. */
  upstream?: Upstream;
  /** Still the server's default `/` (no Ingress path replaced it). */
  isDefBackend: boolean;
}

/** A server block. */
export interface NginxServer {
  /** The host (`*.example.com` for a wildcard host), or `_` for the catch-all server. */
  readonly hostname: string;
  /** The locations; in ingress-nginx's order once the configuration is built. */
  readonly locations: NginxLocation[];
  /** Extra `server_name`s (server-alias of the first Ingress that sets one). */
  aliases: string[];
  /** The hosts the certificate names, when the server has a certificate (empty for the default certificate). */
  certificate?: { readonly names: readonly string[]; readonly from: string };
  /** Any location has `from-to-www-redirect`. */
  fromToWww: boolean;
  /** Whether any location uses `use-regex` or a rewrite (`enforceRegexModifier`). */
  regexMode: boolean;
  /** The Ingress that first configured the server (per-host annotations such as auth-tls come from it). */
  readonly first?: IngressModel;
  readonly firstFeatures?: IngressFeatures;
}

/** A canary Ingress's backend attached to a primary upstream. */
export interface CanaryBackend {
  readonly ingress: IngressModel;
  readonly canary: CanaryFeature;
  readonly upstream: Upstream;
}

/** An Ingress accepted by the controller, with its annotations parsed. */
export interface AcceptedIngress {
  readonly ingress: IngressModel;
  readonly features: IngressFeatures;
}

/** The whole configuration. */
export interface NginxConfig {
  /** Servers by hostname (`_` included). */
  readonly servers: ReadonlyMap<string, NginxServer>;
  /** `from-to-www-redirect` servers: redirected name → target server. */
  readonly wwwRedirects: ReadonlyMap<string, NginxServer>;
  /** Alternative (canary) backend of each primary upstream, by upstream key (only the first is used). */
  readonly canaries: ReadonlyMap<string, CanaryBackend>;
  /** Hosts (and aliases, www names) with a certificate, as `certificate.lua` looks them up. */
  readonly certificateNames: ReadonlySet<string>;
  readonly controller: EffectiveControllerConfig;
  /** The controller's `--default-backend-service`, when set. */
  readonly defaultBackend?: Upstream;
  /** Servers sorted by hostname (nginx's configuration order). */
  readonly ordered: readonly NginxServer[];
  /** The server of each exact server-alias name. */
  readonly aliases: ReadonlyMap<string, NginxServer>;
}

/** The catch-all server's name. */
export const DEFAULT_SERVER = '_';

/**
 * Builds the configuration from the accepted Ingresses in ingress-nginx's order (oldest first).
 * @param defaultBackend the controller's `--default-backend-service`, when set
 */
export function buildConfig(
  accepted: readonly AcceptedIngress[],
  services: readonly ServiceModel[],
  controller: EffectiveControllerConfig,
  defaultBackend: Upstream | undefined,
): NginxConfig {
  const upstreamOf = (ns: string, b: BackendModel | undefined) => upstream(ns, b, services);
  const servers = new Map<string, NginxServer>();
  const root = (owner: AcceptedIngress | undefined, up: Upstream | undefined): NginxLocation => ({
    path: '/',
    exact: false,
    ingressPath: '/',
    pathType: 'Prefix',
    isDefBackend: true,
    owner: owner?.ingress,
    features: owner?.features,
    upstream: up ?? defaultBackend,
  });
  servers.set(DEFAULT_SERVER, { hostname: DEFAULT_SERVER, locations: [root(undefined, undefined)], aliases: [], fromToWww: false, regexMode: false });

  const primaries = accepted.filter(a => a.features.canary === undefined);
  // createServers: the catch-all gets the first rule-less Ingress's defaultBackend; each host
  // is created by its first Ingress, whose defaultBackend (else the controller's) serves `/`.
  for (const a of primaries) {
    const def = a.ingress.defaultBackend?.service ? upstreamOf(a.ingress.namespace, a.ingress.defaultBackend) : undefined;
    const catchAll = servers.get(DEFAULT_SERVER)!.locations[0];
    if (def) {
      // Every Ingress with a defaultBackend, rules or not, sets the catch-all server's backend
      // (the last one wins; kubernetes/ingress-nginx#8825); the first rule-less one also gives
      // the location its annotations.
      if (catchAll.isDefBackend && a.ingress.rules.length === 0) {
        Object.assign(catchAll, { isDefBackend: false, features: withoutRedirects(a.features) });
      }
      Object.assign(catchAll, { upstream: def, owner: a.ingress });
    }
    for (const rule of a.ingress.rules) {
      const host = rule.host ?? DEFAULT_SERVER;
      if (servers.has(host)) continue;
      servers.set(host, {
        hostname: host, locations: [root(a, def)], aliases: [], fromToWww: false, regexMode: false, first: a.ingress, firstFeatures: a.features,
      });
    }
  }
  // Aliases and certificates: the first Ingress (in order) that has them for the host.
  for (const a of primaries) {
    for (const rule of a.ingress.rules) {
      const server = servers.get(rule.host ?? DEFAULT_SERVER)!;
      if (server.aliases.length === 0) server.aliases = [...a.features.serverAliases];
      if (server.certificate !== undefined || a.ingress.tls.length === 0 || server.hostname === DEFAULT_SERVER) continue;
      // extractTLSSecretName: the tls entry naming the host; else the controller's default
      // certificate — an Ingress with any tls entry gives each of its hosts a certificate.
      const entry = a.ingress.tls.find(t => t.secretName !== undefined && t.hosts.some(h => hostCovers(h, server.hostname)));
      server.certificate = { names: entry ? entry.hosts : [], from: a.ingress.id };
    }
  }
  // getBackendServers: the paths, first Ingress wins a path and pathType.
  for (const a of primaries) {
    for (const rule of a.ingress.rules) {
      const server = servers.get(rule.host ?? DEFAULT_SERVER)!;
      for (const p of rule.paths) {
        if (p.backend.service === undefined) continue; // a resource backend: the path uses the default backend
        const pathType = p.pathType === 'Exact' ? 'Exact' : 'Prefix';
        const same = server.locations.find(l => l.ingressPath === p.path && l.path === p.path);
        const up = upstreamOf(a.ingress.namespace, p.backend);
        if (same !== undefined && same.pathType === pathType) {
          if (same.isDefBackend) Object.assign(same, { isDefBackend: false, upstream: up, owner: a.ingress, features: a.features });
        } else {
          server.locations.push({
            path: p.path, exact: false, ingressPath: p.path, pathType, owner: a.ingress, features: a.features, upstream: up, isDefBackend: false,
          });
        }
        if (a.features.fromToWwwRedirect) server.fromToWww = true;
      }
    }
  }

  const canaries = mergeCanaries(accepted.filter(a => a.features.canary !== undefined), servers, upstreamOf, defaultBackend);

  for (const server of servers.values()) {
    const normalized = orderLocations(normalizeLocations(server.locations));
    server.locations.splice(0, server.locations.length, ...normalized);
    server.regexMode = server.locations.some(l => needsRewrite(l) || (l.features?.useRegex ?? false));
  }

  // Aliases that name a server (or the host itself) are dropped.
  for (const server of servers.values()) {
    server.aliases = [...new Set(server.aliases.map(a => a.toLowerCase()))].filter(a => a !== server.hostname && !servers.has(a)).sort();
  }
  const wwwRedirects = new Map<string, NginxServer>();
  for (const server of [...servers.values()].sort((x, y) => cmp(x.hostname, y.hostname))) {
    if (!server.fromToWww || server.hostname === DEFAULT_SERVER || server.hostname.startsWith('*.')) continue;
    const from = server.hostname.startsWith('www.') ? server.hostname.slice(4) : `www.${server.hostname}`;
    if (servers.has(from) || wwwRedirects.has(from)) continue;
    wwwRedirects.set(from, server);
  }

  const certificateNames = new Set<string>();
  for (const server of servers.values()) {
    if (server.certificate === undefined) continue;
    certificateNames.add(server.hostname);
    for (const alias of server.aliases) if (server.certificate.names.some(n => n === alias || hostCovers(n, alias))) certificateNames.add(alias);
  }
  for (const [from, to] of wwwRedirects) if (to.certificate !== undefined) certificateNames.add(from);
  const ordered = [...servers.values()].sort((x, y) => cmp(x.hostname, y.hostname));
  const aliases = new Map<string, NginxServer>();
  for (const server of ordered) for (const alias of server.aliases) if (!aliases.has(alias)) aliases.set(alias, server);
  return {
    servers,
    wwwRedirects,
    canaries,
    certificateNames,
    controller,
    ordered,
    aliases,
    ...(defaultBackend === undefined ? {} : { defaultBackend }),
  };
}

/**
 * `mergeAlternativeBackends`: each canary path joins the location with the same host, path and
 * pathType; its Service becomes the alternative backend of that location's *upstream* (so
 * every location using the same Service port is split). Only the first canary of an upstream is used.
 */
function mergeCanaries(
  canaryIngresses: readonly AcceptedIngress[],
  servers: ReadonlyMap<string, NginxServer>,
  upstreamOf: (ns: string, b: BackendModel | undefined) => Upstream | undefined,
  defaultBackend: Upstream | undefined,
): Map<string, CanaryBackend> {
  const canaries = new Map<string, CanaryBackend>();
  for (const a of canaryIngresses) {
    for (const rule of a.ingress.rules) {
      const server = servers.get(rule.host ?? DEFAULT_SERVER);
      if (server === undefined) continue;
      for (const p of rule.paths) {
        const alt = upstreamOf(a.ingress.namespace, p.backend);
        if (alt === undefined) continue;
        const pathType = p.pathType === 'Exact' ? 'Exact' : 'Prefix';
        for (const loc of server.locations) {
          if (loc.upstream === undefined || loc.upstream === defaultBackend) continue; // canMergeBackend: never the default backend
          if (loc.upstream.key === alt.key) break; // the canary's Service is a primary elsewhere
          if (loc.ingressPath === p.path && loc.pathType === pathType && !canaries.has(loc.upstream.key)) {
            canaries.set(loc.upstream.key, { ingress: a.ingress, canary: a.features.canary!, upstream: alt });
          }
        }
      }
    }
  }
  return canaries;
}

/**
 * `location.go` `updateServerLocations`: a Prefix path without rewrite or use-regex becomes
 * `location /p/` plus `location = /p` (unless an Exact `/p` exists); `/` is left alone.
 */
function normalizeLocations(locations: readonly NginxLocation[]): NginxLocation[] {
  const exacts = new Set(locations.filter(l => l.pathType === 'Exact').map(l => l.path));
  const out: NginxLocation[] = [];
  for (const loc of locations) {
    if (loc.pathType === 'Exact') {
      out.push({ ...loc, exact: true });
      continue;
    }
    if (loc.path === '/' || needsRewrite(loc) || (loc.features?.useRegex ?? false)) {
      out.push(loc);
      continue;
    }
    const normalized = loc.path.endsWith('/') ? loc.path : `${loc.path}/`;
    out.push({ ...loc, path: normalized });
    if (!exacts.has(loc.path)) out.push({ ...loc, exact: true });
  }
  return out;
}

/** `needsRewrite`: a rewrite-target that differs from the location path. */
export function needsRewrite(loc: NginxLocation): boolean {
  const target = loc.features?.rewriteTarget;
  return target !== undefined && target !== '' && target !== loc.path;
}

/** The catch-all's own annotations skip redirect and rewrite (`createServers`). */
function withoutRedirects(f: IngressFeatures): IngressFeatures {
  const { permanentRedirect: _p, temporalRedirect: _t, rewriteTarget: _r, appRoot: _a, ...rest } = f;
  return { ...rest, useRegex: false, sslRedirect: false, forceSslRedirect: false };
}

/** The upstream of a Service backend, port resolved through the input Services when named. */
function upstream(namespace: string, backend: BackendModel | undefined, services: readonly ServiceModel[]): Upstream | undefined {
  const svc = backend?.service;
  if (svc === undefined) return undefined;
  const writtenPort = svc.port !== undefined ? String(svc.port) : svc.portName ?? '';
  let port: string | undefined = writtenPort === '' ? undefined : writtenPort;
  if (svc.port === undefined && svc.portName !== undefined) {
    const model = services.find(s => s.namespace === namespace && s.name === svc.name);
    const found = model?.ports.find(p => p.name === svc.portName);
    if (found) port = String(found.port);
  }
  return { namespace, service: svc.name, writtenPort, ...(port === undefined ? {} : { port }), key: `${namespace}/${svc.name}/${writtenPort}` };
}

/** The upstream of `--default-backend-service` (`namespace/name`): its first port when the Service is in the input. */
export function defaultBackendUpstream(ref: string, services: readonly ServiceModel[]): Upstream {
  const slash = ref.indexOf('/');
  if (slash <= 0 || slash === ref.length - 1 || ref.indexOf('/', slash + 1) >= 0) {
    throw new Error(`IngressNginxModel: defaultBackendService "${ref}" is not namespace/name`);
  }
  const namespace = ref.slice(0, slash);
  const name = ref.slice(slash + 1);
  const first = services.find(s => s.namespace === namespace && s.name === name)?.ports[0];
  const port = first === undefined ? undefined : String(first.port);
  return { namespace, service: name, writtenPort: port ?? '', ...(port === undefined ? {} : { port }), key: `${namespace}/${name}/${port ?? ''}` };
}

/** Whether a TLS host or alias entry `*.example.com` covers a host (one label, as a certificate name does). */
export function hostCovers(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  if (p === host) return true;
  if (!p.startsWith('*.')) return false;
  const dot = host.indexOf('.');
  return dot > 0 && host.slice(dot + 1) === p.slice(2);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
