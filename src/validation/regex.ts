import type { CelResult } from '@bufbuild/cel';
import { celRuntime } from './cel-runtime';

/*
 * Regular expressions as the API server runs them: RE2 (Go `regexp`), unanchored. JavaScript's
 * `RegExp` (with `u`) is used, and cached, when a pattern means the same in both engines; the
 * rest goes to the RE2 port that `@bufbuild/cel` ships (through its standard `matches`).
 */

/**
 * The JavaScript (`u` flag) form of an RE2 pattern, or undefined when the pattern is not known
 * to mean the same in both engines: Perl/RE2-only escapes (`\s` differs; `\pN`, `\Q`, `\z`,
 * `\x{..}`), backreferences, POSIX classes and flag groups other than a leading `(?i)` go to RE2.
 * A `.` outside a class becomes `[^\n]` (RE2's `.`; JavaScript's also refuses `\r`, U+2028, U+2029),
 * and a `]` first in a class is escaped (literal in RE2, an empty class in JavaScript).
 */
function toJs(pattern: string): { body: string; flags: string } | undefined {
  let flags = 'u';
  let src = pattern;
  const lead = /^\^?\(\?i\)/.exec(src);
  if (lead) {
    src = (src.startsWith('^') ? '^' : '') + src.slice(lead[0].length);
    flags = 'iu';
  }
  let body = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      const next = src[i + 1] ?? '';
      if (/[sSpPQEzAC1-9]/.test(next)) return undefined;
      if (next === 'x' && !/^[0-9a-fA-F]{2}$/.test(src.slice(i + 2, i + 4))) return undefined;
      body += c + next;
      i++;
    } else if (inClass) {
      if (c === '[' && src[i + 1] === ':') return undefined;
      if (c === ']') inClass = false;
      body += c;
    } else if (c === '[') {
      inClass = true;
      body += c;
      if (src[i + 1] === '^') body += src[++i];
      if (src[i + 1] === ']') {
        body += '\\]';
        i++;
      }
    } else if (c === '.') {
      body += '[^\\n]';
    } else if (c === '(' && src[i + 1] === '?' && src[i + 2] !== ':') {
      return undefined;
    } else {
      body += c;
    }
  }
  return { body, flags };
}

function jsRegExp(pattern: string): RegExp | undefined {
  const js = toJs(pattern);
  if (!js) return undefined;
  try {
    return new RegExp(js.body, js.flags);
  } catch {
    return undefined;
  }
}

type Re2Program = (bindings: { s: string; p: string }) => CelResult;
let re2Program: Re2Program | undefined;

/** `s.matches(p)` of `@bufbuild/cel` (its RE2 port), planned once. */
function planRe2(): Re2Program {
  if (!re2Program) {
    const { plan, celEnv, parse } = celRuntime();
    re2Program = plan(celEnv(), parse('s.matches(p)')) as unknown as Re2Program;
  }
  return re2Program;
}

function re2Matches(s: string, p: string): boolean {
  const r = planRe2()({ s, p });
  if (celRuntime().isCelError(r)) throw r;
  return r === true;
}

const cache = new Map<string, (s: string) => boolean>();

/**
 * A matcher for an RE2 pattern (compiled once per process). Throws on the first use if the
 * pattern is not valid RE2.
 * @internal
 */
export function re2Matcher(pattern: string): (s: string) => boolean {
  let m = cache.get(pattern);
  if (!m) {
    const re = jsRegExp(pattern);
    m = re ? (s: string) => re.test(s) : (s: string) => re2Matches(s, pattern);
    cache.set(pattern, m);
  }
  return m;
}

/**
 * Why no regular-expression dialect that Gateway API implementations use accepts `pattern`, or
 * undefined when one does. RE2 (Go `regexp`, Envoy's `safe_regex`: Envoy Gateway and most
 * Envoy-based implementations) is checked first; a pattern RE2 refuses is still accepted when
 * it is a valid ECMAScript pattern, the stand-in here for PCRE (NGINX: NGINX Gateway Fabric),
 * which also takes lookarounds and backreferences. `/a(b` fails both.
 * @internal
 */
export function regexSyntaxError(pattern: string): string | undefined {
  const r = planRe2()({ s: '', p: pattern });
  if (!celRuntime().isCelError(r)) return undefined;
  try {
    new RegExp(pattern);
    return undefined;
  } catch {
    return `pattern "${pattern}" is not a valid regular expression (RE2: ${r.message.replace(/^error parsing regexp: /, '')}; not valid PCRE/ECMAScript either)`;
  }
}
