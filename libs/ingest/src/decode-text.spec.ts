import * as iconv from 'iconv-lite';
import { decodeText, type ByteSource } from './decode-text';
import type { EncodingDetection } from './detect-encoding';

async function* chunksOf(buf: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function decodeAll(source: ByteSource, options: Parameters<typeof decodeText>[1] = {}) {
  const detections: EncodingDetection[] = [];
  let text = '';
  for await (const piece of decodeText(source, { ...options, onEncoding: (d) => detections.push(d) })) text += piece;
  return { text, detections };
}

const SAMPLE = '客户编号,姓名,地址\r\nC1,张三,北京市朝阳区\r\nC2,李四,"上海市,浦东"\r\n';

describe('decodeText', () => {
  it('decodes GBK fed one byte at a time (characters split across chunks)', async () => {
    const { text, detections } = await decodeAll(chunksOf(iconv.encode(SAMPLE, 'gbk'), 1));
    expect(text).toBe(SAMPLE);
    expect(detections).toEqual([{ encoding: 'gb18030', bomLength: 0, basis: 'invalid-utf8' }]);
  });

  it('decodes UTF-8 split inside characters', async () => {
    const { text, detections } = await decodeAll(chunksOf(Buffer.from(SAMPLE, 'utf8'), 5), { sampleBytes: 7 });
    expect(text).toBe(SAMPLE);
    expect(detections[0]?.encoding).toBe('utf8');
  });

  it('strips a UTF-8 BOM', async () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE)]);
    const { text, detections } = await decodeAll(chunksOf(withBom, 2));
    expect(text).toBe(SAMPLE);
    expect(detections).toEqual([{ encoding: 'utf8', bomLength: 3, basis: 'bom' }]);
  });

  it('decodes UTF-16 LE and BE with BOMs', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(SAMPLE, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(SAMPLE, 'utf16be')]);
    expect((await decodeAll(chunksOf(le, 3))).text).toBe(SAMPLE);
    expect((await decodeAll(chunksOf(be, 3))).text).toBe(SAMPLE);
  });

  it('keeps deciding after a long ASCII start: GBK names after 100 KiB of ASCII rows', async () => {
    let ascii = 'customer_id,name\n';
    for (let i = 0; ascii.length < 100 * 1024; i++) ascii += `C${i},Zhang San\n`;
    const tail = 'C-last,张三丰\n';
    const input = Buffer.concat([Buffer.from(ascii), iconv.encode(tail, 'gbk')]);
    const { text, detections } = await decodeAll(chunksOf(input, 4096));
    expect(text).toBe(ascii + tail);
    expect(detections).toEqual([{ encoding: 'gb18030', bomLength: 0, basis: 'invalid-utf8' }]);
  });

  it('reports pure ASCII and empty inputs', async () => {
    const big = Buffer.from('a,b\n'.repeat(40_000));
    const ascii = await decodeAll(chunksOf(big, 65_536));
    expect(ascii.text.length).toBe(big.length);
    expect(ascii.detections).toEqual([{ encoding: 'utf8', bomLength: 0, basis: 'ascii' }]);
    expect((await decodeAll(chunksOf(Buffer.alloc(0), 1))).detections).toEqual([
      { encoding: 'utf8', bomLength: 0, basis: 'empty' },
    ]);
  });

  it('uses a forced encoding and still drops its BOM', async () => {
    const gbk = iconv.encode('姓名\n张三\n', 'gbk');
    const forced = await decodeAll(chunksOf(gbk, 100), { encoding: 'gb18030' });
    expect(forced.text).toBe('姓名\n张三\n');
    expect(forced.detections).toEqual([{ encoding: 'gb18030', bomLength: 0, basis: 'forced' }]);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a\n')]);
    expect((await decodeAll(chunksOf(bom, 1), { encoding: 'utf8' })).text).toBe('a\n');
  });

  it('accepts Uint8Array and string chunks', async () => {
    async function* mixed() {
      yield new Uint8Array(Buffer.from('a,'));
      yield 'é,';
      yield Buffer.from('b');
    }
    expect((await decodeAll(mixed())).text).toBe('a,é,b');
  });
});
