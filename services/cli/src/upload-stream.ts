import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { CliError } from './cli-error';
import { EXIT } from './exit-codes';
import type { Translate } from './i18n';

/** `.ndjson`/`.jsonl` are NDJSON, anything else CSV, unless `--type` says. */
export function uploadContentType(path: string, type?: string): string {
  const kind = type ?? (/\.(ndjson|jsonl)$/i.test(path) ? 'ndjson' : 'csv');
  return kind === 'ndjson' ? 'application/x-ndjson' : 'text/csv';
}

/**
 * The file as a web stream for fetch, counting the bytes fetch has pulled (what has been handed to
 * the socket, within one chunk): the upload bar's value. Read in 64 KiB chunks, with backpressure.
 */
export function countedFileStream(path: string, t: Translate, onBytes: (sent: number, total: number) => void): { stream: ReadableStream<Uint8Array>; total: number } {
  let total: number;
  try {
    total = statSync(path).size;
  } catch (error) {
    throw new CliError(t('err.readFile', { path, reason: (error as NodeJS.ErrnoException).code ?? String(error) }), EXIT.usage);
  }
  const file = createReadStream(path, { highWaterMark: 64 * 1024 });
  let sent = 0;
  file.on('data', (chunk) => {
    sent += chunk.length;
    onBytes(sent, total);
  });
  return { stream: Readable.toWeb(file) as ReadableStream<Uint8Array>, total };
}
