import { throwIn } from '../core/errors';
import { checkHeaderName } from '../core/formats';

/**
 * How a header (or query parameter) value is compared.
 */
export enum MatchType {
  /** The value equals the given string. */
  EXACT = 'Exact',
  /** The value matches the given regular expression (implementation-specific dialect). */
  REGULAR_EXPRESSION = 'RegularExpression',
}

/**
 * A request header condition, used by HTTPRoute and GRPCRoute matches.
 */
export class HeaderMatch {
  /** The header `name` has exactly `value`. Header names are case-insensitive. */
  public static exact(name: string, value: string): HeaderMatch {
    return HeaderMatch.create('HeaderMatch.exact', name, value, MatchType.EXACT);
  }

  /** The header `name` matches the regular expression `pattern`. */
  public static regex(name: string, pattern: string): HeaderMatch {
    return HeaderMatch.create('HeaderMatch.regex', name, pattern, MatchType.REGULAR_EXPRESSION);
  }

  private static create(factory: string, name: string, value: string, type: MatchType): HeaderMatch {
    const err = checkHeaderName(name);
    if (err) throwIn(factory, err);
    if (value.length < 1 || value.length > 4096) {
      throwIn(factory, `value of header "${name}" must be 1-4096 characters`);
    }
    return new HeaderMatch(name, value, type);
  }

  private constructor(
    /** Header name. */
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
 * Checks that no header name repeats (case-insensitively) within one match.
 * @internal
 */
export function checkUniqueHeaders(factory: string, headers: HeaderMatch[]): void {
  const seen = new Set<string>();
  for (const h of headers) {
    const key = h.name.toLowerCase();
    if (seen.has(key)) {
      throwIn(factory, `header "${h.name}" is matched more than once in one match; combine the conditions or use separate matches`);
    }
    seen.add(key);
  }
}
