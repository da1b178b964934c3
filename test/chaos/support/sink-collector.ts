/**
 * Collects the messages of one run from the mail sink's inbox and deletes them as it goes.
 *
 * The sink keeps at most 10,000 messages (oldest dropped) and is shared by every suite of a test
 * run, so a mailing of thousands could lose its oldest messages to eviction before they are
 * counted. The collector polls the inbox, keeps (recipient, Message-ID, received time) of the
 * messages whose recipient is in `domain`, and deletes exactly those by ID: other suites' messages
 * are left alone. Counting duplicates and losses then works on any number of messages.
 */
export interface CollectedMessage {
  to: string;
  messageId: string;
  subject: string;
  /** Received by the sink (ms since epoch). */
  receivedAt: number;
}

interface SinkSummary {
  ID: string;
  MessageID: string;
  To: Array<{ Address: string }>;
  Subject: string;
  Created: string;
}

export class SinkCollector {
  readonly messages: CollectedMessage[] = [];
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private failure: unknown;

  constructor(
    private readonly api: string,
    /** Messages to `…@<domain>` belong to this run. */
    private readonly domain: string,
    private readonly pageSize = 2000,
  ) {}

  /** Polls every `intervalMs` until stop(). */
  start(intervalMs = 500): void {
    const tick = (): void => {
      this.polling = this.poll()
        .then(() => undefined)
        .catch((error: unknown) => {
          this.failure ??= error;
        })
        .finally(() => {
          if (this.timer !== undefined) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, intervalMs);
  }

  /** Stops polling, then drains what is left. */
  async stop(): Promise<void> {
    const timer = this.timer;
    this.timer = undefined;
    if (timer) clearTimeout(timer);
    await this.polling;
    while ((await this.poll()) > 0) {
      // drain
    }
    if (this.failure) throw this.failure;
  }

  /** One poll: walks the whole inbox, takes the run's messages and deletes them; returns how many. */
  async poll(): Promise<number> {
    const ours = new Map<string, SinkSummary>();
    for (let start = 0; ; start += this.pageSize) {
      const res = await fetch(`${this.api}/api/v1/messages?start=${start}&limit=${this.pageSize}`);
      if (!res.ok) throw new Error(`mail sink listing failed: ${res.status}`);
      const page = ((await res.json()) as { messages: SinkSummary[] }).messages;
      for (const m of page) if (this.recipientOf(m) !== undefined) ours.set(m.ID, m);
      if (page.length < this.pageSize) break;
    }
    if (ours.size === 0) return 0;
    for (const m of ours.values()) {
      this.messages.push({ to: this.recipientOf(m) as string, messageId: m.MessageID, subject: m.Subject, receivedAt: Date.parse(m.Created) });
    }
    const del = await fetch(`${this.api}/api/v1/messages`, {
      method: 'DELETE',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ IDs: [...ours.keys()] }),
    });
    if (!del.ok) throw new Error(`mail sink delete failed: ${del.status}`);
    return ours.size;
  }

  private recipientOf(m: SinkSummary): string | undefined {
    return m.To.map((to) => to.Address.toLowerCase()).find((address) => address.endsWith(`@${this.domain}`));
  }

  /** Forgets what was collected (between two passes of a benchmark). */
  reset(): void {
    this.messages.length = 0;
  }
}

export interface DeliveryTally {
  expected: number;
  delivered: number;
  /** Expected recipients with no message. */
  losses: number;
  /** Messages beyond the first, per expected recipient. */
  duplicates: number;
  /** Messages to recipients not expected at all. */
  unexpected: number;
  firstAt: number;
  lastAt: number;
}

/** Compares what arrived with the recipients that should have got exactly one message each. */
export function tallyDeliveries(messages: readonly CollectedMessage[], expected: Iterable<string>): DeliveryTally {
  const want = new Set([...expected].map((a) => a.toLowerCase()));
  const counts = new Map<string, number>();
  let unexpected = 0;
  let firstAt = Number.POSITIVE_INFINITY;
  let lastAt = 0;
  for (const m of messages) {
    if (!want.has(m.to)) {
      unexpected += 1;
      continue;
    }
    counts.set(m.to, (counts.get(m.to) ?? 0) + 1);
    firstAt = Math.min(firstAt, m.receivedAt);
    lastAt = Math.max(lastAt, m.receivedAt);
  }
  let duplicates = 0;
  for (const count of counts.values()) duplicates += count - 1;
  return { expected: want.size, delivered: counts.size, losses: want.size - counts.size, duplicates, unexpected, firstAt, lastAt };
}
