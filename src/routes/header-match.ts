import { throwIn } from '../core/errors';
import { charLength, checkHeaderName } from '../core/formats';
import { regexSyntaxError } from '../validation/regex';

/**
 * How a header (or query parameter) value is compared.
 */
export enum MatchType {
  /** The value equals the given string. */
  EXACT = 'Exact',
  /** The value matches the given regular expression (implementation-specific dialect). */
  REGULAR_EXPRESSION = 'RegularExpression',
}

/** Longest header value Gateway API accepts. @internal */
export const MAX_HEADER_VALUE = 4096;

/**
 * Checks a header or query parameter name and its value length (1 to `maxValue` characters).
 * @internal
 */
export function checkNameValue(factory: string, what: string, name: string, value: string, maxValue: number): void {
  const err = checkHeaderName(name);
  if (err) throwIn(factory, err.replace('header name', `${what} name`));
  checkValueLength(factory, what, name, value, maxValue);
}

/**
 * Checks that a header or query parameter value has 1 to `maxValue` characters.
 * @internal
 */
export function checkValueLength(factory: string, what: string, name: string, value: string, maxValue: number): void {
  if (charLength(value) < 1 || charLength(value) > maxValue) {
    throwIn(factory, `value of ${what} "${name}" must be 1-${maxValue} characters, got ${value.length}`);
  }
}

/**
 * A condition on a named request attribute (a header or a query parameter) and its value.
 */
export abstract class NameValueMatch {
  protected constructor(
    /** Header or query parameter name. */
    public readonly name: string,
    /** Value or pattern. */
    public readonly value: string,
    /** How the value is compared. */
    public readonly type: MatchType) {}

  /** @internal */
  public _toKube(): any {
    return { name: this.name, type: this.type, value: this.value };
  }
}

/**
 * A request header condition, used by HTTPRoute and GRPCRoute matches.
 */
export class HeaderMatch extends NameValueMatch {
  /** The header `name` has exactly `value`. Header names are case-insensitive. */
  public static exact(name: string, value: string): HeaderMatch {
    return HeaderMatch.create('HeaderMatch.exact', name, value, MatchType.EXACT);
  }

  /**
   * The header `name` matches the regular expression `pattern`.
   * The dialect is the implementation's: RE2 for Envoy-based ones (Envoy Gateway, Istio,
   * kgateway), PCRE for NGINX Gateway Fabric; see docs/regex.md. Patterns that neither accepts
   * (`/a(b`) are rejected here.
   */
  public static regex(name: string, pattern: string): HeaderMatch {
    const err = regexSyntaxError(pattern);
    if (err) throwIn('HeaderMatch.regex', err);
    return HeaderMatch.create('HeaderMatch.regex', name, pattern, MatchType.REGULAR_EXPRESSION);
  }

  private static create(factory: string, name: string, value: string, type: MatchType): HeaderMatch {
    checkNameValue(factory, 'header', name, value, MAX_HEADER_VALUE);
    return new HeaderMatch(name, value, type);
  }

  private constructor(name: string, value: string, type: MatchType) {
    super(name, value, type);
  }
}

/**
 * Checks that no header name repeats (case-insensitively) within one match.
 * @internal
 */
export function checkUniqueHeaders(factory: string | (() => string), headers: HeaderMatch[]): void {
  if (headers.length < 2) return;
  const seen = new Set<string>();
  for (const h of headers) {
    const key = h.name.toLowerCase();
    if (seen.has(key)) {
      throwIn(typeof factory === 'string' ? factory : factory(), `header "${h.name}" is matched more than once in one match; combine the conditions or use separate matches`);
    }
    seen.add(key);
  }
}
