/**
 * The probe requests of `migrate --verify` and `IngressCompat.verify()`: a deterministic set of
 * requests derived from the Ingresses, meant to tell two routing decisions apart. For every host
 * (rule hosts, `server-alias` names, the `from-to-www-redirect` twin, a name under a wildcard):
 * each path and its boundaries (`/p`, `/p/`, `/px`, `/p/x`), an upper-case variant on hosts in
 * regex mode, a query string, an unknown path; `http://` always and `https://` for TLS hosts
 * (ingress-nginx answers HTTPS for other hosts with its self-signed default certificate, which
 * clients reject, so those requests are not probed); the ACME challenge path on TLS hosts; canary
 * headers and cookies (`always`, `never`, the configured value, another value); CORS preflight and
 * simple requests from the first allowed origin and from another one. Plus one unknown host. Internal.
 */
import { SimHeader, SimRequest } from '../../simulate/types';
import { IngressModel } from '../model';

/** A probe: the request and a short label for reports. */
export interface Probe {
  readonly request: SimRequest;
  /** `GET https://shop.example.com/api [x-canary: always]`. */
  readonly label: string;
}

/** The host name probed for an unknown host. */
export const UNKNOWN_HOST = 'unknown-host.verify.invalid';
/** The path element probed as an unknown path on every host. */
export const UNKNOWN_PATH = '/zz-verify-unknown';
const ACME_PATH = '/.well-known/acme-challenge/verify-token';
const PROBE_ORIGIN = 'https://origin.verify.example';

interface HostFacts {
  paths: Set<string>;
  regex: boolean;
  tls: boolean;
  canaries: IngressModel[];
  cors: IngressModel[];
}

/**
 * The probes for the Ingresses taken, sorted and without duplicates. `served` says which of them
 * ingress-nginx serves (not rejected): only their `spec.tls` gives a host its certificate.
 */
export function generateProbes(ingresses: readonly IngressModel[], served: (ingress: IngressModel) => boolean = () => true): Probe[] {
  const hosts = collectHosts(ingresses, served);
  const out = new Map<string, Probe>();
  const add = (method: string, url: string, headers: SimHeader[] = [], cookies: SimHeader[] = []) => {
    const request: SimRequest = {
      url,
      ...(method === 'GET' ? {} : { method }),
      ...(headers.length ? { headers } : {}),
      ...(cookies.length ? { cookies } : {}),
    };
    const extras = [...headers.map(h => `${h.name}: ${h.value}`), ...cookies.map(c => `cookie ${c.name}=${c.value}`)];
    const label = `${method} ${url}${extras.length ? ` [${extras.join('; ')}]` : ''}`;
    out.set(label, { request, label });
  };

  for (const [host, facts] of [...hosts].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)) {
    const name = probeHostName(host);
    const schemes = facts.tls ? ['http', 'https'] : ['http'];
    const paths = [...facts.paths].sort();
    for (const scheme of schemes) {
      const base = `${scheme}://${name}`;
      for (const p of paths) {
        for (const variant of pathVariants(samplePath(p))) add('GET', base + variant);
        if (facts.regex) add('GET', base + samplePath(p).toUpperCase());
      }
      add('GET', `${base}${paths.length ? samplePath(paths[0]) : '/'}?verify=1`);
      add('GET', base + UNKNOWN_PATH);
      if (facts.tls && scheme === 'http') add('GET', base + ACME_PATH);
      for (const canary of facts.canaries) canaryProbes(canary, base, add);
      for (const ingress of facts.cors) {
        const allowed = (ingress.nginx.get('cors-allow-origin') ?? '').split(',').map(o => o.trim()).find(o => o !== '' && !o.includes('*'));
        const origins = allowed === undefined ? [PROBE_ORIGIN] : [allowed, PROBE_ORIGIN];
        for (const p of pathsOf(ingress, host)) {
          for (const origin of origins) {
            add('OPTIONS', base + samplePath(p), [
              { name: 'origin', value: origin },
              { name: 'access-control-request-method', value: 'GET' },
            ]);
            add('GET', base + samplePath(p), [{ name: 'origin', value: origin }]);
          }
        }
      }
    }
  }
  add('GET', `http://${UNKNOWN_HOST}/`);
  add('GET', `http://${UNKNOWN_HOST}${UNKNOWN_PATH}`);
  return [...out.values()].sort((a, b) => a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
}

/** Facts per host; `''` is the catch-all server (rules without host). */
function collectHosts(ingresses: readonly IngressModel[], served: (ingress: IngressModel) => boolean): Map<string, HostFacts> {
  const hosts = new Map<string, HostFacts>();
  const facts = (host: string): HostFacts => {
    let f = hosts.get(host);
    if (f === undefined) hosts.set(host, f = { paths: new Set(), regex: false, tls: false, canaries: [], cors: [] });
    return f;
  };
  for (const ingress of ingresses) {
    const nginx = ingress.nginx;
    const regex = nginx.get('use-regex') === 'true' || nginx.has('rewrite-target');
    const aliases = (nginx.get('server-alias') ?? '').split(',').map(s => s.trim()).filter(isHostName);
    // A host gets a certificate from the served, non-canary Ingresses that list it
    // (`controller.go` `createServers` skips canaries); others get the default certificate,
    // which clients reject, so they are not probed over HTTPS.
    const certifies = served(ingress) && nginx.get('canary') !== 'true';
    const tlsHosts = new Set(certifies ? ingress.tls.flatMap(t => t.hosts) : []);
    for (const rule of ingress.rules) {
      const host = rule.host !== undefined && isHostName(rule.host) ? rule.host : rule.host === undefined ? '' : undefined;
      if (host === undefined) continue;
      const names = [host];
      if (host !== '') {
        names.push(...aliases);
        if (nginx.get('from-to-www-redirect') === 'true') names.push(host.startsWith('www.') ? host.slice(4) : `www.${host}`);
      }
      for (const name of names) {
        const f = facts(name);
        rule.paths.forEach(p => f.paths.add(p.path));
        f.regex ||= regex;
        f.tls ||= tlsHosts.has(name) || [...tlsHosts].some(t => t.startsWith('*.') && name.endsWith(t.slice(1)));
        if (name === host && nginx.get('canary') === 'true' && !f.canaries.includes(ingress)) f.canaries.push(ingress);
        if (name === host && nginx.get('enable-cors') === 'true' && !f.cors.includes(ingress)) f.cors.push(ingress);
      }
    }
    if (ingress.defaultBackend !== undefined && ingress.rules.length === 0) facts('').paths.add('/');
  }
  return hosts;
}

function pathsOf(ingress: IngressModel, host: string): string[] {
  return [...new Set(ingress.rules.filter(r => (r.host ?? '') === host).flatMap(r => r.paths.map(p => p.path)))].sort();
}

/** Header and cookie probes of one canary Ingress, on each of its paths. */
function canaryProbes(ingress: IngressModel, base: string, add: (m: string, u: string, h?: SimHeader[], c?: SimHeader[]) => void): void {
  const header = ingress.nginx.get('canary-by-header');
  const value = ingress.nginx.get('canary-by-header-value');
  const cookie = ingress.nginx.get('canary-by-cookie');
  const paths = [...new Set(ingress.rules.flatMap(r => r.paths.map(p => samplePath(p.path))))].sort();
  for (const p of paths) {
    if (header !== undefined && header !== '') {
      for (const v of ['always', 'never', 'verify-other', ...(value ? [value] : [])]) add('GET', base + p, [{ name: header.toLowerCase(), value: v }]);
    }
    if (cookie !== undefined && cookie !== '') {
      for (const v of ['always', 'never']) add('GET', base + p, [], [{ name: cookie, value: v }]);
    }
  }
}

/** A host name to send for a host pattern: `''` is the catch-all server, `*.x` gets a label. */
function probeHostName(host: string): string {
  if (host === '') return 'catch-all.verify.invalid';
  return host.startsWith('*.') ? `wild${host.slice(1)}` : host;
}

/**
 * A literal path a regex path matches at its start: the text before the first regex syntax
 * (`/api/v[0-9]+/(.*)` → `/api/v`); the path itself when it has none.
 */
export function samplePath(path: string): string {
  const cut = path.search(/[()[\]{}*+?|^$\\]/);
  let literal = cut < 0 ? path : path.slice(0, cut);
  if (cut >= 0 && literal.endsWith('.')) literal = literal.slice(0, -1);
  if (!literal.startsWith('/')) literal = '/' + literal;
  return literal;
}

/** `/p`, `/p/`, `/px`, `/p/x` (for `/`: `/` and `/x`). */
export function pathVariants(path: string): string[] {
  if (path === '/' || path === '') return ['/', '/x'];
  const trimmed = path.replace(/\/+$/, '');
  return [...new Set([trimmed, `${trimmed}/`, `${trimmed}x`, `${trimmed}/x`, path])];
}

/** A DNS name or a `*.` wildcard of one (anything else cannot be sent as a Host). */
function isHostName(name: string): boolean {
  return /^(\*\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(name) && name.length <= 253;
}
