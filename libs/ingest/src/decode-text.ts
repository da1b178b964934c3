/**
 * Turns an uploaded byte stream into text, pulling one chunk at a time (backpressure comes from the
 * consumer). The encoding is decided on the first SAMPLE_BYTES (see detect-encoding.ts); while only
 * ASCII has been seen the decision is deferred, because ASCII reads the same in UTF-8 and GB18030 —
 * a GBK export whose first 64 KiB happen to be ASCII is still decoded correctly. BOMs are dropped.
 */
import * as iconv from 'iconv-lite';
import { SAMPLE_BYTES, detectBom, detectEncoding, type EncodingDetection, type InventoryEncoding } from './detect-encoding';

export type ByteSource = AsyncIterable<Buffer | Uint8Array | string>;

export interface DecodeOptions {
  /** Skip detection (e.g. a `charset` given by the client). A leading BOM is still dropped. */
  encoding?: InventoryEncoding;
  /** Bytes looked at before deciding. Default SAMPLE_BYTES (64 KiB). */
  sampleBytes?: number;
  /** Called once, when the encoding is decided. */
  onEncoding?: (detection: EncodingDetection) => void;
}

export function toBuffer(chunk: Buffer | Uint8Array | string): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function firstNonAscii(buf: Buffer): number {
  for (let i = 0; i < buf.length; i++) if ((buf[i] as number) >= 0x80) return i;
  return -1;
}

export async function* decodeText(source: ByteSource, options: DecodeOptions = {}): AsyncGenerator<string> {
  const sampleBytes = options.sampleBytes ?? SAMPLE_BYTES;
  let decoder: iconv.DecoderStream | undefined;
  let mode = 'sniff' as 'sniff' | 'ascii'; // set inside decide() too
  let atStart = true;
  let held: Buffer[] = [];
  let heldLength = 0;

  const detect = (sample: Buffer, complete: boolean): EncodingDetection => {
    if (options.encoding === undefined) return detectEncoding(sample, { complete, allowBom: atStart });
    const bom = atStart ? detectBom(sample) : null;
    const bomLength = bom !== null && bom.encoding === options.encoding ? bom.length : 0;
    return { encoding: options.encoding, bomLength, basis: 'forced' };
  };

  const decide = (complete: boolean): string => {
    const sample = held.length === 1 ? (held[0] as Buffer) : Buffer.concat(held, heldLength);
    held = [];
    heldLength = 0;
    const detection = detect(sample, complete);
    const wasAtStart = atStart;
    atStart = false;
    if (detection.basis === 'ascii' && !complete && wasAtStart) {
      // Undecided: pass the ASCII through and keep looking at later chunks.
      mode = 'ascii';
      return sample.toString('latin1');
    }
    options.onEncoding?.(detection);
    decoder = iconv.getDecoder(detection.encoding, { stripBOM: false });
    return decoder.write(sample.subarray(detection.bomLength));
  };

  for await (const chunk of source) {
    let buf = toBuffer(chunk);
    if (buf.length === 0) continue;
    if (decoder) {
      const text = decoder.write(buf);
      if (text) yield text;
      continue;
    }
    if (mode === 'ascii') {
      const index = firstNonAscii(buf);
      if (index === -1) {
        yield buf.toString('latin1');
        continue;
      }
      if (index > 0) yield buf.toString('latin1', 0, index);
      buf = buf.subarray(index);
      mode = 'sniff';
    }
    held.push(buf);
    heldLength += buf.length;
    if (heldLength >= (options.encoding === undefined ? sampleBytes : 4)) {
      const text = decide(false);
      if (text) yield text;
    }
  }
  if (heldLength > 0) {
    const text = decide(true);
    if (text) yield text;
  }
  if (!decoder) {
    // Empty or pure-ASCII input: never needed decoding.
    options.onEncoding?.({ encoding: 'utf8', bomLength: 0, basis: atStart ? 'empty' : 'ascii' });
    return;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}
