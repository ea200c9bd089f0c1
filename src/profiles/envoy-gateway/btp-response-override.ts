import { throwIn } from '../../core/errors';
import { checkObjectName, checkPreciseHostname } from '../../core/formats';
import { IConfigMapLike } from '../../core/kplus-like';
import { HeaderModifierOptions, renderHeaderModifier } from '../../routes/header-modifier';

/** `match.statusCodes` holds 1-50 entries. */
const MAX_STATUS_MATCHES = 50;
const MAX_PATH = 1024;

/**
 * Which responses a response override applies to (`spec.responseOverride[].source`).
 */
export enum ResponseOverrideSource {
  /** Responses from the backend and from Envoy itself (Envoy Gateway's default). */
  ALL = 'All',
  /** Only responses Envoy generates itself, such as a 429 of a local rate limit or a 401 of basic auth. */
  LOCAL = 'Local',
  /** Only responses from the backend. */
  BACKEND = 'Backend',
}

/**
 * An inclusive range of HTTP status codes (`end` greater than `start`).
 */
export interface StatusCodeRange {
  /** First status code of the range. */
  readonly start: number;
  /** Last status code of the range (greater than `start`). */
  readonly end: number;
}

/**
 * Which responses a response override replaces: at least one status code or range.
 */
export interface ResponseOverrideMatchOptions {
  /**
   * Status codes (100-599) to override; together with `statusCodeRanges` 1-50 entries.
   * @default - none; `statusCodeRanges` must be given
   */
  readonly statusCodes?: number[];
  /**
   * Ranges of status codes to override.
   * @default - none; `statusCodes` must be given
   */
  readonly statusCodeRanges?: StatusCodeRange[];
  /**
   * Whether to override responses of the backend, of Envoy itself, or both.
   * @default ResponseOverrideSource.ALL
   */
  readonly source?: ResponseOverrideSource;
}

/**
 * The body of a custom response.
 */
export class ResponseBody {
  /**
   * A literal body. Envoy command operators (`%REQ(:path)%`) are expanded.
   */
  public static inline(text: string): ResponseBody {
    return new ResponseBody({ type: 'Inline', inline: text });
  }

  /**
   * The value of key `response.body` (or else the first key) of a ConfigMap in the policy's
   * namespace, such as a cdk8s-plus `ConfigMap`.
   */
  public static fromConfigMap(configMap: IConfigMapLike): ResponseBody {
    return ResponseBody.configMap('ResponseBody.fromConfigMap', configMap.name);
  }

  /** Like `fromConfigMap`, by the ConfigMap's name. */
  public static fromConfigMapName(name: string): ResponseBody {
    return ResponseBody.configMap('ResponseBody.fromConfigMapName', name);
  }

  private static configMap(factory: string, name: string): ResponseBody {
    const err = checkObjectName(name);
    if (err) throwIn(factory, err);
    return new ResponseBody({ type: 'ValueRef', valueRef: { group: '', kind: 'ConfigMap', name } });
  }

  private constructor(private readonly body: any) {}

  /** @internal */
  public _toKube(): any {
    return { ...this.body };
  }
}

/**
 * The response that replaces a matched one.
 */
export interface CustomResponseOptions {
  /**
   * Status code of the new response (200-599).
   * @default - the status of the matched response
   */
  readonly statusCode?: number;
  /**
   * `Content-Type` of the new response.
   * @default - the matched response's content type
   */
  readonly contentType?: string;
  /**
   * Body of the new response.
   * @default - the matched response's body
   */
  readonly body?: ResponseBody;
  /**
   * Headers to set or add on the new response (at most 16 of each; removing headers is not
   * supported by Envoy Gateway here).
   * @default - none
   */
  readonly headers?: HeaderModifierOptions;
}

/**
 * Options of `ResponseOverride.respond`.
 */
export interface ResponseOverrideRespondOptions extends ResponseOverrideMatchOptions {
  /** The response sent instead. */
  readonly response: CustomResponseOptions;
}

/**
 * The scheme of a redirect's `Location`.
 */
export enum RedirectScheme {
  /** `http`. */
  HTTP = 'http',
  /** `https`. */
  HTTPS = 'https',
}

/**
 * Options of `ResponseOverride.redirect`: the `Location` is built from the request, with
 * the parts given here replaced.
 */
export interface ResponseOverrideRedirectOptions extends ResponseOverrideMatchOptions {
  /**
   * Host name of the `Location` (a DNS name without a wildcard).
   * @default - the request's `Host`
   */
  readonly hostname?: string;
  /**
   * Path of the `Location`, replacing the whole request path (Envoy Gateway supports only
   * `ReplaceFullPath` here). Starts with `/`.
   * @default - the request path
   */
  readonly path?: string;
  /**
   * Scheme of the `Location`.
   * @default - the request's scheme
   */
  readonly scheme?: RedirectScheme;
  /**
   * Port of the `Location` (1-65535).
   * @default - the well-known port of `scheme`, or the listener's port
   */
  readonly port?: number;
  /**
   * Status code of the redirect: 301 or 302.
   * @default 302
   */
  readonly statusCode?: number;
}

/**
 * One entry of a BackendTrafficPolicy's `spec.responseOverride`: responses with matching
 * status codes are replaced by a custom response or a redirect. The first matching entry
 * wins.
 *
 * ingress-nginx rejects rate-limited requests with 503, Envoy with 429:
 * `ResponseOverride.respond({ statusCodes: [429], source: ResponseOverrideSource.LOCAL,
 * response: { statusCode: 503 } })` restores the 503.
 */
export class ResponseOverride {
  /** Replaces matching responses with a custom response. */
  public static respond(options: ResponseOverrideRespondOptions): ResponseOverride {
    const factory = 'ResponseOverride.respond';
    const match = renderMatch(factory, options);
    const r = options.response;
    if (r.statusCode !== undefined) {
      // Envoy's local reply mapper takes status codes 200-599 (envoy/extensions/filters/network/http_connection_manager/v3).
      checkRange(factory, 'response.statusCode', r.statusCode, 200, 599);
    }
    if (r.contentType !== undefined && (r.contentType.length === 0 || /[\r\n]/.test(r.contentType))) {
      throwIn(factory, `response.contentType ${JSON.stringify(r.contentType)} must be a non-empty single-line media type such as "text/html"`);
    }
    let header: any;
    if (r.headers !== undefined) {
      if ((r.headers.remove ?? []).length > 0) {
        throwIn(factory, `response.headers.remove (${r.headers.remove!.join(', ')}) is not supported in a response override (Envoy Gateway rejects it); only set and add`);
      }
      header = renderHeaderModifier(`${factory}: response.headers`, r.headers);
    }
    const response = { statusCode: r.statusCode, contentType: r.contentType, body: r.body?._toKube(), header };
    return new ResponseOverride({ match, response, source: options.source });
  }

  /** Answers matching responses with a redirect (for example 401 to a sign-in page). */
  public static redirect(options: ResponseOverrideRedirectOptions): ResponseOverride {
    const factory = 'ResponseOverride.redirect';
    const match = renderMatch(factory, options);
    if (options.hostname !== undefined) {
      const err = checkPreciseHostname(options.hostname);
      if (err) throwIn(factory, err);
    }
    if (options.path !== undefined && (!options.path.startsWith('/') || options.path.length > MAX_PATH)) {
      throwIn(factory, `path "${options.path}" must start with "/" and have at most ${MAX_PATH} characters`);
    }
    if (options.port !== undefined) checkRange(factory, 'port', options.port, 1, 65535);
    if (options.statusCode !== undefined && options.statusCode !== 301 && options.statusCode !== 302) {
      throwIn(factory, `statusCode ${options.statusCode} is not supported; a response override redirects with 301 or 302`);
    }
    const redirect = {
      scheme: options.scheme,
      hostname: options.hostname,
      port: options.port,
      path: options.path === undefined ? undefined : { type: 'ReplaceFullPath', replaceFullPath: options.path },
      statusCode: options.statusCode,
    };
    return new ResponseOverride({ match, redirect, source: options.source });
  }

  private constructor(private readonly entry: any) {}

  /** @internal */
  public _toKube(): any {
    return { ...this.entry };
  }
}

function renderMatch(factory: string, options: ResponseOverrideMatchOptions): any {
  const codes = [...new Set(options.statusCodes ?? [])];
  const ranges = options.statusCodeRanges ?? [];
  for (const code of codes) checkRange(factory, 'statusCodes', code, 100, 599);
  for (const range of ranges) {
    checkRange(factory, 'statusCodeRanges.start', range.start, 100, 599);
    checkRange(factory, 'statusCodeRanges.end', range.end, 100, 599);
    if (range.end <= range.start) {
      throwIn(factory, `status code range ${range.start}-${range.end}: end must be greater than start`);
    }
  }
  const total = codes.length + ranges.length;
  if (total === 0) {
    throwIn(factory, 'no status code to match; give statusCodes or statusCodeRanges');
  }
  if (total > MAX_STATUS_MATCHES) {
    throwIn(factory, `${total} status codes and ranges given, the maximum is ${MAX_STATUS_MATCHES}; merge codes into ranges`);
  }
  return {
    statusCodes: [
      ...codes.map(value => ({ type: 'Value', value })),
      ...ranges.map(r => ({ type: 'Range', range: { start: r.start, end: r.end } })),
    ],
  };
}

function checkRange(factory: string, field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throwIn(factory, `${field} is ${value}; it must be a whole number ${min}-${max}`);
  }
}
