import * as jsyaml from 'js-yaml';
import { ManifestReadError, parseYamlEvents } from './kubectl-yaml';
import { jsonKey, resolve } from './yaml11-scalars';

/*
 * Where a field of a document is written: the document is parsed once into events, every
 * collection's end is found in one pass, and each mapping (sequence) gets a key (item) table
 * the first time a path goes through it. A lookup then costs its path's length, and the
 * lookups of a whole document cost linear time in total.
 */

const E = jsyaml.EVENT_ID;

/** `spec.rules[0].filters[k.io/x]` → `spec`, `rules`, `0`, `filters`, `k.io/x`. */
export function parsePath(path: string): string[] {
  const out: string[] = [];
  const re = /\[([^\]]*)\]|([^.[\]]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path)) !== null) {
    let s = m[1] ?? m[2];
    // CEL field paths quote map keys: ['key'].
    if (m[1] !== undefined && /^'.*'$/.test(s)) s = s.slice(1, -1);
    out.push(s);
  }
  return out;
}

/** Source offset of a node event, or -1 (empty scalars have no position). */
function nodeOffset(ev: jsyaml.Event | undefined): number {
  if (!ev) return -1;
  let o: number;
  switch (ev.type) {
    case E.SCALAR: o = ev.valueStart; break;
    case E.MAPPING:
    case E.SEQUENCE: o = ev.start; break;
    default: return -1;
  }
  if (ev.anchorStart >= 0 && (o < 0 || ev.anchorStart < o)) o = ev.anchorStart;
  if (ev.tagStart >= 0 && (o < 0 || ev.tagStart < o)) o = ev.tagStart;
  return o;
}

/** The positions of the fields of one document. */
export class YamlPositionIndex {
  private readonly events: jsyaml.Event[];
  /** For a collection event: the index after its POP; for any other node: index + 1. */
  private readonly after: Int32Array;
  private readonly keyTables = new Map<number, Map<string, { key: number; value: number }>>();
  private readonly itemTables = new Map<number, number[]>();

  /**
   * @param text the document's text (offsets are relative to it)
   */
  constructor(private readonly text: string) {
    let events: jsyaml.Event[] = [];
    try {
      events = parseYamlEvents(text);
    } catch (e) {
      if (!(e instanceof ManifestReadError)) throw e;
    }
    this.events = events;
    this.after = new Int32Array(events.length);
    const open: number[] = [];
    for (let i = 0; i < events.length; i++) {
      const t = events[i].type;
      if (t === E.MAPPING || t === E.SEQUENCE || t === E.DOCUMENT) {
        open.push(i);
      } else if (t === E.POP) {
        const o = open.pop();
        if (o !== undefined) this.after[o] = i + 1;
        this.after[i] = i + 1;
      } else {
        this.after[i] = i + 1;
      }
    }
  }

  /**
   * The offset of the deepest node of `path` that exists in the text (a mapping entry's key),
   * of the document's root for an empty path, or -1 when the document has no node.
   */
  public offsetOf(path: readonly string[]): number {
    const first = this.events.findIndex(e => e.type === E.DOCUMENT);
    if (first < 0 || first + 1 >= this.events.length) return -1;
    let at = first + 1;
    let offset = nodeOffset(this.events[at]);
    for (const segment of path) {
      const ev = this.events[at];
      let found = -1;
      let keyAt = -1;
      if (ev?.type === E.MAPPING) {
        const entry = this.keys(at).get(segment);
        if (entry) {
          found = entry.value;
          keyAt = entry.key;
        }
      } else if (ev?.type === E.SEQUENCE && /^\d+$/.test(segment)) {
        const items = this.items(at);
        const n = Number(segment);
        if (n < items.length) found = items[n];
      }
      if (found < 0) break;
      at = found;
      const o = keyAt >= 0 ? nodeOffset(this.events[keyAt]) : nodeOffset(this.events[found]);
      if (o >= 0) offset = o;
    }
    return offset;
  }

  /** The key table of the mapping starting at event `at` (JSON keys, as kubectl converts them). */
  private keys(at: number): Map<string, { key: number; value: number }> {
    let table = this.keyTables.get(at);
    if (table) return table;
    table = new Map();
    let i = at + 1;
    while (i < this.events.length && this.events[i].type !== E.POP) {
      const k = this.events[i];
      const value = this.after[i];
      if (k.type === E.SCALAR) {
        const raw = jsyaml.getScalarValue(this.text, k);
        const name = k.style === jsyaml.SCALAR_STYLE.PLAIN && k.tagStart < 0 ? jsonKey(resolve(raw)) : raw;
        if (name !== undefined) table.set(name, { key: i, value });
      }
      i = this.after[value] || value + 1;
    }
    this.keyTables.set(at, table);
    return table;
  }

  /** The item events of the sequence starting at event `at`. */
  private items(at: number): number[] {
    let items = this.itemTables.get(at);
    if (items) return items;
    items = [];
    let i = at + 1;
    while (i < this.events.length && this.events[i].type !== E.POP) {
      items.push(i);
      i = this.after[i];
    }
    this.itemTables.set(at, items);
    return items;
  }
}

/**
 * 0-based offsets of the line starts of a text (`\n`, `\r\n` and `\r` end lines).
 * @internal
 */
export function lineStarts(t: string): number[] {
  const starts = [0];
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 10) {
      starts.push(i + 1);
    } else if (c === 13) {
      if (t.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/**
 * 0-based index of the line holding `offset` (binary search in `lineStarts`).
 * @internal
 */
export function lineIndex(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi + 1) / 2);
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The parsed text of one manifest file: its objects, and the positions of their fields.
 */
