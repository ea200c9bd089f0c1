import { IngressFeatures } from '../features';
import { BackendModel, IngressModel, PathTypeModel } from '../model';
import { NoticeLog } from '../notice-log';
import { NoticeStatus } from '../notices';
import { planServerNames } from './server-names';

/** A canary Ingress's backend for one location. */
export interface CanaryPlan {
  readonly ingress: IngressModel;
  readonly features: IngressFeatures;
  readonly backend: BackendModel;
}

/** One path of a host, owned by the first Ingress that configured it. */
export interface LocationPlan {
  readonly owner: IngressModel;
  readonly features: IngressFeatures;
  readonly path: string;
  readonly pathType: PathTypeModel;
  readonly backend: BackendModel;
  /** Canary Ingresses for the same host and path (the first one is used, as ingress-nginx does). */
  readonly canaries: CanaryPlan[];
}

/** One nginx `server`: a host (or the catch-all) of one ingress class. */
export interface HostPlan {
  readonly ingressClass: string;
  /** The host; undefined for the catch-all server (rules without host). */
  readonly host?: string;
  /** The first Ingress that configured the host: its per-host annotations win. */
  readonly first: IngressModel;
  /** The Secret of the host's certificate, from the first Ingress listing the host in `spec.tls`. */
  readonly tls?: {
    readonly secretName: string;
    readonly namespace: string;
    readonly ingress: string;
    /** The hosts of the `spec.tls` entry (what the certificate is meant to cover). */
    readonly hosts: readonly string[];
  };
  /** Whether any location of the host uses `use-regex` or `rewrite-target` (§3.5). */
  readonly regexMode: boolean;
  readonly locations: LocationPlan[];
  /** `server-alias` names the host also answers (`plan/server-names.ts`). */
  readonly aliases: readonly string[];
  /** The other name (`www.<host>` or `<host>` without `www.`) redirected to the host by `from-to-www-redirect`. */
  readonly wwwRedirect?: WwwRedirectPlan;
  /**
   * The catch-all server's (`host` undefined) backend for requests no path takes: the
   * `spec.defaultBackend` of the last Ingress of the class that has one, rules or not.
   */
  readonly catchAllBackend?: { readonly ingress: IngressModel; readonly backend: BackendModel };
}

/** A `from-to-www-redirect` server: `from` answers with a redirect to the host. */
export interface WwwRedirectPlan {
  /** The Ingress whose annotation asked for it. */
  readonly owner: IngressModel;
  /** The name redirected. */
  readonly from: string;
}

/** An Ingress with what its annotations ask for and its class. */
export interface PlannedIngress {
  readonly ingress: IngressModel;
  readonly features: IngressFeatures;
  readonly ingressClass: string;
}

/**
 * Merges the paths of every Ingress per class and host as ingress-nginx does
 * (`controller.go` `createServers`, `getBackendServers`): Ingresses in order (oldest first), a
 * path and pathType already configured on the host by an earlier Ingress is ignored
 * ("Location already configured"), canary Ingresses join the location with the same host,
 * path and pathType, and any `use-regex` or `rewrite-target` puts the whole host in regex mode.
 */
export function planHosts(ingresses: PlannedIngress[], log: NoticeLog): HostPlan[] {
  type Entry = { plan: Omit<HostPlan, 'regexMode' | 'tls' | 'aliases' | 'wwwRedirect'>; tls?: HostPlan['tls'] };
  const hosts = new Map<string, Entry>();
  const hostKey = (cls: string, host: string | undefined) => `${cls}\u0000${host ?? ''}`;
  const primaries = ingresses.filter(i => !i.features.canary && !i.features.rejected);
  const canaries = ingresses.filter(i => i.features.canary && !i.features.rejected);

  for (const { ingress, features, ingressClass } of primaries) {
    const rules = ingress.rules.length > 0 || ingress.defaultBackend === undefined ? ingress.rules : [];
    for (const rule of rules) {
      const key = hostKey(ingressClass, rule.host);
      let entry = hosts.get(key);
      if (entry === undefined) {
        entry = { plan: { ingressClass, host: rule.host, first: ingress, locations: [] } };
        hosts.set(key, entry);
      }
      for (const p of rule.paths) {
        const existing = entry.plan.locations.find(l => l.path === p.path && normalType(l.pathType) === normalType(p.pathType));
        if (existing) {
          log.append({
            ingress: ingress.id,
            status: NoticeStatus.UNSUPPORTED,
            message: `path ${p.path} (${p.pathType}) of host ${rule.host ?? '(any host)'} is already configured by the older Ingress ${existing.owner.id}; ignored, as ingress-nginx does ("Location already configured")`,
          });
          continue;
        }
        entry.plan.locations.push({ owner: ingress, features, path: p.path, pathType: p.pathType, backend: p.backend, canaries: [] });
      }
    }
  }

  // createServers: every Ingress with a defaultBackend, rules or not, sets the catch-all
  // server's backend, the last one winning (kubernetes/ingress-nginx#8825); a class without a
  // catch-all server gets one, on the first rule-less Ingress with a defaultBackend (whose
  // annotations its location takes), else on that last Ingress.
  const lastDefault = new Map<string, IngressModel>();
  for (const { ingress, ingressClass } of primaries) if (ingress.defaultBackend?.service !== undefined) lastDefault.set(ingressClass, ingress);
  for (const [ingressClass, ingress] of lastDefault) {
    const key = hostKey(ingressClass, undefined);
    let entry = hosts.get(key);
    if (entry === undefined) {
      const ruleLess = primaries.find(p => p.ingressClass === ingressClass && p.ingress.rules.length === 0
        && p.ingress.defaultBackend?.service !== undefined);
      entry = { plan: { ingressClass, host: undefined, first: ruleLess?.ingress ?? ingress, locations: [] } };
      hosts.set(key, entry);
    }
    entry.plan = { ...entry.plan, catchAllBackend: { ingress, backend: ingress.defaultBackend! } };
    if (ingress.rules.length > 0) {
      log.append({
        ingress: ingress.id,
        status: NoticeStatus.TRANSLATED,
        message: `spec.defaultBackend also answers every request for a host no Ingress of class ${ingressClass} names, as ingress-nginx's catch-all server takes the defaultBackend of the last Ingress that has one (a rule on the catch-all route)`,
      });
    }
  }

  for (const { ingress, features, ingressClass } of canaries) {
    for (const rule of ingress.rules) {
      const entry = hosts.get(hostKey(ingressClass, rule.host));
      for (const p of rule.paths) {
        const main = entry?.plan.locations.find(l => l.path === p.path && normalType(l.pathType) === normalType(p.pathType));
        if (main === undefined) {
          log.append({
            ingress: ingress.id,
            status: NoticeStatus.UNSUPPORTED,
            message: `canary path ${p.path} of host ${rule.host ?? '(any host)'} has no main Ingress with the same host and path; ingress-nginx ignores it too`,
          });
          continue;
        }
        main.canaries.push({ ingress, features, backend: p.backend });
      }
    }
    if (ingress.tls.some(t => t.hosts.length > 0)) {
      log.append({
        ingress: ingress.id,
        status: NoticeStatus.TRANSLATED,
        message: 'spec.tls of a canary Ingress is ignored, as ingress-nginx ignores it (a host\'s certificate, and with it the HTTPS redirect, comes from its main Ingresses)',
      });
    }
  }

  reportSharedCanaryUpstreams([...hosts.values()].map(e => e.plan), log);

  // TLS: the first Ingress (in order) that lists the host with a Secret gives the certificate.
  // The host entries are looked up by name, and by parent domain for `*.` TLS hosts (linear).
  const byHost = new Map<string, Entry[]>();
  const byParent = new Map<string, Entry[]>();
  const add = (index: Map<string, Entry[]>, key: string, entry: Entry) => {
    const list = index.get(key);
    if (list === undefined) index.set(key, [entry]);
    else list.push(entry);
  };
  for (const entry of hosts.values()) {
    const host = entry.plan.host;
    if (host === undefined) continue;
    add(byHost, host, entry);
    if (host.indexOf('.') > 0) add(byParent, host.slice(host.indexOf('.') + 1), entry);
  }
  // createServers skips canary Ingresses for certificates too ("Ingress … is marked as Canary, ignoring").
  for (const { ingress } of primaries) {
    for (const tls of ingress.tls) {
      if (tls.secretName === undefined) continue;
      for (const tlsHost of tls.hosts) {
        const covered = [...byHost.get(tlsHost) ?? [], ...(tlsHost.startsWith('*.') ? byParent.get(tlsHost.slice(2)) ?? [] : [])];
        for (const entry of covered) {
          if (entry.tls !== undefined) continue;
          entry.tls = { secretName: tls.secretName, namespace: ingress.namespace, ingress: ingress.id, hosts: [...tls.hosts] };
        }
      }
    }
  }
  // A TLS host without a Secret: nginx serves it with its default certificate and redirects
  // plain HTTP (`certificate.lua` finds the host in the TLS section), which a Gateway cannot.
  for (const { ingress } of primaries) {
    const reported = new Set<string>();
    for (const tls of ingress.tls) {
      if (tls.secretName !== undefined) continue;
      for (const tlsHost of tls.hosts) {
        const uncovered = [...byHost.get(tlsHost) ?? []].some(entry => entry.tls === undefined);
        if (!uncovered || reported.has(tlsHost)) continue;
        reported.add(tlsHost);
        log.append({
          ingress: ingress.id,
          status: NoticeStatus.UNSUPPORTED,
          message: `spec.tls host ${tlsHost} has no secretName: ingress-nginx serves it over HTTPS with its default certificate (--default-ssl-certificate, else a self-signed one) `
            + 'and redirects plain HTTP to HTTPS; a Gateway API HTTPS listener needs a certificate Secret, so the host is served on plain HTTP only, without the redirect: '
            + 'give the TLS entry a secretName to keep HTTPS',
        });
      }
    }
  }

  const planned = [...hosts.values()].map(({ plan, tls }) => ({
    ...plan,
    tls,
    regexMode: plan.locations.some(l => l.features.useRegex || l.features.rewriteTarget !== undefined),
  }));
  return planServerNames(planned, log);
}

function normalType(t: PathTypeModel): string {
  return t === 'ImplementationSpecific' ? 'Prefix' : t;
}

/** Whether a TLS host entry (possibly `*.example.com`, one label as in nginx) covers a host. */
export function hostCovers(tlsHost: string, host: string): boolean {
  if (tlsHost === host) return true;
  if (!tlsHost.startsWith('*.')) return false;
  const rest = host.slice(host.indexOf('.') + 1);
  return host.indexOf('.') > 0 && rest === tlsHost.slice(2);
}

/** The nginx upstream of a Service backend (`namespace-name-port`), or undefined for other backends. */
function upstreamOf(namespace: string, backend: BackendModel): string | undefined {
  const svc = backend.service;
  return svc === undefined ? undefined : `${namespace}/${svc.name}:${svc.port ?? svc.portName}`;
}

/**
 * ingress-nginx attaches a canary to its main location's upstream (the Service and port,
 * `controller.go` `mergeAlternativeBackends`), so every other location proxying to that upstream,
 * on any host, is split too; a Gateway API split is per rule. Each such location that proxies
 * (no permanent or temporal redirect) gets an `approximate` notice on its Ingress.
 */
function reportSharedCanaryUpstreams(hosts: ReadonlyArray<Pick<HostPlan, 'host' | 'locations'>>, log: NoticeLog): void {
  const canaryOf = new Map<string, { location: LocationPlan; host: Pick<HostPlan, 'host'> }>();
  for (const host of hosts) {
    for (const location of host.locations) {
      const upstream = upstreamOf(location.owner.namespace, location.backend);
      if (upstream !== undefined && location.canaries.length > 0 && !canaryOf.has(upstream)) canaryOf.set(upstream, { location, host });
    }
  }
  if (canaryOf.size === 0) return;
  for (const host of hosts) {
    for (const location of host.locations) {
      // A location that answers a redirect itself never reaches its upstream.
      const redirects = location.features.permanentRedirect !== undefined || location.features.temporalRedirect !== undefined;
      if (location.canaries.length > 0 || redirects) continue;
      const upstream = upstreamOf(location.owner.namespace, location.backend);
      const shared = upstream === undefined ? undefined : canaryOf.get(upstream);
      if (shared === undefined) continue;
      const canary = shared.location.canaries[0].ingress;
      log.append({
        ingress: location.owner.id,
        status: NoticeStatus.APPROXIMATE,
        message: `path ${location.path} of host ${host.host ?? '(any host)'}: its backend Service ${upstream} is the main backend of canary Ingress ${canary.id} `
          + `(path ${shared.location.path} of host ${shared.host.host ?? '(any host)'}); ingress-nginx attaches a canary to the Service's upstream, so it splits this path's requests too, `
          + 'where the Gateway API split applies only to the canary\'s own paths (add a canary Ingress for this path to split it on purpose)',
      });
    }
  }
}
