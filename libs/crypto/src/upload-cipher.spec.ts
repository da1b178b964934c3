import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MasterKey } from './master-key';
import { UploadCipher } from './upload-cipher';

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe('UploadCipher', () => {
  const master = MasterKey.generate();
  const plain = Buffer.from('客户编号,姓名,邮箱\r\nC1,张三,zhang@example.cn\r\n'.repeat(2000));

  async function seal(uploadId: string) {
    const upload = new UploadCipher(master);
    const { cipher, info } = upload.encryptStream(uploadId);
    const chunks: Buffer[] = [];
    await pipeline(Readable.from([plain.subarray(0, 1000), plain.subarray(1000)]), cipher, async function* (source) {
      for await (const chunk of source) chunks.push(chunk as Buffer);
    });
    return { upload, ciphertext: Buffer.concat(chunks), info: { ...info, authTag: UploadCipher.authTagOf(cipher) } };
  }

  it('round-trips a stream and the ciphertext holds no plaintext', async () => {
    const { upload, ciphertext, info } = await seal('imp_1');
    expect(ciphertext.includes(Buffer.from('zhang@example.cn'))).toBe(false);
    const out = await collect(Readable.from([ciphertext]).pipe(upload.decryptStream('imp_1', info)));
    expect(out.equals(plain)).toBe(true);
  });

  it('fails at the end of a tampered stream, and for another upload id', async () => {
    const { upload, ciphertext, info } = await seal('imp_2');
    const tampered = Buffer.from(ciphertext);
    tampered[10] = (tampered[10] ?? 0) ^ 1;
    await expect(collect(Readable.from([tampered]).pipe(upload.decryptStream('imp_2', info)))).rejects.toThrow();
    expect(() => upload.decryptStream('imp_other', info)).toThrow();
  });
});
