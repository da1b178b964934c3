import type { Connection, Model } from 'mongoose';
import { GroupCommit } from './group-commit';
import { CaseStatisticsRepository } from '../statistics/case-statistics.repository';
import { mailLedgerSchema, MAIL_LEDGER_COLLECTION, type LedgerStatus, type MailLedgerDocument } from './mail-ledger.schema';

export interface LedgerKey {
  caseId: string;
  subjectId: string;
  mailing: string;
}

/** What is stored with a claim as evidence of the message's content (no personal data). */
export interface LedgerEvidence {
  wordingVersion?: string;
}

export type Claim =
  | { action: 'send'; messageId: string; resend: boolean }
  | { action: 'skip'; status: LedgerStatus };

const DUPLICATE_KEY = 11000;

export const ledgerId = (key: LedgerKey): string => `${key.caseId}:${key.subjectId}:${key.mailing}`;

/** Message-ID derived from the ledger key: a resend carries the same id, so receivers can dedupe. */
export const ledgerMessageId = (key: LedgerKey, domain: string): string =>
  `<${ledgerId(key).replace(/[^A-Za-z0-9._-]/g, '.')}@${domain}>`;

export interface MailLedgerOptions {
  /**
   * Group commit: claims made while a claim is being written go together in one unordered
   * insertMany, marks in one updateMany per (case, mailing, status). Each caller still waits for
   * its own write, so nothing changes for it but the number of round trips. For mailings that
   * keep many messages in flight (on FerretDB a single-document write costs milliseconds).
   */
  groupCommit?: boolean;
}

interface ClaimRequest {
  key: LedgerKey;
  messageId: string;
  evidence: LedgerEvidence;
}

interface MarkRequest {
  key: LedgerKey;
  status: Exclude<LedgerStatus, 'sending'>;
  error?: string;
}

export class MailLedgerRepository {
  private readonly model: Model<MailLedgerDocument>;
  private readonly claims?: GroupCommit<ClaimRequest, Claim>;
  private readonly marks?: GroupCommit<MarkRequest, void>;
  private readonly statistics: CaseStatisticsRepository;

  constructor(connection: Connection, options: MailLedgerOptions = {}) {
    this.statistics = new CaseStatisticsRepository(connection);
    this.model =
      connection.models[MAIL_LEDGER_COLLECTION] ?? connection.model<MailLedgerDocument>(MAIL_LEDGER_COLLECTION, mailLedgerSchema);
    if (options.groupCommit) {
      this.claims = new GroupCommit((requests) => this.claimMany(requests));
      this.marks = new GroupCommit((requests) => this.markMany(requests));
    }
  }

  /**
   * Claims a message before sending. A fresh key → send. A key already sent/bounced → skip.
   * A key left in `sending` (an earlier attempt died mid-send) → send again, flagged as a resend.
   * A key left `failed` (a 4xx) → send again. Either way the entry is `sending` again until marked.
   */
  async claim(key: LedgerKey, messageId: string, evidence: LedgerEvidence = {}): Promise<Claim> {
    if (this.claims) return this.claims.submit({ key, messageId, evidence });
    try {
      await this.model.collection.insertOne(this.claimDocument({ key, messageId, evidence }, new Date()) as never);
      return { action: 'send', messageId, resend: false };
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    }
    return this.reclaim({ key, messageId, evidence });
  }

  async mark(key: LedgerKey, status: Exclude<LedgerStatus, 'sending'>, error?: string): Promise<void> {
    if (this.marks) return this.marks.submit({ key, status, ...(error !== undefined && { error }) });
    await this.model.updateOne({ _id: ledgerId(key) }, { $set: markFields(status, error, new Date()) }).exec();
    await this.countMarks(key, status, 1);
  }

  /**
   * The notice mailing's marks move the case status's `notified` / `bounced` as they happen (the
   * mailing recounts both from the ledger when it ends).
   */
  private async countMarks(key: LedgerKey, status: Exclude<LedgerStatus, 'sending'>, marked: number): Promise<void> {
    if (key.mailing !== 'notice' || marked === 0) return;
    if (status === 'sent') await this.statistics.add(key.caseId, { notified: marked });
    if (status === 'bounced') await this.statistics.add(key.caseId, { bounced: marked });
  }

  private claimDocument({ key, messageId, evidence }: ClaimRequest, now: Date): MailLedgerDocument {
    return {
      _id: ledgerId(key), ...key, status: 'sending', messageId, attempts: 1, resent: 0, claimedAt: now,
      ...(evidence.wordingVersion !== undefined && { wordingVersion: evidence.wordingVersion }),
    };
  }

  /** The key exists: skip it, or take it again for a resend (counted when it was left `sending`). */
  private async reclaim({ key, evidence }: ClaimRequest): Promise<Claim> {
    const existing = await this.model.findById(ledgerId(key)).lean<MailLedgerDocument>().exec();
    if (!existing) throw new Error('ledger entry vanished during claim');
    if (existing.status !== 'sending' && existing.status !== 'failed') return { action: 'skip', status: existing.status };
    const resend = existing.status === 'sending';
    await this.model
      .updateOne(
        { _id: ledgerId(key) },
        {
          $inc: { attempts: 1, resent: resend ? 1 : 0 },
          $set: { status: 'sending', claimedAt: new Date(), ...(evidence.wordingVersion !== undefined && { wordingVersion: evidence.wordingVersion }) },
        },
      )
      .exec();
    return { action: 'send', messageId: existing.messageId, resend };
  }

  /** Group commit of claims: one unordered insertMany; keys that exist take the reclaim path. */
  private async claimMany(requests: readonly ClaimRequest[]): Promise<Array<Claim | Error>> {
    const now = new Date();
    const results: Array<Claim | Error | undefined> = requests.map(() => undefined);
    const existing: number[] = [];
    try {
      await this.model.collection.insertMany(requests.map((r) => this.claimDocument(r, now)) as never[], { ordered: false });
    } catch (error) {
      const writeErrors = writeErrorsOf(error);
      if (!writeErrors) throw error;
      for (const e of writeErrors) {
        if (e.code === DUPLICATE_KEY) existing.push(e.index);
        else results[e.index] = new Error(`ledger claim failed (code ${String(e.code)})`);
      }
    }
    if (existing.length > 0) await this.reclaimMany(existing.map((index) => ({ index, request: requests[index] as ClaimRequest })), results);
    return requests.map((r, i) => results[i] ?? { action: 'send', messageId: r.messageId, resend: false });
  }

  /**
   * The keys of a claim batch that exist already (a retry walking messages again). On FerretDB v1
   * every lookup scans the collection, so they are read with one query per (case, mailing) and
   * taken again with one updateMany per kind (left `sending` → resend; left `failed` → retry),
   * each filtered on the status read; anything that changed in between takes the one-by-one path.
   */
  private async reclaimMany(
    entries: ReadonlyArray<{ index: number; request: ClaimRequest }>,
    results: Array<Claim | Error | undefined>,
  ): Promise<void> {
    const byMailing = new Map<string, Array<{ index: number; request: ClaimRequest }>>();
    for (const entry of entries) {
      const group = `${entry.request.key.caseId}\u0000${entry.request.key.mailing}`;
      byMailing.set(group, [...(byMailing.get(group) ?? []), entry]);
    }
    const now = new Date();
    for (const group of byMailing.values()) {
      const { caseId, mailing } = (group[0] as { request: ClaimRequest }).request.key;
      const found = await this.model.collection
        .find({ caseId, mailing, _id: { $in: group.map((e) => ledgerId(e.request.key)) } } as never)
        .toArray();
      const stored = new Map(found.map((doc) => [String(doc._id), doc as unknown as MailLedgerDocument]));
      const retake = new Map<string, Array<{ index: number; request: ClaimRequest; doc: MailLedgerDocument }>>();
      for (const entry of group) {
        const doc = stored.get(ledgerId(entry.request.key));
        if (!doc) {
          results[entry.index] = new Error('ledger entry vanished during claim');
        } else if (doc.status !== 'sending' && doc.status !== 'failed') {
          results[entry.index] = { action: 'skip', status: doc.status };
        } else {
          const kind = `${doc.status}\u0000${entry.request.evidence.wordingVersion ?? ''}`;
          retake.set(kind, [...(retake.get(kind) ?? []), { ...entry, doc }]);
        }
      }
      for (const members of retake.values()) {
        const first = members[0] as { request: ClaimRequest; doc: MailLedgerDocument };
        const resend = first.doc.status === 'sending';
        const wordingVersion = first.request.evidence.wordingVersion;
        const result = await this.model.collection.updateMany(
          { caseId, mailing, status: first.doc.status, _id: { $in: members.map((m) => ledgerId(m.request.key)) } } as never,
          {
            $inc: { attempts: 1, resent: resend ? 1 : 0 },
            $set: { status: 'sending', claimedAt: now, ...(wordingVersion !== undefined && { wordingVersion }) },
          },
        );
        if (result.modifiedCount === members.length) {
          for (const m of members) results[m.index] = { action: 'send', messageId: m.doc.messageId, resend };
          continue;
        }
        // Some changed between the read and the update (or were taken twice): settle each on its own.
        // Those already taken by the updateMany are `sending` now and would be counted as resends:
        // accepted, since it only overstates the duplicate bound in a race that needs two senders.
        for (const m of members) {
          results[m.index] = await this.reclaim(m.request).catch((error: unknown) => (error instanceof Error ? error : new Error('ledger claim failed')));
        }
      }
    }
  }

  /**
   * Group commit of marks: one updateMany per (case, mailing, status, error), filtered on the
   * entries still `sending` (equality filters a FerretDB backend can push down). If it did not
   * modify them all, the marks of that group are written one by one (idempotent $set).
   */
  private async markMany(requests: readonly MarkRequest[]): Promise<void[]> {
    const now = new Date();
    const groups = new Map<string, MarkRequest[]>();
    for (const request of requests) {
      const group = [request.key.caseId, request.key.mailing, request.status, request.error ?? ''].join('\u0000');
      groups.set(group, [...(groups.get(group) ?? []), request]);
    }
    for (const group of groups.values()) {
      const first = group[0] as MarkRequest;
      const set = markFields(first.status, first.error, now);
      const ids = group.map((r) => ledgerId(r.key));
      const result = await this.model.collection.updateMany(
        { caseId: first.key.caseId, mailing: first.key.mailing, status: 'sending', _id: { $in: ids } } as never,
        { $set: set },
      );
      if (result.modifiedCount !== ids.length) {
        for (const id of ids) await this.model.collection.updateOne({ _id: id } as never, { $set: set });
      }
      await this.countMarks(first.key, first.status, ids.length);
    }
    return requests.map(() => undefined);
  }

  async find(key: LedgerKey): Promise<MailLedgerDocument | null> {
    return this.model.findById(ledgerId(key)).lean<MailLedgerDocument>().exec();
  }

  async countByStatus(caseId: string, mailing: string, status: LedgerStatus): Promise<number> {
    return this.model.countDocuments({ caseId, mailing, status }).exec();
  }

  /**
   * Messages of a mailing claimed again after an attempt died while they were `sending`: an upper
   * bound of the duplicates (the crash may have come before or after the SMTP accept).
   */
  async countResent(caseId: string, mailing: string): Promise<number> {
    return this.model.countDocuments({ caseId, mailing, resent: { $gt: 0 } }).exec();
  }
}

function markFields(status: Exclude<LedgerStatus, 'sending'>, error: string | undefined, now: Date): Record<string, unknown> {
  return { status, ...(status === 'sent' && { sentAt: now }), ...(error && { error }) };
}

/** The per-document errors of an unordered bulk insert (read without instanceof), or null. */
function writeErrorsOf(error: unknown): Array<{ index: number; code: unknown }> | null {
  const raw = (error as { writeErrors?: unknown } | null)?.writeErrors;
  const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : null;
  if (!list || list.length === 0) return null;
  const out: Array<{ index: number; code: unknown }> = [];
  for (const e of list as Array<{ index?: unknown; code?: unknown }>) {
    if (typeof e.index !== 'number') return null;
    out.push({ index: e.index, code: e.code });
  }
  return out;
}
