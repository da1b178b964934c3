import { simpleParser, type AddressObject, type EmailAddress, type HeaderLines } from 'mailparser';
import type { MailAddress, MessageDetail } from './types';

export interface ReceivedMessage {
  id: string;
  raw: Buffer;
  /** RCPT TO addresses of the SMTP envelope. */
  envelopeTo: string[];
  received: Date;
}

/** Parses a raw message into the shape the inbox serves. The raw bytes are not kept. */
export async function parseMessage(message: ReceivedMessage): Promise<MessageDetail> {
  const parsed = await simpleParser(message.raw, {
    // Keep cid: links as sent (as Mailpit does) rather than inlining images as data: URLs.
    keepCidLinks: true,
    // A text-only message has no HTML, rather than one generated from the text.
    skipTextToHtml: true,
    checksumAlgo: false,
  });
  const to = toAddresses(parsed.to);
  const cc = toAddresses(parsed.cc);
  const bcc = toAddresses(parsed.bcc);
  const named = new Set([...to, ...cc, ...bcc].map((a) => a.Address.toLowerCase()));
  // Blind recipients are only in the envelope: list them as Bcc so that they can be found.
  for (const address of message.envelopeTo) {
    if (!named.has(address.toLowerCase())) {
      named.add(address.toLowerCase());
      bcc.push({ Name: '', Address: address });
    }
  }
  return {
    ID: message.id,
    MessageID: (parsed.messageId ?? '').replace(/^<|>$/g, ''),
    From: toAddresses(parsed.from)[0] ?? null,
    To: to,
    Cc: cc,
    Bcc: bcc,
    Subject: parsed.subject ?? '',
    Created: message.received.toISOString(),
    Size: message.raw.length,
    Text: parsed.text ?? '',
    HTML: typeof parsed.html === 'string' ? parsed.html : '',
    Headers: headerMap(parsed.headerLines),
  };
}

function toAddresses(field: AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (!field) return [];
  const objects = Array.isArray(field) ? field : [field];
  return objects.flatMap((object) => flatten(object.value));
}

// Group syntax (`Team: a@x, b@y;`) nests addresses; the inbox lists the members.
function flatten(entries: EmailAddress[]): MailAddress[] {
  return entries.flatMap((entry) =>
    entry.group ? flatten(entry.group) : entry.address ? [{ Name: entry.name, Address: entry.address }] : [],
  );
}

/**
 * Header name to raw values, the way Mailpit serves them (Go's net/mail): names in canonical
 * form, folded lines joined, encoded words left as sent.
 */
export function headerMap(lines: HeaderLines): Record<string, string[]> {
  // A Map, not an object literal: a header called `__proto__` must not reach the prototype.
  const headers = new Map<string, string[]>();
  for (const { line } of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = canonicalHeaderName(line.slice(0, colon).trim());
    const value = line
      .slice(colon + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    const values = headers.get(name);
    if (values) values.push(value);
    else headers.set(name, [value]);
  }
  return Object.fromEntries(headers);
}

/** `message-ID` → `Message-Id`, as Go's textproto.CanonicalMIMEHeaderKey does. */
export function canonicalHeaderName(name: string): string {
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_match, dash: string, letter: string) => dash + letter.toUpperCase());
}
