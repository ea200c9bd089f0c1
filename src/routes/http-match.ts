import { HeaderMatch, MatchType, NameValueMatch, checkNameValue, checkUniqueHeaders } from './header-match';
import { throwIn } from '../core/errors';
import { charLength } from '../core/formats';
import { regexSyntaxError } from '../validation/regex';

const MAX_PATH = 1024;
const MAX_QUERY_VALUE = 1024;
const MAX_CONDITIONS = 16;
/** Characters allowed in an `Exact`/`PathPrefix` path (RFC 3986 pchar, `/` and %-escapes). */
const PATH_CHARS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$/;

/**
 * How a request path is compared.
 */
export enum PathMatchType {
  /** The path equals the value (case-sensitive). */
  EXACT = 'Exact',
  /** The path starts with the value, element by element (`/foo` matches `/foo/bar`, not `/foobar`). */
  PATH_PREFIX = 'PathPrefix',
  /** The path matches a regular expression (implementation-specific dialect). */
  REGULAR_EXPRESSION = 'RegularExpression',
}

/**
 * An HTTP request method (the values Gateway API accepts in a match).
 */
export enum HttpMethod {
  /** GET */
  GET = 'GET',
  /** HEAD */
  HEAD = 'HEAD',
  /** POST */
  POST = 'POST',
  /** PUT */
  PUT = 'PUT',
  /** DELETE */
  DELETE = 'DELETE',
  /** CONNECT */
  CONNECT = 'CONNECT',
  /** OPTIONS */
  OPTIONS = 'OPTIONS',
  /** TRACE */
  TRACE = 'TRACE',
  /** PATCH */
  PATCH = 'PATCH',
}

/**
 * Checks an `Exact`/`PathPrefix` path value against the v1.6.1 HTTPRoute CEL rules.
 * Returns an error message, or undefined when the path is valid.
 * @internal
 */
export function checkHttpPath(value: string): string | undefined {
  if (charLength(value) > MAX_PATH) return `path "${value.slice(0, 40)}…" is longer than ${MAX_PATH} characters`;
  if (!value.startsWith('/')) return `path "${value}" must be absolute (start with "/")`;
  for (const bad of ['//', '/./', '/../', '%2f', '%2F', '#']) {
    if (value.includes(bad)) return `path "${value}" must not contain "${bad}"`;
  }
  for (const bad of ['/..', '/.']) {
    if (value.endsWith(bad)) return `path "${value}" must not end with "${bad}"`;
  }
  if (!PATH_CHARS.test(value)) {
    return `path "${value}" may only contain RFC 3986 path characters (letters, digits, -._~!$&'()*+,;=:@/ and %XX escapes)`;
  }
  return undefined;
}

/**
 * A condition on the request path.
 */
export class PathMatch {
  /**
   * The path starts with `prefix`, element by element: `/api` matches `/api` and `/api/v1`,
   * not `/apis`.
   */
  public static prefix(prefix: string): PathMatch {
    return PathMatch.checked('PathMatch.prefix', PathMatchType.PATH_PREFIX, prefix);
  }

  /** The path is exactly `path`. */
  public static exact(path: string): PathMatch {
    return PathMatch.checked('PathMatch.exact', PathMatchType.EXACT, path);
  }

  /**
   * The path matches the regular expression `pattern`.
   * The dialect is the implementation's: RE2 for Envoy-based ones (Envoy Gateway, Istio,
   * kgateway), PCRE for NGINX Gateway Fabric; see docs/regex.md. Patterns that neither accepts
   * (`/a(b`) are rejected here.
   */
  public static regex(pattern: string): PathMatch {
    const length = charLength(pattern);
    if (length < 1 || length > MAX_PATH) {
      throwIn('PathMatch.regex', `pattern must be 1-${MAX_PATH} characters, got ${length}`);
    }
    const err = regexSyntaxError(pattern);
    if (err) throwIn('PathMatch.regex', err);
    return new PathMatch(PathMatchType.REGULAR_EXPRESSION, pattern);
  }

  private static checked(factory: string, type: PathMatchType, value: string): PathMatch {
    const err = checkHttpPath(value);
    if (err) throwIn(factory, err);
    return new PathMatch(type, value);
  }

  private constructor(
    /** How the path is compared. */
    public readonly type: PathMatchType,
    /** The path, prefix or pattern. */
    public readonly value: string) {}

  /** @internal */
  public _toKube(): any {
    return { type: this.type, value: this.value };
  }
}

/**
 * A condition on a query parameter of the request. Query parameter names are case-sensitive.
 */
export class QueryParamMatch extends NameValueMatch {
  /** The query parameter `name` has exactly `value`. */
  public static exact(name: string, value: string): QueryParamMatch {
    return QueryParamMatch.create('QueryParamMatch.exact', name, value, MatchType.EXACT);
  }

  /**
   * The query parameter `name` matches the regular expression `pattern`.
   * The dialect is the implementation's: RE2 for Envoy-based ones (Envoy Gateway, Istio,
   * kgateway), PCRE for NGINX Gateway Fabric; see docs/regex.md. Patterns that neither accepts
   * (`/a(b`) are rejected here.
   */
  public static regex(name: string, pattern: string): QueryParamMatch {
    const err = regexSyntaxError(pattern);
    if (err) throwIn('QueryParamMatch.regex', err);
    return QueryParamMatch.create('QueryParamMatch.regex', name, pattern, MatchType.REGULAR_EXPRESSION);
  }

  private static create(factory: string, name: string, value: string, type: MatchType): QueryParamMatch {
    checkNameValue(factory, 'query parameter', name, value, MAX_QUERY_VALUE);
    return new QueryParamMatch(name, value, type);
  }

  private constructor(name: string, value: string, type: MatchType) {
    super(name, value, type);
  }
}

/**
 * One HTTPRoute match: every condition set must hold (AND). A rule's list of matches is
 * an OR. A match with no condition matches every request.
 */
export interface HttpRouteMatch {
  /**
   * Condition on the request path.
   * @default - any path (Gateway API defaults to PathPrefix "/")
   */
  readonly path?: PathMatch;
  /**
   * Conditions on request headers (at most 16, each header name once).
   * @default - no header condition
   */
  readonly headers?: HeaderMatch[];
  /**
   * Conditions on query parameters (at most 16, each name once).
   * @default - no query parameter condition
   */
  readonly queryParams?: QueryParamMatch[];
  /**
   * The request method.
   * @default - any method
   */
  readonly method?: HttpMethod;
}

/**
 * Checks and renders one `matches[]` entry. `where` names the caller for messages.
 * A match without any condition renders its default path explicitly.
 * @internal
 */
export function renderHttpRouteMatch(whereOf: string | (() => string), match: HttpRouteMatch): any {
  const headers = match.headers ?? [];
  const where = (): string => typeof whereOf === 'string' ? whereOf : whereOf();
  const queryParams = match.queryParams ?? [];
  if (headers.length > MAX_CONDITIONS) {
    throwIn(where(), `headers has ${headers.length} entries, the maximum is ${MAX_CONDITIONS}`);
  }
  if (queryParams.length > MAX_CONDITIONS) {
    throwIn(where(), `queryParams has ${queryParams.length} entries, the maximum is ${MAX_CONDITIONS}`);
  }
  checkUniqueHeaders(where, headers);
  if (queryParams.length > 1) {
    const seen = new Set<string>();
    for (const q of queryParams) {
      if (seen.has(q.name)) {
        throwIn(where(), `query parameter "${q.name}" is matched more than once in one match; use separate matches`);
      }
      seen.add(q.name);
    }
  }
  if (match.method !== undefined && !Object.values(HttpMethod).includes(match.method)) {
    throwIn(where(), `method "${match.method}" is not one of ${Object.values(HttpMethod).join(', ')}`);
  }
  const empty = !match.path && headers.length === 0 && queryParams.length === 0 && match.method === undefined;
  return {
    path: empty ? { type: PathMatchType.PATH_PREFIX, value: '/' } : match.path?._toKube(),
    headers: headers.length ? headers.map(h => h._toKube()) : undefined,
    queryParams: queryParams.length ? queryParams.map(q => q._toKube()) : undefined,
    method: match.method,
  };
}

/**
 * True when a match is (after Gateway API defaulting) a PathPrefix match.
 * @internal
 */
export function isPrefixMatch(match: HttpRouteMatch): boolean {
  return match.path === undefined || match.path.type === PathMatchType.PATH_PREFIX;
}
