import { MAX_HEADER_VALUE, checkValueLength } from './header-match';
import { throwIn } from '../core/errors';
import { checkHeaderName } from '../core/formats';

const MAX_ENTRIES = 16;

/**
 * Header changes for a `RequestHeaderModifier` or `ResponseHeaderModifier` filter.
 */
export interface HeaderModifierOptions {
  /**
   * Headers to set, replacing any value already present.
   * @default - none
   */
  readonly set?: { [name: string]: string };
  /**
   * Headers to add, appended to any value already present.
   * @default - none
   */
  readonly add?: { [name: string]: string };
  /**
   * Header names to remove.
   * @default - none
   */
  readonly remove?: string[];
}

/**
 * Renders and checks header modifier options (names valid, values of 1-4096 characters, each
 * list at most 16 entries, no name repeated across set/add/remove, at least one change). Each
 * list is rendered in case-insensitive name order.
 * @internal
 */
export function renderHeaderModifier(factory: string, options: HeaderModifierOptions): any {
  const set = sortedEntries(options.set ?? {});
  const add = sortedEntries(options.add ?? {});
  const remove = [...options.remove ?? []].sort(compareHeaderNames);
  if (set.length + add.length + remove.length === 0) {
    throwIn(factory, 'no header to set, add or remove; pass at least one');
  }
  const seen = new Set<string>();
  checkNames(factory, 'set', set, true, seen);
  checkNames(factory, 'add', add, true, seen);
  checkNames(factory, 'remove', remove, false, seen);
  for (const [name, value] of set) checkValueLength(`${factory}: set`, 'header', name, value, MAX_HEADER_VALUE);
  for (const [name, value] of add) checkValueLength(`${factory}: add`, 'header', name, value, MAX_HEADER_VALUE);
  return {
    set: set.length ? set.map(([name, value]) => ({ name, value })) : undefined,
    add: add.length ? add.map(([name, value]) => ({ name, value })) : undefined,
    remove: remove.length ? remove : undefined,
  };
}

/** Checks the header names of one list (`entries` of [name, value] or names): count, syntax, no repeat across lists. */
function checkNames(factory: string, field: string, entries: ReadonlyArray<[string, string] | string>, pairs: boolean, seen: Set<string>): void {
  if (entries.length > MAX_ENTRIES) {
    throwIn(factory, `${field} has ${entries.length} headers, the maximum is ${MAX_ENTRIES}`);
  }
  for (const entry of entries) {
    const name = pairs ? (entry as [string, string])[0] : entry as string;
    const err = checkHeaderName(name);
    if (err) throwIn(factory, `${field}: ${err}`);
    const key = name.toLowerCase();
    if (seen.has(key)) {
      throwIn(factory, `header "${name}" appears more than once (header names are case-insensitive); give each header one action`);
    }
    seen.add(key);
  }
}

/**
 * Orders header names case-insensitively (by UTF-16 code units, independent of the locale),
 * so that equal inputs render identically whatever the key order of the object they came in.
 * @internal
 */
export function compareHeaderNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The entries of a header map, ordered by `compareHeaderNames` (a stable sort).
 * @internal
 */
export function sortedEntries(headers: { [name: string]: string }): Array<[string, string]> {
  return Object.entries(headers).sort(([a], [b]) => compareHeaderNames(a, b));
}
