import { re2SyntaxError } from './hrf-re2';
import { throwIn } from '../../core/errors';
import { charLength } from '../../core/formats';
import * as eg from '../../imports/envoy-gateway/gateway.envoyproxy.io';

const MAX_NAME = 256;
const MAX_VALUE = 4096;
/** Cookie names are RFC 6265 tokens. */
const COOKIE_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;

/**
 * How a cookie's value is compared.
 */
export enum CookieMatchType {
  /** The value equals the given string. */
  EXACT = 'Exact',
  /** The value matches an RE2 regular expression. */
  REGULAR_EXPRESSION = 'RegularExpression',
}

/**
 * A condition on one request cookie (`HTTPRouteFilter.spec.matches[].cookies[]`), such as
 * ingress-nginx's `canary-by-cookie`.
 */
export class CookieMatch {
  /** The cookie `name` has exactly the value `value`. */
  public static exact(name: string, value: string): CookieMatch {
    return CookieMatch.create('CookieMatch.exact', CookieMatchType.EXACT, name, value);
  }

  /**
   * The value of cookie `name` matches the RE2 pattern `pattern` (Envoy matches the whole
   * value: write `.*` around a fragment).
   */
  public static regularExpression(name: string, pattern: string): CookieMatch {
    const err = re2SyntaxError(pattern);
    if (err) throwIn('CookieMatch.regularExpression', err);
    return CookieMatch.create('CookieMatch.regularExpression', CookieMatchType.REGULAR_EXPRESSION, name, pattern);
  }

  private static create(factory: string, type: CookieMatchType, name: string, value: string): CookieMatch {
    if (charLength(name) > MAX_NAME || !COOKIE_NAME.test(name)) {
      throwIn(factory, `cookie name "${name}" must be a token of 1-${MAX_NAME} characters (letters, digits and !#$%&'*+-.^_\`|~)`);
    }
    if (charLength(value) < 1 || charLength(value) > MAX_VALUE) {
      throwIn(factory, `value of cookie "${name}" must be 1-${MAX_VALUE} characters (has ${charLength(value)})`);
    }
    return new CookieMatch(type, name, value);
  }

  private constructor(
    /** How the value is compared. */
    public readonly type: CookieMatchType,
    /** Name of the cookie. */
    public readonly name: string,
    /** The value or pattern. */
    public readonly value: string) {}

  /** @internal */
  public _toKube(): eg.HttpRouteFilterSpecMatchesCookies {
    return { type: this.type as string as eg.HttpRouteFilterSpecMatchesCookiesType, name: this.name, value: this.value };
  }
}
