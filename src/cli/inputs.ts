import * as fs from 'fs';
import * as path from 'path';
import { BoundedRead, formatSize, readFileBounded, releaseRead } from './bounded-read';
import { Manifest, ManifestSyntaxError } from './manifests';

/*
 * The inputs of the `validate` command: files, directories (recursively) and standard input,
 * each read with a size cap and parsed. Whatever goes wrong with one input (missing, unreadable,
 * too large, binary, a broken symbolic link in a directory, bad YAML, an unexpected exception)
 * becomes one error line for that input; the other inputs are still read.
 */

/** A file that could not be read or parsed. */
export interface InputError {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
  /**
   * `read`: the input was not read (or not whole); `parse`: read, but it is not YAML or JSON;
   * `validate`: the validator failed on it (an internal error).
   */
  readonly stage: 'read' | 'parse' | 'validate';
}

/** One input file, read and decoded as text (its documents are decoded as they are validated). */
export interface Source {
  readonly file: string;
  readonly manifest: Manifest;
}

/** Something left out on purpose, not an error (a directory or file already read through another path). */
export interface SkippedInput {
  readonly file: string;
  readonly message: string;
}

/** How much is read. */
export interface InputLimits {
  /** The largest input accepted, in bytes. */
  readonly maxFileSize: number;
  /** The most bytes read from all inputs together. */
  readonly maxTotalSize: number;
}

/** How the command reads standard input. */
export interface StdinReader {
  /** Reads all of standard input; returns undefined when it is larger than `maxBytes`. */
  readonly readStdin: (maxBytes: number) => string | Buffer | undefined;
}

const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The message of an exception, on one line. */
export function errorText(e: unknown): string {
  const descriptions: { [code: string]: string } = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'is a directory',
    ENOTDIR: 'not a directory',
    ELOOP: 'too many levels of symbolic links (a symbolic link loop)',
    EIO: 'input/output error',
  };
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && descriptions[code]) return descriptions[code];
  const text = e instanceof Error ? e.message : String(e);
  return text.replace(/\s*\n\s*/g, ' ').trim() || (e instanceof Error ? e.name : 'unknown error');
}

/** A file found in a directory, or an entry of it that could not be followed. */
type Found = { readonly abs: string; readonly display: string } | { readonly display: string; readonly error: string };

/**
 * Every manifest file below a directory, recursively, sorted by name (code-unit order).
 * Symbolic links are followed; one that cannot be (dangling, a loop) is reported as an error
 * when its name could be a manifest or a directory. `visited` holds the real paths already read:
 * a directory or file reached again (a link to an enclosing directory) is skipped.
 */
function walk(dir: string, display: string, out: Found[], visited: Set<string>, skipped: SkippedInput[]): void {
  const names = fs.readdirSync(dir).filter(n => !n.startsWith('.')).sort(compareStrings);
  for (const name of names) {
    const abs = path.join(dir, name);
    const shown = display === '.' ? name : path.join(display, name);
    const ext = path.extname(name).toLowerCase();
    let stat: fs.Stats;
    let real: string;
    try {
      stat = fs.statSync(abs);
      real = fs.realpathSync(abs);
    } catch (e) {
      if (ext === '' || MANIFEST_EXTENSIONS.includes(ext)) out.push({ display: shown, error: brokenEntry(abs, e) });
      continue;
    }
    if (stat.isDirectory()) {
      if (visited.has(real)) {
        skipped.push({ file: shown, message: `skipped: a link to a directory already read (${real})` });
        continue;
      }
      visited.add(real);
      try {
        walk(abs, shown, out, visited, skipped);
      } catch (e) {
        out.push({ display: shown, error: `cannot read directory: ${errorText(e)}` });
      }
    } else if (stat.isFile() && MANIFEST_EXTENSIONS.includes(ext)) {
      if (visited.has(real)) {
        skipped.push({ file: shown, message: `skipped: a link to a file already read (${real})` });
        continue;
      }
      visited.add(real);
      out.push({ abs, display: shown });
    }
  }
}

/** Why a directory entry cannot be followed. */
function brokenEntry(abs: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  let target: string | undefined;
  try {
    target = fs.readlinkSync(abs);
  } catch {
    target = undefined;
  }
  if (target !== undefined && code === 'ENOENT') return `cannot read: dangling symbolic link (to ${target}, which does not exist)`;
  if (target !== undefined && code === 'ELOOP') return `cannot read: symbolic link loop (${target})`;
  return `cannot read: ${errorText(e)}`;
}

/**
 * Whether bytes are binary rather than text: a NUL byte, unless the input starts with a UTF-16
 * byte order mark (UTF-16 text has NUL bytes; the manifest reader decodes it).
 *
 * @returns the offset of the first NUL byte, or -1 for text
 */
function binaryOffset(data: Buffer): number {
  const nul = data.indexOf(0);
  if (nul < 0) return -1;
  const utf16 = (data[0] === 0xfe && data[1] === 0xff) || (data[0] === 0xff && data[1] === 0xfe);
  return utf16 ? -1 : nul;
}

/**
 * Reads the inputs, in order, and gives each one read to `onSource` before the next one is read
 * (its bytes decoded as text, its documents not yet decoded: see `Manifest.read`); unreadable
 * ones become errors. `onSource` may add errors of its own (they stay in input order).
 */
export function readInputs(inputs: readonly string[], io: StdinReader & { readonly cwd?: string }, limits: InputLimits,
  onSource: (source: Source, errors: InputError[]) => void): { errors: InputError[]; skipped: SkippedInput[] } {
  const errors: InputError[] = [];
  const skipped: SkippedInput[] = [];
  const cwd = io.cwd ?? process.cwd();
  const visited = new Set<string>();
  let total = 0;

  const fail = (file: string, message: string) => errors.push({ file, message, stage: 'read' });

  /** Checks the size and content of what was read, then decodes it as text (the bytes are released then). */
  const accept = (file: string, read: BoundedRead, limit: number): Source | undefined => {
    try {
      return check(file, read, limit);
    } finally {
      releaseRead(read.data);
    }
  };

  const check = (file: string, read: BoundedRead, limit: number): Source | undefined => {
    total += read.bytesRead;
    if (read.exceeded) {
      const option = limit < limits.maxFileSize ? '--max-total-size' : '--max-file-size';
      const cap = option === '--max-file-size' ? `${option} limit of ${formatSize(limits.maxFileSize)}`
        : limit < limits.maxTotalSize ? `${formatSize(limit)} left of the ${option} limit of ${formatSize(limits.maxTotalSize)}`
          : `${option} limit of ${formatSize(limits.maxTotalSize)}`;
      const size = read.size !== undefined
        ? `${formatSize(read.size)}, more than the ${cap}`
        : `more than the ${cap} (stopped after reading ${read.bytesRead} bytes)`;
      fail(file, `not validated: ${size}; raise it with ${option} SIZE`);
      return undefined;
    }
    const nul = binaryOffset(read.data);
    if (nul >= 0) {
      fail(file, `not validated: binary content (a NUL byte at offset ${nul}); manifests are UTF-8 text, or UTF-16 with a byte order mark`);
      return undefined;
    }
    try {
      // Bytes, not text: the reader decodes them as kubectl does and reports invalid UTF-8.
      return { file, manifest: Manifest.parse(read.data) };
    } catch (e) {
      errors.push(parseError(file, e));
      return undefined;
    }
  };

  /** The cap for the next input: the per-file cap, or what is left of the total. */
  const nextLimit = (file: string): number | undefined => {
    const left = limits.maxTotalSize - total;
    if (left <= 0) {
      fail(file, `not read: the inputs before it reached --max-total-size (${formatSize(limits.maxTotalSize)}); raise it with --max-total-size SIZE`);
      return undefined;
    }
    return Math.min(limits.maxFileSize, left);
  };

  // Each input is read (and its bytes dropped) before its objects are validated.
  const readStdin = (): Source | undefined => {
    const file = '<stdin>';
    const limit = nextLimit(file);
    if (limit === undefined) return undefined;
    let got: string | Buffer | undefined;
    try {
      got = io.readStdin(limit);
    } catch (e) {
      fail(file, `cannot read: ${errorText(e)}`);
      return undefined;
    }
    const data = typeof got === 'string' ? Buffer.from(got, 'utf8') : got;
    const read = data === undefined || data.length > limit
      ? { data: Buffer.alloc(0), exceeded: true, bytesRead: limit + 1 }
      : { data, exceeded: false, bytesRead: data.length };
    return accept(file, read, limit);
  };

  const readFile = (abs: string, file: string): Source | undefined => {
    const limit = nextLimit(file);
    if (limit === undefined) return undefined;
    let read: BoundedRead;
    try {
      read = readFileBounded(abs, limit);
    } catch (e) {
      fail(file, `cannot read: ${errorText(e)}`);
      return undefined;
    }
    return accept(file, read, limit);
  };
  const use = (source: Source | undefined): void => {
    if (source) onSource(source, errors);
  };

  let stdinRead = false;
  for (const input of inputs) {
    try {
      if (input === '-') {
        if (!stdinRead) use(readStdin());
        stdinRead = true;
        continue;
      }
      const abs = path.resolve(cwd, input);
      let isDirectory: boolean;
      try {
        isDirectory = fs.statSync(abs).isDirectory();
      } catch (e) {
        fail(input, brokenEntry(abs, e));
        continue;
      }
      if (!isDirectory) {
        use(readFile(abs, input));
        continue;
      }
      const files: Found[] = [];
      const real = fs.realpathSync(abs);
      if (visited.has(real)) {
        skipped.push({ file: input, message: `skipped: a directory already read (${real})` });
        continue;
      }
      visited.add(real);
      walk(abs, path.normalize(input), files, visited, skipped);
      if (files.length === 0) fail(input, 'no *.yaml, *.yml or *.json files in this directory');
      for (const f of files) {
        if ('error' in f) {
          fail(f.display, f.error);
          continue;
        }
        let source: Source | undefined;
        try {
          source = readFile(f.abs, f.display);
        } catch (e) {
          fail(f.display, `cannot read: ${errorText(e)}`);
        }
        use(source);
      }
    } catch (e) {
      // Anything unexpected: one line for this input, then the next input.
      fail(input === '-' ? '<stdin>' : input, `cannot read: ${errorText(e)}`);
    }
  }
  return { errors, skipped };
}

/**
 * The error line of an input that cannot be parsed: a syntax error with its position, or an
 * unexpected exception (a stack overflow in a hostile input, a bug) on one line.
 */
export function parseError(file: string, e: unknown): InputError {
  if (e instanceof ManifestSyntaxError) {
    return { file, line: e.line, column: e.column, message: `invalid ${e.format}: ${errorText(e.reason)}`, stage: 'parse' };
  }
  return { file, message: `cannot parse: ${errorText(e)}`, stage: 'parse' };
}
