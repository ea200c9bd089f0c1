/*
 * `rewrite-target`, as `template.go` `buildProxyPass` renders it: `rewrite "(?i)<location
 * path>" <target> break;` — nginx replaces the whole `$uri` with the target after substituting
 * `$1`..`$9` from that (case-insensitive, unanchored) regex, and appends the request's query
 * (after the target's own, with `&`; not at all when the target ends in `?`). A target
 * starting with `http://` or `https://` makes nginx answer a 302 redirect to it instead
 * (`ngx_http_rewrite_module`). Internal.
 */

/** What a rewrite does to a request. */
export interface RewriteResult {
  /** Path and query sent upstream. */
  readonly upstreamPath: string;
  /** An absolute target: nginx answers 302 with this Location instead of proxying. */
  readonly redirect?: string;
}

/** Applies a rewrite; undefined when the location regex does not match (no rewrite). */
export function applyRewrite(locationPath: string, target: string, uri: string, args: string | undefined): RewriteResult | undefined {
  let m: RegExpExecArray | null;
  try {
    m = new RegExp(locationPath, 'i').exec(uri);
  } catch {
    return undefined;
  }
  if (m === null) return undefined;
  const captures = m;
  const replaced = target.replace(/\$(\d)/g, (_all, n: string) => captures[Number(n)] ?? '');
  let result: string;
  if (replaced.endsWith('?')) {
    result = replaced.slice(0, -1);
  } else if (replaced.includes('?')) {
    result = args ? `${replaced}&${args}` : replaced;
  } else {
    result = args ? `${replaced}?${args}` : replaced;
  }
  if (/^https?:\/\//i.test(replaced)) return { upstreamPath: result, redirect: result };
  return { upstreamPath: result };
}
