import type { Logger } from 'pino';

export interface MailSinkOptions {
  /** Interface both listeners bind to. Defaults to loopback: the sink has no auth and no TLS. */
  host?: string;
  /** SMTP port; 0 picks a free one (see the ports returned by start()). */
  smtpPort: number;
  /** HTTP inbox port; 0 picks a free one. */
  httpPort: number;
  /** Oldest messages are dropped beyond this many, so a long-running dev sink cannot grow without bound. Default 10000. */
  maxMessages?: number;
  /** Defaults to a silent logger, so that test suites embedding the sink stay quiet. */
  logger?: Logger;
}

export interface MailSinkPorts {
  smtpPort: number;
  httpPort: number;
}

/** Mailpit's address shape. */
export interface MailAddress {
  Name: string;
  Address: string;
}

/** One entry of a listing, field names as Mailpit's API has them. */
export interface MessageSummary {
  ID: string;
  /** Message-ID header without the angle brackets, '' when absent. */
  MessageID: string;
  From: MailAddress | null;
  To: MailAddress[];
  Cc: MailAddress[];
  /** Bcc header plus envelope recipients that no header names (as Mailpit reports them). */
  Bcc: MailAddress[];
  Subject: string;
  /** When the sink received the message, ISO 8601. */
  Created: string;
  /** Raw message size in bytes. */
  Size: number;
}

export interface MessageDetail extends MessageSummary {
  Text: string;
  HTML: string;
  /** Header name (canonical form, e.g. `Message-Id`) to its raw values, in message order. */
  Headers: Record<string, string[]>;
}

export interface MessageList {
  /** Messages in the inbox. */
  total: number;
  /** Messages matching the query (all of them for a plain listing). */
  messages_count: number;
  /** Messages in this page. */
  count: number;
  start: number;
  messages: MessageSummary[];
}

export interface FaultRuleInput {
  /** SMTP reply code, 400-599. */
  code: number;
  message?: string;
  /** How many times the rule fires before it is removed. */
  count: number;
  /** Case-insensitive substring of the RCPT TO address; without it the rule fires at the end of DATA. */
  rcptMatch?: string;
}

export interface FaultRule extends FaultRuleInput {
  id: string;
  message: string;
}

export interface SinkStats {
  /** Messages in the inbox now. */
  total: number;
  /** Messages accepted since start. */
  accepted: number;
  /** SMTP commands answered with an injected fault since start. */
  rejected: number;
}
