import * as fs from 'fs';

/*
 * Reading with a size cap, for the `validate` command: a regular file, a character device
 * (`/dev/zero`), a FIFO or standard input is read in chunks and never past the cap, so hostile
 * input cannot make the process grow without bound. Sizes are given and printed as `256MiB`,
 * `100MB`, `1GiB` (IEC units are powers of 1024, SI units powers of 1000).
 */

/** Default cap on one input: 256 MiB (a 100 MB manifest file passes). */
export const DEFAULT_MAX_FILE_SIZE = 256 * 1024 * 1024;

/** Default cap on all inputs together: 1 GiB. */
export const DEFAULT_MAX_TOTAL_SIZE = 1024 * 1024 * 1024;

const CHUNK = 1024 * 1024;

/** What a bounded read returned. */
export interface BoundedRead {
  /** The whole input; empty when it is larger than the cap. */
  readonly data: Buffer;
  /** Whether the input is larger than the cap (then it was not read to its end). */
  readonly exceeded: boolean;
  /** How many bytes were read: at most the cap plus one (the byte that shows the input is larger). */
  readonly bytesRead: number;
  /** The size of a regular file, when known (a file over the cap is then not read at all). */
  readonly size?: number;
}

/** An `ArrayBuffer` that can shrink (ES2024; Node.js 20 has it). */
interface ResizableArrayBuffer extends ArrayBuffer {
  resize?(byteLength: number): void;
}

const Resizable = ArrayBuffer as unknown as new (byteLength: number, options: { maxByteLength: number }) => ResizableArrayBuffer;

/** How to free the memory of the buffers `readBounded` returned, by buffer. */
const releases = new WeakMap<Buffer, () => void>();

/**
 * A buffer of `size` bytes whose memory can be freed at once (a resizable `ArrayBuffer` shrunk
 * to nothing decommits its pages), not when it is garbage collected.
 */
function releasableBuffer(size: number): { buffer: Buffer; release: () => void } {
  const ab = new Resizable(size, { maxByteLength: Math.max(size, 1) });
  const buffer = Buffer.from(ab, 0, size);
  const release = () => ab.resize?.(0);
  releases.set(buffer, release);
  return { buffer, release };
}

const NOTHING_TO_RELEASE = (): void => undefined;

/**
 * Returns the memory of the data of a bounded read to the system at once (the buffer is empty
 * afterwards), rather than when the garbage collector finds it: the caller decoded it, and a
 * large input need not be held twice, as bytes and as text. Other buffers are left alone.
 *
 * @param data the `data` of a `BoundedRead`
 */
export function releaseRead(data: Buffer): void {
  releases.get(data)?.();
  releases.delete(data);
}

/** Blocks the thread for a few milliseconds (standard input in non-blocking mode has no data yet). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Reads an open file descriptor to its end, or until more than `limit` bytes were read, in
 * chunks (at most `limit + 1` bytes are held; they are dropped when the input is larger).
 *
 * @param fd an open file descriptor (a regular file, a device, a pipe, a socket)
 * @param limit the largest number of bytes accepted
 * @param sizeHint the expected size (of a regular file): the buffer is allocated for it at once
 */
export function readBounded(fd: number, limit: number, sizeHint?: number): BoundedRead {
  const most = limit + 1;
  const chunks: Buffer[] = [];
  let total = 0;
  let release = NOTHING_TO_RELEASE;
  while (total < most) {
    // The first chunk holds the expected size at once; later ones (a stream, a growing file) 1 MiB.
    const size = chunks.length === 0 && sizeHint !== undefined ? sizeHint + 1 : CHUNK;
    let chunk: Buffer;
    if (chunks.length === 0 && sizeHint !== undefined) {
      ({ buffer: chunk, release } = releasableBuffer(Math.min(size, most - total)));
    } else {
      chunk = Buffer.allocUnsafe(Math.min(size, most - total));
    }
    let filled = 0;
    while (filled < chunk.length) {
      let n: number;
      try {
        n = fs.readSync(fd, chunk, filled, Math.min(CHUNK, chunk.length - filled), null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
        pause(10);
        continue;
      }
      if (n === 0) break;
      filled += n;
    }
    if (filled > 0) chunks.push(chunk.subarray(0, filled));
    total += filled;
    if (filled < chunk.length) break; // the end of the input
  }
  if (total > limit) {
    release();
    return { data: Buffer.alloc(0), exceeded: true, bytesRead: total };
  }
  if (chunks.length === 1) {
    if (release !== NOTHING_TO_RELEASE) releases.set(chunks[0], release); // the part filled, a view of the buffer
    return { data: chunks[0], exceeded: false, bytesRead: total };
  }
  const whole = releasableBuffer(total).buffer;
  let at = 0;
  for (const c of chunks) at += c.copy(whole, at);
  release();
  return { data: whole, exceeded: false, bytesRead: total };
}

/**
 * Opens a file and reads it with {@link readBounded}; a regular file over the cap is not read.
 *
 * @param file the file's path
 * @param limit the largest number of bytes accepted
 */
export function readFileBounded(file: string, limit: number): BoundedRead {
  const fd = fs.openSync(file, 'r');
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return readBounded(fd, limit);
    if (stat.size > limit) return { data: Buffer.alloc(0), exceeded: true, bytesRead: 0, size: stat.size };
    return readBounded(fd, limit, stat.size);
  } finally {
    fs.closeSync(fd);
  }
}

const UNITS: { [unit: string]: number } = {
  b: 1,
  k: 1000,
  kb: 1000,
  m: 1000 ** 2,
  mb: 1000 ** 2,
  g: 1000 ** 3,
  gb: 1000 ** 3,
  t: 1000 ** 4,
  tb: 1000 ** 4,
  ki: 1024,
  kib: 1024,
  mi: 1024 ** 2,
  mib: 1024 ** 2,
  gi: 1024 ** 3,
  gib: 1024 ** 3,
  ti: 1024 ** 4,
  tib: 1024 ** 4,
};

/**
 * Parses a size: a number of bytes with an optional unit, case-insensitive: `B`, `KB`/`K`,
 * `MB`/`M`, `GB`/`G`, `TB`/`T` (powers of 1000) or `KiB`/`Ki`, `MiB`/`Mi`, `GiB`/`Gi`,
 * `TiB`/`Ti` (powers of 1024). `1.5GiB` is accepted; the result is rounded down to whole bytes.
 *
 * @returns the number of bytes, or undefined when the text is not a positive size
 */
export function parseSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = m[2] === '' ? 1 : UNITS[m[2].toLowerCase()];
  if (unit === undefined) return undefined;
  const bytes = Math.floor(Number(m[1]) * unit);
  return bytes >= 1 && Number.isSafeInteger(bytes) ? bytes : undefined;
}

/** A size for people: `256 MiB`, `1.5 GiB`, `100 bytes`, with the exact count when rounded. */
export function formatSize(bytes: number): string {
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  let value = bytes;
  let unit = '';
  for (const u of units) {
    if (value < 1024) break;
    value /= 1024;
    unit = u;
  }
  const rounded = Math.round(value * 10) / 10;
  const text = `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)} ${unit}`;
  return rounded * 1024 ** (units.indexOf(unit) + 1) === bytes ? text : `${text} (${bytes} bytes)`;
}
