/**
 * Decides how an uploaded inventory is encoded from its first bytes. Order:
 * 1. a byte-order mark (UTF-8 EF BB BF, UTF-16 LE FF FE, UTF-16 BE FE FF, GB18030 84 31 95 33);
 * 2. a NUL-byte pattern typical of BOM-less UTF-16 with mostly ASCII text;
 * 3. pure ASCII → utf8 (basis `ascii`: identical in GB18030, so a streaming caller may defer);
 * 4. strictly valid UTF-8 (no overlongs, no surrogates, ≤ U+10FFFF; a sequence cut by the end of
 *    the sample is allowed unless the sample is the whole input) → utf8;
 * 5. otherwise gb18030 — Excel in zh-CN saves "CSV" as GBK, a subset of GB18030.
 * chardet is deliberately not used: for the two encodings the API promises, the strict UTF-8 check
 * is exact, while statistical guesses on short samples misname GBK (Big5, EUC-KR, windows-1252).
 */

export type InventoryEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'gb18030';
export type DetectionBasis =
  | 'bom'
  | 'nul-pattern'
  | 'ascii'
  | 'valid-utf8'
  | 'invalid-utf8'
  | 'empty'
  /** Given by the caller (e.g. the request's charset), not detected. */
  | 'forced';

export interface EncodingDetection {
  encoding: InventoryEncoding;
  /** Bytes of byte-order mark to skip at the start of the sample. */
  bomLength: number;
  basis: DetectionBasis;
}

export interface DetectOptions {
  /** True when the sample is the whole input: a truncated multi-byte sequence at its end is then invalid. */
  complete?: boolean;
  /** False to ignore byte-order marks (the sample does not start the input). Default true. */
  allowBom?: boolean;
}

/** How much of the input detection looks at. */
export const SAMPLE_BYTES = 64 * 1024;

const BOMS: ReadonlyArray<{ bytes: readonly number[]; encoding: InventoryEncoding }> = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf8' },
  { bytes: [0x84, 0x31, 0x95, 0x33], encoding: 'gb18030' },
  { bytes: [0xff, 0xfe], encoding: 'utf16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf16be' },
];

export function detectBom(sample: Uint8Array): { encoding: InventoryEncoding; length: number } | null {
  for (const bom of BOMS) {
    if (sample.length >= bom.bytes.length && bom.bytes.every((b, i) => sample[i] === b)) {
      return { encoding: bom.encoding, length: bom.bytes.length };
    }
  }
  return null;
}

export type Utf8Validity = 'ascii' | 'valid' | 'invalid';

/** Strict UTF-8 validation (RFC 3629). `allowTruncatedEnd` accepts a sequence cut off by the end. */
export function utf8Validity(bytes: Uint8Array, allowTruncatedEnd = false): Utf8Validity {
  let ascii = true;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    ascii = false;
    let need: number;
    let min = 0x80;
    let max = 0xbf; // allowed range of the second byte
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) min = 0xa0; // no overlongs
      if (b === 0xed) max = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) min = 0x90;
      if (b === 0xf4) max = 0x8f; // ≤ U+10FFFF
    } else return 'invalid';
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return allowTruncatedEnd ? 'valid' : 'invalid';
      const c = bytes[i + k] as number;
      const lo = k === 1 ? min : 0x80;
      const hi = k === 1 ? max : 0xbf;
      if (c < lo || c > hi) return 'invalid';
    }
    i += need + 1;
  }
  return ascii ? 'ascii' : 'valid';
}

/** BOM-less UTF-16 of mostly ASCII text: every other byte is NUL. */
function utf16ByNulPattern(sample: Uint8Array): InventoryEncoding | null {
  const n = Math.min(sample.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros / pairs >= 0.3 && evenZeros / pairs < 0.05) return 'utf16le';
  if (evenZeros / pairs >= 0.3 && oddZeros / pairs < 0.05) return 'utf16be';
  return null;
}

export function detectEncoding(sample: Uint8Array, options: DetectOptions = {}): EncodingDetection {
  if (sample.length === 0) return { encoding: 'utf8', bomLength: 0, basis: 'empty' };
  if (options.allowBom !== false) {
    const bom = detectBom(sample);
    if (bom) return { encoding: bom.encoding, bomLength: bom.length, basis: 'bom' };
    const utf16 = utf16ByNulPattern(sample);
    if (utf16) return { encoding: utf16, bomLength: 0, basis: 'nul-pattern' };
  }
  switch (utf8Validity(sample, options.complete !== true)) {
    case 'ascii':
      return { encoding: 'utf8', bomLength: 0, basis: 'ascii' };
    case 'valid':
      return { encoding: 'utf8', bomLength: 0, basis: 'valid-utf8' };
    default:
      return { encoding: 'gb18030', bomLength: 0, basis: 'invalid-utf8' };
  }
}
