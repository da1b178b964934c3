import { createWriteStream, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CliContext } from '../context';
import { formatBytes } from '../format';

/** Text to a file (`-o`), or to standard output. */
export async function saveText(ctx: CliContext, text: string, output: string | undefined): Promise<void> {
  if (!output) {
    ctx.io.stdout.write(text.endsWith('\n') ? text : text + '\n');
    return;
  }
  writeFileSync(output, text);
  reportSaved(ctx, output, Buffer.byteLength(text));
}

/** A streamed body to a file (`-o`), or to standard output, never whole in memory. */
export async function saveStream(ctx: CliContext, body: ReadableStream<Uint8Array> | null, output: string | undefined): Promise<void> {
  const source = body ? Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>) : Readable.from([]);
  if (!output) {
    for await (const chunk of source) ctx.io.stdout.write(chunk as string);
    return;
  }
  reportSaved(ctx, output, await writeStream(source, output));
}

/** A streamed body to a file; returns the bytes written. */
export async function writeStream(source: Readable, output: string): Promise<number> {
  let bytes = 0;
  source.on('data', (chunk: Buffer) => (bytes += chunk.length));
  await pipeline(source, createWriteStream(output));
  return bytes;
}

function reportSaved(ctx: CliContext, path: string, bytes: number): void {
  ctx.print({ path, bytes }, () => ctx.t('msg.saved', { path, bytes: formatBytes(bytes) }));
}
