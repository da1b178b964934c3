/**
 * The benchmarks' side of the discard sink (bench/support/discard-sink.ts): its counters over
 * HTTP, the messages it kept, and the links in them.
 */
export interface SinkStats {
  messages: number;
  unique: number;
  duplicates: number;
  bytes: number;
  firstAt: number;
  lastAt: number;
}

export interface KeptMessage {
  to: string[];
  messageId: string;
  raw: string;
}

/** Delivered, lost and duplicated messages of a pass, from the sink's per-Message-ID counts. */
export interface DeliveryCount {
  expected: number;
  delivered: number;
  losses: number;
  duplicates: number;
  lastAt: number;
}

/** The first `/<kind>/<token>` link of a raw message (quoted-printable soft breaks undone). */
export function linkIn(raw: string, kind: string): string | null {
  const text = raw.replace(/=\r?\n/g, '').replace(/=3D/gi, '=');
  return new RegExp(`/${kind}/([A-Za-z0-9_-]+\\.[A-Za-z0-9_.-]+)`).exec(text)?.[1] ?? null;
}

export class DiscardSinkClient {
  constructor(private readonly api: string) {}

  async stats(): Promise<SinkStats> {
    return (await (await fetch(`${this.api}/stats`)).json()) as SinkStats;
  }

  async kept(query: string): Promise<KeptMessage[]> {
    return (await (await fetch(`${this.api}/kept?${query}`)).json()) as KeptMessage[];
  }

  async reset(): Promise<void> {
    await fetch(`${this.api}/reset`, { method: 'POST' });
  }

  async count(expected: number): Promise<DeliveryCount> {
    const s = await this.stats();
    return { expected, delivered: s.unique, losses: Math.max(0, expected - s.unique), duplicates: s.duplicates, lastAt: s.lastAt };
  }

  /** Waits until `expected` distinct messages arrived (or `timeoutMs` passed); returns the count. */
  async settle(expected: number, timeoutMs: number): Promise<DeliveryCount> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const c = await this.count(expected);
      if (c.delivered >= expected || Date.now() > until) return c;
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** The first `/<kind>/` link mailed to `to`, waiting up to `timeoutMs`. */
  async link(to: string, kind: 'c' | 'r' | 't', timeoutMs = 600_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      for (const message of await this.kept(`to=${encodeURIComponent(to)}`)) {
        const token = linkIn(message.raw, kind);
        if (token) return token;
      }
      if (Date.now() > until) throw new Error(`no /${kind}/ link mailed to ${to} within ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
