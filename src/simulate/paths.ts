/**
 * Path matching and rewriting. Internal.
 */

/**
 * PathPrefix match, element by element; a trailing `/` of the prefix is ignored (HTTPPathMatch
 * field doc: `/abc` matches `/abc`, `/abc/` and `/abc/def`, not `/abcd`).
 */
export function pathPrefixMatches(prefix: string, path: string): boolean {
  const p = prefix.replace(/\/+$/, '');
  return p === '' || path === p || path.startsWith(p + '/');
}

/**
 * ReplacePrefixMatch: replaces the matched prefix (whole elements) of `path` with `replacement`
 * (the table in the HTTPPathModifier `replacePrefixMatch` field doc).
 */
export function replacePrefix(path: string, prefix: string, replacement: string): string {
  const rest = path.slice(prefix.replace(/\/+$/, '').length);
  const out = replacement.replace(/\/+$/, '') + rest;
  return out.startsWith('/') ? out : '/' + out;
}

/** A cache of compiled patterns. */
const compiled = new Map<string, RegExp | null>();

/**
 * An RE2 pattern (the dialect of Envoy-based implementations) as a JavaScript RegExp, or null when
 * it cannot be read: leading flags `(?i)`, `(?s)`, `(?m)` become RegExp flags, `(?P<name>` becomes
 * `(?<name>`, `\A` and `\z` become `^` and `$`. `anchored` wraps it to match the whole value.
 */
function regex(pattern: string, anchored: boolean, global = false): RegExp | null {
  const key = `${anchored}/${global}/${pattern}`;
  let re = compiled.get(key);
  if (re === undefined) {
    const lead = /^\(\?([imsU]+)\)/.exec(pattern);
    let flags = lead ? lead[1] : '';
    let body = (lead ? pattern.slice(lead[0].length) : pattern)
      .replace(/\(\?P</g, '(?<').replace(/\\A/g, '^').replace(/\\z/g, '$');
    if (anchored) body = `^(?:${body})$`;
    if (global) flags += 'g';
    try {
      re = flags.includes('U') ? null : new RegExp(body, flags);
    } catch {
      re = null;
    }
    compiled.set(key, re);
  }
  return re;
}

/** Whether the model can read a RegularExpression value. */
export function readablePattern(pattern: string): boolean {
  return regex(pattern, true) !== null;
}

/** `value` matches the whole of `pattern`; a pattern the model cannot read matches nothing. */
export function fullMatch(pattern: string, value: string): boolean {
  return regex(pattern, true)?.test(value) ?? false;
}

/**
 * `pattern` matches somewhere in `value` (nginx's `location ~` semantics: unanchored unless the
 * pattern anchors itself); a pattern the model cannot read matches nothing.
 */
export function searchMatch(pattern: string, value: string): boolean {
  return regex(pattern, false)?.test(value) ?? false;
}

/** HTTPPathModifier applied to `path` (the matched PathPrefix in `prefix`, if any). */
export function modifyPath(mod: any, path: string, prefix: string | undefined): string {
  if (mod?.type === 'ReplaceFullPath') return mod.replaceFullPath ?? '/';
  if (mod?.type === 'ReplacePrefixMatch' && prefix !== undefined) return replacePrefix(path, prefix, mod.replacePrefixMatch ?? '/');
  return path;
}

/**
 * RE2 `GlobalReplace` (Envoy's `regex_rewrite`): every match of `pattern` in `value` is replaced
 * by `substitution`, where `\0`-`\9` insert groups and `\\` a backslash. Undefined when the
 * pattern does not compile.
 */
export function regexReplace(value: string, pattern: string, substitution: string): string | undefined {
  const re = regex(pattern, false, true);
  if (!re) return undefined;
  re.lastIndex = 0;
  return value.replace(re, (...args: any[]) => {
    const groups = args.slice(0, args.findIndex(a => typeof a === 'number'));
    return substitution.replace(/\\(\\|[0-9])/g, (_m, c: string) => c === '\\' ? '\\' : String(groups[Number(c)] ?? ''));
  });
}
