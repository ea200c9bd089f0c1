import { createHash } from 'crypto';

const HASH_LENGTH = 8;

/**
 * An 8-character hex hash of `parts` (joined with NUL, so `["a-b"]` and `["a", "b"]` differ).
 * @internal
 */
export function nameHash(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, HASH_LENGTH);
}

/**
 * Shortens a DNS-1123 name to `max` characters, keeping it unique by replacing the tail with
 * an 8-character hash of `parts` (so two different inputs never shorten to the same name).
 * @internal
 */
export function shortName(name: string, max: number, parts: readonly string[]): string {
  const clean = name.replace(/-+/g, '-').replace(/^-|-$/g, '');
  if (clean.length <= max) {
    return clean;
  }
  return `${clean.slice(0, max - HASH_LENGTH - 1).replace(/[-.]+$/, '')}-${nameHash(parts)}`;
}

/**
 * The closest lowercase RFC 1123 subdomain to `raw`: lowercased, every character other than
 * `a-z`, `0-9`, `-` and `.` replaced by `-`, each dot-separated label trimmed of leading and
 * trailing `-`, empty labels dropped (`Api_V1` → `api-v1`, `.a..b-` → `a.b`). Returns `x` when
 * nothing is left.
 * @internal
 */
export function toSubdomain(raw: string): string {
  const labels = raw.toLowerCase().replace(/[^a-z0-9.-]/g, '-').split('.')
    .map(label => label.replace(/-+/g, '-').replace(/^-|-$/g, ''))
    .filter(label => label !== '');
  return labels.length > 0 ? labels.join('.') : 'x';
}

/**
 * A valid, collision-free object name for a generated name `raw`: `raw` itself when it is
 * already a valid name of at most `max` characters; otherwise its sanitized form with an
 * 8-character hash of `parts` appended (distinct `parts` give distinct names even when they
 * sanitize alike, as `api.v1`/`api-v1` or `Api_V1`/`api-v1` would), shortened to `max`.
 * `alwaysHash` appends the hash even to a valid name (when `raw` alone could come from other parts).
 * @internal
 */
export function safeName(raw: string, max: number, parts: readonly string[], alwaysHash = false): string {
  const clean = toSubdomain(raw);
  if (!alwaysHash && clean === raw && raw.length <= max) {
    return raw;
  }
  const hash = nameHash(parts);
  const head = clean.slice(0, max - HASH_LENGTH - 1).replace(/[-.]+$/, '');
  return head === '' ? hash : `${head}-${hash}`;
}
