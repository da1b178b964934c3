import type { MessageDetail, MessageList, MessageSummary } from './types';

export type MessageFilter = (message: MessageDetail) => boolean;

/** In-memory inbox, deliberately never persisted: it holds whatever personal data tests send. */
export class MessageStore {
  // Oldest first, so that adding and evicting are cheap; listings read it backwards.
  private messages: MessageDetail[] = [];
  private readonly byId = new Map<string, MessageDetail>();
  private acceptedTotal = 0;

  constructor(private readonly maxMessages: number) {}

  add(message: MessageDetail): void {
    this.messages.push(message);
    this.byId.set(message.ID, message);
    this.acceptedTotal += 1;
    while (this.messages.length > this.maxMessages) {
      const evicted = this.messages.shift();
      if (evicted) this.byId.delete(evicted.ID);
    }
  }

  get(id: string): MessageDetail | undefined {
    return this.byId.get(id);
  }

  latest(): MessageDetail | undefined {
    return this.messages[this.messages.length - 1];
  }

  get size(): number {
    return this.messages.length;
  }

  /** Messages accepted since the store was created, deleted ones included. */
  get acceptedCount(): number {
    return this.acceptedTotal;
  }

  /** Newest first. */
  list(start: number, limit: number, filter?: MessageFilter): MessageList {
    const matching: MessageDetail[] = [];
    for (let i = this.messages.length - 1; i >= 0; i -= 1) {
      const message = this.messages[i];
      if (message && (!filter || filter(message))) matching.push(message);
    }
    const page = matching.slice(start, start + limit).map(summary);
    return { total: this.messages.length, messages_count: matching.length, count: page.length, start, messages: page };
  }

  clear(): number {
    const deleted = this.messages.length;
    this.messages = [];
    this.byId.clear();
    return deleted;
  }

  /** Deletes the given IDs; unknown ones are ignored. Returns how many were deleted. */
  delete(ids: readonly string[]): number {
    const doomed = new Set(ids.filter((id) => this.byId.has(id)));
    if (doomed.size === 0) return 0;
    this.messages = this.messages.filter((message) => !doomed.has(message.ID));
    for (const id of doomed) this.byId.delete(id);
    return doomed.size;
  }
}

function summary(message: MessageDetail): MessageSummary {
  const { ID, MessageID, From, To, Cc, Bcc, Subject, Created, Size } = message;
  return { ID, MessageID, From, To, Cc, Bcc, Subject, Created, Size };
}

/** Filter for Mailpit's `to:ADDRESS` search: any recipient (To, Cc, Bcc, envelope), case-insensitive. */
export function recipientFilter(address: string): MessageFilter {
  const wanted = address.toLowerCase();
  return (message) => [...message.To, ...message.Cc, ...message.Bcc].some((a) => a.Address.toLowerCase() === wanted);
}
