/**
 * A fast discard SMTP sink for benchmarks, standing for a relay: it accepts every message, reads
 * only its headers, counts receipts per Message-ID (so a message sent twice is a duplicate
 * whatever its recipient) and throws the body away. Messages to addresses in a watched domain
 * (the bench's manager, third party and recipient) and a sample of customer notices (one in
 * `--sample` by Message-ID hash, for the links the bench follows) are kept whole.
 *
 *   node -r ./infra/register.js bench/support/discard-sink.ts --port 11126 --http-port 18126 \
 *     [--watch-domain bench.example] [--sample 100]
 *
 * HTTP (loopback): `GET /stats` → {messages, unique, duplicates, bytes, firstAt, lastAt};
 * `GET /ids` → the Message-IDs received (NDJSON, one per line, with their count);
 * `GET /kept?to=<address>` and `GET /kept?sample=1` → kept messages (raw text);
 * `POST /reset` → counters to zero.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { SMTPServer } from 'smtp-server';

interface Kept {
  to: string[];
  messageId: string;
  raw: string;
}

interface Options {
  port: number;
  httpPort: number;
  watchDomain: string;
  sample: number;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { port: 11126, httpPort: 18126, watchDomain: 'bench.example', sample: 100 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1] ?? ''];
    if (flag === '--port') options.port = Number(value);
    else if (flag === '--http-port') options.httpPort = Number(value);
    else if (flag === '--watch-domain') options.watchDomain = value;
    else if (flag === '--sample') options.sample = Number(value);
    else throw new Error(`discard-sink: unknown option ${String(flag)}`);
  }
  return options;
}

export class DiscardCounter {
  readonly receipts = new Map<string, number>();
  messages = 0;
  bytes = 0;
  firstAt = 0;
  lastAt = 0;

  record(messageId: string, bytes: number, at = Date.now()): void {
    this.messages += 1;
    this.bytes += bytes;
    if (this.firstAt === 0) this.firstAt = at;
    this.lastAt = at;
    this.receipts.set(messageId, (this.receipts.get(messageId) ?? 0) + 1);
  }

  stats(): { messages: number; unique: number; duplicates: number; bytes: number; firstAt: number; lastAt: number } {
    return { messages: this.messages, unique: this.receipts.size, duplicates: this.messages - this.receipts.size, bytes: this.bytes, firstAt: this.firstAt, lastAt: this.lastAt };
  }

  reset(): void {
    this.receipts.clear();
    this.messages = 0;
    this.bytes = 0;
    this.firstAt = 0;
    this.lastAt = 0;
  }
}

/** The Message-ID header of a message's header block (folded lines joined), or null. */
export function messageIdOf(headers: string): string | null {
  const unfolded = headers.replace(/\r?\n[ \t]+/g, ' ');
  return /^message-id:\s*(.+)$/im.exec(unfolded)?.[1]?.trim() ?? null;
}

/** One message in `sample` (by a hash of its Message-ID, so a duplicate is sampled like its first copy). */
export function sampled(messageId: string, sample: number): boolean {
  return sample > 0 && createHash('sha1').update(messageId).digest().readUInt32BE(0) % sample === 0;
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const counter = new DiscardCounter();
  const kept: Kept[] = [];
  const watched = (address: string): boolean => address.toLowerCase().endsWith(`@${options.watchDomain}`) || address.toLowerCase().endsWith(`.${options.watchDomain}`);

  const smtp = new SMTPServer({
    name: 'bench-discard-sink',
    logger: false,
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    closeTimeout: 1000,
    onData(stream, session, callback) {
      const recipients = session.envelope.rcptTo.map((r) => r.address);
      const keepWhole = recipients.some(watched);
      const chunks: Buffer[] = [];
      let headerText: string | null = null;
      let head = '';
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (keepWhole || options.sample > 0) chunks.push(chunk);
        if (headerText === null) {
          head += chunk.toString('latin1');
          const end = head.indexOf('\r\n\r\n');
          if (end >= 0) headerText = head.slice(0, end);
          else if (head.length > 64 * 1024) headerText = head;
        }
      });
      stream.on('end', () => {
        const messageId = messageIdOf(headerText ?? head) ?? `no-id:${createHash('sha1').update(Buffer.concat(chunks)).digest('hex')}`;
        counter.record(messageId, bytes);
        if (keepWhole || sampled(messageId, options.sample)) kept.push({ to: recipients, messageId, raw: Buffer.concat(chunks).toString('utf8') });
        callback(null, 'queued');
      });
    },
  });
  smtp.on('error', () => undefined);

  const http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sink');
    const json = (value: unknown): void => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (url.pathname === '/stats') return json(counter.stats());
    if (url.pathname === '/ids') {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      for (const [id, count] of counter.receipts) res.write(`${JSON.stringify([id, count])}\n`);
      return res.end();
    }
    if (url.pathname === '/kept') {
      const to = url.searchParams.get('to')?.toLowerCase();
      const list = to ? kept.filter((k) => k.to.some((a) => a.toLowerCase() === to)) : url.searchParams.has('sample') ? kept.filter((k) => !k.to.some(watched)) : kept;
      return json(list);
    }
    if (url.pathname === '/reset' && req.method === 'POST') {
      counter.reset();
      kept.length = 0;
      return json({ ok: true });
    }
    res.writeHead(404).end();
  });

  smtp.listen(options.port, '127.0.0.1');
  http.listen(options.httpPort, '127.0.0.1', () => console.log(`discard sink: SMTP 127.0.0.1:${options.port}, http 127.0.0.1:${options.httpPort}`));
  const stop = (): void => {
    http.close();
    smtp.close(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (require.main === module) main();
