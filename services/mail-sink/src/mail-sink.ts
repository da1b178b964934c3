import type { Server } from 'node:http';
import type { AddressInfo, Server as NetServer } from 'node:net';
import pino, { type Logger } from 'pino';
import type { SMTPServer } from 'smtp-server';
import { FaultQueue } from './fault-queue';
import { createInboxServer } from './inbox-http';
import { MessageStore } from './message-store';
import { createSmtpServer } from './smtp-listener';
import type { MailSinkOptions, MailSinkPorts } from './types';

const DEFAULT_MAX_MESSAGES = 10000;
/** How long stop() lets in-flight HTTP requests finish before cutting their connections. */
const HTTP_CLOSE_GRACE_MS = 1000;

/**
 * SMTP sink for development and tests: accepts every message, keeps it in memory only and
 * serves it over a Mailpit-compatible HTTP API, with injectable SMTP faults.
 */
export class MailSink {
  private readonly host: string;
  private readonly logger: Logger;
  private readonly store: MessageStore;
  private readonly faults = new FaultQueue();
  private smtp: SMTPServer | undefined;
  private http: Server | undefined;

  constructor(private readonly options: MailSinkOptions) {
    this.host = options.host ?? '127.0.0.1';
    this.logger = options.logger ?? pino({ level: 'silent' });
    this.store = new MessageStore(options.maxMessages ?? DEFAULT_MAX_MESSAGES);
  }

  /** Starts both listeners; with port 0 the returned ports are the ones actually bound. */
  async start(): Promise<MailSinkPorts> {
    if (this.smtp || this.http) throw new Error('mail-sink is already started');
    const deps = { store: this.store, faults: this.faults, logger: this.logger };
    const smtp = createSmtpServer(deps);
    const http = createInboxServer(deps);
    this.smtp = smtp;
    this.http = http;
    try {
      const smtpPort = await listen(smtp.server, this.options.smtpPort, this.host);
      const httpPort = await listen(http, this.options.httpPort, this.host);
      this.logger.info({ host: this.host, smtpPort, httpPort }, 'mail-sink listening');
      return { smtpPort, httpPort };
    } catch (err) {
      // Do not leave the SMTP port bound when the HTTP port is taken.
      await this.stop();
      throw err;
    }
  }

  /** Stops both listeners. Safe to call twice, or after a failed start(). */
  async stop(): Promise<void> {
    const { smtp, http } = this;
    this.smtp = undefined;
    this.http = undefined;
    await Promise.all([smtp && closeSmtp(smtp), http && closeHttp(http)]);
  }
}

function listen(server: NetServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeSmtp(smtp: SMTPServer): Promise<void> {
  // Nothing to close after a failed listen().
  if (!smtp.server.listening) return Promise.resolve();
  return new Promise((resolve) => smtp.close(() => resolve()));
}

function closeHttp(http: Server): Promise<void> {
  if (!http.listening) return Promise.resolve();
  return new Promise((resolve) => {
    // Keep-alive connections (fetch keeps them) would hold close() open: idle ones go now,
    // busy ones after a grace period.
    const force = setTimeout(() => http.closeAllConnections(), HTTP_CLOSE_GRACE_MS);
    http.close(() => {
      clearTimeout(force);
      resolve();
    });
    http.closeIdleConnections();
  });
}
