import { randomUUID } from 'node:crypto';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Logger } from 'pino';
import type { FaultQueue } from './fault-queue';
import type { MessageStore } from './message-store';
import { parseMessage } from './parse-message';
import type { MessageDetail } from './types';

/** Largest message accepted, like common providers' limit; larger ones get 552. */
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

export interface SmtpListenerDeps {
  store: MessageStore;
  faults: FaultQueue;
  logger: Logger;
}

/**
 * A permissive SMTP server: any AUTH or none, no TLS. Logs carry IDs, sizes and codes only,
 * never addresses or subjects, since the mail is about real people's data in tests.
 */
export function createSmtpServer({ store, faults, logger }: SmtpListenerDeps): SMTPServer {
  const server = new SMTPServer({
    name: 'mail-sink',
    banner: 'mail-sink (development only)',
    // smtp-server's own logger would print addresses: keep it off.
    logger: false,
    authOptional: true,
    // Clients may authenticate with anything; without TLS that needs allowInsecureAuth.
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN', 'CRAM-MD5', 'XOAUTH2'],
    // No TLS at all: STARTTLS would only offer smtp-server's publicly known test certificate.
    disabledCommands: ['STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    rejectOversized: true,
    disableReverseLookup: true,
    // stop() should not wait the default 30 s for clients that keep a connection open.
    closeTimeout: 1000,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onRcptTo(address, _session, callback) {
      const fault = faults.takeForRecipient(address.address);
      if (fault) logger.info({ stage: 'rcpt', code: fault.responseCode }, 'fault injected');
      callback(fault ?? null);
    },
    onData(stream, session, callback) {
      receive(stream, session, { store, faults, logger }).then(
        (reply) => callback(null, reply),
        (err: Error) => callback(err),
      );
    },
  });
  // Without a listener, a client resetting its connection would crash the process.
  server.on('error', (err: NodeJS.ErrnoException) => {
    logger.warn({ code: err.code ?? err.name }, 'smtp connection error');
  });
  return server;
}

async function receive(stream: SMTPServerDataStream, session: SMTPServerSession, deps: SmtpListenerDeps): Promise<string> {
  const raw = await readMessage(stream);
  // smtp-server answers 552 itself (rejectOversized); only make sure nothing is kept.
  if (raw === undefined) throw Object.assign(new Error('Message too large'), { responseCode: 552 });

  const fault = deps.faults.takeForData();
  if (fault) {
    deps.logger.info({ stage: 'data', code: fault.responseCode }, 'fault injected');
    throw fault;
  }

  const id = randomUUID();
  let message: MessageDetail;
  try {
    message = await parseMessage({
      id,
      raw,
      envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
      received: new Date(),
    });
  } catch (err) {
    deps.logger.error({ err: { name: (err as Error).name } }, 'message could not be parsed');
    throw Object.assign(new Error('Message could not be parsed'), { responseCode: 451 });
  }
  deps.store.add(message);
  deps.logger.info({ id, size: message.Size }, 'message accepted');
  return `OK: queued as ${id}`;
}

/** The whole message, or undefined once it went over the size limit (its bytes are dropped). */
function readMessage(stream: SMTPServerDataStream): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => {
      if (stream.sizeExceeded) chunks = [];
      else chunks.push(chunk);
    });
    stream.once('end', () => resolve(stream.sizeExceeded ? undefined : Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}
