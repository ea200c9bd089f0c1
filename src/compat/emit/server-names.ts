import { RuleContext, notice } from './context';
import { GatewaySet } from './gateways';
import { checkHostname } from '../../core/formats';
import { safeName } from '../../core/names';
import { IRouteParent } from '../../core/references';
import { HttpFilter } from '../../routes/http-filter';
import { HttpRoute } from '../../routes/http-route';
import { EffectiveControllerConfig } from '../config-model';
import { NoticeStatus } from '../notices';
import { HostPlan } from '../plan/hosts';

/** A host's `server-alias` names, split by whether an HTTPS listener serves them. */
export interface AliasNames {
  /** Aliases with an HTTPS listener (the host's certificate entry lists them). */
  readonly secure: string[];
  /** Their HTTPS listeners. */
  readonly secureParents: IRouteParent[];
  /** Aliases served on plain HTTP only. */
  readonly plain: string[];
}

/**
 * The aliases of a host: on a TLS host, those the certificate covers have their own HTTPS
 * listener (`emitGateways`); ingress-nginx serves the others without a certificate of their
 * own, so it does not redirect them to HTTPS (`certificate.configured_for_current_request`).
 */
export function aliasNames(host: HostPlan, set: GatewaySet): AliasNames {
  const secure = host.aliases.filter(a => host.tls !== undefined && set.https.has(a));
  return {
    secure,
    secureParents: secure.map(a => set.https.get(a)!),
    plain: host.aliases.filter(a => !secure.includes(a)),
  };
}

/** The notice of the `server-alias` annotation that gave a host its aliases. */
export function aliasNotice(ctx: RuleContext, host: HostPlan, names: AliasNames): void {
  const owner = host.locations.map(l => l.owner).find(o => host.locations.some(l => l.owner === o && l.features.serverAliases.length > 0));
  if (owner === undefined || host.host === undefined) return;
  if (host.aliases.length === 0) {
    const invalid = host.locations.some(l => l.owner === owner && l.features.serverAliases.some(a => checkHostname(a) !== undefined));
    if (invalid) {
      notice(ctx.log, owner, 'server-alias', NoticeStatus.UNSUPPORTED, 'no alias is served: each is a host or an alias of another host of the class (ignored, as in ingress-nginx) or not a Gateway API hostname (see the Ingress\'s notices); nothing emitted');
    } else {
      notice(ctx.log, owner, 'server-alias', NoticeStatus.TRANSLATED, 'every alias is ignored, as in ingress-nginx (each is a host or an alias of another host of the class); nothing emitted');
    }
    return;
  }
  const what = `${host.aliases.join(', ')} also ${host.aliases.length > 1 ? 'reach' : 'reaches'} every path of ${host.host} (extra hostnames on its HTTPRoutes)`;
  if (host.tls === undefined || names.plain.length === 0) {
    const https = names.secure.length > 0 ? `, with HTTPS listeners using ${host.host}'s certificate` : '';
    notice(ctx.log, owner, 'server-alias', NoticeStatus.TRANSLATED, `${what}${https}`);
    return;
  }
  const secure = names.secure.length > 0 ? `; ${names.secure.join(', ')} ${names.secure.length > 1 ? 'get HTTPS listeners' : 'gets an HTTPS listener'} with ${host.host}'s certificate` : '';
  notice(ctx.log, owner, 'server-alias', NoticeStatus.APPROXIMATE, `${what}${secure}; ${names.plain.join(', ')} ${names.plain.length > 1 ? 'are' : 'is'} not in the spec.tls entry of the certificate, so ${names.plain.length > 1 ? 'they are' : 'it is'} served on plain HTTP without a redirect, as in ingress-nginx, but not on HTTPS, where nginx answers with its default certificate; list ${names.plain.length > 1 ? 'them' : 'it'} in spec.tls to serve HTTPS`);
}

/**
 * `from-to-www-redirect`: ingress-nginx's extra server for the other name answers every request
 * with `http-redirect-code` (308) to the host, keeping the scheme (`nginx.tmpl` redirect
 * servers): an HTTPRoute for that name with a RequestRedirect to the host, on the HTTP listener
 * and, when the certificate covers the name, on its HTTPS listener.
 */
export function emitWwwRedirect(ctx: RuleContext, config: EffectiveControllerConfig, host: HostPlan, set: GatewaySet): void {
  const www = host.wwwRedirect;
  if (www === undefined || host.host === undefined) return;
  const https = host.tls === undefined ? undefined : set.https.get(www.from);
  const slug = www.from.replace(/\./g, '-');
  let filter: HttpFilter;
  try {
    filter = HttpFilter.requestRedirect({ hostname: host.host, statusCode: config.httpRedirectCode });
  } catch (e) {
    notice(ctx.log, www.owner, 'from-to-www-redirect', NoticeStatus.UNSUPPORTED, `the ConfigMap's http-redirect-code ${config.httpRedirectCode} is not a Gateway API redirect status (301, 302, 303, 307, 308); no redirect from ${www.from} is emitted`);
    return;
  }
  new HttpRoute(ctx.scope, `WwwRedirect-${www.owner.id}-${host.host}`, {
    metadata: { name: safeName(`${www.owner.name}-${slug}-www-redirect`, 253, [www.owner.id, www.from, 'www']), namespace: www.owner.namespace },
    parents: https === undefined ? [set.httpFor(host.host)] : [set.httpFor(host.host), https],
    hostnames: [www.from],
    rules: [{ filters: [filter] }],
  });
  const on = https === undefined ? 'HTTP' : 'HTTP and HTTPS';
  const noHttps = host.tls !== undefined && https === undefined
    ? `; HTTPS requests for ${www.from} are not answered, because no spec.tls entry of the certificate lists it (nginx answers them with its default certificate)`
    : '';
  notice(ctx.log, www.owner, 'from-to-www-redirect', NoticeStatus.APPROXIMATE,
    `${www.from} answers ${config.httpRedirectCode} to ${host.host} on ${on}, keeping the scheme (HTTPRoute with RequestRedirect hostname); nginx writes the port into the Location and strips one trailing / from the URI, the Gateway keeps the path as it is${noHttps}`);
}
