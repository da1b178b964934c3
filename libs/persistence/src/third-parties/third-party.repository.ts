import { randomBytes } from 'node:crypto';
import type { Collection, Filter } from 'mongodb';
import type { Connection, Model } from 'mongoose';
import type { ThirdPartyAnswerKind, ThirdPartyStatus, ThirdPartySummary } from '@handover/contracts';
import type { FieldCipher } from '@handover/crypto';
import type {
  NewThirdParty,
  RecordThirdPartyAnswerInput,
  ThirdPartyAnswerOutcome,
  ThirdPartyContact,
  ThirdPartyLinkView,
  ThirdPartyReportEntry,
  ThirdPartyView,
} from './third-party.entity';
import { ThirdPartyAnswerRejectedError, ThirdPartyNotFoundError } from './third-party.errors';
import { thirdPartyAnswerSchema, THIRD_PARTY_ANSWER_COLLECTION, type ThirdPartyAnswerDocument } from './third-party-answer.schema';
import { thirdPartySchema, THIRD_PARTY_COLLECTION, type ThirdPartyDocument } from './third-party.schema';
import { keysetPage, type KeysetPage } from '../keyset';
import { deriveThirdPartyStatus, isLateAnswer, sameAnswer, statusOfAnswer, summarizeStatuses } from './third-party-status';
import { CaseStatisticsRepository } from '../statistics/case-statistics.repository';

const DUPLICATE_KEY = 11000;
const USER_AGENT_MAX = 512;

export const newThirdPartyId = (): string => `tp_${randomBytes(12).toString('base64url')}`;

const partyAad = (caseId: string, id: string, field: 'name' | 'email'): string => `${caseId}:third-party:${id}:${field}`;
const answerAad = (caseId: string, id: string, field: string): string => `${caseId}:third-party-answer:${id}:${field}`;

/** The case's key lookup (CaseKeyService): null when the key was never made or is shredded. */
export interface CaseKeyLookup {
  cipherFor(caseId: string): Promise<FieldCipher | null>;
}

/**
 * Third parties of a case and their answers (two collections, no $lookup: two reads merged here).
 * The answer document is the truth about an answer; the status on the third party's document is
 * a projection for counters, re-applied by `reapplyAnswers` after any pass that could overwrite it.
 */
export class ThirdPartyRepository {
  private readonly model: Model<ThirdPartyDocument>;
  private readonly answerModel: Model<ThirdPartyAnswerDocument>;

  private readonly statistics: CaseStatisticsRepository;

  constructor(connection: Connection) {
    this.statistics = new CaseStatisticsRepository(connection);
    this.model = connection.models[THIRD_PARTY_COLLECTION] ?? connection.model<ThirdPartyDocument>(THIRD_PARTY_COLLECTION, thirdPartySchema);
    this.answerModel =
      connection.models[THIRD_PARTY_ANSWER_COLLECTION] ?? connection.model<ThirdPartyAnswerDocument>(THIRD_PARTY_ANSWER_COLLECTION, thirdPartyAnswerSchema);
  }

  /** Builds both collections' indexes (autoIndex is off). Idempotent. */
  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
    await this.answerModel.createIndexes();
  }

  private get parties(): Collection<ThirdPartyDocument> {
    return this.model.collection as unknown as Collection<ThirdPartyDocument>;
  }

  private get answers(): Collection<ThirdPartyAnswerDocument> {
    return this.answerModel.collection as unknown as Collection<ThirdPartyAnswerDocument>;
  }

  /** Adds a third party (`pending`); returns its id. */
  async create(input: NewThirdParty, cipher: FieldCipher, now: Date = new Date()): Promise<string> {
    const id = newThirdPartyId();
    await this.parties.insertOne({
      _id: id,
      caseId: input.caseId,
      nameEnc: cipher.encrypt(input.name, partyAad(input.caseId, id, 'name')),
      emailEnc: cipher.encrypt(input.email, partyAad(input.caseId, id, 'email')),
      categories: [...input.categories],
      status: 'pending',
      createdAt: now,
      ...(input.createdBy && { createdBy: input.createdBy }),
    });
    await this.statistics.add(input.caseId, { thirdParties: 1 }, `third-party:${id}`);
    return id;
  }

  /** The case's third parties, names decrypted, status derived from the answers. */
  async list(caseId: string, cipher: FieldCipher): Promise<ThirdPartyView[]> {
    const { docs, answers } = await this.load(caseId);
    return docs.map((doc) => toView(doc, answers.get(doc._id), cipher));
  }

  /** A page of the case's third parties (API list) in the order they were added, with their answers. */
  async page(caseId: string, cipher: FieldCipher, page: { limit: number; cursor?: string | undefined }): Promise<KeysetPage<ThirdPartyView>> {
    const listed = await keysetPage(this.parties, { caseId: { $eq: caseId } }, { order: { field: 'createdAt', direction: 1 }, ...page }, (doc) => doc);
    const ids = listed.items.map((doc) => doc._id);
    const answers = ids.length === 0 ? [] : await this.answers.find({ _id: { $in: ids } } as Filter<ThirdPartyAnswerDocument>).toArray();
    const byId = new Map(answers.map((answer) => [answer._id, answer]));
    return { ...listed, items: listed.items.map((doc) => toView(doc, byId.get(doc._id), cipher)) };
  }

  /** Unanswered third parties whose stored status is one of `statuses`, with name and email decrypted (mailings). */
  async unanswered(caseId: string, statuses: readonly ThirdPartyStatus[], cipher: FieldCipher): Promise<Array<ThirdPartyContact & { categories: string[]; status: ThirdPartyStatus; dueAt: Date | null }>> {
    const { docs, answers } = await this.load(caseId);
    return docs
      .filter((doc) => !answers.has(doc._id) && statuses.includes(doc.status as ThirdPartyStatus))
      .map((doc) => ({
        id: doc._id,
        caseId,
        name: cipher.decrypt(doc.nameEnc, partyAad(caseId, doc._id, 'name')),
        email: cipher.decrypt(doc.emailEnc, partyAad(caseId, doc._id, 'email')),
        categories: [...doc.categories],
        status: doc.status as ThirdPartyStatus,
        dueAt: doc.dueAt ?? null,
      }));
  }

  /** pending → requested with its due time. No-op (false) when it is not pending: a retry never moves dueAt. */
  async markRequested(id: string, requestedAt: Date, dueAt: Date): Promise<boolean> {
    const result = await this.parties.updateOne({ _id: { $eq: id }, status: 'pending' } as Filter<ThirdPartyDocument>, { $set: { status: 'requested', requestedAt, dueAt } });
    return result.modifiedCount === 1;
  }

  /** requested → overdue. Callers run `reapplyAnswers` afterwards (an answer written meanwhile may have been overwritten). */
  async markOverdue(id: string, at: Date): Promise<boolean> {
    const result = await this.parties.updateOne({ _id: { $eq: id }, status: 'requested' } as Filter<ThirdPartyDocument>, { $set: { status: 'overdue', overdueAt: at } });
    return result.modifiedCount === 1;
  }

  /** Projects every answer of the case onto its document where the projection is missing; returns how many were repaired. */
  async reapplyAnswers(caseId: string): Promise<number> {
    const { docs, answers } = await this.load(caseId);
    let repaired = 0;
    for (const doc of docs) {
      const answer = answers.get(doc._id);
      if (!answer) continue;
      if (doc.status === statusOfAnswer(answer.kind as ThirdPartyAnswerKind) && doc.answerKind === answer.kind && doc.late === answer.late) continue;
      await this.project(answer);
      repaired += 1;
    }
    return repaired;
  }

  /** Counts for the workflow, from documents and answers. */
  async summary(caseId: string): Promise<ThirdPartySummary> {
    const { docs, answers } = await this.load(caseId);
    return summarizeStatuses(
      docs.map((doc) => {
        const answer = answers.get(doc._id);
        return { status: deriveThirdPartyStatus({ stored: doc.status, answerKind: answer?.kind as ThirdPartyAnswerKind | undefined }), late: answer?.late ?? false };
      }),
    );
  }

  /** What the portal page of one third party shows; null when there is no such third party in the case. */
  async linkView(caseId: string, id: string, cipher: FieldCipher): Promise<ThirdPartyLinkView | null> {
    const doc = await this.parties.findOne({ _id: { $eq: id }, caseId: { $eq: caseId } } as Filter<ThirdPartyDocument>);
    if (!doc) return null;
    const answer = await this.answers.findOne({ _id: { $eq: id } } as Filter<ThirdPartyAnswerDocument>);
    return {
      id,
      caseId,
      name: cipher.decrypt(doc.nameEnc, partyAad(caseId, id, 'name')),
      categories: [...doc.categories],
      status: deriveThirdPartyStatus({ stored: doc.status, answerKind: answer?.kind as ThirdPartyAnswerKind | undefined }),
      dueAt: doc.dueAt ?? null,
      answer: answer ? { kind: answer.kind as ThirdPartyAnswerKind, at: answer.at, late: answer.late } : null,
    };
  }

  /**
   * Records an answer: the evidence by insert (unique `_id`: the first answer wins), then its
   * projection on the third party. A repeated identical answer changes nothing (and re-applies the
   * projection); a different one is refused. Late = at or after the due time; accepted all the same.
   */
  async recordAnswer(input: RecordThirdPartyAnswerInput): Promise<ThirdPartyAnswerOutcome> {
    const now = input.now ?? new Date();
    const doc = await this.parties.findOne({ _id: { $eq: input.thirdPartyId }, caseId: { $eq: input.caseId } } as Filter<ThirdPartyDocument>);
    if (!doc) throw new ThirdPartyNotFoundError('third party not found');
    if (doc.status === 'pending') throw new ThirdPartyAnswerRejectedError('NOT_REQUESTED', 'no deletion request was sent to this third party yet');
    const existing = await this.answers.findOne({ _id: { $eq: input.thirdPartyId } } as Filter<ThirdPartyAnswerDocument>);
    if (existing) return this.repeated(existing, input);
    const evidence = this.toEvidence(input, now, doc.dueAt ?? null);
    try {
      await this.answers.insertOne(evidence);
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      const winner = await this.answers.findOne({ _id: { $eq: input.thirdPartyId } } as Filter<ThirdPartyAnswerDocument>);
      if (!winner) throw error;
      return this.repeated(winner, input);
    }
    await this.project(evidence);
    const kind = evidence.kind as ThirdPartyAnswerKind;
    // A few parties per case: recounted from the evidence rather than added, so a lost or repeated delta cannot skew it.
    await this.statistics.recountAndRecord(input.caseId, ['thirdParties', 'thirdPartiesConfirmed']);
    return { status: statusOfAnswer(kind), kind, answeredAt: evidence.at, late: evidence.late, changed: true };
  }

  /**
   * The compliance report's rows (issue 5): names and free texts decrypted with the case key, so
   * the report activity calls it before the key is shredded. Throws when the key is gone.
   */
  async listForReport(caseId: string, keys: CaseKeyLookup): Promise<ThirdPartyReportEntry[]> {
    const cipher = await keys.cipherFor(caseId);
    if (!cipher) throw new Error(`case ${caseId} has no data key: third parties cannot be read`);
    const { docs, answers } = await this.load(caseId);
    return docs.map((doc) => {
      const answer = answers.get(doc._id);
      const kind = answer?.kind as ThirdPartyAnswerKind | undefined;
      const open = (value: string | undefined, field: string): string | undefined =>
        value === undefined ? undefined : cipher.decrypt(value, answerAad(caseId, doc._id, field));
      const method = answer ? open(answer.methodEnc, 'method') : undefined;
      const basis = answer ? open(answer.basisEnc, 'basis') : undefined;
      return {
        id: doc._id,
        name: cipher.decrypt(doc.nameEnc, partyAad(caseId, doc._id, 'name')),
        categories: [...doc.categories],
        status: deriveThirdPartyStatus({ stored: doc.status, answerKind: kind }),
        ...(doc.requestedAt && { requestedAt: doc.requestedAt.toISOString() }),
        ...(doc.dueAt && { dueAt: doc.dueAt.toISOString() }),
        ...(answer && { confirmedAt: answer.at.toISOString() }),
        late: answer?.late ?? false,
        ...(answer &&
          kind && {
            answer: {
              kind,
              ...(method !== undefined && { method }),
              ...(answer.deletedAt !== undefined && { deletedAt: answer.deletedAt }),
              ...(basis !== undefined && { basis }),
              ...(answer.retainedUntil !== undefined && { retainedUntil: answer.retainedUntil }),
            },
          }),
      };
    });
  }

  /** Who confirmed, IP and user agent of an answer (access requests, audits). */
  async answerClient(caseId: string, id: string, cipher: FieldCipher): Promise<{ confirmedBy: string; ip: string; userAgent: string } | null> {
    const answer = await this.answers.findOne({ _id: { $eq: id }, caseId: { $eq: caseId } } as Filter<ThirdPartyAnswerDocument>);
    if (!answer) return null;
    return {
      confirmedBy: cipher.decrypt(answer.confirmedByEnc, answerAad(caseId, id, 'confirmedBy')),
      ip: cipher.decrypt(answer.ipEnc, answerAad(caseId, id, 'ip')),
      userAgent: cipher.decrypt(answer.userAgentEnc, answerAad(caseId, id, 'userAgent')),
    };
  }

  private async repeated(existing: ThirdPartyAnswerDocument, input: RecordThirdPartyAnswerInput): Promise<ThirdPartyAnswerOutcome> {
    if (!sameAnswer(existing, input)) {
      throw new ThirdPartyAnswerRejectedError('ALREADY_ANSWERED', 'an answer is already recorded for this third party');
    }
    await this.project(existing);
    const kind = existing.kind as ThirdPartyAnswerKind;
    return { status: statusOfAnswer(kind), kind, answeredAt: existing.at, late: existing.late, changed: false };
  }

  private async project(answer: ThirdPartyAnswerDocument): Promise<void> {
    const kind = answer.kind as ThirdPartyAnswerKind;
    await this.parties.updateOne({ _id: { $eq: answer._id } } as Filter<ThirdPartyDocument>, {
      $set: { status: statusOfAnswer(kind), confirmedAt: answer.at, late: answer.late, answerKind: kind },
    });
  }

  private toEvidence(input: RecordThirdPartyAnswerInput, at: Date, dueAt: Date | null): ThirdPartyAnswerDocument {
    const { caseId, thirdPartyId: id, cipher } = input;
    const enc = (value: string, field: string): string => cipher.encrypt(value, answerAad(caseId, id, field));
    return {
      _id: id,
      caseId,
      kind: input.kind,
      confirmedByEnc: enc(input.confirmedBy, 'confirmedBy'),
      ...(input.method !== undefined && { methodEnc: enc(input.method, 'method') }),
      ...(input.deletedAt !== undefined && { deletedAt: input.deletedAt }),
      ...(input.explanation !== undefined && { explanationEnc: enc(input.explanation, 'explanation') }),
      ...(input.basis !== undefined && { basisEnc: enc(input.basis, 'basis') }),
      ...(input.retainedUntil !== undefined && { retainedUntil: input.retainedUntil }),
      channel: input.channel,
      tokenHash: input.tokenHash,
      ipEnc: enc(input.ip, 'ip'),
      userAgentEnc: enc(input.userAgent.slice(0, USER_AGENT_MAX), 'userAgent'),
      at,
      ...(dueAt && { dueAt }),
      late: isLateAnswer(at, dueAt),
    };
  }

  private async load(caseId: string): Promise<{ docs: ThirdPartyDocument[]; answers: Map<string, ThirdPartyAnswerDocument> }> {
    const [docs, answers] = await Promise.all([
      this.parties.find({ caseId: { $eq: caseId } } as Filter<ThirdPartyDocument>).sort({ createdAt: 1, _id: 1 }).toArray(),
      this.answers.find({ caseId: { $eq: caseId } } as Filter<ThirdPartyAnswerDocument>).toArray(),
    ]);
    return { docs, answers: new Map(answers.map((answer) => [answer._id, answer])) };
  }
}

function toView(doc: ThirdPartyDocument, answer: ThirdPartyAnswerDocument | undefined, cipher: FieldCipher): ThirdPartyView {
  return {
    id: doc._id,
    name: cipher.decrypt(doc.nameEnc, partyAad(doc.caseId, doc._id, 'name')),
    categories: [...doc.categories],
    status: deriveThirdPartyStatus({ stored: doc.status, answerKind: answer?.kind as ThirdPartyAnswerKind | undefined }),
    requestedAt: doc.requestedAt ?? null,
    dueAt: doc.dueAt ?? null,
    confirmedAt: answer?.at ?? null,
    late: answer?.late ?? false,
    answerKind: (answer?.kind as ThirdPartyAnswerKind | undefined) ?? null,
  };
}
