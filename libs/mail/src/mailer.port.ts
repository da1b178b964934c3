/** What the product needs from a mail transport; the nodemailer adapter implements it. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Derived from the send-ledger key so that a resend carries the same id. */
  messageId: string;
  headers?: Record<string, string>;
}

export interface SendResult {
  messageId: string;
  response: string;
}

/** A transport failure classified for retry decisions: 4xx temporary, 5xx permanent. */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly code: 'MAIL_TEMPORARY' | 'MAIL_PERMANENT' | 'MAIL_CONNECTION',
    readonly responseCode?: number,
  ) {
    super(message);
  }
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<SendResult>;
  close(): void;
}
