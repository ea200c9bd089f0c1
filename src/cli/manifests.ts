import * as jsyaml from 'js-yaml';

/*
 * Reading manifests for the `validate` command with js-yaml (the fastest YAML parser available
 * to us). A problem's field path is mapped back to the line it is written on through js-yaml's
 * event stream (node offsets), parsed again only for a file that has problems: valid input
 * costs one parse.
 */

/** One Kubernetes object read from a manifest, with where it came from. */
export interface ManifestObject {
  /** The decoded object (plain JSON values). */
  readonly object: unknown;
  /** Index of the YAML document in its file (0-based, empty documents included). */
  readonly documentIndex: number;
  /** Path prefix of the object inside its document: `items[3]` for a `kind: List` item, else empty. */
  readonly itemPath: string;
}

/** A manifest whose text is not valid YAML (or JSON). */
export class ManifestSyntaxError extends Error {
  constructor(
    /** 1-based line of the error. */
    public readonly line: number,
    /** 1-based column of the error. */
    public readonly column: number,
    /** What is wrong, without the position. */
    public readonly reason: string) {
    super(`${line}:${column}: ${reason}`);
    this.name = 'ManifestSyntaxError';
  }
}

const E_DOCUMENT = jsyaml.EVENT_ID.DOCUMENT;
const E_SEQUENCE = jsyaml.EVENT_ID.SEQUENCE;
const E_MAPPING = jsyaml.EVENT_ID.MAPPING;
const E_SCALAR = jsyaml.EVENT_ID.SCALAR;
const E_POP = jsyaml.EVENT_ID.POP;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The parsed text of one manifest file: its objects, and the positions of their fields.
 */
export class Manifest {
  /**
   * Parses a multi-document YAML text (JSON is YAML too). Empty documents are skipped and
   * `kind: List` documents are expanded into their items, as `kubectl apply` does.
   *
   * @param json parse as JSON (duplicate keys: the last one wins, like `JSON.parse`)
   * @throws ManifestSyntaxError when the text is not valid YAML
   */
  public static parse(text: string, json = false): Manifest {
    if (json && text.trim() !== '') {
      // JSON is YAML, but YAML accepts more (`{"a": }`, comments): check the JSON syntax first.
      try {
        JSON.parse(text);
      } catch (e) {
        throw jsonSyntaxError(text, e instanceof Error ? e.message : String(e));
      }
    }
    let documents: unknown[];
    try {
      // The YAML 1.2 core schema (js-yaml's default): no timestamps, no `<<` merge keys, the
      // same values the `yaml` package and Kubernetes' JSON conversion give for manifests.
      documents = jsyaml.loadAll(text, { json });
    } catch (e) {
      if (e instanceof jsyaml.YAMLException) {
        const mark = e.mark;
        throw new ManifestSyntaxError(mark ? mark.line + 1 : 1, mark ? mark.column + 1 : 1, e.reason);
      }
      throw e;
    }
    return new Manifest(text, documents);
  }

  /** The objects, in document order. */
  public readonly objects: ManifestObject[] = [];
  /** Number of YAML documents, empty ones included. */
  public readonly documentCount: number;
  private events?: jsyaml.Event[];
  private docStarts?: number[];
  private lineStarts?: number[];

  private constructor(private readonly text: string, documents: unknown[]) {
    this.documentCount = documents.length;
    documents.forEach((doc, documentIndex) => {
      if (doc === null || doc === undefined) return;
      if (isPlainObject(doc) && doc.kind === 'List' && Array.isArray(doc.items)) {
        doc.items.forEach((item, i) => this.objects.push({ object: item, documentIndex, itemPath: `items[${i}]` }));
      } else {
        this.objects.push({ object: doc, documentIndex, itemPath: '' });
      }
    });
  }

  /**
   * The 1-based line of a field of a document: the deepest node of `path` (as the validator
   * writes it: `spec.rules[0].filters[1]`, `metadata.labels[app.kubernetes.io/name]`) that
   * exists in the text; the document's first line for an empty path.
   */
  public lineOf(documentIndex: number, path: string): number {
    const start = this.documentEvent(documentIndex);
    if (start < 0) return 1;
    const events = this.events!;
    let at = start + 1; // the document's root node
    let offset = nodeOffset(events[at]);
    for (const segment of parsePath(path)) {
      const ev = events[at];
      let found = -1;
      let keyOffset = -1;
      if (ev?.type === E_MAPPING) {
        let i = at + 1;
        while (i < events.length && events[i].type !== E_POP) {
          const k = events[i];
          const value = skipNode(events, i);
          if (k.type === E_SCALAR && jsyaml.getScalarValue(this.text, k) === segment) {
            found = value;
            keyOffset = nodeOffset(k);
            break;
          }
          i = skipNode(events, value);
        }
      } else if (ev?.type === E_SEQUENCE && /^\d+$/.test(segment)) {
        let i = at + 1;
        for (let n = Number(segment); n > 0 && i < events.length && events[i].type !== E_POP; n--) i = skipNode(events, i);
        if (i < events.length && events[i].type !== E_POP) found = i;
      }
      if (found < 0) break;
      at = found;
      const o = keyOffset >= 0 ? keyOffset : nodeOffset(events[found]);
      if (o >= 0) offset = o;
    }
    return offset >= 0 ? this.lineAt(offset) : 1;
  }

  /** Index of the DOCUMENT event of a document. */
  private documentEvent(documentIndex: number): number {
    if (!this.docStarts) {
      // Parsed again, only for files with problems: keeping the events of every file while
      // the objects are validated would cost memory and garbage-collection time.
      this.events = jsyaml.parseEvents(this.text, {});
      this.docStarts = [];
      this.events.forEach((e, i) => { if (e.type === E_DOCUMENT) this.docStarts!.push(i); });
    }
    return this.docStarts[documentIndex] ?? -1;
  }

  private lineAt(offset: number): number {
    if (!this.lineStarts) {
      const starts = [0];
      const t = this.text;
      for (let i = 0; i < t.length; i++) {
        const c = t.charCodeAt(i);
        if (c === 10) {starts.push(i + 1);} else if (c === 13) {
          if (t.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
      this.lineStarts = starts;
    }
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi + 1) / 2);
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

/**
 * A `JSON.parse` error as a ManifestSyntaxError, at the offending character: V8's messages do
 * not always give the position, so the text is scanned for the first syntax error.
 */
function jsonSyntaxError(text: string, message: string): ManifestSyntaxError {
  const found = findJsonError(text);
  const offset = found?.offset ?? text.length;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return new ManifestSyntaxError(line, offset - lineStart + 1, found?.reason ?? message);
}

/** Offset and description of the first JSON syntax error (RFC 8259), or undefined. */
export function findJsonError(text: string): { offset: number; reason: string } | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const fail = (reason: string): never => {
    throw { offset: i, reason };
  };
  const describe = () => (i >= text.length ? 'unexpected end of input' : `unexpected ${JSON.stringify(text[i])}`);
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(describe());
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail('unterminated string');
      const c = text.charCodeAt(i);
      if (c === 34) { i++; return; }
      if (c < 0x20) fail('control character in string');
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) { i++; fail('bad \\u escape'); }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          i++;
          fail('bad escape');
        }
      } else {
        i++;
      }
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a property name, ${describe()}`);
        string();
        ws();
        if (text[i] !== ':') fail(`expected ':', ${describe()}`);
        i++;
        value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return; }
        fail(`expected ',' or '}', ${describe()}`);
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') { i++; return; }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return; }
        fail(`expected ',' or ']', ${describe()}`);
      }
    } else if (c === '"') {
      string();
    } else if (c === 't') {
      literal('true');
    } else if (c === 'f') {
      literal('false');
    } else if (c === 'n') {
      literal('null');
    } else {
      const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      if (!m) fail(`expected a value, ${describe()}`);
      i += m![0].length;
    }
  };
  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    value();
    ws();
    if (i < text.length) fail(`unexpected ${JSON.stringify(text[i])} after the value`);
    return undefined;
  } catch (e) {
    if (e && typeof e === 'object' && 'offset' in e) return e as { offset: number; reason: string };
    throw e;
  }
}

/** Source offset of a node event, or -1 (empty scalars have no position). */
function nodeOffset(ev: jsyaml.Event | undefined): number {
  if (!ev) return -1;
  let o = -1;
  switch (ev.type) {
    case E_SCALAR: o = ev.valueStart; break;
    case E_MAPPING:
    case E_SEQUENCE: o = ev.start; break;
    default: return -1;
  }
  if ('anchorStart' in ev && ev.anchorStart >= 0 && (o < 0 || ev.anchorStart < o)) o = ev.anchorStart;
  if ('tagStart' in ev && ev.tagStart >= 0 && (o < 0 || ev.tagStart < o)) o = ev.tagStart;
  return o;
}

/** Index of the event after the node starting at `i`. */
function skipNode(events: jsyaml.Event[], i: number): number {
  const t = events[i]?.type;
  if (t !== E_MAPPING && t !== E_SEQUENCE) return i + 1;
  let depth = 0;
  for (let j = i; j < events.length; j++) {
    const type = events[j].type;
    if (type === E_MAPPING || type === E_SEQUENCE) depth++;
    else if (type === E_POP && --depth === 0) return j + 1;
  }
  return events.length;
}

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
