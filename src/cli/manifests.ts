import { expandKubectlList, isJsonStream, readManifestDocuments, rereadDocument } from '../validation/kubectl-yaml';
import { decodeManifestBytes, ManifestEncodingError } from '../validation/manifest-encoding';
import { lineIndex, lineStarts, parsePath, YamlPositionIndex } from '../validation/yaml-positions';

/*
 * Reading manifests for the `validate` command, as `kubectl apply -f` reads them (see
 * src/validation/kubectl-yaml.ts): JSON or YAML by content, YAML 1.1 values, merge keys,
 * `*List` documents expanded. The documents are decoded one at a time as they are read, and
 * the caller drops each object once validated: a large file is never held decoded. What stays
 * is the text and the range of each document. A problem's field path is mapped back to the
 * line it is written on through an index of the document's nodes, built only for a document
 * that has problems and kept only until a problem of another document is located: valid input
 * costs one parse.
 */

export { parsePath };
export { findJsonError } from '../validation/json-stream';

/** One Kubernetes object read from a manifest, with where it came from. */
export interface ManifestObject {
  /** The decoded object (plain JSON values); the caller's to keep, modify or drop. */
  readonly object: unknown;
  /** Index of the document in its file (0-based, empty documents included). */
  readonly documentIndex: number;
  /** Path prefix of the object inside its document: `items[3]` for an item of a list, else empty. */
  readonly itemPath: string;
  /** Index of the object in the `items` of its list document; -1 when the document is the object. */
  readonly itemIndex: number;
}

/** A manifest that kubectl would not read: bad syntax or encoding, a limit exceeded, a bad list. */
export class ManifestSyntaxError extends Error {
  constructor(
    /** 1-based line of the error. */
    public readonly line: number,
    /** 1-based column of the error. */
    public readonly column: number,
    /** What is wrong, without the position. */
    public readonly reason: string,
    /** What the text was read as: `JSON` or `YAML` (by content, as kubectl does), or `text` for a bad encoding. */
    public readonly format: 'JSON' | 'YAML' | 'text' = 'YAML') {
    super(`${line}:${column}: ${reason}`);
    this.name = 'ManifestSyntaxError';
  }
}

/** A growable list of 32-bit integers (4 bytes an entry, where a JavaScript array takes 8 or more). */
export class IntList {
  private data = new Int32Array(64);
  public length = 0;

  public push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }

  public get(i: number): number {
    return this.data[i];
  }

  public set(i: number, v: number): void {
    this.data[i] = v;
  }
}

/** The position index of one document, and its line starts (relative to the document). */
interface DocumentPositions {
  readonly documentIndex: number;
  readonly index: YamlPositionIndex;
  lines?: number[];
}

export class Manifest {
  /**
   * Decodes the bytes of a manifest (as kubectl does: UTF-8, or UTF-16 with a byte order mark);
   * its documents are decoded by {@link Manifest.read}. The text is read as a stream of JSON
   * values when its first non-space character is `{`, else as `---`-separated YAML documents
   * (YAML 1.1): JSON is recognised by content, as kubectl does, not by file name.
   *
   * @param input the file's bytes (UTF-8, or UTF-16 with a byte order mark) or its text
   * @throws ManifestSyntaxError at a byte that is not valid in the encoding
   */
  public static parse(input: string | Uint8Array): Manifest {
    if (typeof input === 'string') return new Manifest(input);
    try {
      return new Manifest(decodeManifestBytes(input));
    } catch (e) {
      if (!(e instanceof ManifestEncodingError)) throw e;
      // The position of the bad byte, in the text before it (valid, so decodable).
      const before = Buffer.from(input.subarray(0, e.byteOffset)).toString('utf8');
      const starts = lineStarts(before);
      const line = starts.length;
      throw new ManifestSyntaxError(line, before.length - starts[line - 1] + 1, `byte offset ${e.byteOffset}: ${e.reason}`, 'text');
    }
  }

  /** Number of documents read so far, empty ones included. */
  public documentCount = 0;
  private readonly format: 'JSON' | 'YAML';
  private readonly starts = new IntList();
  private readonly ends = new IntList();
  /** The 0-based line of each document's start, for the documents up to `linesKnown`. */
  private readonly startLines = new IntList();
  private positions?: DocumentPositions;
  private hasCarriageReturn?: boolean;
  /** Every document was read (or read up to a syntax error). */
  private readToEnd = false;

  private constructor(private readonly text: string) {
    this.format = isJsonStream(text) ? 'JSON' : 'YAML';
  }

  /**
   * Reads the documents in order, decoding one at a time, and gives each object to `visit`
   * (the items of a list document one by one). Nothing here keeps the objects: a caller that
   * drops them holds one decoded document at a time. Empty documents are skipped.
   *
   * @param visit called with each object, in order
   * @throws ManifestSyntaxError at the first document kubectl would refuse (it stops there too;
   *   the objects before it were visited)
   */
  public read(visit: (object: ManifestObject) => void): void {
    this.documentCount = 0;
    this.starts.length = 0;
    this.ends.length = 0;
    this.startLines.length = 0;
    this.positions = undefined;
    this.readToEnd = false;
    for (const doc of readManifestDocuments(this.text)) {
      this.starts.push(doc.start);
      this.ends.push(doc.end);
      this.documentCount++;
      if (doc.error) {
        this.readToEnd = true;
        throw this.errorAt(doc.index, doc.error.offset, doc.error.reason);
      }
      if (doc.value === null || doc.value === undefined) continue;
      const expanded = expandKubectlList(doc.value);
      if (typeof expanded === 'string') {
        this.readToEnd = true;
        throw this.errorAt(doc.index, this.offsetOf(doc.index, ['items']), `document ${doc.index + 1}: ${expanded}`);
      }
      for (let k = 0; k < expanded.length; k++) {
        const item = expanded[k];
        visit({ object: item.object, documentIndex: doc.index, itemPath: item.itemPath, itemIndex: item.itemPath === '' ? -1 : k });
      }
    }
    this.readToEnd = true;
  }

  /**
   * An object of a document read already, decoded again from the text (a fresh copy).
   *
   * @param documentIndex the document's index
   * @param itemIndex the object's index in the list's `items`, or -1 for the document itself
   */
  public reread(documentIndex: number, itemIndex: number): unknown {
    const value = rereadDocument(this.text, { start: this.starts.get(documentIndex), end: this.ends.get(documentIndex), json: this.format === 'JSON' });
    if (itemIndex < 0) return value;
    const items = expandKubectlList(value);
    return typeof items === 'string' ? undefined : items[itemIndex].object;
  }

  /**
   * The 1-based line of a field of a document read already: the deepest node of `path` (as the
   * validator writes it: `spec.rules[0].filters[1]`, `metadata.labels[app.kubernetes.io/name]`)
   * that exists in the text; the document's first line for an empty path.
   */
  public lineOf(documentIndex: number, path: string): number {
    if (documentIndex >= this.documentCount && !this.readToEnd) {
      // not read yet: read the documents (their ranges) first
      try {
        this.read(() => undefined);
      } catch (e) {
        if (!(e instanceof ManifestSyntaxError)) throw e;
      }
    }
    if (documentIndex < 0 || documentIndex >= this.documentCount) return 1;
    const local = this.positionsOf(documentIndex).index.offsetOf(parsePath(path));
    return this.lineAt(documentIndex, local >= 0 ? local : 0) + 1;
  }

  /** Offset in the text of the deepest node of a path of a document (its start when none is found). */
  private offsetOf(documentIndex: number, path: readonly string[]): number {
    const o = this.positionsOf(documentIndex).index.offsetOf(path);
    return this.starts.get(documentIndex) + (o >= 0 ? o : 0);
  }

  /** The position index of a document: the last one built is kept (problems come document by document). */
  private positionsOf(documentIndex: number): DocumentPositions {
    if (this.positions?.documentIndex !== documentIndex) {
      const index = new YamlPositionIndex(this.text.slice(this.starts.get(documentIndex), this.ends.get(documentIndex)));
      this.positions = { documentIndex, index };
    }
    return this.positions;
  }

  /** The 0-based line (in the text) of an offset in a document (relative to the document's start). */
  private lineAt(documentIndex: number, local: number): number {
    const p = this.positionsOf(documentIndex);
    p.lines ??= lineStarts(this.text.slice(this.starts.get(documentIndex), this.ends.get(documentIndex)));
    return this.startLine(documentIndex) + lineIndex(p.lines, local);
  }

  /** The 0-based line of a document's start, counted on from the last document counted. */
  private startLine(documentIndex: number): number {
    for (let d = this.startLines.length; d <= documentIndex; d++) {
      const from = d === 0 ? 0 : this.starts.get(d - 1);
      const before = d === 0 ? 0 : this.startLines.get(d - 1);
      this.startLines.push(before + this.lineBreaks(from, this.starts.get(d)));
    }
    return this.startLines.get(documentIndex);
  }

  /** Number of line ends (`\n`, `\r\n`, `\r`) in `text[from, to)`; a `\r\n` counts at its `\n`. */
  private lineBreaks(from: number, to: number): number {
    const t = this.text;
    let n = 0;
    this.hasCarriageReturn ??= t.includes('\r');
    if (!this.hasCarriageReturn) {
      for (let i = t.indexOf('\n', from); i >= 0 && i < to; i = t.indexOf('\n', i + 1)) n++;
      return n;
    }
    for (let i = from; i < to; i++) {
      const c = t.charCodeAt(i);
      if (c === 10 || (c === 13 && t.charCodeAt(i + 1) !== 10)) n++;
    }
    return n;
  }

  /** A syntax error at an offset (in the text) of a document. */
  private errorAt(documentIndex: number, offset: number, reason: string): ManifestSyntaxError {
    const start = this.starts.get(documentIndex);
    const line = this.startLine(documentIndex) + this.lineBreaks(start, offset);
    // the start of the offset's line: after the last line end before it (at the `\n` of a
    // `\r\n`, the line is the one the `\r` ends)
    let lineStart = offset;
    while (lineStart > 0) {
      const c = this.text.charCodeAt(lineStart - 1);
      if (c === 10 || (c === 13 && this.text.charCodeAt(lineStart) !== 10)) break;
      lineStart--;
    }
    return new ManifestSyntaxError(line + 1, offset - lineStart + 1, reason, this.format);
  }
}
