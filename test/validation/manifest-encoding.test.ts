import { decodeManifestBytes, ManifestEncodingError } from '../../src/validation/manifest-encoding';

/** The error of decoding some bytes. */
function failure(bytes: number[]): { byteOffset: number; reason: string } {
  try {
    decodeManifestBytes(Uint8Array.from(bytes));
  } catch (e) {
    expect(e).toBeInstanceOf(ManifestEncodingError);
    const m = e as ManifestEncodingError;
    return { byteOffset: m.byteOffset, reason: m.reason };
  }
  throw new Error('decoded without error');
}

describe('decodeManifestBytes (kubectl: BOMOverride over UTF-8)', () => {
  test('UTF-8, with or without a byte order mark', () => {
    expect(decodeManifestBytes(Buffer.from('a: café\n'))).toBe('a: café\n');
    expect(decodeManifestBytes(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toBe('a');
  });

  test('UTF-16 after its byte order mark, both byte orders', () => {
    expect(decodeManifestBytes(Buffer.from([0xff, 0xfe, 0x61, 0x00, 0xe9, 0x00]))).toBe('aé');
    expect(decodeManifestBytes(Buffer.from([0xfe, 0xff, 0x00, 0x61, 0xd8, 0x3d, 0xde, 0x00]))).toBe('a\u{1F600}');
  });

  test('the offset of the first byte that is not UTF-8', () => {
    expect(failure([0x61, 0x3a, 0x20, 0xe9, 0x0a])).toEqual({ byteOffset: 3, reason: 'invalid UTF-8 (0xE9): save the file as UTF-8 (kubectl would replace the byte with U+FFFD)' });
    // an overlong encoding, a surrogate, a truncated sequence
    expect(failure([0x61, 0xc0, 0xaf]).byteOffset).toBe(1);
    expect(failure([0x61, 0x62, 0xed, 0xa0, 0x80]).byteOffset).toBe(2);
    expect(failure([0x61, 0xe2, 0x82]).byteOffset).toBe(1);
  });

  test('UTF-16 with an unpaired surrogate or an odd length', () => {
    expect(failure([0xff, 0xfe, 0x61, 0x00, 0x00, 0xdc])).toEqual({ byteOffset: 4, reason: 'invalid UTF-16LE: unpaired surrogate' });
    expect(failure([0xfe, 0xff, 0x00, 0x61, 0x00])).toEqual({ byteOffset: 4, reason: 'invalid UTF-16BE: odd number of bytes' });
  });
});
