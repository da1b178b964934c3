import { CollectionRepository } from '../collection-repository';
import type { Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import type { FieldCipher } from '@handover/crypto';
import type { RequestOutcome } from '@handover/domain';
import { requestDecisionSchema, REQUEST_DECISION_COLLECTION, type RequestDecisionDocument } from './request-decision.schema';
import type { ExtensionDecision, ResolutionDecision } from './request.entity';
import { requestAad } from './request.repository';

const DUPLICATE_KEY = 11000;

const decisionId = (requestId: string, kind: 'resolve' | 'extend'): string => `${requestId}:${kind}`;

/** The manager's resolve / extend decisions: insert-only claims (a second one is refused, never merged). */
export class RequestDecisionRepository extends CollectionRepository<RequestDecisionDocument> {
  constructor(connection: Connection) {
    super(connection, REQUEST_DECISION_COLLECTION, requestDecisionSchema);
  }

  /** False when the request was already resolved. */
  async claimResolution(decision: ResolutionDecision, cipher: FieldCipher): Promise<boolean> {
    return this.insert({
      _id: decisionId(decision.requestId, 'resolve'),
      requestId: decision.requestId,
      caseId: decision.caseId,
      kind: 'resolve',
      outcome: decision.outcome,
      ...(decision.reasons !== undefined && { reasonsEnc: cipher.encrypt(decision.reasons, requestAad(decision.caseId, decision.requestId, 'reasons')) }),
      complaintRouteIds: [...decision.complaintRouteIds],
      extraComplaintRoutes: [...decision.extraComplaintRoutes],
      by: decision.by,
      at: decision.at,
    });
  }

  /** False when the request was already extended (once only). */
  async claimExtension(decision: ExtensionDecision, cipher: FieldCipher): Promise<boolean> {
    return this.insert({
      _id: decisionId(decision.requestId, 'extend'),
      requestId: decision.requestId,
      caseId: decision.caseId,
      kind: 'extend',
      reasonsEnc: cipher.encrypt(decision.reason, requestAad(decision.caseId, decision.requestId, 'extension-reason')),
      dueDate: decision.dueDate,
      dueAt: decision.dueAt,
      remindAt: decision.remindAt,
      deadlineReasons: decision.deadlineReasons.map((r) => ({ ruleId: r.ruleId, article: r.article })),
      by: decision.by,
      at: decision.at,
    });
  }

  async findResolution(requestId: string, cipher: FieldCipher): Promise<ResolutionDecision | null> {
    const doc = await this.raw.findOne({ _id: { $eq: decisionId(requestId, 'resolve') } } as Filter<RequestDecisionDocument>);
    if (!doc) return null;
    return {
      requestId: doc.requestId,
      caseId: doc.caseId,
      outcome: doc.outcome as RequestOutcome,
      ...(doc.reasonsEnc !== undefined && { reasons: cipher.decrypt(doc.reasonsEnc, requestAad(doc.caseId, doc.requestId, 'reasons')) }),
      complaintRouteIds: doc.complaintRouteIds ?? [],
      extraComplaintRoutes: doc.extraComplaintRoutes ?? [],
      by: doc.by,
      at: doc.at,
    };
  }

  async findExtension(requestId: string, cipher: FieldCipher): Promise<ExtensionDecision | null> {
    const doc = await this.raw.findOne({ _id: { $eq: decisionId(requestId, 'extend') } } as Filter<RequestDecisionDocument>);
    if (!doc) return null;
    return {
      requestId: doc.requestId,
      caseId: doc.caseId,
      reason: cipher.decrypt(doc.reasonsEnc as string, requestAad(doc.caseId, doc.requestId, 'extension-reason')),
      dueDate: doc.dueDate as string,
      dueAt: doc.dueAt as Date,
      remindAt: doc.remindAt as Date,
      deadlineReasons: doc.deadlineReasons ?? [],
      by: doc.by,
      at: doc.at,
    };
  }

  private async insert(doc: RequestDecisionDocument): Promise<boolean> {
    try {
      await this.raw.insertOne(doc);
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  }
}
