/**
 * Keys under the ingress-nginx prefix that ingress-nginx does not know (typos, annotations of
 * other controllers under the wrong prefix): ingress-nginx ignores them, IngressCompat reports
 * them, with the closest known key when there is one. Internal: not part of the jsii API.
 */
import { NGINX_PREFIX } from '../model';
import { CompatNotice, NoticeStatus } from '../notices';
import { annotationKeys, stripPrefix } from './table';
import { ProfileHandling } from './table-types';

/** The largest edit distance at which a known key is suggested. */
export const SUGGESTION_MAX_DISTANCE = 3;

/**
 * The optimal-string-alignment form of the Damerau-Levenshtein distance: insertions,
 * deletions, substitutions and transpositions of two adjacent characters each cost 1.
 */
export function damerauLevenshtein(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (__, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2][j - 2] + 1);
      d[i][j] = best;
    }
  }
  return d[a.length][b.length];
}

/** The key with `_` read as `-` and in lower case (ingress-nginx keys are lower-case, dash-separated). */
function normalise(key: string): string {
  return key.replace(/_/g, '-').toLowerCase();
}

/**
 * The known key closest to `key` (without the prefix): one equal to it up to `_`/`-` and case,
 * else the one at the smallest Damerau-Levenshtein distance up to `SUGGESTION_MAX_DISTANCE`
 * (ties: the alphabetically first); undefined when none is that close.
 */
export function closestAnnotationKey(key: string): string | undefined {
  const bare = stripPrefix(key);
  const keys = annotationKeys();
  const exact = keys.find(k => k === normalise(bare));
  if (exact !== undefined) return exact;
  let best: string | undefined;
  let bestDistance = SUGGESTION_MAX_DISTANCE + 1;
  for (const known of keys) {
    if (Math.abs(known.length - bare.length) > SUGGESTION_MAX_DISTANCE) continue;
    const distance = damerauLevenshtein(normalise(bare), known);
    if (distance < bestDistance) {
      best = known;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The notice of a key under the prefix (with or without it) that is not in the annotation
 * table, for `ingress` (`namespace/name`): unsupported, with "did you mean" when a known key is close.
 */
export function unknownAnnotationNotice(ingress: string, key: string): CompatNotice {
  const verdict = unknownAnnotationVerdict(key);
  return { ingress, annotation: `${NGINX_PREFIX}${stripPrefix(key)}`, status: verdict.status, message: verdict.message };
}

/**
 * The notice status and sentence for a key under the prefix that is not in the annotation
 * table (with or without the prefix): unsupported, with "did you mean" when a known key is close.
 */
export function unknownAnnotationVerdict(key: string): ProfileHandling {
  const bare = stripPrefix(key);
  const closest = closestAnnotationKey(bare);
  const message = closest === undefined
    ? `\`${NGINX_PREFIX}${bare}\` is not an ingress-nginx annotation; it has no effect (ingress-nginx ignores it too).`
    : `\`${NGINX_PREFIX}${bare}\` is not an ingress-nginx annotation, so ingress-nginx ignores it; did you mean \`${NGINX_PREFIX}${closest}\`?`;
  return { status: NoticeStatus.UNSUPPORTED, message };
}
