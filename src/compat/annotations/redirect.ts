/**
 * Redirect annotations: `temporal-redirect` (+ `-code`), `permanent-redirect` (+ `-code`) and
 * `from-to-www-redirect`, read in the order and with the fallbacks of ingress-nginx's
 * `internal/ingress/annotations/redirect/redirect.go` `Parse`: temporal first (it wins), codes
 * out of range replaced by the default, a value the validator refuses drops the Ingress, a URL
 * whose scheme is not http(s) makes ingress-nginx ignore the whole redirect group. Internal.
 */
import { FamilyContext } from './context';
import { URL_IS_VALID, isHttpUrl, parseGoBool, parseGoInt } from './values';

interface RedirectKind {
  readonly key: 'temporal-redirect' | 'permanent-redirect';
  readonly defaultCode: number;
  readonly maxCode: number;
}

const TEMPORAL: RedirectKind = { key: 'temporal-redirect', defaultCode: 302, maxCode: 307 };
const PERMANENT: RedirectKind = { key: 'permanent-redirect', defaultCode: 301, maxCode: 308 };

/** Reads the redirect annotations into `ctx.draft`. */
export function parseRedirects(ctx: FamilyContext): void {
  const www = readWww(ctx);
  const temporal = readRedirect(ctx, TEMPORAL);
  if (temporal === 'ignored') return ignoreGroup(ctx, TEMPORAL.key);
  if (temporal !== undefined) {
    ctx.draft.temporalRedirect = temporal;
    ctx.draft.fromToWwwRedirect = www;
    for (const key of ctx.present('permanent-redirect', 'permanent-redirect-code')) {
      ctx.unsupported(key, 'is ignored because temporal-redirect is set (temporal-redirect wins, as in ingress-nginx); remove one of them');
    }
    return;
  }
  if (ctx.has('temporal-redirect-code') && !ctx.noticed.has('temporal-redirect-code')) ctx.noEffect('temporal-redirect-code', 'temporal-redirect');
  const permanent = readRedirect(ctx, PERMANENT);
  if (permanent === 'ignored') return ignoreGroup(ctx, PERMANENT.key);
  if (permanent !== undefined) ctx.draft.permanentRedirect = permanent;
  else if (ctx.has('permanent-redirect-code') && !ctx.noticed.has('permanent-redirect-code')) ctx.noEffect('permanent-redirect-code', 'permanent-redirect');
  ctx.draft.fromToWwwRedirect = www;
}

/** `from-to-www-redirect`: a bool; a value that is not one drops the Ingress. */
function readWww(ctx: FamilyContext): boolean {
  const raw = ctx.raw('from-to-www-redirect');
  if (raw === undefined) return false;
  const b = parseGoBool(raw);
  if (b === undefined) ctx.reject('from-to-www-redirect', `value "${raw}" is not a boolean (true or false)`);
  return b ?? false;
}

/**
 * One redirect with its code: undefined when absent (or dropping the Ingress), `ignored` when
 * the URL's scheme is not http(s).
 */
function readRedirect(ctx: FamilyContext, kind: RedirectKind): { url: string; code: number } | 'ignored' | undefined {
  const codeKey = `${kind.key}-code`;
  let code = kind.defaultCode;
  const rawCode = ctx.raw(codeKey);
  if (rawCode !== undefined) {
    const n = parseGoInt(rawCode);
    if (n === undefined) {
      ctx.reject(codeKey, `value "${rawCode}" is not a whole number`);
    } else if (n < 300 || n > kind.maxCode) {
      ctx.invalid(codeKey, `value ${rawCode} is outside 300-${kind.maxCode}; ingress-nginx uses ${kind.defaultCode}, and so does IngressCompat`);
    } else {
      code = n;
    }
  }
  const url = ctx.string(kind.key, 'no redirect');
  if (url === undefined) return undefined;
  if (!URL_IS_VALID.test(url)) {
    ctx.reject(kind.key, `value "${url}" has characters a redirect URL may not have (letters, digits and -._~:/?&= only)`);
    return undefined;
  }
  if (!isHttpUrl(url)) {
    ctx.invalid(kind.key, `value "${url}" is not an http:// or https:// URL; ingress-nginx ignores every redirect annotation of this Ingress for it (from-to-www-redirect included), and so does IngressCompat`);
    return 'ignored';
  }
  return { url, code };
}

/** The other redirect keys when ingress-nginx ignores the whole redirect group. */
function ignoreGroup(ctx: FamilyContext, culprit: string): void {
  const others = ['temporal-redirect', 'temporal-redirect-code', 'permanent-redirect', 'permanent-redirect-code', 'from-to-www-redirect'];
  for (const key of ctx.present(...others)) {
    if (key === culprit || ctx.draft.rejected !== undefined && ctx.noticed.has(key)) continue;
    ctx.unsupported(key, `is ignored because ${culprit} is not an http(s) URL (ingress-nginx then ignores every redirect annotation of the Ingress); fix ${culprit}`);
  }
  ctx.draft.fromToWwwRedirect = false;
}
