import { Duration } from 'cdk8s';
import { emitClientAuth } from './client-certs';
import { HTTPS_ROUTES, RuleContext, notice, resolveBackend } from './context';
import { GatewaySet } from './gateways';
import { addGrpcLocationRule, notGrpcHost } from './grpc';
import { emitPassthrough, passthroughWithoutEffect } from './passthrough';
import { addLocationRules, locationFilters, trailingSlashRedirectRule } from './rules';
import { aliasNames, aliasNotice, emitWwwRedirect } from './server-names';
import { safeName } from '../../core/names';
import { IRouteParent } from '../../core/references';
import { Hsts } from '../../helpers/hsts';
import { AppRootRedirect } from '../../helpers/redirects';
import { SslRedirect } from '../../helpers/ssl-redirect';
import { GrpcRoute } from '../../routes/grpc-route';
import { PathMatch } from '../../routes/http-match';
import { HttpRoute, HttpRouteRule } from '../../routes/http-route';
import { EffectiveControllerConfig } from '../config-model';
import { IngressModel } from '../model';
import { NoticeStatus } from '../notices';
import { HostPlan, LocationPlan } from '../plan/hosts';
import { nginxLocationOrder } from '../plan/paths';
import { isGrpc, passthroughLocation } from '../plan/tls';

const ACME = '/.well-known/acme-challenge';

/** A route created for one Ingress on one host, for the profile step. */
export interface EmittedRoute {
  readonly ingress: IngressModel;
  readonly route: HttpRoute | GrpcRoute;
}

/**
 * The routes of one host: one HTTPRoute per Ingress that owns locations on it (annotations are
 * per Ingress, so each Ingress's policies target its own route), on the host's HTTPS listener
 * when it has a certificate (and a copy without HSTS on HTTP when `ssl-redirect` is off), on
 * the HTTP listener otherwise; the HTTP → HTTPS redirect of TLS hosts, with ACME challenge
 * paths exempt; `app-root` and the first Ingress's default backend. A `backend-protocol:
 * GRPC`/`GRPCS` Ingress gets a GRPCRoute for its gRPC service and method paths instead; an
 * `ssl-passthrough` host a TLSRoute (its HTTPS traffic is not terminated), and `auth-tls-*`
 * the host's client-certificate validation. Every route of the host attaches to the Gateways of
 * the namespace of the host's first Ingress (`gateways(host.first.namespace)`), as ingress-nginx
 * serves a host from one server whatever the namespaces of its Ingresses; a later Ingress of
 * another namespace gets a notice naming that Gateway.
 */
export function emitHostRoutes(ctx: RuleContext, config: EffectiveControllerConfig, host: HostPlan,
  gateways: (namespace: string) => GatewaySet): EmittedRoute[] {
  const out: EmittedRoute[] = [];
  const ordered = nginxLocationOrder(host.locations);
  const owners: IngressModel[] = [];
  for (const loc of ordered) if (!owners.includes(loc.owner)) owners.push(loc.owner);
  if (!owners.includes(host.first)) owners.unshift(host.first);
  const slug = host.host === undefined ? 'any-host' : host.host.replace(/^\*\./, 'wildcard.').replace(/\./g, '-');
  const tls = host.tls !== undefined && host.host !== undefined;
  const pass = passthroughLocation(host);
  const hostSet = gateways(host.first.namespace);
  if (pass) emitPassthrough(ctx, host, hostSet);
  emitClientAuth(ctx, config, host, hostSet);
  const whyNotGrpc = host.locations.some(l => isGrpc(l.features)) ? notGrpcHost(host, tls) : undefined;
  const grpcHost = host.locations.some(l => isGrpc(l.features)) && whyNotGrpc === undefined;
  const hstsValue = Hsts.of({
    maxAge: Duration.seconds(config.hstsMaxAge), includeSubDomains: config.hstsIncludeSubdomains, preload: config.hstsPreload,
  });

  for (const owner of owners) {
    const features = host.locations.find(l => l.owner === owner)?.features;
    if (features?.sslPassthrough && pass?.owner !== owner) passthroughWithoutEffect(ctx, owner);
    const set = hostSet;
    if (owner.namespace !== host.first.namespace) sharedHostNotice(ctx, host, owner, set);
    const https = tls ? set.https.get(host.host!) : undefined;
    const secure = https ?? (host.host === undefined ? undefined : set.passthrough.get(host.host));
    const force = features?.forceSslRedirect ?? config.forceSslRedirect;
    // ingress-nginx redirects a host with a certificate unless ssl-redirect is off, and any
    // host with force-ssl-redirect (a passthrough host's HTTPS goes to its backend).
    const sslRedirect = secure !== undefined && (((features?.sslRedirect ?? config.sslRedirect) && tls) || force);
    const forceRedirect = force && secure === undefined;
    const locs = ordered.filter(l => l.owner === owner);
    const name = safeName(`${owner.name}-${slug}`, 253, [owner.id, host.host ?? '']);
    const aliases = aliasNames(host, set);
    const own = host.host === undefined ? [] : [host.host];
    const copies: Array<{ suffix: string; parents: IRouteParent[]; hsts: boolean; names: string[] }> = [];
    if (https) copies.push({ suffix: '', parents: [https, ...aliases.secureParents], hsts: config.hsts, names: [...own, ...aliases.secure] });
    if (!secure || !sslRedirect) {
      copies.push({ suffix: https ? '-http' : '', parents: [set.httpFor(host.host)], hsts: false, names: [...own, ...aliases.secure, ...aliases.plain] });
    } else if (aliases.plain.length > 0) {
      // ingress-nginx does not redirect an alias without a certificate to HTTPS.
      copies.push({ suffix: '-alias-http', parents: [set.httpFor(host.host)], hsts: false, names: aliases.plain });
    }
    for (const copy of copies) {
      const metadata = { name: safeName(`${name}${copy.suffix}`, 253, [owner.id, host.host ?? '', copy.suffix]), namespace: owner.namespace };
      const hostnames = host.host === undefined ? undefined : copy.names;
      if (grpcHost && copy.parents[0] === https) {
        const grpc = new GrpcRoute(ctx.scope, `Grpc-${owner.id}-${host.host}`, { metadata, parents: copy.parents, hostnames });
        locs.forEach(loc => addGrpcLocationRule({ ...ctx, regexMode: host.regexMode }, grpc, loc, copy.hsts ? hstsValue.value : undefined));
        if (grpc.ruleCount === 0) grpc.node.scope!.node.tryRemoveChild(grpc.node.id);
        else out.push({ ingress: owner, route: grpc });
        continue;
      }
      const route = new HttpRoute(ctx.scope, `Route-${owner.id}-${host.host ?? '*'}${copy.suffix}`, { metadata, parents: copy.parents, hostnames });
      if (owner === host.first) addHostRules(ctx, route, host);
      const httpRedirectCode = secure && sslRedirect ? config.httpRedirectCode : undefined;
      locs.forEach((loc, i) => addLocationRules({ ...ctx, regexMode: host.regexMode, hostLocations: ordered, httpRedirectCode }, route, loc, i));
      if (route.ruleCount === 0) {
        route.node.scope!.node.tryRemoveChild(route.node.id);
        continue;
      }
      if (copy.hsts) hstsValue.applyToRoute(route);
      if (copy.parents[0] === https) HTTPS_ROUTES.add(route);
      out.push({ ingress: owner, route });
    }
    if (features !== undefined && isGrpc(features)) {
      grpcNotice(ctx, owner, features.backendProtocol.protocol, locs.map(l => l.path), whyNotGrpc, copies.length > 1);
    }
    if (forceRedirect) {
      notice(ctx.log, owner, 'force-ssl-redirect', NoticeStatus.UNSUPPORTED, `host ${host.host ?? '(any host)'} has no certificate in this input, so there is no HTTPS listener to redirect to; add the host to spec.tls, or redirect at the load balancer`);
    }
    if (secure && sslRedirect && owner === host.first) {
      const acme = host.locations.find(l => l.path.startsWith(ACME) && config.noTlsRedirectLocations.some(p => l.path.startsWith(p)));
      // A canary of the ACME path splits its requests on plain HTTP too: its rules, as on HTTPS.
      const acmeCanary = acme !== undefined && acme.canaries.length > 0;
      const acmeBackend = acme && !acmeCanary ? resolveBackend(ctx, acme.owner, acme.backend, `path ${acme.path}`) : undefined;
      // An Exact ACME path (`location = /.well-known/acme-challenge`) exempts only itself: the
      // requests under it match `location /` and are redirected.
      const exactAcme = acmeBackend !== undefined && acme!.pathType === 'Exact' && !host.regexMode;
      const redirect = new SslRedirect(ctx.scope, `Redirect-${owner.id}-${host.host}`, {
        metadata: { name: safeName(`${name}-https-redirect`, 253, [owner.id, host.host!, 'redirect']), namespace: owner.namespace },
        parents: [set.httpFor(host.host)],
        hostnames: [host.host!, ...aliases.secure],
        statusCode: config.httpRedirectCode,
        acmeChallengeBackend: exactAcme ? undefined : acmeBackend,
        acmeChallengePath: acmeBackend && !exactAcme ? acme!.path : undefined,
      });
      if (exactAcme) redirect.route.addRule({ name: 'acme-challenge', matches: [{ path: PathMatch.exact(acme!.path) }], backends: [acmeBackend!] });
      const hostCtx = { ...ctx, regexMode: host.regexMode, hostLocations: ordered };
      if (acmeCanary) addLocationRules(hostCtx, redirect.route, acme, 0);
      // nginx's automatic 301 for `/api` (location `/api/`) comes before its HTTPS redirect.
      for (const loc of ordered) {
        const rule = loc === acme && acmeCanary ? undefined : trailingSlashRedirectRule(hostCtx, loc);
        if (rule !== undefined) redirect.route.addRule(rule);
      }
    }
  }
  if (host.host !== undefined) {
    aliasNotice(ctx, host, aliasNames(host, hostSet));
    emitWwwRedirect(ctx, config, host, hostSet);
  }
  return out;
}

/**
 * The notice of an Ingress whose routes attach to the Gateway of another namespace, that of the
 * host's first Ingress (only when IngressCompat creates the Gateways).
 */
function sharedHostNotice(ctx: RuleContext, host: HostPlan, owner: IngressModel, set: GatewaySet): void {
  const gateway = (host.host === undefined ? undefined : set.gatewayOf.get(host.host)) ?? set.gateways[0];
  if (gateway === undefined) return;
  const what = host.host === undefined ? 'the catch-all host (rules without host)' : `host ${host.host}`;
  ctx.log.append({
    ingress: owner.id,
    status: NoticeStatus.TRANSLATED,
    message: `routes of ${what} attach to Gateway ${gateway.namespace}/${gateway.name} because the host is shared with Ingress ${host.first.id} (older, in namespace ${host.first.namespace}), as ingress-nginx serves a host from one server whatever the namespaces of its Ingresses; the Gateway's listeners for it admit routes of every namespace (allowedRoutes from: All), as ingress-nginx lets an Ingress of any namespace join a host`,
  });
}

/** Host-level rules from the first Ingress: `app-root` and its default backend. */
function addHostRules(ctx: RuleContext, route: HttpRoute, host: HostPlan): void {
  const first = host.first;
  const features = host.locations.find(l => l.owner === first)?.features;
  if (features?.appRoot !== undefined) {
    let rule: HttpRouteRule | undefined;
    try {
      rule = AppRootRedirect.rule(features.appRoot);
    } catch (e) {
      notice(ctx.log, first, 'app-root', NoticeStatus.UNSUPPORTED, `${(e as Error).message.replace(/^AppRootRedirect\.rule: /, '')} (ingress-nginx renders the redirect anyway); remove the annotation or point it at another path (no redirect emitted)`);
    }
    if (rule !== undefined) {
      route.addRule(rule);
      notice(ctx.log, first, 'app-root', NoticeStatus.APPROXIMATE, `exact / on ${host.host ?? 'any host'} answers 302 to ${features.appRoot} (RequestRedirect); the Gateway keeps the query string of /?x, which nginx's return 302 drops`);
    }
  }
  const hasRoot = host.locations.some((l: LocationPlan) => l.path === '/' && l.pathType !== 'Exact');
  const def = host.catchAllBackend ?? (first.defaultBackend === undefined ? undefined : { ingress: first, backend: first.defaultBackend });
  if (!hasRoot && def !== undefined) {
    const backend = resolveBackend(ctx, def.ingress, def.backend, 'spec.defaultBackend', first.namespace);
    // The host's catch-all `location /` takes the first Ingress's annotations (createServers
    // `locationApplyAnnotations`): upstream-vhost, rewrite-target, CORS and the rest act on it.
    const root = host.host === undefined || features === undefined ? undefined
      : { owner: first, features, path: '/', pathType: 'Prefix' as const, backend: def.backend, canaries: [] };
    const filters = root === undefined ? [] : locationFilters({ ...ctx, regexMode: host.regexMode }, route, first, features!, root);
    if (backend && filters !== undefined) route.addRule({ matches: [{ path: PathMatch.prefix('/') }], ...(filters.length ? { filters } : {}), backends: [backend] });
  }
}

/** The notice of `backend-protocol: GRPC`/`GRPCS`: GRPCRoute rules, or why the paths stay on HTTPRoutes. */
function grpcNotice(ctx: RuleContext, owner: IngressModel, protocol: string, paths: string[], whyNot: string | undefined,
  plainHttpCopy: boolean): void {
  if (whyNot === undefined) {
    const http = plainHttpCopy ? '; the copy on plain HTTP (ssl-redirect off) stays an HTTPRoute' : '';
    notice(ctx.log, owner, 'backend-protocol', NoticeStatus.TRANSLATED, `${protocol}: paths ${paths.join(', ')} become GRPCRoute rules on the HTTPS listener (gRPC service and method matches)${http}`);
    return;
  }
  notice(ctx.log, owner, 'backend-protocol', NoticeStatus.APPROXIMATE, `${protocol}: paths ${paths.join(', ')} stay on an HTTPRoute because ${whyNot}; the Gateway reaches the backend over HTTP/1.1 unless its Service port has appProtocol kubernetes.io/h2c (set it for gRPC)`);
}
