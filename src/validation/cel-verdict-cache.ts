import { KeyWriter, Projector } from './cel-deps';

/*
 * The verdict caches of CEL rule evaluation (cel.ts): per schema node with rules, the verdicts
 * of its rules for each key that node's values had (cel-deps.ts: the key holds exactly what the
 * rules observe of the value). A key is a sequence of atoms, kept in a trie of maps, one map per
 * prefix: finding a key walks its atoms and builds no string (most lookups hit, so that is the
 * cost that matters). Internal.
 */

/** What one rule concluded of a value (`null`: it passed). @internal */
export type Verdict = null | { readonly compileError: string } | { readonly celError: string } | { readonly message: string };

/** A trie node: the next atom's node, and under END the verdicts of the key ending here. */
type TrieNode = Map<unknown, TrieNode | readonly Verdict[]>;

const END = Symbol('end of key');

/** Keys longer than this (large subtrees the rules read whole) are not cached. */
const MAX_KEY_LENGTH = 1024;
/** Keys per schema node; beyond it the node's cache starts again, empty. */
const MAX_ENTRIES_PER_NODE = 1000;
/**
 * Estimated bytes of all the caches (a trie node's overhead plus the characters of its atom);
 * beyond it, every cache is emptied, so memory stays flat however large and varied the input.
 */
const MAX_CACHED_BYTES = 8_000_000;
const NODE_BYTES = 120;

/**
 * The verdict cache of one schema node's rules, with the projector of its keys.
 * @internal
 */
export class NodeCache {
  private root: TrieNode = new Map();
  private entries = 0;

  constructor(public readonly projector: Projector) {}

  /** The verdicts of the key in `atoms`, if cached. */
  public get(atoms: readonly unknown[]): readonly Verdict[] | undefined {
    let node: TrieNode | undefined = this.root;
    for (let i = 0; i < atoms.length; i++) {
      node = node.get(atoms[i]) as TrieNode | undefined;
      if (node === undefined) return undefined;
    }
    return node.get(END) as readonly Verdict[] | undefined;
  }

  /** Caches the verdicts of the key in `atoms`. */
  public set(atoms: readonly unknown[], verdicts: readonly Verdict[]): void {
    if (this.entries >= MAX_ENTRIES_PER_NODE) this.clear();
    let node = this.root;
    let bytes = 0;
    for (let i = 0; i < atoms.length; i++) {
      const atom = atoms[i];
      let next = node.get(atom) as TrieNode | undefined;
      if (next === undefined) {
        next = new Map();
        node.set(typeof atom === 'string' ? ownString(atom) : atom, next);
        bytes += NODE_BYTES + (typeof atom === 'string' ? atom.length * 2 : 0);
      }
      node = next;
    }
    if (!node.has(END)) {
      this.entries++;
      cachedEntries++;
    }
    node.set(END, verdicts);
    filled.add(this);
    cachedBytes += bytes;
    if (cachedBytes > MAX_CACHED_BYTES) clearCelCache();
  }

  /** Empties the cache. */
  public clear(): void {
    cachedEntries -= this.entries;
    this.root = new Map();
    this.entries = 0;
  }
}

/**
 * A string equal to `s` that refers to no other string. A string value of a parsed document
 * can be a slice of the whole input (V8 makes slices of 13 characters and more refer to their
 * parent): kept in a cache, it would keep the whole input in memory.
 */
function ownString(s: string): string {
  return s.length < 13 ? s : `${s}\u0000`.slice(0, -1);
}

const filled = new Set<NodeCache>();
let cachedBytes = 0;
let cachedEntries = 0;

/**
 * The key writer of all caches (keys are written and used one at a time).
 * @internal
 */
export const keyWriter = new KeyWriter(MAX_KEY_LENGTH);

/**
 * Empties the verdict caches.
 * @internal
 */
export function clearCelCache(): void {
  for (const cache of filled) cache.clear();
  filled.clear();
  cachedBytes = 0;
  cachedEntries = 0;
}

/**
 * Number of verdict sets cached and the estimated bytes of the caches (for tests and benchmarks).
 * @internal
 */
export function celCacheStats(): { entries: number; bytes: number } {
  return { entries: cachedEntries, bytes: cachedBytes };
}
