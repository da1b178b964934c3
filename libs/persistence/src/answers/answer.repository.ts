import { CONSENT_ROUTES } from '@handover/domain';
import { randomBytes } from 'node:crypto';
import type { Collection, Filter } from 'mongodb';
import type { Connection, Model } from 'mongoose';
import type { CaseDeadlines } from '@handover/contracts';
import type { FieldCipher } from '@handover/crypto';
import { CASE_COLLECTION } from '../cases/case.schema';
import { customerDocId } from '../customers/customer-crypto';
import { CUSTOMER_COLLECTION, type CustomerDocument } from '../customers/customer.schema';
import { decideAnswer, deadlineFor } from './answer-rules';
import { AnswerRejectedError, AnswerSubjectNotFoundError } from './answer.errors';
import type { AnswerDecision, AnswerOutcome, AnswerState, ConsentEvidence, RecordAnswerInput } from './answer.entity';
import { consentEvidenceSchema, CONSENT_EVIDENCE_COLLECTION, type ConsentEvidenceDocument } from './consent-evidence.schema';
import { CaseStatisticsRepository } from '../statistics/case-statistics.repository';
import type { CaseCounters } from '../statistics/case-figures';

/** A lost compare-and-set means another answer of the same customer won; re-read and decide again. */
const MAX_ATTEMPTS = 5;
const USER_AGENT_MAX = 512;

type CustomerAnswerView = Pick<CustomerDocument, '_id' | 'route' | 'decision' | 'decisionAt'>;
interface CaseNotificationView {
  _id: string;
  notification?: { noticeDeadline?: unknown; consentDeadline?: unknown };
}

const evidenceAad = (caseId: string, evidenceId: string, field: 'ip' | 'userAgent'): string =>
  `${caseId}:consent-evidence:${evidenceId}:${field}`;

/**
 * Customers' answers: the evidence (append-only `consent_evidence`) and the standing decision on the
 * customer document, which the case counters read.
 *
 * No transactions: the evidence is written first (an answer's proof must never be missing; a crash
 * before the state change leaves a proof the customer's retry then applies), then the customer's
 * state moves by compare-and-set on the decision it was read with. Answers of one customer are also
 * serialised within this process, so a double submit records one proof.
 */
export class AnswerRepository {
  private readonly model: Model<ConsentEvidenceDocument>;
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly statistics: CaseStatisticsRepository;

  constructor(private readonly connection: Connection) {
    this.statistics = new CaseStatisticsRepository(connection);
    this.model =
      connection.models[CONSENT_EVIDENCE_COLLECTION] ??
      connection.model<ConsentEvidenceDocument>(CONSENT_EVIDENCE_COLLECTION, consentEvidenceSchema);
  }

  /** Builds the {caseId, ref, at} index (autoIndex is off). Idempotent. */
  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }

  private get evidence(): Collection<ConsentEvidenceDocument> {
    return this.model.collection as unknown as Collection<ConsentEvidenceDocument>;
  }

  private get customers(): Collection<CustomerDocument> {
    return this.collection<CustomerDocument>(CUSTOMER_COLLECTION);
  }

  private collection<T extends { _id: string }>(name: string): Collection<T> {
    const db = this.connection.db;
    if (!db) throw new Error('MongoDB connection has no database');
    return db.collection<T>(name);
  }

  /** Route, applicable deadline and standing answer of a customer; null when there is no such customer. */
  async state(caseId: string, ref: string): Promise<AnswerState | null> {
    const [customer, deadlines] = await Promise.all([this.customer(caseId, ref), this.deadlines(caseId)]);
    if (!customer) return null;
    return {
      caseId,
      ref,
      route: customer.route ?? null,
      deadline: deadlineFor(customer.route, deadlines),
      ...(customer.decision && { decision: customer.decision }),
      ...(customer.decisionAt && { decisionAt: customer.decisionAt }),
    };
  }

  /**
   * Records an answer: evidence, then the customer's new state. A repeated identical answer writes
   * nothing and returns the standing state. Throws AnswerRejectedError when the rules refuse the
   * answer, AnswerSubjectNotFoundError when the customer does not exist.
   */
  record(input: RecordAnswerInput): Promise<AnswerOutcome> {
    const key = customerDocId(input.caseId, input.ref);
    const previous = this.inFlight.get(key) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.recordNow(input));
    this.inFlight.set(key, run);
    const release = (): void => {
      if (this.inFlight.get(key) === run) this.inFlight.delete(key);
    };
    run.then(release, release);
    return run;
  }

  private async recordNow(input: RecordAnswerInput): Promise<AnswerOutcome> {
    const now = input.now ?? new Date();
    const deadlines = await this.deadlines(input.caseId);
    let proven = false;
    let evidence: ConsentEvidenceDocument | undefined;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const customer = await this.customer(input.caseId, input.ref);
      if (!customer) throw new AnswerSubjectNotFoundError('customer not found');
      const verdict = decideAnswer({ route: customer.route, current: customer.decision, requested: input.decision, deadlines, now });
      if (verdict.kind === 'reject') throw new AnswerRejectedError(verdict.code, verdict.message);
      if (verdict.kind === 'unchanged') {
        return { decision: verdict.current, recordedAt: customer.decisionAt ?? now, changed: false };
      }
      if (!proven) {
        evidence = this.toEvidence(input, verdict.scope, now);
        await this.evidence.insertOne(evidence);
        proven = true;
      }
      const filter: Filter<CustomerDocument> = {
        _id: { $eq: customer._id },
        decision: customer.decision === undefined ? { $exists: false } : { $eq: customer.decision },
      };
      const result = await this.customers.updateOne(filter, { $set: { decision: verdict.next, decisionAt: now } });
      if (result.matchedCount === 1) {
        await this.statistics.add(input.caseId, answerDelta(customer.route, customer.decision, verdict.next), `answer:${evidence?._id ?? now.getTime()}`);
        return { decision: verdict.next, recordedAt: now, changed: true };
      }
    }
    throw new Error(`answer of customer ${input.ref} in case ${input.caseId} lost ${MAX_ATTEMPTS} concurrent updates`);
  }

  /** The case's consent evidence by decision, and the wording versions it cites (the compliance report). */
  async evidenceSummary(caseId: string): Promise<{ evidenceRecords: number; byDecision: Record<string, number>; wordingVersions: string[] }> {
    const byCase = { caseId: { $eq: caseId } } as Filter<ConsentEvidenceDocument>;
    const byDecision: Record<string, number> = {};
    for await (const doc of this.evidence.find(byCase, { projection: { decision: 1 } })) byDecision[doc.decision] = (byDecision[doc.decision] ?? 0) + 1;
    const wordingVersions = (await this.evidence.distinct('wordingVersion', byCase)).map(String).sort();
    return { evidenceRecords: Object.values(byDecision).reduce((a, b) => a + b, 0), byDecision, wordingVersions };
  }

  /** A customer's evidence in time order (IP and user agent encrypted). */
  async evidenceOf(caseId: string, ref: string): Promise<ConsentEvidence[]> {
    const docs = await this.evidence
      .find({ caseId: { $eq: caseId }, ref: { $eq: ref } } as Filter<ConsentEvidenceDocument>)
      .sort({ at: 1, _id: 1 })
      .toArray();
    return docs.map((doc) => ({
      id: doc._id,
      caseId: doc.caseId,
      ref: doc.ref,
      decision: doc.decision as AnswerDecision,
      scope: doc.scope as ConsentEvidence['scope'],
      wordingVersion: doc.wordingVersion,
      channel: doc.channel as ConsentEvidence['channel'],
      tokenHash: doc.tokenHash,
      ipEnc: doc.ipEnc,
      userAgentEnc: doc.userAgentEnc,
      at: doc.at,
    }));
  }

  /** The IP and user agent of one evidence record (compliance report, access requests). */
  static decryptClient(evidence: Pick<ConsentEvidence, 'id' | 'caseId' | 'ipEnc' | 'userAgentEnc'>, cipher: FieldCipher): { ip: string; userAgent: string } {
    return {
      ip: cipher.decrypt(evidence.ipEnc, evidenceAad(evidence.caseId, evidence.id, 'ip')),
      userAgent: cipher.decrypt(evidence.userAgentEnc, evidenceAad(evidence.caseId, evidence.id, 'userAgent')),
    };
  }

  private toEvidence(input: RecordAnswerInput, scope: ConsentEvidence['scope'], at: Date): ConsentEvidenceDocument {
    const id = `ev_${randomBytes(12).toString('hex')}`;
    return {
      _id: id,
      caseId: input.caseId,
      ref: input.ref,
      decision: input.decision,
      scope,
      wordingVersion: input.wordingVersion,
      channel: input.channel,
      tokenHash: input.tokenHash,
      ipEnc: input.cipher.encrypt(input.ip, evidenceAad(input.caseId, id, 'ip')),
      userAgentEnc: input.cipher.encrypt(input.userAgent.slice(0, USER_AGENT_MAX), evidenceAad(input.caseId, id, 'userAgent')),
      at,
    };
  }

  private async customer(caseId: string, ref: string): Promise<CustomerAnswerView | null> {
    return this.customers.findOne(
      { _id: { $eq: customerDocId(caseId, ref) } } as Filter<CustomerDocument>,
      { projection: { _id: 1, route: 1, decision: 1, decisionAt: 1 } },
    );
  }

  /** The deadlines recordDeadlines stored on the case; null before the notices go out. */
  private async deadlines(caseId: string): Promise<CaseDeadlines | null> {
    const doc = await this.collection<CaseNotificationView>(CASE_COLLECTION).findOne(
      { _id: { $eq: caseId } } as Filter<CaseNotificationView>,
      { projection: { notification: 1 } },
    );
    const notification = doc?.notification;
    if (typeof notification?.noticeDeadline !== 'string' || typeof notification.consentDeadline !== 'string') return null;
    return { noticeDeadline: notification.noticeDeadline, consentDeadline: notification.consentDeadline };
  }
}


const DECISION_COUNTER: Partial<Record<string, keyof CaseCounters>> = { consent: 'consented', refuse: 'refused', object: 'objected' };

/** How one answer moves the case status's counters (the projector folds it in within a second). */
export function answerDelta(route: string | undefined, from: string | undefined, to: string): Partial<CaseCounters> {
  const delta: Partial<CaseCounters> = {};
  const bump = (name: keyof CaseCounters | undefined, by: number): void => {
    if (name) delta[name] = (delta[name] ?? 0) + by;
  };
  bump(from === undefined ? undefined : DECISION_COUNTER[from], -1);
  bump(DECISION_COUNTER[to], 1);
  if (from === undefined && route !== undefined && (CONSENT_ROUTES as readonly string[]).includes(route)) bump('noResponse', -1);
  return delta;
}
