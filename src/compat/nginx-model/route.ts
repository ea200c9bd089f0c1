/*
 * One request through the nginx configuration, in nginx's phase order:
 * server selection → from-to-www server → server-level `app-root` (`if ($uri = /)`) → location
 * (or the automatic 301) → location rewrite phase in template order (location denied 503, CORS
 * preflight 204, `permanent-redirect`/`temporal-redirect` `return`, `rewrite-target`) →
 * `rewrite_by_lua` (`lua_ingress.lua` `redirect_to_https`: force-ssl-redirect, ssl-redirect for
 * hosts with a certificate) → access (not modeled) → proxy to the upstream or its canary
 * (`balancer.lua`), with HSTS (`lua_ingress.lua` `_M.header`) and CORS headers on the response.
 * Sources: `rootfs/etc/nginx/template/nginx.tmpl`, `internal/ingress/controller/template/template.go`.
 * Internal.
 */
import { SimBackend, SimOutcome } from '../../simulate/types';
import { parseGoBool } from '../annotations/values';
import { IngressFeatures } from '../features';
import { canaryBackend } from './backends';
import { NginxConfig, NginxLocation, needsRewrite } from './config';
import { corsHeaders } from './cors';
import { matchLocation } from './locations';
import { notModeledBehaviors } from './not-modeled';
import { OutcomeBuilder } from './outcome';
import { NginxRequest, stripPort } from './request';
import { applyRewrite, RewriteResult } from './rewrite';
import { selectServer } from './server-select';

/** Routes a request read by `readRequest`. */
export function routeRequest(config: NginxConfig, req: NginxRequest, sslPassthrough = false): SimOutcome {
  const out = new OutcomeBuilder();
  if (req.scheme !== 'http' && req.scheme !== 'https') {
    out.step('server', `${req.scheme}://${req.host}`, 'ingress-nginx serves Ingresses over HTTP and HTTPS only');
    out.unmodeled(`${req.scheme}:// traffic: ingress-nginx serves it only through its tcp-services/udp-services ConfigMaps or --enable-ssl-passthrough, which are not model input.`);
    return out.build();
  }
  const c = config.controller;
  const match = selectServer(config, req.host);
  const server = match.server;
  out.step('server', `server ${server.hostname}`, match.how);

  if (match.wwwRedirect) {
    // nginx.tmpl RedirectServers: return <http-redirect-code> <scheme>://<to><request_uri without one trailing />.
    out.status = c.httpRedirectCode;
    out.location = `${req.scheme}://${server.hostname}${stripSlash(req.requestUri)}`;
    const owner = server.locations.find(l => l.features?.fromToWwwRedirect)?.owner;
    if (owner) out.source = `Ingress ${owner.id}`;
    out.acted('from-to-www-redirect');
    out.step('annotation', 'from-to-www-redirect', `${out.status} to ${server.hostname}`);
    return out.build();
  }
  if (match.alias) out.acted('server-alias');

  // Server-level app-root: `if ($uri = /) { return 302 $scheme://$http_host<app-root>; }`, before any location.
  const appRoot = server.locations.find(l => l.features?.appRoot !== undefined);
  if (appRoot && req.uri === '/') {
    out.status = 302;
    out.location = `${req.scheme}://${req.httpHost}${appRoot.features!.appRoot}`;
    out.source = `Ingress ${appRoot.owner!.id}`;
    out.acted('app-root');
    out.step('annotation', 'app-root', '302 for / (server-level, before the location and the HTTPS redirect)');
    return out.build();
  }

  const m = matchLocation(server, req.uri);
  const loc = m.location;
  const f = loc.features;
  out.step('location', `location ${server.regexMode ? `~* "^${loc.path}"` : loc.exact ? `= ${loc.path}` : loc.path}`, `${m.how}${loc.owner ? `; Ingress ${loc.owner.id}` : '; no Ingress path: the default backend'}`);
  // The source is the Ingress whose path (or defaultBackend) serves the location; a host's
  // catch-all `/` with the default backend only carries its first Ingress's annotations.
  const servedByIngress = loc.owner !== undefined && (!loc.isDefBackend || (loc.upstream !== undefined && loc.upstream !== config.defaultBackend));
  const owned = () => {
    if (loc.owner) out.source = `Ingress ${loc.owner.id}`;
  };
  if (servedByIngress) owned();
  if (server.regexMode && f?.useRegex) out.acted('use-regex');
  const hsts = () => {
    if (req.scheme === 'https' && c.hsts) {
      const value = `max-age=${c.hstsMaxAge}${c.hstsIncludeSubdomains ? '; includeSubDomains' : ''}${c.hstsPreload ? '; preload' : ''}`;
      out.respond([{ name: 'strict-transport-security', value }]);
    }
  };

  if (m.autoRedirect) {
    out.status = 301;
    out.location = `${req.scheme}://${req.host}${req.uri}/${req.args !== undefined ? `?${req.args}` : ''}`;
    out.step('location', 'auto-redirect', `nginx answers 301 to ${req.uri}/ (prefix location ${loc.path}, no location for ${req.uri})`);
    hsts();
    return out.build();
  }
  if (f?.locationDenied !== undefined) {
    const key = /^nginx\.ingress\.kubernetes\.io\/([^:]+):/.exec(f.locationDenied)?.[1];
    if (key !== undefined) out.acted(key);
    owned();
    out.status = 503;
    out.step('annotation', 'location denied', f.locationDenied);
    hsts();
    return out.build();
  }

  // Rewrite phase, in template order.
  let cors: ReturnType<typeof corsHeaders>;
  if (f?.cors) {
    cors = corsHeaders(f.cors, loc.owner, req.headers.get('origin'));
    if (cors) out.acted('enable-cors', ...presentKeys(loc, k => k.startsWith('cors-')));
    if (cors && req.method === 'OPTIONS') {
      owned();
      out.status = 204;
      out.respond(cors);
      out.step('annotation', 'enable-cors', 'OPTIONS with an allowed origin: nginx answers 204 itself');
      hsts();
      return out.build();
    }
    out.step('annotation', 'enable-cors', cors ? 'CORS headers added to the response' : 'origin not allowed: no CORS headers');
  }
  const finish = () => {
    if (cors) out.respond(cors);
    hsts();
    return out.build();
  };
  const redirect = f?.temporalRedirect ?? f?.permanentRedirect;
  if (redirect !== undefined) {
    const key = f?.temporalRedirect ? 'temporal-redirect' : 'permanent-redirect';
    owned();
    out.status = redirect.code;
    out.location = redirect.url;
    out.acted(key, ...presentKeys(loc, k => k === `${key}-code`));
    out.step('annotation', key, `return ${redirect.code} ${redirect.url} (query not appended)`);
    if (redirect.url.includes('$')) out.unmodeled(`${key}: nginx expands the variables in "${redirect.url}"; the Location is shown as written.`);
    return finish();
  }
  let rewrite: RewriteResult | undefined;
  if (needsRewrite(loc)) {
    rewrite = applyRewrite(loc.path, f!.rewriteTarget!, req.uri, req.args);
    out.acted('rewrite-target');
    if (rewrite?.redirect !== undefined) {
      out.status = 302;
      out.location = rewrite.redirect;
      out.step('annotation', 'rewrite-target', `the target is an absolute URL: nginx's rewrite answers 302 to ${rewrite.redirect}`);
      return finish();
    }
    out.step('annotation', 'rewrite-target', rewrite ? `rewrite "(?i)${loc.path}" ${f!.rewriteTarget} → ${rewrite.upstreamPath}` : `"(?i)${loc.path}" does not match ${req.uri}: no rewrite`);
  }

  // rewrite_by_lua: the HTTPS redirect.
  const https = httpsRedirect(config, req, loc, f);
  if (https !== undefined) {
    if (https.keys.length > 0) owned();
    out.status = c.httpRedirectCode;
    out.location = https.location;
    out.acted(...https.keys);
    out.step('annotation', https.name, https.why);
    return finish();
  }

  // Access phase and proxying.
  const behaviors = notModeledBehaviors(f);
  behaviors.sentences.forEach(s => out.unmodeled(s));
  out.acted(...behaviors.keys);
  for (const s of extraNotModeled(loc, server.firstFeatures, sslPassthrough)) {
    out.unmodeled(s.sentence);
    out.acted(...s.keys);
  }
  if (loc.upstream === undefined) {
    out.status = 404;
    out.step('backend', 'default backend', 'the controller\'s default backend answers 404');
    return finish();
  }
  out.status = 200;
  out.upstreamPath = rewrite?.upstreamPath ?? req.requestUri;
  out.upstreamHost = f?.upstreamVhost ?? bestHttpHost(config, req);
  if (f?.upstreamVhost !== undefined) out.acted('upstream-vhost');
  if (rewrite !== undefined && f?.xForwardedPrefix !== undefined) {
    out.requestHeaders.set('x-forwarded-prefix', f.xForwardedPrefix);
    out.acted('x-forwarded-prefix');
  }
  if (f?.backendProtocol && f.backendProtocol.protocol !== 'HTTP' && loc.owner?.nginx.has('backend-protocol')) {
    out.acted('backend-protocol');
    out.step('annotation', 'backend-protocol', `${f.backendProtocol.protocol} to the backend (informational)`);
  }
  const mirror = mirrorBackend(f, loc);
  if (mirror) {
    out.mirrors.push(mirror);
    out.acted('mirror-target', ...presentKeys(loc, k => k === 'mirror-host' || k === 'mirror-request-body'));
  }
  const canary = canaryBackend(config, loc.upstream, req);
  if (canary.step) {
    out.step('canary', canary.step.name, canary.step.detail);
    out.acted(...canary.keys);
  }
  out.backends = canary.backends;
  out.step('backend', out.backends.map(b => `${b.kind} ${b.namespace}/${b.name}${b.port ? `:${b.port}` : ''}`).join(', '),
    loc.isDefBackend ? 'the Ingress\'s defaultBackend serves the host\'s catch-all location' : `upstream path ${out.upstreamPath}`);
  return finish();
}

/** `lua_ingress.lua` `redirect_to_https`, with the Location it builds; undefined when there is no redirect. */
function httpsRedirect(
  config: NginxConfig, req: NginxRequest, loc: NginxLocation, f: IngressFeatures | undefined,
): { location: string; name: string; keys: string[]; why: string } | undefined {
  const c = config.controller;
  let scheme = req.scheme;
  if (c.useForwardedHeaders && req.headers.has('x-forwarded-proto')) scheme = req.headers.get('x-forwarded-proto')!;
  if (scheme !== 'http' || f === undefined) return undefined;
  if (c.noTlsRedirectLocations.some(p => p !== '' && loc.path.startsWith(p))) return undefined;
  const keysIf = (k: string) => loc.owner?.nginx.has(k) ? [k] : [];
  let why: string;
  let keys: string[];
  let name: string;
  if (f.forceSslRedirect) {
    name = 'force-ssl-redirect';
    keys = keysIf('force-ssl-redirect');
    why = 'force-ssl-redirect: HTTP is redirected to HTTPS';
  } else if (f.sslRedirect && certificateFor(config, req.host)) {
    name = 'ssl-redirect';
    keys = keysIf('ssl-redirect');
    why = `ssl-redirect: the host has a certificate, HTTP is redirected to HTTPS (${c.httpRedirectCode})`;
  } else {
    return undefined;
  }
  let uri = req.requestUri;
  const preserve = loc.owner?.nginx.get('preserve-trailing-slash');
  if (preserve !== undefined && parseGoBool(preserve) !== undefined) keys.push('preserve-trailing-slash');
  if (!(preserve !== undefined && parseGoBool(preserve))) uri = stripSlash(uri);
  const portKey = loc.owner?.nginx.get('use-port-in-redirects');
  const withPort = portKey !== undefined && parseGoBool(portKey) === true;
  if (withPort) keys.push('use-port-in-redirects');
  return { location: `https://${stripPort(bestHttpHost(config, req))}${withPort ? ':443' : ''}${uri}`, name, keys, why };
}

/** `certificate.lua` `configured_for_current_request`: the host, else `*.<parent>`, has a certificate. */
function certificateFor(config: NginxConfig, host: string): boolean {
  if (config.certificateNames.has(host)) return true;
  const dot = host.indexOf('.');
  return dot > 0 && config.certificateNames.has(`*${host.slice(dot)}`);
}

/** `$best_http_host`: the Host header, or the first X-Forwarded-Host with use-forwarded-headers. */
function bestHttpHost(config: NginxConfig, req: NginxRequest): string {
  const xfh = req.headers.get('x-forwarded-host');
  if (config.controller.useForwardedHeaders && xfh !== undefined) return xfh.split(',')[0].trim();
  return req.httpHost;
}

/** One trailing `/` removed from a request URI (the query counts: `/a/?x` keeps it). */
function stripSlash(uri: string): string {
  return uri.endsWith('/') ? uri.slice(0, -1) : uri;
}

function presentKeys(loc: NginxLocation, pick: (key: string) => boolean): string[] {
  return [...loc.owner?.nginx.keys() ?? []].filter(pick);
}

/** Behaviours of the location's Ingress and its server that act on the request but are not modeled. */
function extraNotModeled(
  loc: NginxLocation, first: IngressFeatures | undefined, sslPassthrough: boolean,
): Array<{ sentence: string; keys: string[] }> {
  const out: Array<{ sentence: string; keys: string[] }> = [];
  const f = loc.features;
  if (f?.customHttpErrors.length) out.push({ sentence: `custom-http-errors: backend answers ${f.customHttpErrors.join(', ')} are replaced by the default backend's error page; not modeled.`, keys: ['custom-http-errors'] });
  if (f?.defaultBackendService !== undefined) out.push({ sentence: `default-backend: Service ${f.defaultBackendService} answers when the backend has no endpoints; endpoints are not modeled.`, keys: ['default-backend'] });
  if (first?.sslPassthrough && !sslPassthrough) {
    out.push({ sentence: 'ssl-passthrough: acts only with the controller flag --enable-ssl-passthrough (off by default); modeled as off.', keys: ['ssl-passthrough'] });
  }
  if (first?.authTls !== undefined) {
    out.push({ sentence: 'auth-tls-secret: client-certificate verification of the host (400 without a valid certificate) is not modeled.', keys: ['auth-tls-secret'] });
  }
  return out;
}

/** `mirror-target` as a backend: an in-cluster Service URL as the Service, any other URL as kind URL. */
function mirrorBackend(f: IngressFeatures | undefined, loc: NginxLocation): SimBackend | undefined {
  const target = f?.mirrorTarget;
  if (target === undefined || loc.owner === undefined) return undefined;
  const m = /^(https?):\/\/([^/:?#$]+)(?::([0-9]{1,5}))?/i.exec(target);
  if (m === null) return { kind: 'URL', namespace: '', name: target, weight: 1 };
  const scheme = m[1].toLowerCase();
  const host = m[2].toLowerCase();
  const port = m[3] ?? (scheme === 'https' ? '443' : '80');
  const svc = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.svc(\.cluster\.local)?$/.exec(host);
  if (svc) return { kind: 'Service', namespace: svc[3], name: svc[1], port, weight: 1 };
  return { kind: 'URL', namespace: '', name: `${scheme}://${host}`, port, weight: 1 };
}
