import type { Connection, Model } from 'mongoose';
import { GroupCommit } from './group-commit';
import { CaseStatisticsRepository } from '../statistics/case-statistics.repository';
import type { Collection, Filter } from 'mongodb';
import { mailLedgerClaimSchema, mailLedgerSchema, MAIL_LEDGER_CLAIM_COLLECTION, MAIL_LEDGER_COLLECTION, type LedgerStatus, type MailLedgerDocument } from './mail-ledger.schema';
import { DUPLICATE_KEY, isDuplicateKey } from '../customers/bulk-write-errors';

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

/** A claim in `mail_ledger_claims`: the message is (being) sent; its outcome is not known yet. */
type ClaimDocument = Omit<MailLedgerDocument, 'status' | 'sentAt' | 'error'>;

/**
 * The send ledger in two insert-only collections, because FerretDB v1 scans a collection for every
 * update (even by `_id`: ~0.6 s per update at a million entries) while an insert costs milliseconds:
 * - `mail_ledger_claims`: the claim, inserted before the send (unique `_id`: the claim itself);
 * - `mail_ledger`: the outcome, inserted when the send is marked (`sent`, `bounced`, `failed`).
 * A key with a claim and no outcome is `sending`: the only state in which a crash leaves a message in
 * doubt. Updates happen only on the retry paths (a claim taken again, an outcome after `failed`).
 */
export class MailLedgerRepository {
  private readonly model: Model<MailLedgerDocument>;
  private readonly claimModel: Model<ClaimDocument>;
  private readonly claims?: GroupCommit<ClaimRequest, Claim>;
  private readonly marks?: GroupCommit<MarkRequest, void>;
  private readonly statistics: CaseStatisticsRepository;
  /** Claims this process holds until their mark: the outcome document copies them without a read. */
  private readonly held = new Map<string, ClaimDocument>();

  constructor(connection: Connection, options: MailLedgerOptions = {}) {
    this.statistics = new CaseStatisticsRepository(connection);
    this.model =
      connection.models[MAIL_LEDGER_COLLECTION] ?? connection.model<MailLedgerDocument>(MAIL_LEDGER_COLLECTION, mailLedgerSchema);
    this.claimModel =
      connection.models[MAIL_LEDGER_CLAIM_COLLECTION] ?? connection.model<ClaimDocument>(MAIL_LEDGER_CLAIM_COLLECTION, mailLedgerClaimSchema);
    if (options.groupCommit) {
      this.claims = new GroupCommit((requests) => this.claimMany(requests));
      this.marks = new GroupCommit((requests) => this.markMany(requests));
    }
  }

  private get outcomes(): Collection<MailLedgerDocument> {
    return this.model.collection as unknown as Collection<MailLedgerDocument>;
  }

  private get claimed(): Collection<ClaimDocument> {
    return this.claimModel.collection as unknown as Collection<ClaimDocument>;
  }

  /**
   * Claims a message before sending. A fresh key → send. A key already sent/bounced → skip.
   * A key left `sending` (an earlier attempt died mid-send) → send again, flagged as a resend.
   * A key left `failed` (a 4xx) → send again. Either way the entry is `sending` again until marked.
   */
  async claim(key: LedgerKey, messageId: string, evidence: LedgerEvidence = {}): Promise<Claim> {
    if (this.claims) return this.claims.submit({ key, messageId, evidence });
    const doc = this.claimDocument({ key, messageId, evidence }, new Date());
    try {
      await this.claimed.insertOne(doc);
      this.held.set(doc._id, doc);
      return { action: 'send', messageId, resend: false };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    return this.reclaim({ key, messageId, evidence });
  }

  async mark(key: LedgerKey, status: Exclude<LedgerStatus, 'sending'>, error?: string): Promise<void> {
    if (this.marks) return this.marks.submit({ key, status, ...(error !== undefined && { error }) });
    const [doc] = await this.outcomeDocuments([{ key, status, ...(error !== undefined && { error }) }], new Date());
    try {
      await this.outcomes.insertOne(doc as MailLedgerDocument);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      await this.outcomes.replaceOne({ _id: { $eq: ledgerId(key) } } as Filter<MailLedgerDocument>, doc as MailLedgerDocument);
    }
    this.held.delete(ledgerId(key));
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

  private claimDocument({ key, messageId, evidence }: ClaimRequest, now: Date): ClaimDocument {
    return {
      _id: ledgerId(key), ...key, messageId, attempts: 1, resent: 0, claimedAt: now,
      ...(evidence.wordingVersion !== undefined && { wordingVersion: evidence.wordingVersion }),
    };
  }

  /** The outcome documents of marks: the claim (held in memory, else read) with the status. */
  private async outcomeDocuments(requests: readonly MarkRequest[], now: Date): Promise<MailLedgerDocument[]> {
    const missing = requests.map((r) => ledgerId(r.key)).filter((id) => !this.held.has(id));
    if (missing.length > 0) {
      const found = await this.claimed.find({ _id: { $in: missing } } as Filter<ClaimDocument>).toArray();
      for (const doc of found) this.held.set(doc._id, doc);
    }
    return requests.map(({ key, status, error }) => {
      const claim = this.held.get(ledgerId(key));
      if (!claim) throw new Error('ledger mark without a claim');
      return { ...claim, status, ...markFields(status, error, now) } as MailLedgerDocument;
    });
  }

  /** The key was claimed before: skip it, or take it again for a resend (counted when it was left `sending`). */
  private async reclaim(request: ClaimRequest): Promise<Claim> {
    const id = ledgerId(request.key);
    const [outcome, claim] = await Promise.all([
      this.outcomes.findOne({ _id: { $eq: id } } as Filter<MailLedgerDocument>),
      this.claimed.findOne({ _id: { $eq: id } } as Filter<ClaimDocument>),
    ]);
    const status: LedgerStatus | undefined = outcome?.status ?? (claim ? 'sending' : undefined);
    if (!claim || !status) throw new Error('ledger entry vanished during claim');
    if (status !== 'sending' && status !== 'failed') return { action: 'skip', status };
    return this.retake([{ claim, status }], request.evidence, new Date()).then(([taken]) => taken as Claim);
  }

  /**
   * Takes claims again: attempts (and resends, for those left `sending`) counted on the claim, a
   * `failed` outcome removed so that the next mark records the new one.
   */
  private async retake(
    entries: ReadonlyArray<{ claim: ClaimDocument; status: 'sending' | 'failed' }>,
    evidence: LedgerEvidence,
    now: Date,
  ): Promise<Claim[]> {
    for (const status of ['sending', 'failed'] as const) {
      const members = entries.filter((e) => e.status === status);
      if (members.length === 0) continue;
      const ids = members.map((m) => m.claim._id);
      const resend = status === 'sending';
      await this.claimed.updateMany({ _id: { $in: ids } } as Filter<ClaimDocument>, {
        $inc: { attempts: 1, resent: resend ? 1 : 0 },
        $set: { claimedAt: now, ...(evidence.wordingVersion !== undefined && { wordingVersion: evidence.wordingVersion }) },
      });
      if (!resend) await this.outcomes.deleteMany({ _id: { $in: ids }, status: 'failed' } as Filter<MailLedgerDocument>);
      for (const { claim } of members) {
        this.held.set(claim._id, {
          ...claim, attempts: claim.attempts + 1, resent: claim.resent + (resend ? 1 : 0), claimedAt: now,
          ...(evidence.wordingVersion !== undefined && { wordingVersion: evidence.wordingVersion }),
        });
      }
    }
    return entries.map(({ claim, status }) => ({ action: 'send', messageId: claim.messageId, resend: status === 'sending' }));
  }

  /** Group commit of claims: one unordered insertMany; keys that exist take the reclaim path. */
  private async claimMany(requests: readonly ClaimRequest[]): Promise<Array<Claim | Error>> {
    const now = new Date();
    const results: Array<Claim | Error | undefined> = requests.map(() => undefined);
    const existing: number[] = [];
    const docs = requests.map((r) => this.claimDocument(r, now));
    try {
      await this.claimed.insertMany(docs, { ordered: false });
    } catch (error) {
      const writeErrors = writeErrorsOf(error);
      if (!writeErrors) throw error;
      for (const e of writeErrors) {
        if (e.code === DUPLICATE_KEY) existing.push(e.index);
        else results[e.index] = new Error(`ledger claim failed (code ${String(e.code)})`);
      }
    }
    docs.forEach((doc, i) => {
      if (results[i] === undefined && !existing.includes(i)) this.held.set(doc._id, doc);
    });
    if (existing.length > 0) await this.reclaimMany(existing.map((index) => ({ index, request: requests[index] as ClaimRequest })), results);
    return requests.map((r, i) => results[i] ?? { action: 'send', messageId: r.messageId, resend: false });
  }

  /**
   * The keys of a claim batch that were claimed before (a retry walking messages again): their
   * outcomes and claims read with one query each (FerretDB v1 scans for every lookup), then taken
   * again in one update per kind.
   */
  private async reclaimMany(
    entries: ReadonlyArray<{ index: number; request: ClaimRequest }>,
    results: Array<Claim | Error | undefined>,
  ): Promise<void> {
    const ids = entries.map((e) => ledgerId(e.request.key));
    const [outcomes, claims] = await Promise.all([
      this.outcomes.find({ _id: { $in: ids } } as Filter<MailLedgerDocument>).toArray(),
      this.claimed.find({ _id: { $in: ids } } as Filter<ClaimDocument>).toArray(),
    ]);
    const outcomeOf = new Map(outcomes.map((doc) => [doc._id, doc.status]));
    const claimOf = new Map(claims.map((doc) => [doc._id, doc]));
    const now = new Date();
    const byWording = new Map<string, Array<{ index: number; claim: ClaimDocument; status: 'sending' | 'failed'; evidence: LedgerEvidence }>>();
    for (const { index, request } of entries) {
      const id = ledgerId(request.key);
      const claim = claimOf.get(id);
      const status = outcomeOf.get(id) ?? 'sending';
      if (!claim) results[index] = new Error('ledger entry vanished during claim');
      else if (status !== 'sending' && status !== 'failed') results[index] = { action: 'skip', status };
      else {
        const wording = request.evidence.wordingVersion ?? '';
        byWording.set(wording, [...(byWording.get(wording) ?? []), { index, claim, status, evidence: request.evidence }]);
      }
    }
    for (const members of byWording.values()) {
      const taken = await this.retake(members, (members[0] as { evidence: LedgerEvidence }).evidence, now);
      members.forEach((m, i) => {
        results[m.index] = taken[i] as Claim;
      });
    }
  }

  /**
   * Group commit of marks: one unordered insertMany of outcome documents; an outcome that exists
   * already (a `failed` one a retry did not clear, or a ledger written before claims were split
   * out) is replaced one by one.
   */
  private async markMany(requests: readonly MarkRequest[]): Promise<void[]> {
    const docs = await this.outcomeDocuments(requests, new Date());
    try {
      await this.outcomes.insertMany(docs, { ordered: false });
    } catch (error) {
      const writeErrors = writeErrorsOf(error);
      if (!writeErrors) throw error;
      for (const e of writeErrors) {
        if (e.code !== DUPLICATE_KEY) throw new Error(`ledger mark failed (code ${String(e.code)})`);
        const doc = docs[e.index] as MailLedgerDocument;
        await this.outcomes.replaceOne({ _id: { $eq: doc._id } } as Filter<MailLedgerDocument>, doc);
      }
    }
    const counted = new Map<string, { key: LedgerKey; status: MarkRequest['status']; n: number }>();
    for (const request of requests) {
      this.held.delete(ledgerId(request.key));
      const group = [request.key.caseId, request.key.mailing, request.status].join('\u0000');
      const entry = counted.get(group) ?? { key: request.key, status: request.status, n: 0 };
      entry.n += 1;
      counted.set(group, entry);
    }
    for (const { key, status, n } of counted.values()) await this.countMarks(key, status, n);
    return requests.map(() => undefined);
  }

  /** The subjects a mailing of a case was attempted for (claimed: sent, bounced, or perhaps sent). One read. */
  async claimedSubjects(caseId: string, mailing: string): Promise<Set<string>> {
    const subjects = new Set<string>();
    const filter = { caseId: { $eq: caseId }, mailing: { $eq: mailing } } as Filter<ClaimDocument>;
    for await (const claim of this.claimed.find(filter, { projection: { subjectId: 1 } })) subjects.add(claim.subjectId);
    return subjects;
  }

  /** The entry of a key: its outcome, or `sending` while only the claim exists. */
  async find(key: LedgerKey): Promise<MailLedgerDocument | null> {
    const id = ledgerId(key);
    const outcome = await this.outcomes.findOne({ _id: { $eq: id } } as Filter<MailLedgerDocument>);
    if (outcome) return outcome;
    const claim = await this.claimed.findOne({ _id: { $eq: id } } as Filter<ClaimDocument>);
    return claim ? { ...claim, status: 'sending' } : null;
  }

  /**
   * Per mailing of a case: messages by status (`sending` = claimed without an outcome) and the
   * wording versions they carried (the compliance report). One read of each collection.
   */
  async mailingSummaries(caseId: string): Promise<Array<{ mailing: string; byStatus: Record<string, number>; wordingVersions: string[] }>> {
    const byCase = { caseId: { $eq: caseId } };
    const rows = new Map<string, { claims: number; byStatus: Record<string, number>; versions: Set<string> }>();
    const row = (mailing: string) => rows.get(mailing) ?? rows.set(mailing, { claims: 0, byStatus: {}, versions: new Set() }).get(mailing)!;
    for await (const claim of this.claimed.find(byCase as Filter<ClaimDocument>, { projection: { mailing: 1, wordingVersion: 1 } })) {
      const entry = row(claim.mailing);
      entry.claims += 1;
      if (claim.wordingVersion) entry.versions.add(claim.wordingVersion);
    }
    for await (const outcome of this.outcomes.find(byCase as Filter<MailLedgerDocument>, { projection: { mailing: 1, status: 1, wordingVersion: 1 } })) {
      const entry = row(outcome.mailing);
      entry.byStatus[outcome.status] = (entry.byStatus[outcome.status] ?? 0) + 1;
      if (outcome.wordingVersion) entry.versions.add(outcome.wordingVersion);
    }
    return [...rows.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([mailing, { claims, byStatus, versions }]) => {
        const decided = Object.values(byStatus).reduce((a, b) => a + b, 0);
        return { mailing, byStatus: { ...byStatus, ...(claims > decided && { sending: claims - decided }) }, wordingVersions: [...versions].sort() };
      });
  }

  async countByStatus(caseId: string, mailing: string, status: LedgerStatus): Promise<number> {
    if (status !== 'sending') return this.outcomes.countDocuments({ caseId: { $eq: caseId }, mailing: { $eq: mailing }, status: { $eq: status } } as Filter<MailLedgerDocument>);
    const [claims, outcomes] = await Promise.all([
      this.claimed.countDocuments({ caseId: { $eq: caseId }, mailing: { $eq: mailing } } as Filter<ClaimDocument>),
      this.outcomes.countDocuments({ caseId: { $eq: caseId }, mailing: { $eq: mailing } } as Filter<MailLedgerDocument>),
    ]);
    return Math.max(0, claims - outcomes);
  }

  /**
   * Messages of a mailing claimed again after an attempt died while they were `sending`: an upper
   * bound of the duplicates (the crash may have come before or after the SMTP accept).
   */
  async countResent(caseId: string, mailing: string): Promise<number> {
    return this.claimed.countDocuments({ caseId: { $eq: caseId }, mailing: { $eq: mailing }, resent: { $gt: 0 } } as Filter<ClaimDocument>);
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
