import nodemailer, { type Transporter } from 'nodemailer';
import { MailDeliveryError, type Mailer, type OutgoingMail, type SendResult } from './mailer.port';

export interface NodemailerOptions {
  smtpUrl: string;
  from: string;
  maxConnections?: number;
  /** messages per second, 0 = unlimited */
  ratePerSecond?: number;
}

/**
 * Pooled SMTP through nodemailer. maxRequeues 0: a dropped connection surfaces as an error for the
 * activity to retry (guarded by the send ledger) instead of a silent endless requeue.
 */
export class NodemailerMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(private readonly options: NodemailerOptions) {
    const url = new URL(options.smtpUrl);
    this.transport = nodemailer.createTransport({
      pool: true,
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 25)),
      secure: url.protocol === 'smtps:',
      ...(url.username && { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }),
      ignoreTLS: url.searchParams.get('ignoreTLS') === 'true' || url.hostname === '127.0.0.1' || url.hostname === 'localhost',
      maxConnections: options.maxConnections ?? 5,
      maxMessages: 500,
      maxRequeues: 0,
      ...(options.ratePerSecond ? { rateDelta: 1000, rateLimit: options.ratePerSecond } : {}),
      connectionTimeout: 10_000,
      socketTimeout: 30_000,
    } as Parameters<typeof nodemailer.createTransport>[0]);
  }

  async send(mail: OutgoingMail): Promise<SendResult> {
    try {
      const info = await this.transport.sendMail({
        from: this.options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        headers: mail.headers,
      });
      return { messageId: info.messageId, response: String(info.response) };
    } catch (error) {
      throw classify(error);
    }
  }

  close(): void {
    this.transport.close();
  }
}

/** Maps a nodemailer error to a MailDeliveryError whose message carries no address. */
function classify(error: unknown): MailDeliveryError {
  const err = error as { responseCode?: number; code?: string };
  if (typeof err.responseCode === 'number') {
    const permanent = err.responseCode >= 500;
    return new MailDeliveryError(
      `SMTP server answered ${err.responseCode}`,
      permanent ? 'MAIL_PERMANENT' : 'MAIL_TEMPORARY',
      err.responseCode,
    );
  }
  return new MailDeliveryError(`SMTP connection failed (${err.code ?? 'unknown'})`, 'MAIL_CONNECTION');
}
