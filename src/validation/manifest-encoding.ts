/*
 * The bytes of a manifest file as text. kubectl reads files through
 * `unicode.BOMOverride(unicode.UTF8.NewDecoder())` (k8s.io/cli-runtime `pkg/resource/visitor.go`,
 * `FileVisitor.Visit`): a UTF-16 byte order mark selects UTF-16 (little or big endian), a UTF-8
 * one is dropped, anything else is UTF-8. For bytes that are not valid UTF-8, that decoder
 * substitutes U+FFFD and kubectl applies the altered text; we report them instead (with the
 * byte offset), since the object the API server would store is not the one in the file.
 */

/** A manifest whose bytes are not valid UTF-8 (or UTF-16 after a UTF-16 byte order mark). */
export class ManifestEncodingError extends Error {
  constructor(
    /** 0-based offset of the first byte that cannot be decoded. */
    public readonly byteOffset: number,
    /** What is wrong, without the position. */
    public readonly reason: string) {
    super(`byte ${byteOffset}: ${reason}`);
    this.name = 'ManifestEncodingError';
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array, from: number): number {
  let i = from;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    // lead byte: number of continuation bytes, the bits it carries, the smallest code point
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let cp = c % (n === 1 ? 0x20 : n === 2 ? 0x10 : 0x08);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || cc < 0x80 || cc > 0xbf) return i;
      cp = cp * 64 + (cc - 0x80);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

/** The UTF-16 code unit at `i`. */
function unitAt(bytes: Uint8Array, i: number, le: boolean): number {
  return le ? bytes[i] + bytes[i + 1] * 256 : bytes[i] * 256 + bytes[i + 1];
}

/**
 * Decodes the bytes of a manifest as kubectl does (UTF-8, or UTF-16 after its byte order mark;
 * a byte order mark is not part of the text).
 *
 * @throws ManifestEncodingError at the first byte that is not valid in the encoding
 */
export function decodeManifestBytes(bytes: Uint8Array): string {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const le = bytes[0] === 0xff;
    if ((bytes.length - 2) % 2 !== 0) throw new ManifestEncodingError(bytes.length - 1, `invalid UTF-16${le ? 'LE' : 'BE'}: odd number of bytes`);
    try {
      return new TextDecoder(le ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes.subarray(2));
    } catch {
      // an unpaired surrogate: find it
      for (let i = 2; i + 1 < bytes.length; i += 2) {
        const u = unitAt(bytes, i, le);
        if (u >= 0xd800 && u <= 0xdbff) {
          const j = i + 2;
          const next = j + 1 < bytes.length ? unitAt(bytes, j, le) : -1;
          if (next >= 0xdc00 && next <= 0xdfff) { i = j; continue; }
          throw new ManifestEncodingError(i, `invalid UTF-16${le ? 'LE' : 'BE'}: unpaired surrogate`);
        }
        if (u >= 0xdc00 && u <= 0xdfff) throw new ManifestEncodingError(i, `invalid UTF-16${le ? 'LE' : 'BE'}: unpaired surrogate`);
      }
      throw new ManifestEncodingError(2, `invalid UTF-16${le ? 'LE' : 'BE'}`);
    }
  }
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start));
  } catch {
    const at = firstInvalidUtf8(bytes, start);
    const offset = at >= 0 ? at : bytes.length;
    const shown = at >= 0 ? ` (0x${bytes[at].toString(16).toUpperCase().padStart(2, '0')})` : '';
    throw new ManifestEncodingError(offset, `invalid UTF-8${shown}: save the file as UTF-8 (kubectl would replace the byte with U+FFFD)`);
  }
}
