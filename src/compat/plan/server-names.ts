import { checkHostname } from '../../core/formats';
import { IngressFeatures } from '../features';
import { IngressModel, NGINX_PREFIX } from '../model';
import { NoticeLog } from '../notice-log';
import { CompatNotice, NoticeStatus } from '../notices';

/** What this step reads of a host (a `HostPlan` without its server names). */
interface HostInput {
  readonly ingressClass: string;
  readonly host?: string;
  readonly locations: ReadonlyArray<{ readonly owner: IngressModel; readonly features: IngressFeatures }>;
}

/** The server names this step adds to a host. */
interface ServerNames {
  readonly aliases: readonly string[];
  readonly wwwRedirect?: { readonly owner: IngressModel; readonly from: string };
}

/**
 * The extra names of each host, as ingress-nginx's `controller.go` `createServers` gives them:
 * - `server-alias`: the aliases of the first Ingress (oldest first) of the host that has the
 *   annotation; an alias that is a host of the class, or already an alias of an earlier host,
 *   is ignored (`There is a conflict with server hostname`, `alias already defined`);
 * - `from-to-www-redirect`: the first Ingress of the host with it asks for a server for
 *   `www.<host>` (or `<host>` without `www.`) redirecting to the host, unless that name is
 *   already a host or an alias of the class (`Already exists an Ingress with … hostname.
 *   Skipping creation of redirection`).
 * Ignored annotations get their notice here.
 */
export function planServerNames<T extends HostInput>(hosts: T[], log: NoticeLog): Array<T & ServerNames> {
  const names = new Map<string, Set<string>>();
  for (const h of hosts) {
    if (h.host === undefined) continue;
    if (!names.has(h.ingressClass)) names.set(h.ingressClass, new Set());
    names.get(h.ingressClass)!.add(h.host);
  }
  const taken = new Map<string, Set<string>>();
  const withAliases = hosts.map(h => {
    const classNames = names.get(h.ingressClass) ?? new Set<string>();
    if (!taken.has(h.ingressClass)) taken.set(h.ingressClass, new Set());
    const classTaken = taken.get(h.ingressClass)!;
    const owners = [...new Set(h.locations.map(l => l.owner))];
    const withAlias = owners.filter(o => featuresOf(h, o).serverAliases.length > 0);
    const aliases: string[] = [];
    if (h.host === undefined) {
      for (const o of withAlias) setOnce(log, note(o, 'server-alias', NoticeStatus.TRANSLATED, 'no effect on rules without host (the catch-all server), as in ingress-nginx; nothing emitted'));
      return { ...h, aliases };
    }
    const [first, ...others] = withAlias;
    for (const o of others) {
      setOnce(log, note(o, 'server-alias', NoticeStatus.TRANSLATED, `ignored, as in ingress-nginx: ${h.host} takes its aliases from the oldest Ingress with server-alias (${first.id}); nothing emitted`));
    }
    if (first !== undefined) {
      for (const alias of featuresOf(h, first).serverAliases) {
        if (classNames.has(alias) || classTaken.has(alias) || alias === h.host) {
          log.append({ ingress: first.id, status: NoticeStatus.TRANSLATED, message: `server-alias ${alias} of ${h.host} is ignored, as in ingress-nginx: it is ${classNames.has(alias) || alias === h.host ? 'a host' : 'an alias of another host'} of ingress class ${h.ingressClass}` });
          continue;
        }
        const invalid = checkHostname(alias);
        if (invalid !== undefined) {
          log.append({ ingress: first.id, status: NoticeStatus.UNSUPPORTED, message: `server-alias ${alias} of ${h.host} is left out: ${invalid}; write the alias as a DNS name (nginx takes it as a server_name as written)` });
          continue;
        }
        classTaken.add(alias);
        aliases.push(alias);
      }
    }
    return { ...h, aliases };
  });

  return withAliases.map(h => {
    const owner = [...new Set(h.locations.map(l => l.owner))].find(o => featuresOf(h, o).fromToWwwRedirect);
    if (owner === undefined || h.host === undefined || h.host.startsWith('*.')) return h;
    const from = h.host.startsWith('www.') ? h.host.slice(4) : `www.${h.host}`;
    if ((names.get(h.ingressClass)?.has(from) ?? false) || (taken.get(h.ingressClass)?.has(from) ?? false)) {
      setOnce(log, note(owner, 'from-to-www-redirect', NoticeStatus.TRANSLATED, `no effect, as in ingress-nginx: ${from} is already served by ingress class ${h.ingressClass}, so no redirect to ${h.host} is made; nothing emitted`));
      return h;
    }
    return { ...h, wwwRedirect: { owner, from } };
  });
}

function featuresOf(h: HostInput, owner: IngressModel): IngressFeatures {
  return h.locations.find(l => l.owner === owner)!.features;
}

function note(ingress: IngressModel, key: string, status: NoticeStatus, message: string): CompatNotice {
  return { ingress: ingress.id, annotation: `${NGINX_PREFIX}${key}`, status, message };
}

/** Records a notice unless its key has one (a bad value's notice stays). */
function setOnce(log: NoticeLog, n: CompatNotice): void {
  if (!log.has(n.ingress, n.annotation!)) log.set(n);
}
