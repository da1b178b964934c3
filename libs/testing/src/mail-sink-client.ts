/** Reads the mail sink's Mailpit-compatible inbox over HTTP. */
export interface SinkSummary {
  ID: string;
  MessageID: string;
  From: { Name: string; Address: string };
  To: Array<{ Name: string; Address: string }>;
  Subject: string;
  Created: string;
}

export interface SinkMessage extends SinkSummary {
  Text: string;
  HTML: string;
  Headers: Record<string, string[]>;
}

export class MailSinkClient {
  constructor(private readonly baseUrl: string) {}

  async messagesTo(address: string): Promise<SinkSummary[]> {
    const res = await fetch(`${this.baseUrl}/api/v1/search?query=${encodeURIComponent(`to:${address}`)}&limit=10000`);
    if (!res.ok) throw new Error(`mail sink search failed: ${res.status}`);
    return ((await res.json()) as { messages: SinkSummary[] }).messages;
  }

  async message(id: string): Promise<SinkMessage> {
    const res = await fetch(`${this.baseUrl}/api/v1/message/${id}`);
    if (!res.ok) throw new Error(`mail sink message failed: ${res.status}`);
    return (await res.json()) as SinkMessage;
  }

  async injectFault(rule: { code: number; count: number; rcptMatch?: string; message?: string }): Promise<void> {
    const res = await fetch(`${this.baseUrl}/api/v1/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rule),
    });
    if (res.status !== 201) throw new Error(`mail sink fault injection failed: ${res.status}`);
  }

  /** Polls until `count` messages to the address have arrived (or the timeout passes). */
  async waitFor(address: string, count = 1, timeoutMs = 30_000): Promise<SinkSummary[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const messages = await this.messagesTo(address);
      if (messages.length >= count || Date.now() > deadline) return messages;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
