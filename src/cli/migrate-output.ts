import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';

/*
 * Writing the files of `migrate` (-o, --out-dir, --report) all or nothing: each is written to a
 * temporary file next to it, and only when every one was written are they renamed into place.
 * A failure removes the temporary files: no partial output file is ever left behind.
 */

/** A file to write. */
export interface OutputFile {
  /** Its path (resolved against the working directory). */
  readonly path: string;
  /** Its content. */
  readonly text: string;
}

/** File name of the objects without namespace in `--out-dir` (`_` cannot start a namespace name). */
export const CLUSTER_SCOPED_FILE = '_cluster.yaml';

/**
 * The objects of each namespace as YAML, one file per namespace (`<namespace>.yaml`, objects
 * in synth order), cluster-scoped objects in `_cluster.yaml`; sorted by file name.
 *
 * @param dir the directory the files go to
 * @param objects the synthesized objects, in synth order
 */
export function filesPerNamespace(dir: string, objects: readonly any[]): OutputFile[] {
  const byFile = new Map<string, any[]>();
  for (const o of objects) {
    const ns = o?.metadata?.namespace;
    const file = typeof ns === 'string' && ns !== '' ? `${ns}.yaml` : CLUSTER_SCOPED_FILE;
    const list = byFile.get(file);
    if (list) list.push(o);
    else byFile.set(file, [o]);
  }
  return [...byFile.keys()].sort().map(f => ({ path: path.join(dir, f), text: Yaml.stringify(...byFile.get(f)!) }));
}

/**
 * Writes every file, or none. Directories are not created (see `makeDirectory`).
 *
 * @throws Error `cannot write <path>: <reason>` (no file was changed)
 */
export function commitFiles(files: readonly OutputFile[]): void {
  // Regular files (and new ones) are staged next to their target and renamed into place; a
  // device or pipe (`/dev/stdout`, `/dev/null`) is written directly, never replaced.
  const staged: Array<{ tmp: string; target: string }> = [];
  const direct: OutputFile[] = [];
  let current: string | undefined;
  try {
    for (const f of files) {
      current = f.path;
      const stat = fs.statSync(f.path, { throwIfNoEntry: false });
      if (stat?.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      if (stat !== undefined && !stat.isFile()) {
        direct.push(f);
        continue;
      }
      const tmp = path.join(path.dirname(f.path), `.${path.basename(f.path)}.${process.pid}.tmp`);
      staged.push({ tmp, target: f.path });
      fs.writeFileSync(tmp, f.text, { encoding: 'utf8', flag: 'w' });
    }
  } catch (e) {
    for (const s of staged) fs.rmSync(s.tmp, { force: true });
    throw new Error(`cannot write ${current}: ${reason(e)}`);
  }
  for (const s of staged) {
    try {
      fs.renameSync(s.tmp, s.target);
    } catch (e) {
      for (const rest of staged) fs.rmSync(rest.tmp, { force: true });
      throw new Error(`cannot write ${s.target}: ${reason(e)}`);
    }
  }
  for (const f of direct) {
    try {
      fs.writeFileSync(f.path, f.text, 'utf8');
    } catch (e) {
      throw new Error(`cannot write ${f.path}: ${reason(e)}`);
    }
  }
}

/**
 * Creates the directory of `--out-dir` (and its parents).
 *
 * @throws Error `cannot create directory <dir>: <reason>`
 */
export function makeDirectory(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new Error(`cannot create directory ${dir}: ${reason(e)}`);
  }
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const known: { [code: string]: string } = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EISDIR: 'is a directory',
    ENOTDIR: 'a parent is not a directory',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on device',
  };
  if (typeof code === 'string' && known[code]) return known[code];
  return e instanceof Error ? e.message : String(e);
}
