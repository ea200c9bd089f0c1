import { createHash } from 'crypto';

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
  const hash = createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 8);
  return `${clean.slice(0, max - 9).replace(/-+$/, '')}-${hash}`;
}
