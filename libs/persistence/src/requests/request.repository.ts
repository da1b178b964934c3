import { CollectionRepository } from '../collection-repository';
import type { Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import type { FieldCipher } from '@handover/crypto';
import type { ProposedCorrections, RequestOutcome, RequestStatus, RequestType } from '@handover/domain';
import { requestSchema, REQUEST_COLLECTION, type RequestDocument } from './request.schema';
import type { NewRequest, RequestReportRow, RequestSummary } from './request.entity';
import { keysetPage, type KeysetPage } from '../keyset';

export const requestAad = (caseId: string, requestId: string, field: string): string => `${caseId}:request:${requestId}:${field}`;

const iso = (d: Date | undefined): string | undefined => (d ? new Date(d).toISOString() : undefined);

/** Late: answered after the due time, or still open past it. */
export function isLate(doc: Pick<RequestDocument, 'dueAt' | 'resolvedAt'>, now: Date): boolean {
  const due = new Date(doc.dueAt).getTime();
  return doc.resolvedAt ? new Date(doc.resolvedAt).getTime() > due : now.getTime() > due;
}

/**
 * Data-subject requests. `insert` is the only write of the filing services; every later write
 * belongs to the request's workflow activities (one writer per document).
 */
export class RequestRepository extends CollectionRepository<RequestDocument> {
  constructor(connection: Connection) {
    super(connection, REQUEST_COLLECTION, requestSchema);
  }

  async insert(request: NewRequest, cipher: FieldCipher): Promise<void> {
    const aad = (field: string): string => requestAad(request.caseId, request.id, field);
    const doc: RequestDocument = {
      _id: request.id,
      caseId: request.caseId,
      customerId: request.customerId,
      ref: request.ref,
      type: request.type,
      filedBy: request.filedBy,
      filedById: request.filedById,
      channel: request.channel,
      filedAt: request.filedAt,
      jurisdiction: request.jurisdiction,
      phaseAtFiling: request.phaseAtFiling,
      dueDate: request.dueDate,
      dueAt: request.dueAt,
      remindAt: request.remindAt,
      deadlineReasons: request.deadlineReasons.map((r) => ({ ruleId: r.ruleId, article: r.article })),
      calendarId: request.calendarId,
      ...(request.deadlineOverride !== undefined && { deadlineOverride: request.deadlineOverride }),
      ...(request.message !== undefined && { messageEnc: cipher.encrypt(request.message, aad('message')) }),
      ...(request.corrections !== undefined && { correctionsEnc: cipher.encryptJson(request.corrections, aad('corrections')) }),
      ...(request.locale !== undefined && { locale: request.locale }),
      ...(request.exclusion !== undefined && { exclusion: request.exclusion }),
      status: 'open',
      extended: false,
    };
    await this.raw.insertOne(doc);
  }

  /** The case a request belongs to (access checks), or null when there is no such request. */
  async findCaseId(id: string): Promise<string | null> {
    const doc = await this.raw.findOne({ _id: { $eq: id } } as Filter<RequestDocument>, { projection: { caseId: 1 } });
    return doc?.caseId ?? null;
  }

  async findById(id: string): Promise<RequestDocument | null> {
    return this.raw.findOne({ _id: { $eq: id } } as Filter<RequestDocument>);
  }

  /** The message and proposed corrections, decrypted (case managers handling the request; the activities). */
  decryptTexts(doc: RequestDocument, cipher: FieldCipher): { message?: string; corrections?: ProposedCorrections } {
    const aad = (field: string): string => requestAad(doc.caseId, doc._id, field);
    return {
      ...(doc.messageEnc !== undefined && { message: cipher.decrypt(doc.messageEnc, aad('message')) }),
      ...(doc.correctionsEnc !== undefined && { corrections: cipher.decryptJson<ProposedCorrections>(doc.correctionsEnc, aad('corrections')) }),
    };
  }

  /** A page of a case's requests (GET /v1/requests): in filing order, ties by id; no personal data. */
  async list(
    filter: { caseId: string; status?: RequestStatus },
    page: { limit: number; cursor?: string | undefined },
    now: Date = new Date(),
  ): Promise<KeysetPage<RequestSummary>> {
    const query: Record<string, unknown> = { caseId: { $eq: filter.caseId } };
    if (filter.status) query['status'] = { $eq: filter.status };
    return keysetPage(this.raw, query, { order: { field: 'filedAt', direction: 1 }, ...page }, (doc) => toRequestSummary(doc, now));
  }

  /**
   * A page of the requests of several cases (GET /v1/requests without caseId: the caller's inbox),
   * soonest due first, ties by id; no personal data.
   */
  async inbox(
    filter: { caseIds?: readonly string[]; status?: RequestStatus },
    page: { limit: number; cursor?: string | undefined },
    now: Date = new Date(),
  ): Promise<KeysetPage<RequestSummary>> {
    const query: Record<string, unknown> = filter.caseIds ? { caseId: { $in: [...filter.caseIds] } } : {};
    if (filter.status) query['status'] = { $eq: filter.status };
    return keysetPage(this.raw, query, { order: { field: 'dueAt', direction: 1 }, ...page }, (doc) => toRequestSummary(doc, now));
  }

  /**
   * The ids of the requests matching a bulk action's filter (`caseIds` absent: every case; `ids`:
   * only those), soonest due first (ties by id); at most `limit`.
   */
  async matchIds(filter: { caseIds?: readonly string[]; ids?: readonly string[]; status?: RequestStatus; type?: RequestType }, limit: number): Promise<string[]> {
    const query: Record<string, unknown> = filter.caseIds ? { caseId: { $in: [...filter.caseIds] } } : {};
    if (filter.ids) query['_id'] = { $in: [...filter.ids] };
    if (filter.status) query['status'] = { $eq: filter.status };
    if (filter.type) query['type'] = { $eq: filter.type };
    const docs = await this.raw.find(query as Filter<RequestDocument>, { projection: { _id: 1 } }).sort({ dueAt: 1, _id: 1 }).limit(limit).toArray();
    return docs.map((doc) => doc._id);
  }

  /** The compliance report's rows: no personal data. */
  async listForReport(caseId: string, now: Date = new Date()): Promise<RequestReportRow[]> {
    const docs = await this.raw.find({ caseId: { $eq: caseId } } as Filter<RequestDocument>).sort({ filedAt: 1, _id: 1 }).toArray();
    return docs.map((doc) => ({
      id: doc._id,
      type: doc.type,
      status: doc.status,
      filedBy: doc.filedBy,
      filedAt: new Date(doc.filedAt).toISOString(),
      dueAt: new Date(doc.dueAt).toISOString(),
      extended: doc.extended,
      ...(doc.resolvedAt && { resolvedAt: new Date(doc.resolvedAt).toISOString() }),
      ...(doc.outcome && { outcome: doc.outcome }),
      late: isLate(doc, now),
    }));
  }

  // ── written by the request's workflow activities only ──────────────────────────────────────

  async recordAlert(id: string, kind: 'reminder' | 'escalation', at: Date): Promise<void> {
    await this.raw.updateOne({ _id: id } as Filter<RequestDocument>, { $set: kind === 'reminder' ? { remindedAt: at } : { escalatedAt: at } });
  }

  async recordExtension(id: string, extension: { dueDate: string; dueAt: Date; remindAt: Date; originalDueAt: Date; at: Date }): Promise<void> {
    await this.raw.updateOne({ _id: id } as Filter<RequestDocument>, {
      $set: { extended: true, dueDate: extension.dueDate, dueAt: extension.dueAt, remindAt: extension.remindAt, originalDueAt: extension.originalDueAt, extendedAt: extension.at },
      $unset: { remindedAt: '', escalatedAt: '' },
    });
  }

  async recordForwarded(id: string, at: Date): Promise<void> {
    await this.raw.updateOne({ _id: id } as Filter<RequestDocument>, { $set: { forwardedAt: at } });
  }

  async recordResolution(id: string, resolution: { outcome: RequestOutcome; resolvedAt: Date; appliedAt?: Date }): Promise<void> {
    await this.raw.updateOne({ _id: id } as Filter<RequestDocument>, {
      $set: { status: 'resolved', outcome: resolution.outcome, resolvedAt: resolution.resolvedAt, ...(resolution.appliedAt && { appliedAt: resolution.appliedAt }) },
    });
  }

  async recordAnswered(id: string, at: Date): Promise<void> {
    await this.raw.updateOne({ _id: id } as Filter<RequestDocument>, { $set: { answeredAt: at } });
  }
}

export function toRequestSummary(doc: RequestDocument, now: Date = new Date()): RequestSummary {
  return {
    id: doc._id,
    caseId: doc.caseId,
    customerRef: doc.ref,
    type: doc.type as RequestType,
    status: doc.status,
    filedBy: doc.filedBy,
    filedAt: new Date(doc.filedAt).toISOString(),
    dueDate: doc.dueDate,
    dueAt: new Date(doc.dueAt).toISOString(),
    extended: doc.extended,
    ...(doc.remindedAt && { remindedAt: iso(doc.remindedAt) as string }),
    ...(doc.escalatedAt && { escalatedAt: iso(doc.escalatedAt) as string }),
    ...(doc.resolvedAt && { resolvedAt: iso(doc.resolvedAt) as string }),
    ...(doc.outcome && { outcome: doc.outcome }),
    excluded: doc.exclusion !== undefined,
    forwarded: doc.forwardedAt !== undefined,
    late: isLate(doc, now),
  };
}
