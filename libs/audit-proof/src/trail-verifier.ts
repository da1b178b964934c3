import type { KeyObject } from 'node:crypto';
import { checkpointSignedBy, type AuditCheckpoint } from './checkpoint';
import { chainHash } from './hash-chain';
import { AUDIT_SCHEME_KEYED, type TrailEvent } from './trail-event';

/** What the first break looks like (docs/architecture.md, "Audit trail"). */
export type TamperKind = 'edited' | 'deleted' | 'inserted' | 'reordered' | 'truncated' | 'checkpoint-forged';

export interface TrailVerification {
  valid: boolean;
  /** Events examined. */
  events: number;
  /** seq of the first bad position. */
  firstBrokenAt?: number;
  kind?: TamperKind;
  /** Events per scheme: `unkeyed` (v1, before keyed chains) and `keyed` (v2). */
  schemes: { unkeyed: number; keyed: number };
  /** The latest checkpoint with a good signature the chain was held against. */
  checkpoint?: { seq: number; count: number; at: string };
}

export interface TrailVerifierOptions {
  scope: string;
  /** Checkpoints to hold the chain against (from the database, the export, the outside file). */
  checkpoints?: readonly AuditCheckpoint[];
  /** The checkpoint signing key; without it checkpoints are not used. */
  publicKey?: KeyObject | string;
  keyId?: string;
  /** Checks a keyed event's HMAC (online only: the audit key never leaves the services). */
  macValid?: (event: TrailEvent) => boolean;
  /** Events remembered before and read after a break to name its kind. */
  window?: number;
}

type Reason = 'seq' | 'link' | 'content' | 'mac' | 'checkpoint';
interface Break { at: number; kind: TamperKind }

/**
 * Streams a chain in seq order (push), then result(). Checks each event's seq, its link to the
 * previous hash, its own hash, its HMAC (when macValid is given), and the head at every signed
 * checkpoint; after the end, that no signed checkpoint reaches beyond the last event (a cut tail).
 * At the first break it reads up to `window` more events to tell an edit from a deletion, an
 * insertion or a reordering. Memory: the window, and the trusted checkpoints' heads.
 */
export class TrailVerifier {
  readonly #window: number;
  readonly #macValid: ((event: TrailEvent) => boolean) | undefined;
  readonly #heads = new Map<number, string>();
  #latest: AuditCheckpoint | undefined;
  #forgedAt: number | undefined;
  #expected = 1;
  #prev: string | null = null;
  #count = 0;
  #keyedSeen = false;
  readonly #schemes = { unkeyed: 0, keyed: 0 };
  readonly #recent = new Map<string, number>();
  #pending: { at: number; event: TrailEvent; reason: Reason; later: TrailEvent[] } | undefined;
  #found: Break | undefined;

  constructor(options: TrailVerifierOptions) {
    this.#window = options.window ?? 1024;
    this.#macValid = options.macValid;
    for (const checkpoint of options.checkpoints ?? []) {
      const trusted = options.publicKey !== undefined && options.keyId !== undefined && checkpoint.scope === options.scope
        && checkpointSignedBy(checkpoint, options.publicKey, options.keyId);
      if (!trusted) {
        this.#forgedAt = Math.min(this.#forgedAt ?? Infinity, Number.isInteger(checkpoint.seq) ? checkpoint.seq : 1);
        continue;
      }
      this.#heads.set(checkpoint.seq, checkpoint.head);
      if (!this.#latest || checkpoint.seq > this.#latest.seq) this.#latest = checkpoint;
    }
  }

  push(event: TrailEvent): void {
    this.#count += 1;
    if (event.v === AUDIT_SCHEME_KEYED) this.#schemes.keyed += 1;
    else this.#schemes.unkeyed += 1;
    if (this.#found) return;
    if (this.#pending) {
      this.#pending.later.push(event);
      if (this.#pending.later.length >= this.#window) this.#settle();
      return;
    }
    const reason = this.#inspect(event);
    if (reason) {
      this.#pending = { at: this.#expected, event, reason, later: [] };
      return;
    }
    this.#recent.set(event.hash, event.seq);
    if (this.#recent.size > this.#window) this.#recent.delete(this.#recent.keys().next().value as string);
    this.#prev = event.hash;
    this.#expected = event.seq + 1;
    this.#keyedSeen ||= event.v === AUDIT_SCHEME_KEYED;
  }

  result(): TrailVerification {
    if (this.#pending) this.#settle();
    let found = this.#found;
    const lastSeq = this.#expected - 1;
    if (!found && this.#latest && (this.#latest.seq > lastSeq || this.#latest.count > this.#count)) {
      found = { at: lastSeq + 1, kind: 'truncated' };
    }
    if (this.#forgedAt !== undefined && (!found || this.#forgedAt < found.at)) found = { at: this.#forgedAt, kind: 'checkpoint-forged' };
    const checkpoint = this.#latest && { seq: this.#latest.seq, count: this.#latest.count, at: this.#latest.at };
    return {
      valid: !found,
      events: this.#count,
      ...(found && { firstBrokenAt: found.at, kind: found.kind }),
      schemes: { ...this.#schemes },
      ...(checkpoint && { checkpoint }),
    };
  }

  #inspect(event: TrailEvent): Reason | undefined {
    if (!Number.isInteger(event.seq) || event.seq !== this.#expected) return 'seq';
    if (event.prevHash !== this.#prev) return 'link';
    if (!linkHolds(event)) return 'content';
    // A keyed chain never falls back to the unkeyed scheme: that would be a downgrade.
    if (event.v !== AUDIT_SCHEME_KEYED && this.#keyedSeen) return 'content';
    if (event.v === AUDIT_SCHEME_KEYED && this.#macValid && !this.#macValid(event)) return 'mac';
    const head = this.#heads.get(event.seq);
    if (head !== undefined && head !== event.hash) return 'checkpoint';
    return undefined;
  }

  /** Names the kind of the pending break from what came before it and the window after it. */
  #settle(): void {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = undefined;
    const { at, event, reason, later } = pending;
    const laterHolds = (hash: string | null): boolean => later.some((e) => e.hash === hash);
    const linksBack = event.prevHash !== null ? this.#recent.get(event.prevHash) : undefined;
    switch (reason) {
      case 'seq':
        if (event.seq < at) this.#found = { at, kind: linksBack !== undefined ? 'inserted' : 'reordered' };
        else this.#found = { at, kind: later.some((e) => e.seq < event.seq) || laterHolds(event.prevHash) ? 'reordered' : 'deleted' };
        return;
      case 'link':
        if (linksBack !== undefined) this.#found = { at: linksBack + 1, kind: 'inserted' };
        else this.#found = { at, kind: laterHolds(event.prevHash) ? 'reordered' : 'deleted' };
        return;
      case 'mac':
        // An event whose successor links over it was slipped in; otherwise it was rewritten.
        this.#found = { at, kind: later[0]?.prevHash === event.prevHash ? 'inserted' : 'edited' };
        return;
      case 'checkpoint':
        this.#found = { at: Math.max(0, ...[...this.#heads.keys()].filter((seq) => seq < event.seq)) + 1, kind: 'edited' };
        return;
      default:
        this.#found = { at, kind: 'edited' };
    }
  }
}

function linkHolds(event: TrailEvent): boolean {
  try {
    return chainHash(event.prevHash, event.body) === event.hash;
  } catch {
    return false;
  }
}
