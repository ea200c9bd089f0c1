import { expandKubectlList, ReadDocument, readManifest } from '../validation/kubectl-yaml';
import { decodeManifestBytes, ManifestEncodingError } from '../validation/manifest-encoding';
import { lineIndex, lineStarts, parsePath, YamlPositionIndex } from '../validation/yaml-positions';

/*
 * Reading manifests for the `validate` command, as `kubectl apply -f` reads them (see
 * src/validation/kubectl-yaml.ts): JSON or YAML by content, YAML 1.1 values, merge keys,
 * `*List` documents expanded. A problem's field path is mapped back to the line it is written
 * on through an index of the document's nodes, built only for a document that has problems:
 * valid input costs one parse.
 */

export { parsePath };
export { findJsonError } from '../validation/json-stream';

/** One Kubernetes object read from a manifest, with where it came from. */
export interface ManifestObject {
  /** The decoded object (plain JSON values). */
  readonly object: unknown;
  /** Index of the document in its file (0-based, empty documents included). */
  readonly documentIndex: number;
  /** Path prefix of the object inside its document: `items[3]` for an item of a list, else empty. */
  readonly itemPath: string;
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

export class Manifest {
  /**
   * Parses a manifest as `kubectl apply -f` does: a stream of JSON values when the first
   * non-space character is `{`, else `---`-separated YAML documents (YAML 1.1). Empty documents
   * are skipped and list documents (`items`) are expanded into their items.
   *
   * JSON is recognised by content, as kubectl does, not by file name.
   *
   * @param input the file's bytes (UTF-8, or UTF-16 with a byte order mark) or its text
   * @throws ManifestSyntaxError at the first document kubectl would refuse (it stops there too)
   */
  public static parse(input: string | Uint8Array): Manifest {
    let text: string;
    if (typeof input === 'string') {
      text = input;
    } else {
      try {
        text = decodeManifestBytes(input);
      } catch (e) {
        if (!(e instanceof ManifestEncodingError)) throw e;
        // The position of the bad byte, in the text before it (valid, so decodable).
        const before = Buffer.from(input.subarray(0, e.byteOffset)).toString('utf8');
        const starts = lineStarts(before);
        const line = starts.length;
        throw new ManifestSyntaxError(line, before.length - starts[line - 1] + 1, `byte offset ${e.byteOffset}: ${e.reason}`, 'text');
      }
    }
    const read = readManifest(text);
    return new Manifest(text, read.documents);
  }

  /** The objects, in document order. */
  public readonly objects: ManifestObject[] = [];
  /** Number of documents, empty ones included. */
  public readonly documentCount: number;
  private readonly indexes = new Map<number, YamlPositionIndex>();
  private starts?: number[];

  private constructor(private readonly text: string, private readonly documents: readonly ReadDocument[]) {
    this.documentCount = documents.length;
    for (const doc of documents) {
      if (doc.error) throw this.errorAt(doc.error.offset, doc.error.reason, doc.json ? 'JSON' : 'YAML');
      if (doc.value === null || doc.value === undefined) continue;
      const expanded = expandKubectlList(doc.value);
      if (typeof expanded === 'string') {
        throw this.errorAt(this.offsetOf(doc.index, ['items']), `document ${doc.index + 1}: ${expanded}`, doc.json ? 'JSON' : 'YAML');
      }
      for (const item of expanded) this.objects.push({ object: item.object, documentIndex: doc.index, itemPath: item.itemPath });
    }
  }

  /**
   * The 1-based line of a field of a document: the deepest node of `path` (as the validator
   * writes it: `spec.rules[0].filters[1]`, `metadata.labels[app.kubernetes.io/name]`) that
   * exists in the text; the document's first line for an empty path.
   */
  public lineOf(documentIndex: number, path: string): number {
    const offset = this.offsetOf(documentIndex, parsePath(path));
    return offset >= 0 ? lineIndex(this.lineStarts(), offset) + 1 : 1;
  }

  /** Offset in the text of the deepest node of a path of a document, or -1. */
  private offsetOf(documentIndex: number, path: readonly string[]): number {
    const doc = this.documents[documentIndex];
    if (!doc) return -1;
    let index = this.indexes.get(documentIndex);
    if (!index) {
      index = new YamlPositionIndex(this.text.slice(doc.start, doc.end));
      this.indexes.set(documentIndex, index);
    }
    const o = index.offsetOf(path);
    return o >= 0 ? doc.start + o : doc.start;
  }

  private lineStarts(): number[] {
    return (this.starts ??= lineStarts(this.text));
  }

  private errorAt(offset: number, reason: string, format: 'JSON' | 'YAML'): ManifestSyntaxError {
    const starts = this.lineStarts();
    const line = lineIndex(starts, offset);
    return new ManifestSyntaxError(line + 1, offset - starts[line] + 1, reason, format);
  }
}
