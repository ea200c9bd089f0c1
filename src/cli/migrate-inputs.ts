import { DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_TOTAL_SIZE } from './bounded-read';
import { InputError, parseError, readInputs, SkippedInput } from './inputs';
import { Manifest } from './manifests';
import { CliIo } from './validate-command';

/*
 * The inputs of `migrate` and `audit`: the same reader as `validate` (files, directories
 * recursively in sorted order, `-` for standard input, size caps, binary detection, kubectl's
 * YAML/JSON reading with `List` expansion), with every object decoded and kept with where it
 * came from. A file that cannot be read or parsed is an error with its position
 * (`file:line:column`); the command then writes nothing and exits 2.
 */

/** One object read, and where it is written. */
export interface LocatedObject {
  /** The decoded object. */
  readonly object: unknown;
  /** The file it was read from (`<stdin>` for standard input). */
  readonly file: string;
  /** The 1-based line of the object in its file (computed on demand: it costs a parse of the document). */
  readonly line: () => number;
}

/** Everything read. */
export interface ReadResult {
  /** Every object, in input order (files in the order given, directories sorted). */
  readonly objects: LocatedObject[];
  /** The files read. */
  readonly files: string[];
  /** Inputs that could not be read or parsed. */
  readonly errors: InputError[];
  /** Inputs left out on purpose (a file reached twice through links). */
  readonly skipped: SkippedInput[];
}

/**
 * Reads the inputs and decodes every object.
 *
 * @param inputs files, directories and `-`
 * @param io the command's streams (standard input, working directory)
 */
export function readManifestObjects(inputs: readonly string[], io: CliIo): ReadResult {
  const objects: LocatedObject[] = [];
  const files: string[] = [];
  const limits = { maxFileSize: DEFAULT_MAX_FILE_SIZE, maxTotalSize: DEFAULT_MAX_TOTAL_SIZE };
  const { errors, skipped } = readInputs(inputs, io, limits, (source, errs) => {
    const manifest: Manifest = source.manifest;
    files.push(source.file);
    try {
      manifest.read(o => objects.push({
        object: o.object,
        file: source.file,
        line: () => manifest.lineOf(o.documentIndex, o.itemPath),
      }));
    } catch (e) {
      errs.push(parseError(source.file, e));
    }
  });
  // The shared reader words its refusals for `validate`.
  const worded = errors.map(e => ({ ...e, message: e.message.replace(/^not validated: /, 'not read: ') }));
  return { objects, files, errors: worded, skipped };
}

/** `file:line:column: message` (or `file: message`), one line. */
export function inputErrorLine(e: InputError): string {
  const pos = e.line !== undefined ? `:${e.line}:${e.column}` : '';
  return `${e.file}${pos}: ${e.message}\n`;
}
