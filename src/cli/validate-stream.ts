import { errorText, InputError, parseError, Source } from './inputs';
import { IntList } from './manifests';
import { ValidationSession } from '../validation/validation-session';
import { ValidationOptions, ValidationResult } from '../validation/validator';

/*
 * The objects of every input validated as one set, one object at a time: each input is read,
 * its documents decoded one by one, each object validated at once and dropped (its results are
 * located on their lines then); only the facts the cross-object checks need stay (see
 * ValidationSession), with the position of each object (input, document, list item: 12 bytes).
 * The cross-object checks run when every input was read, as `kubectl apply` of the same inputs
 * would create the objects. An input with a syntax error anywhere is not validated at all (its
 * objects already validated are forgotten), as before.
 */

/** A validation result with the place it was found. */
export interface Located {
  readonly file: string;
  readonly line: number;
  readonly documentIndex: number;
  readonly result: ValidationResult;
}

/** What validating the inputs found. */
export interface StreamOutcome {
  /** The results kept, in input order (per-object results of an object before its cross-object ones). */
  readonly located: Located[];
  /** The inputs validated (not those that could not be parsed or made the validator throw). */
  readonly validated: Source[];
  /** Number of objects in the inputs validated. */
  readonly objects: number;
  /** The inputs the validator threw on (an internal error), one line each. */
  readonly errors: InputError[];
}

/** Thrown out of `Manifest.read` when the validator throws on an object. */
class ObjectFailure {
  constructor(public readonly documentIndex: number, public readonly itemIndex: number, public readonly error: unknown) {}
}

function joinPath(prefix: string, p: string): string {
  if (prefix === '') return p;
  if (p === '') return prefix;
  return p.startsWith('[') ? `${prefix}${p}` : `${prefix}.${p}`;
}

/** ` HTTPRoute kaboom`, or nothing for something that is not a named object. */
function describeObject(o: unknown): string {
  const obj = o as { kind?: unknown; metadata?: { name?: unknown } } | null | undefined;
  if (typeof obj?.kind !== 'string') return '';
  return ` ${obj.kind}${typeof obj.metadata?.name === 'string' ? ` ${obj.metadata.name}` : ''}`;
}

/**
 * Validates the inputs one at a time (`add`), then across them (`finish`).
 */
export class StreamValidation {
  private readonly session: ValidationSession;
  private readonly sources: Source[] = [];
  /** Position of the first object of each input validated. */
  private readonly sourceStarts = new IntList();
  /** By position: the input, the document, the list item (-1: not an item). */
  private readonly placeSource = new IntList();
  private readonly placeDocument = new IntList();
  private readonly placeItem = new IntList();
  /** The per-object results kept, with the positions of their objects, in position order. */
  private readonly perObject: Array<{ readonly position: number; readonly located: Located }> = [];
  private readonly errors: InputError[] = [];

  /**
   * @param options the target release and channel, and whether to run the cross-object checks
   * @param keep which results to keep (the others are dropped as soon as they are found)
   */
  constructor(options: ValidationOptions, private readonly keep: (r: ValidationResult) => boolean) {
    this.session = new ValidationSession(options, position => this.reread(position));
  }

  /**
   * Validates the objects of one input as its documents are decoded, each alone; keeps their
   * facts for `finish`. An input that cannot be parsed gets its error in `errors` and is not
   * validated; one that the validator throws on is reported by `finish`.
   */
  public add(source: Source, errors: InputError[]): void {
    const sourceIndex = this.sources.length;
    const start = this.session.size;
    const kept = this.perObject.length;
    try {
      source.manifest.read(item => {
        const position = this.session.size;
        this.placeSource.push(sourceIndex);
        this.placeDocument.push(item.documentIndex);
        this.placeItem.push(item.itemIndex);
        let results: ValidationResult[];
        try {
          results = this.session.add({ obj: item.object, documentIndex: position }, true);
        } catch (e) {
          throw new ObjectFailure(item.documentIndex, item.itemIndex, e);
        }
        for (const r of results) {
          if (this.keep(r)) this.perObject.push({ position, located: this.locate(source, item.documentIndex, item.itemPath, r) });
        }
      });
    } catch (e) {
      this.forget(start, kept);
      if (e instanceof ObjectFailure) {
        // named as written (the object the validator threw on may have been decoded in part)
        const what = describeObject(source.manifest.reread(e.documentIndex, e.itemIndex));
        this.errors.push({ file: source.file, message: `internal error while validating${what} (document ${e.documentIndex + 1}): ${errorText(e.error)}`, stage: 'validate' });
      } else {
        errors.push(parseError(source.file, e));
      }
      return;
    }
    this.sources.push(source);
    this.sourceStarts.push(start);
  }

  /**
   * Runs the cross-object checks over the objects of every input validated. When they throw (a
   * bug, or input they do not survive), each object is checked alone to find the inputs they
   * throw on; those become one error each and the rest is checked together again.
   */
  public finish(): StreamOutcome {
    const excluded = new Set<number>();
    for (;;) {
      const keep = excluded.size > 0 ? (position: number) => !excluded.has(this.placeSource.get(position)) : undefined;
      try {
        return this.outcome(this.session.finish(keep), excluded);
      } catch (e) {
        const before = excluded.size;
        for (let p = 0; p < this.session.size; p++) {
          const s = this.placeSource.get(p);
          if (excluded.has(s)) continue;
          try {
            this.session.finishAlone(p);
          } catch (inner) {
            excluded.add(s);
            const doc = this.placeDocument.get(p);
            const what = describeObject(this.sources[s].manifest.reread(doc, this.placeItem.get(p)));
            this.errors.push({ file: this.sources[s].file, message: `internal error while validating${what} (document ${doc + 1}): ${errorText(inner)}`, stage: 'validate' });
          }
        }
        const rest = this.sources.filter((_, i) => !excluded.has(i));
        if (excluded.size === before) {
          this.errors.push({ file: rest.map(s => s.file).join(', '), message: `internal error while validating these inputs together: ${errorText(e)}`, stage: 'validate' });
        }
        if (excluded.size === before || rest.length === 0) return { located: [], validated: [], objects: 0, errors: this.errors };
      }
    }
  }

  private outcome(cross: ReturnType<ValidationSession['finish']>, excluded: ReadonlySet<number>): StreamOutcome {
    const all = excluded.size > 0 ? this.perObject.filter(l => !excluded.has(this.placeSource.get(l.position))) : this.perObject;
    // by position (a stable sort): each document's position index is built once
    const kept = cross.filter(c => this.keep(c.result)).sort((a, b) => a.position - b.position);
    let located = all.map(l => l.located);
    if (kept.length > 0) {
      // input order, then per-object results before cross-object ones (a stable sort)
      const found = kept.map(c => {
        const s = this.placeSource.get(c.position);
        const item = this.placeItem.get(c.position);
        return { position: c.position, located: this.locate(this.sources[s], this.placeDocument.get(c.position), item < 0 ? '' : `items[${item}]`, c.result) };
      });
      located = [...all, ...found].sort((a, b) => a.position - b.position).map(l => l.located);
    }
    let objects = 0;
    const validated: Source[] = [];
    this.sources.forEach((source, i) => {
      if (excluded.has(i)) return;
      validated.push(source);
      objects += (i + 1 < this.sources.length ? this.sourceStarts.get(i + 1) : this.session.size) - this.sourceStarts.get(i);
    });
    return { located, validated, objects, errors: this.errors };
  }

  private locate(source: Source, documentIndex: number, itemPath: string, result: ValidationResult): Located {
    const p = joinPath(itemPath, result.path);
    return {
      file: source.file,
      line: source.manifest.lineOf(documentIndex, p),
      documentIndex,
      result: itemPath ? { ...result, path: p } : result,
    };
  }

  /** Forgets the objects from position `start` on and the results kept from `kept` on. */
  private forget(start: number, kept: number): void {
    this.session.rollback(start);
    this.placeSource.length = start;
    this.placeDocument.length = start;
    this.placeItem.length = start;
    this.perObject.length = kept;
  }

  private reread(position: number): unknown {
    const source = this.sources[this.placeSource.get(position)];
    return source.manifest.reread(this.placeDocument.get(position), this.placeItem.get(position));
  }
}
