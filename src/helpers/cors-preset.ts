import { Duration } from 'cdk8s';
import { throwIn } from '../core/errors';
import { checkHeaderName } from '../core/formats';
import { CorsOptions, HttpFilter } from '../routes/http-filter';
import { HttpMethod } from '../routes/http-match';

/** ingress-nginx `cors-allow-methods` default (`annotations/cors/main.go` `defaultCorsMethods`). */
const DEFAULT_METHODS = [HttpMethod.GET, HttpMethod.PUT, HttpMethod.POST, HttpMethod.DELETE, HttpMethod.PATCH, HttpMethod.OPTIONS];
/** ingress-nginx `cors-allow-headers` default (`annotations/cors/main.go` `defaultCorsHeaders`). */
const DEFAULT_HEADERS = ['DNT', 'Keep-Alive', 'User-Agent', 'X-Requested-With', 'If-Modified-Since', 'Cache-Control', 'Content-Type', 'Range', 'Authorization'];
/** ingress-nginx `cors-max-age` default, in seconds (20 days; `annotations/cors/main.go` `defaultCorsMaxAge`). */
const DEFAULT_MAX_AGE_SECONDS = 1728000;
/** The origin syntax of the v1.6.1 HTTPRoute CRD (`cors.allowOrigins`). */
const ORIGIN = /^(\*|https?:\/\/((\*\.)?([a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+|\*)(:[0-9]{1,5})?)$/;
/** Values Go's strconv.ParseBool accepts (ingress-nginx `parser.GetBoolAnnotation`). */
const TRUE = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const FALSE = ['0', 'f', 'F', 'FALSE', 'false', 'False'];

/**
 * CORS settings of `CorsPreset`; every field overrides one ingress-nginx default.
 */
export interface CorsPresetOptions {
  /**
   * Origins allowed: `scheme://host[:port]`, an optional `*.` host prefix, or `*` alone.
   * @default ["*"] - ingress-nginx's `cors-allow-origin`
   */
  readonly allowOrigins?: string[];
  /**
   * Methods allowed in cross-origin requests.
   * @default - GET, PUT, POST, DELETE, PATCH, OPTIONS (ingress-nginx's `cors-allow-methods`)
   */
  readonly allowMethods?: HttpMethod[];
  /**
   * Request headers allowed in cross-origin requests.
   * @default - DNT, Keep-Alive, User-Agent, X-Requested-With, If-Modified-Since,
   * Cache-Control, Content-Type, Range, Authorization (ingress-nginx's `cors-allow-headers`)
   */
  readonly allowHeaders?: string[];
  /**
   * Response headers exposed to client scripts.
   * @default - none (ingress-nginx's `cors-expose-headers` is empty)
   */
  readonly exposeHeaders?: string[];
  /**
   * Whether credentials may be included (`Access-Control-Allow-Credentials: true`).
   * @default true - ingress-nginx's `cors-allow-credentials`
   */
  readonly allowCredentials?: boolean;
  /**
   * How long browsers may cache a preflight answer, in whole seconds.
   * @default Duration.seconds(1728000) - 20 days, ingress-nginx's `cors-max-age` (Gateway
   * API's own default would be 5 seconds)
   */
  readonly maxAge?: Duration;
}

/**
 * ingress-nginx CORS annotation values, as written on an Ingress (all strings, comma
 * separated where ingress-nginx takes lists). Each unset field keeps the preset default.
 */
export interface CorsAnnotationValues {
  /**
   * `nginx.ingress.kubernetes.io/cors-allow-origin`, e.g. `"https://a.example.com, https://*.example.org"`.
   * @default - unset: every origin (`*`)
   */
  readonly allowOrigin?: string;
  /**
   * `nginx.ingress.kubernetes.io/cors-allow-methods`, e.g. `"GET, POST"` (case-insensitive).
   * @default - unset: GET, PUT, POST, DELETE, PATCH, OPTIONS
   */
  readonly allowMethods?: string;
  /**
   * `nginx.ingress.kubernetes.io/cors-allow-headers`, e.g. `"X-Token,Content-Type"`.
   * @default - unset: the nine ingress-nginx default headers
   */
  readonly allowHeaders?: string;
  /**
   * `nginx.ingress.kubernetes.io/cors-expose-headers`, e.g. `"X-Request-Id, X-Trace"`.
   * @default - unset: none
   */
  readonly exposeHeaders?: string;
  /**
   * `nginx.ingress.kubernetes.io/cors-allow-credentials`: `"true"` or `"false"` (Go boolean
   * forms such as `"1"`, `"F"` accepted).
   * @default - unset: true
   */
  readonly allowCredentials?: string;
  /**
   * `nginx.ingress.kubernetes.io/cors-max-age`, whole seconds, e.g. `"600"`.
   * @default - unset: 1728000
   */
  readonly maxAge?: string;
}

/**
 * The CORS filter with ingress-nginx's defaults for `enable-cors: "true"` (ingress-nginx
 * `internal/ingress/annotations/cors/main.go`; see docs/ingress-nginx.md#corspreset): origins
 * `*`; methods GET, PUT, POST, DELETE, PATCH, OPTIONS; the nine default request headers;
 * credentials allowed; preflight cached for 1728000 seconds. Every value can be overridden, or
 * parsed from the annotations' comma-separated strings.
 *
 * Divergences (Gateway API CORS semantics): with origin `*` and credentials the gateway
 * echoes the request's Origin instead of sending `*`; a `*.` origin prefix matches several
 * labels, not one; only real preflights (Origin + Access-Control-Request-Method) are answered
 * by the gateway, other OPTIONS requests reach the backend; the gateway decides the preflight
 * status code (ingress-nginx answers 204).
 */
export class CorsPreset {
  /**
   * The full CORS settings: ingress-nginx's defaults with `overrides` applied.
   */
  public static options(overrides: CorsPresetOptions = {}): CorsOptions {
    return {
      allowOrigins: [...(overrides.allowOrigins ?? ['*'])],
      allowMethods: [...(overrides.allowMethods ?? DEFAULT_METHODS)],
      allowHeaders: [...(overrides.allowHeaders ?? DEFAULT_HEADERS)],
      exposeHeaders: overrides.exposeHeaders && overrides.exposeHeaders.length > 0 ? [...overrides.exposeHeaders] : undefined,
      allowCredentials: overrides.allowCredentials ?? true,
      maxAge: overrides.maxAge ?? Duration.seconds(DEFAULT_MAX_AGE_SECONDS),
    };
  }

  /**
   * A CORS filter with ingress-nginx's defaults, `overrides` applied.
   */
  public static filter(overrides: CorsPresetOptions = {}): HttpFilter {
    return HttpFilter.cors(CorsPreset.options(overrides));
  }

  /**
   * A CORS filter from ingress-nginx annotation values (unset ones keep the defaults).
   */
  public static fromAnnotations(values: CorsAnnotationValues): HttpFilter {
    return CorsPreset.filter(CorsPreset.parseAnnotations(values));
  }

  /**
   * Parses ingress-nginx annotation values into preset overrides (only the fields that are
   * set). Lists are split on commas and trimmed; an origin list that contains `*` means every
   * origin, as in ingress-nginx. Where ingress-nginx would silently ignore a bad value (and
   * fall back to its default), this throws, naming the annotation and the value.
   */
  public static parseAnnotations(values: CorsAnnotationValues): CorsPresetOptions {
    return {
      allowOrigins: values.allowOrigin === undefined ? undefined : parseOrigins(values.allowOrigin),
      allowMethods: values.allowMethods === undefined ? undefined : parseMethods(values.allowMethods),
      allowHeaders: values.allowHeaders === undefined ? undefined : parseHeaders('cors-allow-headers', values.allowHeaders, true),
      exposeHeaders: values.exposeHeaders === undefined ? undefined : parseHeaders('cors-expose-headers', values.exposeHeaders, false),
      allowCredentials: values.allowCredentials === undefined ? undefined : parseBool(values.allowCredentials),
      maxAge: values.maxAge === undefined ? undefined : parseMaxAge(values.maxAge),
    };
  }

  private constructor() {}
}

const WHERE = 'CorsPreset.parseAnnotations';

function splitList(value: string): string[] {
  return value.split(',').map(v => v.trim()).filter(v => v !== '');
}

function parseOrigins(value: string): string[] {
  const origins = splitList(value);
  if (origins.length === 0) {
    throwIn(WHERE, `cors-allow-origin "${value}" lists no origin; leave it unset for every origin ("*")`);
  }
  if (origins.includes('*')) return ['*']; // ingress-nginx: "*" anywhere in the list wins
  for (const origin of origins) {
    if (origin === 'null') {
      throwIn(WHERE, 'cors-allow-origin "null" cannot be expressed in a Gateway API CORS filter; remove it');
    }
    if (!ORIGIN.test(origin)) {
      throwIn(WHERE, `cors-allow-origin entry "${origin}" is not "*" or scheme://host[:port] (http or https, optional "*." host prefix, no path); ingress-nginx would skip it`);
    }
  }
  return [...new Set(origins)];
}

function parseMethods(value: string): HttpMethod[] {
  const methods = splitList(value).map(m => m.toUpperCase());
  if (methods.length === 0) {
    throwIn(WHERE, `cors-allow-methods "${value}" lists no method; ingress-nginx would use its default list, so leave it unset`);
  }
  const known = Object.values(HttpMethod) as string[];
  for (const m of methods) {
    if (!known.includes(m)) {
      throwIn(WHERE, `cors-allow-methods entry "${m}" is not one of ${known.join(', ')}; ingress-nginx would ignore the whole list and use its default`);
    }
  }
  return [...new Set(methods)] as HttpMethod[];
}

function parseHeaders(annotation: string, value: string, wildcardAlone: boolean): string[] {
  const names = splitList(value);
  if (names.length === 0) {
    throwIn(WHERE, `${annotation} "${value}" lists no header; leave it unset for the default`);
  }
  const seen = new Map<string, string>();
  for (const name of names) {
    const err = checkHeaderName(name);
    if (err) throwIn(WHERE, `${annotation}: ${err}; ingress-nginx would ignore the whole list`);
    if (!seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
  }
  const unique = [...seen.values()];
  if (wildcardAlone && unique.includes('*') && unique.length > 1) {
    throwIn(WHERE, `${annotation} "${value}" mixes "*" with header names; "*" must stand alone`);
  }
  return unique;
}

function parseBool(value: string): boolean {
  const v = value.trim();
  if (TRUE.includes(v)) return true;
  if (FALSE.includes(v)) return false;
  return throwIn(WHERE, `cors-allow-credentials "${value}" is not a boolean ("true" or "false")`);
}

function parseMaxAge(value: string): Duration {
  const v = value.trim();
  if (!/^[0-9]+$/.test(v) || Number(v) < 1) {
    throwIn(WHERE, `cors-max-age "${value}" must be a whole number of seconds, at least 1 (Gateway API cannot send 0)`);
  }
  return Duration.seconds(Number(v));
}
