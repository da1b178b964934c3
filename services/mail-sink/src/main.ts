// Entry point: node -r @swc-node/register services/mail-sink/src/main.ts
import pino from 'pino';
import { MailSink } from './mail-sink';

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new Error(`${name} must be a port number (0-65535), got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** IPv6 literals need brackets in host:port and URLs. */
function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

async function main(): Promise<void> {
  const host = process.env.MAIL_SINK_HOST || '127.0.0.1';
  // Logs go to stderr so that stdout carries just the address line for scripts to read.
  const logger = pino({ name: 'mail-sink', level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));
  const sink = new MailSink({
    host,
    smtpPort: port('MAIL_SINK_PORT', 1025),
    httpPort: port('MAIL_SINK_HTTP_PORT', 8025),
    logger,
  });
  const { smtpPort, httpPort } = await sink.start();
  const shown = hostForUrl(host);
  process.stdout.write(`mail-sink smtp=${shown}:${smtpPort} http=http://${shown}:${httpPort}\n`);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    // A second signal while stopping means the user wants out now.
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'mail-sink stopping');
    sink.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'mail-sink did not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`mail-sink failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
