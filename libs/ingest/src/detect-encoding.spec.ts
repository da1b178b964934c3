import * as iconv from 'iconv-lite';
import { detectBom, detectEncoding, utf8Validity } from './detect-encoding';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('detectEncoding', () => {
  it('reads byte-order marks', () => {
    expect(detectEncoding(bytes(0xef, 0xbb, 0xbf, 0x61))).toEqual({ encoding: 'utf8', bomLength: 3, basis: 'bom' });
    expect(detectEncoding(bytes(0xff, 0xfe, 0x61, 0x00))).toEqual({ encoding: 'utf16le', bomLength: 2, basis: 'bom' });
    expect(detectEncoding(bytes(0xfe, 0xff, 0x00, 0x61))).toEqual({ encoding: 'utf16be', bomLength: 2, basis: 'bom' });
    expect(detectEncoding(bytes(0x84, 0x31, 0x95, 0x33, 0x61))).toEqual({ encoding: 'gb18030', bomLength: 4, basis: 'bom' });
    expect(detectBom(bytes(0xef, 0xbb))).toBeNull();
  });

  it('ignores BOMs when told the sample is not the start of the input', () => {
    expect(detectEncoding(bytes(0xff, 0xfe, 0x61, 0x00), { allowBom: false }).encoding).toBe('gb18030');
  });

  it('calls pure ASCII utf8 with the basis ascii', () => {
    expect(detectEncoding(Buffer.from('customer_id,email\r\nC1,a@b.cn\r\n'))).toEqual({
      encoding: 'utf8',
      bomLength: 0,
      basis: 'ascii',
    });
  });

  it('recognises valid UTF-8 Chinese', () => {
    expect(detectEncoding(Buffer.from('客户编号,姓名\nC1,张三\n', 'utf8')).basis).toBe('valid-utf8');
  });

  it('falls back to gb18030 for GBK (Excel zh-CN) bytes, even a short header', () => {
    expect(detectEncoding(iconv.encode('客户编号', 'gbk'))).toEqual({ encoding: 'gb18030', bomLength: 0, basis: 'invalid-utf8' });
    expect(detectEncoding(iconv.encode('客户编号,姓名,手机\r\nC1,张三,13812345678\r\n', 'gbk')).encoding).toBe('gb18030');
  });

  it('detects BOM-less UTF-16 by its NUL bytes', () => {
    expect(detectEncoding(iconv.encode('customer_id,email\n', 'utf16le')).encoding).toBe('utf16le');
    expect(detectEncoding(iconv.encode('customer_id,email\n', 'utf16be')).encoding).toBe('utf16be');
  });

  it('treats an empty sample as utf8', () => {
    expect(detectEncoding(new Uint8Array(0))).toEqual({ encoding: 'utf8', bomLength: 0, basis: 'empty' });
  });

  it('accepts a UTF-8 sequence cut by the end of a partial sample only', () => {
    const cut = Buffer.from('张三', 'utf8').subarray(0, 4); // 张 + first byte of 三
    expect(detectEncoding(cut).encoding).toBe('utf8');
    expect(detectEncoding(cut, { complete: true }).encoding).toBe('gb18030');
  });
});

describe('utf8Validity', () => {
  it.each([
    ['overlong NUL', [0xc0, 0x80]],
    ['overlong 3-byte', [0xe0, 0x80, 0x80]],
    ['surrogate', [0xed, 0xa0, 0x80]],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['stray continuation', [0x80]],
    ['invalid lead 0xFF', [0xff]],
    ['bad continuation', [0xe4, 0xb8, 0x41]],
  ])('rejects %s', (_name, b) => {
    expect(utf8Validity(Uint8Array.from(b), true)).toBe('invalid');
  });

  it('accepts 2-, 3- and 4-byte sequences', () => {
    expect(utf8Validity(Buffer.from('é中😀', 'utf8'))).toBe('valid');
    expect(utf8Validity(Buffer.from('abc'))).toBe('ascii');
  });
});
