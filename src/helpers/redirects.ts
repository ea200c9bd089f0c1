import { Construct } from 'constructs';
import { throwAt, throwIn } from '../core/errors';
import { checkPreciseHostname } from '../core/formats';
import { IRouteParent } from '../core/references';
import { GatewayApiResourceProps } from '../core/resource';
import { HttpFilter, PathModifier } from '../routes/http-filter';
import { HttpRouteMatch, PathMatch, checkHttpPath } from '../routes/http-match';
import { HttpRoute, HttpRouteRule } from '../routes/http-route';

/** Status codes a Gateway API RequestRedirect can send. */
const GATEWAY_CODES = [301, 302, 303, 307, 308];
/** Temporary codes among them (ingress-nginx's `temporal-redirect-code` accepts 300-307). */
const TEMPORARY_CODES = [301, 302, 303, 307];

/**
 * Options of `UrlRedirect.permanent` and `UrlRedirect.temporal`.
 */
export interface UrlRedirectOptions {
  /**
   * Name of the rule.
   * @default - unnamed
   */
  readonly name?: string;
  /**
   * Requests to redirect (the paths of the Ingress that carries the annotation).
   * @default - every request of the route (PathPrefix "/"), as the annotation applies to
   * every location of its Ingress
   */
  readonly matches?: HttpRouteMatch[];
  /**
   * Status code: 301, 302, 303, 307 or 308 for `permanent`; 301, 302, 303 or 307 for
   * `temporal`.
   * @default - 301 for `permanent` (ingress-nginx's `permanent-redirect-code`), 302 for
   * `temporal` (ingress-nginx's `temporal-redirect-code`)
   */
  readonly statusCode?: number;
}

/**
 * Redirects to a fixed URL, like ingress-nginx's `permanent-redirect` and
 * `temporal-redirect` annotations (`return <code> <URL>;`, ingress-nginx
 * `internal/ingress/annotations/redirect/redirect.go`; see docs/ingress-nginx.md#urlredirect).
 * Each factory returns a rule to add to an `HttpRoute`; the rule has a RequestRedirect filter
 * and never backends.
 *
 * The URL becomes scheme, hostname, port and a full-path replacement. Divergences:
 * ingress-nginx drops the request's query string, while Gateway API implementations such as
 * Envoy keep it; URLs with a query, a fragment, credentials or nginx variables (`$request_uri`)
 * cannot be expressed and throw.
 */
export class UrlRedirect {
  /**
   * A rule that redirects to `url` with 301 (ingress-nginx `permanent-redirect`; its
   * `permanent-redirect-code` defaults to 301).
   */
  public static permanent(url: string, options: UrlRedirectOptions = {}): HttpRouteRule {
    // ingress-nginx permanent-redirect-code default (docs/ingress-nginx.md#urlredirect)
    return UrlRedirect.rule('UrlRedirect.permanent', url, options, 301, GATEWAY_CODES);
  }

  /**
   * A rule that redirects to `url` with 302 (ingress-nginx `temporal-redirect`, which wins
   * over `permanent-redirect`; its `temporal-redirect-code` defaults to 302).
   */
  public static temporal(url: string, options: UrlRedirectOptions = {}): HttpRouteRule {
    // ingress-nginx temporal-redirect-code default (docs/ingress-nginx.md#urlredirect)
    return UrlRedirect.rule('UrlRedirect.temporal', url, options, 302, TEMPORARY_CODES);
  }

  private static rule(factory: string, url: string, options: UrlRedirectOptions, defaultCode: number, codes: number[]): HttpRouteRule {
    const statusCode = options.statusCode ?? defaultCode;
    if (!codes.includes(statusCode)) {
      throwIn(factory, `statusCode ${statusCode} must be one of ${codes.join(', ')} (Gateway API cannot send 300, 304, 305 or 306)`);
    }
    const target = parseUrl(factory, url);
    return {
      name: options.name,
      matches: options.matches ?? [{ path: PathMatch.prefix('/') }],
      filters: [HttpFilter.requestRedirect({
        scheme: target.scheme,
        hostname: target.hostname,
        port: target.port,
        path: PathModifier.replaceFullPath(target.path),
        statusCode,
      })],
    };
  }

  private constructor() {}
}

interface ParsedUrl {
  readonly scheme: string;
  readonly hostname: string;
  readonly port?: number;
  readonly path: string;
}

function parseUrl(factory: string, url: string): ParsedUrl {
  if (url.includes('$')) {
    throwIn(factory, `URL "${url}" contains an nginx variable ("$..."); Gateway API redirects cannot use variables (omit the path to keep the request path instead)`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return throwIn(factory, `"${url}" is not an absolute URL; pass scheme://host[:port][/path], e.g. "https://www.example.com/new"`);
  }
  const scheme = parsed.protocol.replace(/:$/, '');
  if (scheme !== 'http' && scheme !== 'https') {
    throwIn(factory, `URL "${url}" has scheme "${scheme}"; only http and https redirects are possible`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throwIn(factory, `URL "${url}" carries credentials; a redirect target cannot`);
  }
  if (parsed.search !== '' || url.includes('?')) {
    throwIn(factory, `URL "${url}" has a query string; Gateway API redirects cannot set one (implementations keep the request's)`);
  }
  if (parsed.hash !== '' || url.includes('#')) {
    throwIn(factory, `URL "${url}" has a fragment; Gateway API redirects cannot set one`);
  }
  const err = checkPreciseHostname(parsed.hostname);
  if (err) throwIn(factory, `URL "${url}": ${err}`);
  const pathErr = checkHttpPath(parsed.pathname);
  if (pathErr) throwIn(factory, `URL "${url}": ${pathErr}`);
  return { scheme, hostname: parsed.hostname, port: parsed.port === '' ? undefined : Number(parsed.port), path: parsed.pathname };
}

/**
 * Options of `AppRootRedirect.rule`.
 */
export interface AppRootRuleOptions {
  /**
   * Name of the rule.
   * @default - unnamed
   */
  readonly name?: string;
  /**
   * Status code: 301, 302, 303, 307 or 308.
   * @default 302 - ingress-nginx's `app-root` answers `return 302`
   */
  readonly statusCode?: number;
}

/**
 * Properties of an `AppRootRedirect`.
 */
export interface AppRootRedirectProps extends GatewayApiResourceProps {
  /** Listeners (or Gateways, ListenerSets) whose requests for `/` are redirected. */
  readonly parents: IRouteParent[];
  /**
   * Hostnames whose root is redirected (ingress-nginx's `app-root` applies to the whole
   * host of its Ingress).
   * @default - every hostname the parent listeners accept
   */
  readonly hostnames?: string[];
  /** Path the root redirects to, e.g. `/home` (a path, not a URL). */
  readonly appRoot: string;
  /**
   * Status code: 301, 302, 303, 307 or 308.
   * @default 302 - ingress-nginx's `app-root` answers `return 302`
   */
  readonly statusCode?: number;
}

/**
 * Redirects requests for exactly `/` to the application root, like ingress-nginx's
 * `app-root` annotation (a server-level `if ($uri = /)` answering
 * `302 $scheme://$http_host<app-root>`, in ingress-nginx's `rootfs/etc/nginx/template/nginx.tmpl`;
 * see docs/ingress-nginx.md#approotredirect): an HTTPRoute with one rule, an Exact `/` match and a
 * RequestRedirect that replaces the full path (scheme and host kept). Every other path is left
 * to the host's other routes (an Exact match wins over any prefix).
 *
 * `AppRootRedirect.rule` returns the same rule for an existing `HttpRoute`.
 * Divergence: ingress-nginx drops the query of `/?x`, Envoy-based gateways keep it.
 */
export class AppRootRedirect extends Construct {
  /**
   * The rule: Exact `/` → `appRoot`, status 302 unless set.
   */
  public static rule(appRoot: string, options: AppRootRuleOptions = {}): HttpRouteRule {
    return appRootRule('AppRootRedirect.rule', appRoot, options);
  }

  /** The HTTPRoute that redirects. */
  public readonly route: HttpRoute;

  public constructor(scope: Construct, id: string, props: AppRootRedirectProps) {
    super(scope, id);
    if (props.parents.length === 0) throwAt(this, 'AppRootRedirect', 'parents is empty; pass the listeners to redirect on');
    const rule = appRootRule(`AppRootRedirect ${this.node.path}`, props.appRoot, { name: 'app-root', statusCode: props.statusCode });
    this.route = new HttpRoute(this, 'Route', {
      metadata: props.metadata,
      parents: props.parents,
      hostnames: props.hostnames,
      rules: [rule],
    });
  }
}

function appRootRule(where: string, appRoot: string, options: AppRootRuleOptions): HttpRouteRule {
  if (/^[a-z][a-z0-9+.-]*:/i.test(appRoot) || appRoot.startsWith('//')) {
    throwIn(where, `appRoot "${appRoot}" is a URL; ingress-nginx's app-root accepts a path only (use UrlRedirect for another host)`);
  }
  if (appRoot.includes('?') || appRoot.includes('#')) {
    throwIn(where, `appRoot "${appRoot}" has a query or fragment; Gateway API redirects can only replace the path`);
  }
  const err = checkHttpPath(appRoot);
  if (err) throwIn(where, `appRoot: ${err}`);
  if (appRoot === '/') throwIn(where, 'appRoot "/" would redirect "/" to itself and loop');
  const statusCode = options.statusCode ?? 302; // ingress-nginx app-root: `return 302` (docs/ingress-nginx.md#approotredirect)
  if (!GATEWAY_CODES.includes(statusCode)) throwIn(where, `statusCode ${statusCode} must be one of ${GATEWAY_CODES.join(', ')}`);
  return {
    name: options.name,
    matches: [{ path: PathMatch.exact('/') }],
    filters: [HttpFilter.requestRedirect({ path: PathModifier.replaceFullPath(appRoot), statusCode })],
  };
}

/**
 * Properties of a `WwwRedirect`.
 */
export interface WwwRedirectProps extends GatewayApiResourceProps {
  /**
   * Listeners (or Gateways, ListenerSets) on which the other name is redirected; pass both
   * the HTTP and the HTTPS listener to redirect on both (the scheme is kept). On HTTPS the
   * listener's certificate must cover both names.
   */
  readonly parents: IRouteParent[];
  /**
   * The hostname the site is served on (the host of the Ingress that carries
   * `from-to-www-redirect`). Requests for `www.<hostname>` are redirected to it, or, when it
   * starts with `www.`, requests for the name without `www.`.
   */
  readonly hostname: string;
  /**
   * Status code: 301, 302, 303, 307 or 308.
   * @default 308 - ingress-nginx's `http-redirect-code`, used by `from-to-www-redirect`
   */
  readonly statusCode?: number;
}

/**
 * Redirects the `www.` twin of a hostname to it (or the bare twin of a `www.` hostname),
 * like ingress-nginx's `from-to-www-redirect` (`internal/ingress/annotations/redirect/redirect.go`
 * and `rootfs/etc/nginx/template/nginx.tmpl`; see docs/ingress-nginx.md#wwwredirect): an
 * HTTPRoute for the other name whose only rule answers with a RequestRedirect to `hostname`,
 * status 308, scheme, port, path and query kept.
 *
 * Divergence: ingress-nginx strips a trailing `/` from the redirected URI; Gateway API keeps
 * the path as it is.
 */
export class WwwRedirect extends Construct {
  /** The HTTPRoute that redirects. */
  public readonly route: HttpRoute;
  /** The hostname requests are redirected from. */
  public readonly fromHostname: string;
  /** The hostname requests are redirected to. */
  public readonly toHostname: string;

  public constructor(scope: Construct, id: string, props: WwwRedirectProps) {
    super(scope, id);
    const fail = (msg: string): never => throwAt(this, 'WwwRedirect', msg);
    if (props.parents.length === 0) fail('parents is empty; pass the listeners to redirect on');
    const err = checkPreciseHostname(props.hostname);
    if (err) fail(`hostname: ${err}`);
    this.toHostname = props.hostname;
    this.fromHostname = props.hostname.startsWith('www.') ? props.hostname.slice(4) : `www.${props.hostname}`;
    if (checkPreciseHostname(this.fromHostname) !== undefined) {
      fail(`hostname "${props.hostname}" has no valid ${props.hostname.startsWith('www.') ? 'bare' : 'www.'} twin ("${this.fromHostname}")`);
    }
    const statusCode = props.statusCode ?? 308; // ingress-nginx from-to-www-redirect uses http-redirect-code (docs/ingress-nginx.md#wwwredirect)
    if (!GATEWAY_CODES.includes(statusCode)) fail(`statusCode ${statusCode} must be one of ${GATEWAY_CODES.join(', ')}`);
    this.route = new HttpRoute(this, 'Route', {
      metadata: props.metadata,
      parents: props.parents,
      hostnames: [this.fromHostname],
      rules: [{
        name: this.toHostname.startsWith('www.') ? 'to-www' : 'from-www',
        matches: [{ path: PathMatch.prefix('/') }],
        filters: [HttpFilter.requestRedirect({ hostname: this.toHostname, statusCode })],
      }],
    });
  }
}
