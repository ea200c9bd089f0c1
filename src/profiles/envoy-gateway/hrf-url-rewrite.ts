import { re2CaptureGroups, re2SyntaxError } from './hrf-re2';
import { throwIn } from '../../core/errors';
import { checkHeaderName } from '../../core/formats';
import * as eg from '../../imports/envoy-gateway/gateway.envoyproxy.io';

/**
 * A regular-expression path rewrite (`spec.urlRewrite.path.replaceRegexMatch`): every part of
 * the path that `pattern` matches is replaced by `substitution`. ingress-nginx's
 * `rewrite-target: /$2` with `path: /api(/|$)(.*)` becomes pattern `^/api(/|$)(.*)` and
 * substitution `/\2`.
 */
export interface RegexRewriteOptions {
  /** An RE2 pattern matched against the request path (not anchored unless it says so). */
  readonly pattern: string;
  /**
   * The replacement: `\1` to `\9` insert capture groups, `\0` the whole match, `\\` a
   * backslash. May be empty.
   */
  readonly substitution: string;
}

/**
 * Checks a regex rewrite and returns its `replaceRegexMatch`, or an error naming the field.
 * @internal
 */
export function renderRegexRewrite(field: string, options: RegexRewriteOptions):
{ value?: eg.HttpRouteFilterSpecUrlRewritePathReplaceRegexMatch; error?: string } {
  const error = checkRegexSubstitution(options.pattern, options.substitution);
  if (error) return { error: `${field}: ${error}` };
  return { value: { pattern: options.pattern, substitution: options.substitution } };
}

function checkRegexSubstitution(pattern: string, substitution: string): string | undefined {
  if (pattern.length === 0) return 'pattern is empty; give an RE2 pattern such as "^/api/(.*)"';
  const err = re2SyntaxError(pattern);
  if (err) return err;
  const groups = re2CaptureGroups(pattern);
  // The rewrite-string rules of RE2::CheckRewriteString (re2/re2.cc): Envoy substitutes with
  // RE2::GlobalReplace, where any other escape or a group the pattern lacks is an error.
  for (let i = 0; i < substitution.length; i++) {
    if (substitution[i] !== '\\') continue;
    const next = substitution[i + 1] ?? '';
    if (next === '\\') {
      i++;
    } else if (/[0-9]/.test(next)) {
      if (Number(next) > groups) {
        return `substitution "${substitution}" refers to group \\${next} but pattern "${pattern}" has ${groups} capture group${groups === 1 ? '' : 's'}`;
      }
      i++;
    } else {
      return `substitution "${substitution}" has "\\${next}"; a backslash must start \\0-\\9 (a capture group) or \\\\ (a backslash)`;
    }
  }
  return undefined;
}

/**
 * How the Host header is rewritten (`spec.urlRewrite.hostname`).
 */
export class HostnameRewrite {
  /** Use the value of request header `header` as the Host. */
  public static fromHeader(header: string): HostnameRewrite {
    const err = checkHeaderName(header);
    if (err) throwIn('HostnameRewrite.fromHeader', err);
    return new HostnameRewrite({ type: eg.HttpRouteFilterSpecUrlRewriteHostnameType.HEADER, header });
  }

  /** Use the hostname of the selected backend endpoint (an Envoy Gateway `Backend` FQDN). */
  public static backend(): HostnameRewrite {
    return new HostnameRewrite({ type: eg.HttpRouteFilterSpecUrlRewriteHostnameType.BACKEND });
  }

  /**
   * Compute the Host from the request path: `pattern` (RE2) is matched against the path and
   * `substitution` (with `\1`-style references) gives the Host; the path is kept.
   */
  public static pathRegex(pattern: string, substitution: string): HostnameRewrite {
    const f = 'HostnameRewrite.pathRegex';
    const err = checkRegexSubstitution(pattern, substitution);
    if (err) throwIn(f, err);
    if (substitution.length === 0 || /[\r\n\0]/.test(substitution)) {
      throwIn(f, `substitution ${JSON.stringify(substitution)} must be non-empty and have no CR, LF or NUL (it becomes a header value)`);
    }
    return new HostnameRewrite({ type: eg.HttpRouteFilterSpecUrlRewriteHostnameType.PATH_REGEX, pathRegex: { pattern, substitution } });
  }

  private constructor(private readonly spec: eg.HttpRouteFilterSpecUrlRewriteHostname) {}

  /** @internal */
  public _toKube(): eg.HttpRouteFilterSpecUrlRewriteHostname {
    return { ...this.spec };
  }
}
