import { Duration } from 'cdk8s';
import { HeaderModifierOptions, renderHeaderModifier } from './header-modifier';
import { HttpMethod } from './http-match';
import { MirrorOptions, renderMirror } from './mirror';
import { Backend, IBackendFilter } from '../core/backend';
import { throwIn } from '../core/errors';
import { charLength, checkGroup, checkHeaderName, checkKind, checkObjectName, checkPort, checkPreciseHostname } from '../core/formats';
import { copyJson, jsonRoundTrip } from '../core/json-copy';

/** The largest value of an int32 field (the API server's Go types cannot hold more). */
const INT32_MAX = 2147483647;

const HTTP_ROUTE = 'HTTPRoute';
const MAX_PATH = 1024;
const MAX_CORS_LIST = 64;
const PATH_CHARS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$/;
const ORIGIN = /(^\*$)|(^(http(s)?):\/\/(((\*\.)?([a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+|\*)(:([0-9]{1,5}))?)$)/;
const REDIRECT_CODES = [301, 302, 303, 307, 308];

/**
 * How a redirect or rewrite changes the request path.
 */
export enum PathModifierType {
  /** Replace the whole path. */
  REPLACE_FULL_PATH = 'ReplaceFullPath',
  /** Replace the part of the path matched by the rule's (single) PathPrefix match. */
  REPLACE_PREFIX_MATCH = 'ReplacePrefixMatch',
}

/**
 * A path change in a `RequestRedirect` or `URLRewrite` filter.
 */
export class PathModifier {
  /** Replaces the whole request path with `path`. */
  public static replaceFullPath(path: string): PathModifier {
    checkModifierPath('PathModifier.replaceFullPath', path, false);
    return new PathModifier(PathModifierType.REPLACE_FULL_PATH, path);
  }

  /**
   * Replaces the prefix matched by the rule's PathPrefix match with `prefix` (`/old/x` →
   * `/new/x` for a match on `/old` and prefix `/new`). The rule must have exactly one match,
   * a PathPrefix one (a rule without matches defaults to PathPrefix `/`, which also
   * qualifies). An empty prefix removes the matched prefix.
   */
  public static replacePrefixMatch(prefix: string): PathModifier {
    checkModifierPath('PathModifier.replacePrefixMatch', prefix, true);
    return new PathModifier(PathModifierType.REPLACE_PREFIX_MATCH, prefix);
  }

  private constructor(
    /** How the path is changed. */
    public readonly type: PathModifierType,
    /** The new path or prefix. */
    public readonly value: string) {}

  /** @internal */
  public _toKube(): any {
    return this.type === PathModifierType.REPLACE_FULL_PATH
      ? { type: this.type, replaceFullPath: this.value }
      : { type: this.type, replacePrefixMatch: this.value };
  }
}

function checkModifierPath(factory: string, value: string, allowEmpty: boolean): void {
  if (charLength(value) > MAX_PATH) throwIn(factory, `path is longer than ${MAX_PATH} characters`);
  if (value === '' && allowEmpty) return;
  if (!value.startsWith('/')) throwIn(factory, `path "${value}" must start with "/"`);
  if (!PATH_CHARS.test(value)) throwIn(factory, `path "${value}" may only contain RFC 3986 path characters`);
}

/**
 * Options of `HttpFilter.requestRedirect`. At least one of scheme, hostname, path or port
 * must be set: a redirect to the same URL loops.
 */
export interface RequestRedirectOptions {
  /**
   * Scheme of the redirect target: `"http"` or `"https"`.
   * @default - the scheme of the request
   */
  readonly scheme?: string;
  /**
   * Hostname of the redirect target (no wildcard).
   * @default - the Host of the request
   */
  readonly hostname?: string;
  /**
   * Path change of the redirect target.
   * @default - the path of the request
   */
  readonly path?: PathModifier;
  /**
   * Port of the redirect target.
   * @default - the well-known port of the scheme when the scheme is set, otherwise the
   * listener's port
   */
  readonly port?: number;
  /**
   * HTTP status code of the redirect: 301, 302, 303, 307 or 308.
   * @default 302
   */
  readonly statusCode?: number;
}

/**
 * Options of `HttpFilter.urlRewrite`. At least one of hostname or path must be set.
 */
export interface UrlRewriteOptions {
  /**
   * Replaces the Host header of the request (no wildcard).
   * @default - the Host header is not changed
   */
  readonly hostname?: string;
  /**
   * Path change of the request.
   * @default - the path is not changed
   */
  readonly path?: PathModifier;
}

/**
 * Options of `HttpFilter.cors` (the CORS filter, Standard since Gateway API v1.5).
 */
export interface CorsOptions {
  /**
   * Origins allowed to share responses: `scheme://host[:port]` with scheme http or https,
   * host optionally `*.`-prefixed, or `*` alone for any origin.
   */
  readonly allowOrigins: string[];
  /**
   * Methods allowed in cross-origin requests (GET, HEAD and POST are always allowed).
   * @default - none besides the CORS-safelisted methods
   */
  readonly allowMethods?: HttpMethod[];
  /**
   * Allow every method (`allowMethods: ["*"]`). Exclusive with `allowMethods`.
   * @default false
   */
  readonly allowAllMethods?: boolean;
  /**
   * Request headers allowed in cross-origin requests, or `*` alone for any header.
   * @default - none
   */
  readonly allowHeaders?: string[];
  /**
   * Response headers exposed to client scripts (beyond the CORS-safelisted ones).
   * @default - none
   */
  readonly exposeHeaders?: string[];
  /**
   * Whether credentials (cookies, Authorization) may be included in cross-origin requests.
   * @default - not rendered (no `Access-Control-Allow-Credentials` header)
   */
  readonly allowCredentials?: boolean;
  /**
   * How long the browser may cache a preflight response, in whole seconds (1s to 2147483647s, an int32).
   * @default - not rendered (the Gateway API default of 5 seconds)
   */
  readonly maxAge?: Duration;
}

/**
 * A reference to an implementation-specific filter object (`ExtensionRef`).
 */
export interface FilterExtensionReference {
  /** API group of the filter object (`""` for the core group). */
  readonly group: string;
  /** Kind of the filter object. */
  readonly kind: string;
  /** Name of the filter object (in the route's namespace). */
  readonly name: string;
}

/**
 * An implementation-specific filter object that HTTPRoute rules reference with `ExtensionRef`:
 * Envoy Gateway's `HttpRouteFilter`, NGINX Gateway Fabric's `AuthenticationFilter`.
 */
export interface IHttpFilterExtension {
  /**
   * Namespace of the filter object; a route references filters of its own namespace only.
   * Undefined when not known.
   */
  readonly filterNamespace?: string;

  /** The `extensionRef` to this object. */
  toFilterExtensionReference(): FilterExtensionReference;
}

/**
 * Protocol spoken by an external authorization service.
 */
export enum ExternalAuthProtocol {
  /** Plain HTTP: a 200 response allows the request. */
  HTTP = 'HTTP',
  /** Envoy's ext_authz gRPC protocol. */
  GRPC = 'GRPC',
}

/**
 * Options of `HttpFilter.externalAuth` (Experimental channel only).
 */
export interface ExternalAuthOptions {
  /** Protocol of the authorization service. */
  readonly protocol: ExternalAuthProtocol;
  /**
   * Request headers sent to the authorization service (at most 64).
   * @default - HTTP: only Host, Method, Path, Content-Length and Authorization; GRPC: all headers
   */
  readonly allowedHeaders?: string[];
  /**
   * Headers of the authorization response copied into the request to the backend
   * (HTTP protocol only, at most 64).
   * @default - every header except Authority and Host
   */
  readonly allowedResponseHeaders?: string[];
  /**
   * Prefix added to request paths forwarded to the authorization service (HTTP protocol only).
   * @default - no prefix
   */
  readonly pathPrefix?: string;
  /**
   * Largest request body, in bytes, forwarded to the authorization service.
   * @default - the body is not forwarded
   */
  readonly forwardBodyMaxBytes?: number;
}

/**
 * A filter of an HTTPRoute rule (`rules[].filters`) or of one backend (`Backend` option
 * `filters`). Create one with the static factories; GRPCRoutes take `GrpcFilter` instead.
 *
 * `RequestHeaderModifier`, `ResponseHeaderModifier`, `RequestRedirect`, `URLRewrite` and
 * `CORS` may appear at most once per filter list; `RequestMirror` and `ExtensionRef` may repeat.
 */
export class HttpFilter implements IBackendFilter {
  /** Sets, adds or removes request headers. */
  public static requestHeaderModifier(options: HeaderModifierOptions): HttpFilter {
    const body = renderHeaderModifier('HttpFilter.requestHeaderModifier', options);
    return new HttpFilter('RequestHeaderModifier', { requestHeaderModifier: body });
  }

  /** Sets, adds or removes response headers. */
  public static responseHeaderModifier(options: HeaderModifierOptions): HttpFilter {
    const body = renderHeaderModifier('HttpFilter.responseHeaderModifier', options);
    return new HttpFilter('ResponseHeaderModifier', { responseHeaderModifier: body });
  }

  /**
   * Answers with a redirect. A rule with a redirect may not have backends, nor a URLRewrite.
   */
  public static requestRedirect(options: RequestRedirectOptions): HttpFilter {
    const f = 'HttpFilter.requestRedirect';
    if (options.scheme === undefined && options.hostname === undefined && options.path === undefined && options.port === undefined) {
      throwIn(f, 'the redirect changes nothing (no scheme, hostname, path or port) and would loop; set at least one');
    }
    if (options.scheme !== undefined && options.scheme !== 'http' && options.scheme !== 'https') {
      throwIn(f, `scheme "${options.scheme}" must be "http" or "https"`);
    }
    checkOptionalHostname(f, options.hostname);
    if (options.port !== undefined) {
      const err = checkPort(options.port);
      if (err) throwIn(f, err);
    }
    const statusCode = options.statusCode ?? 302;
    if (!REDIRECT_CODES.includes(statusCode)) {
      throwIn(f, `statusCode ${statusCode} must be one of ${REDIRECT_CODES.join(', ')}`);
    }
    return new HttpFilter('RequestRedirect', {
      requestRedirect: {
        scheme: options.scheme,
        hostname: options.hostname,
        path: options.path?._toKube(),
        port: options.port,
        statusCode,
      },
    });
  }

  /** Rewrites the Host header and/or the path before forwarding. */
  public static urlRewrite(options: UrlRewriteOptions): HttpFilter {
    const f = 'HttpFilter.urlRewrite';
    if (options.hostname === undefined && options.path === undefined) {
      throwIn(f, 'the rewrite changes nothing; set hostname or path');
    }
    checkOptionalHostname(f, options.hostname);
    return new HttpFilter('URLRewrite', {
      urlRewrite: { hostname: options.hostname, path: options.path?._toKube() },
    });
  }

  /**
   * Mirrors requests to `backend` (responses of the mirror are ignored). The backend may not
   * have a weight or filters; one in another namespace gets a ReferenceGrant like any backend.
   */
  public static requestMirror(backend: Backend, options: MirrorOptions = {}): HttpFilter {
    const body = renderMirror('HttpFilter.requestMirror', backend, options);
    return new HttpFilter('RequestMirror', { requestMirror: body }, backend);
  }

  /** Answers CORS preflight requests and adds CORS headers to responses. */
  public static cors(options: CorsOptions): HttpFilter {
    return new HttpFilter('CORS', { cors: renderCors(options) });
  }

  /** An implementation-specific filter, configured by the referenced object. */
  public static extensionRef(reference: FilterExtensionReference): HttpFilter {
    for (const err of [checkGroup(reference.group), checkKind(reference.kind), checkObjectName(reference.name)]) {
      if (err) throwIn('HttpFilter.extensionRef', err);
    }
    return new HttpFilter('ExtensionRef', {
      extensionRef: { group: reference.group, kind: reference.kind, name: reference.name },
    });
  }

  /**
   * An implementation-specific filter object of this app, referenced with `ExtensionRef`:
   * `HttpFilter.extension(new envoyGateway.HttpRouteFilter(...))`. The route must be in the
   * filter's namespace (checked when the rule is added).
   */
  public static extension(filter: IHttpFilterExtension): HttpFilter {
    const ref = filter.toFilterExtensionReference();
    for (const err of [checkGroup(ref.group), checkKind(ref.kind), checkObjectName(ref.name)]) {
      if (err) throwIn('HttpFilter.extension', err);
    }
    const out = new HttpFilter('ExtensionRef', { extensionRef: { group: ref.group, kind: ref.kind, name: ref.name } });
    out._extensionNamespace = filter.filterNamespace;
    out._extensionName = `${ref.kind} "${ref.name}"`;
    return out;
  }

  /**
   * Sends request details to an external authorization service first (Experimental channel
   * only: the route throws unless `GatewayApiChannel.useExperimental(app)` was called).
   */
  public static externalAuth(backend: Backend, options: ExternalAuthOptions): HttpFilter {
    const f = 'HttpFilter.externalAuth';
    if (backend.weight !== undefined || backend.filters.length > 0) {
      throwIn(f, `the authorization backend ${backend._describe()} cannot have a weight or filters`);
    }
    if (!Object.values(ExternalAuthProtocol).includes(options.protocol)) {
      throwIn(f, `protocol "${options.protocol}" must be HTTP or GRPC`);
    }
    const isHttp = options.protocol === ExternalAuthProtocol.HTTP;
    if (!isHttp && (options.allowedResponseHeaders !== undefined || options.pathPrefix !== undefined)) {
      throwIn(f, 'allowedResponseHeaders and pathPrefix apply to the HTTP protocol only');
    }
    const allowedHeaders = checkHeaderList(f, 'allowedHeaders', options.allowedHeaders, false);
    const allowedResponseHeaders = checkHeaderList(f, 'allowedResponseHeaders', options.allowedResponseHeaders, false);
    if (options.pathPrefix !== undefined) {
      if (options.pathPrefix.length > MAX_PATH || !PATH_CHARS.test(options.pathPrefix)) {
        throwIn(f, `pathPrefix "${options.pathPrefix}" must be 1-${MAX_PATH} RFC 3986 path characters`);
      }
    }
    const maxSize = options.forwardBodyMaxBytes;
    if (maxSize !== undefined && (!Number.isInteger(maxSize) || maxSize < 0)) {
      throwIn(f, `forwardBodyMaxBytes ${maxSize} must be a whole number of bytes, 0 or more`);
    }
    return new HttpFilter('ExternalAuth', {
      externalAuth: {
        protocol: options.protocol,
        backendRef: backend._toKube(),
        http: isHttp ? { path: options.pathPrefix, allowedHeaders, allowedResponseHeaders } : undefined,
        grpc: isHttp ? undefined : { allowedHeaders },
        forwardBody: maxSize === undefined ? undefined : { maxSize },
      },
    }, backend);
  }

  /** The route kinds this filter is valid in. */
  public readonly routeKinds: string[] = [HTTP_ROUTE];

  private readonly body: any;

  /**
   * Namespace of the referenced filter object (`HttpFilter.extension`), when known.
   * @internal
   */
  public _extensionNamespace?: string;

  /**
   * Kind and name of the referenced filter object (`HttpFilter.extension`), for messages.
   * @internal
   */
  public _extensionName?: string;

  private constructor(
    /** The filter `type` (`RequestHeaderModifier`, `RequestRedirect`, …). */
    public readonly filterType: string,
    body: any,
    /** The backend this filter sends requests to (RequestMirror, ExternalAuth), if any. */
    public readonly backend?: Backend) {
    this.body = jsonRoundTrip(body);
  }

  /** Renders the filter object (`{ type, <field>: … }`). */
  public renderFilter(): any {
    // `body` is plain JSON (copied through JSON text when the filter was made).
    const out: any = { type: this.filterType };
    for (const key of Object.keys(this.body)) out[key] = copyJson(this.body[key]);
    return out;
  }

  /**
   * The path modifier type of a RequestRedirect or URLRewrite filter (without rendering it).
   * @internal
   */
  public _pathModifierType(): string | undefined {
    return (this.body.requestRedirect ?? this.body.urlRewrite)?.path?.type;
  }
}

function checkOptionalHostname(factory: string, hostname: string | undefined): void {
  if (hostname === undefined) return;
  const err = checkPreciseHostname(hostname);
  if (err) throwIn(factory, err);
}

function checkHeaderList(factory: string, field: string, names: string[] | undefined, wildcard: boolean): string[] | undefined {
  if (names === undefined || names.length === 0) return undefined;
  if (names.length > MAX_CORS_LIST) {
    throwIn(factory, `${field} has ${names.length} entries, the maximum is ${MAX_CORS_LIST}`);
  }
  if (wildcard && names.includes('*') && names.length > 1) {
    throwIn(factory, `${field} contains "*" alongside other headers; "*" must be the only entry`);
  }
  const seen = new Set<string>();
  for (const name of names) {
    const err = checkHeaderName(name);
    if (err) throwIn(factory, `${field}: ${err}`);
    if (seen.has(name.toLowerCase())) {
      throwIn(factory, `${field} lists header "${name}" more than once (header names are case-insensitive)`);
    }
    seen.add(name.toLowerCase());
  }
  return [...names];
}

function renderCors(options: CorsOptions): any {
  const f = 'HttpFilter.cors';
  const origins = options.allowOrigins ?? [];
  if (origins.length === 0) {
    throwIn(f, 'allowOrigins is empty, so no origin would be allowed; list origins or pass ["*"]');
  }
  if (origins.length > MAX_CORS_LIST) {
    throwIn(f, `allowOrigins has ${origins.length} entries, the maximum is ${MAX_CORS_LIST}`);
  }
  if (origins.includes('*') && origins.length > 1) {
    throwIn(f, 'allowOrigins contains "*" alongside other origins; "*" must be the only entry');
  }
  for (const origin of origins) {
    const port = /:([0-9]+)$/.exec(origin);
    if (origin.length > 253 || !ORIGIN.test(origin) || (port && (Number(port[1]) < 1 || Number(port[1]) > 65535))) {
      throwIn(f, `allowOrigins entry "${origin}" must be "*" or scheme://host[:port] with scheme http or https, an optional "*." host prefix, port 1-65535 and no path`);
    }
  }
  if (new Set(origins).size !== origins.length) {
    throwIn(f, `allowOrigins lists an origin more than once: ${origins.join(', ')}`);
  }
  const methods = options.allowMethods ?? [];
  if (options.allowAllMethods && methods.length > 0) {
    throwIn(f, 'allowAllMethods and allowMethods are exclusive ("*" must be the only method)');
  }
  for (const m of methods) {
    if (!Object.values(HttpMethod).includes(m)) {
      throwIn(f, `allowMethods entry "${m}" is not one of ${Object.values(HttpMethod).join(', ')}`);
    }
  }
  if (new Set(methods).size !== methods.length) {
    throwIn(f, `allowMethods lists a method more than once: ${methods.join(', ')}`);
  }
  let maxAge: number | undefined;
  if (options.maxAge !== undefined) {
    const ms = options.maxAge.toMilliseconds({ integral: false });
    if (ms < 1000 || ms % 1000 !== 0) {
      throwIn(f, `maxAge ${ms}ms must be a whole number of seconds, at least 1s`);
    }
    maxAge = ms / 1000;
    if (maxAge > INT32_MAX) {
      throwIn(f, `maxAge ${maxAge}s is more than ${INT32_MAX}s (cors.maxAge is an int32 number of seconds)`);
    }
  }
  return {
    allowOrigins: [...origins],
    allowMethods: options.allowAllMethods ? ['*'] : (methods.length ? [...methods] : undefined),
    allowHeaders: checkHeaderList(f, 'allowHeaders', options.allowHeaders, true),
    exposeHeaders: checkHeaderList(f, 'exposeHeaders', options.exposeHeaders, false),
    allowCredentials: options.allowCredentials,
    maxAge,
  };
}
