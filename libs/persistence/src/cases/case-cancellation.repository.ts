import type { Collection, Connection } from 'mongoose';
import type { FieldCipher } from '@handover/crypto';
import type { Phase } from '@handover/contracts';
import { isDuplicateKey } from '../customers/bulk-write-errors';

/**
 * The key the cancellation reason is kept under: a key of its own, not the case key, so the reason
 * stays evidence after the case's data are shredded (like the hold key outlives the case key).
 */
export const cancellationKeyId = (caseId: string): string => `${caseId}:cancellation`;

/** A case's cancellation as the API shows it (reason decrypted). */
export interface CaseCancellation {
  caseId: string;
  cancelledBy: string;
  cancelledAt: Date;
  /** The status the case had when it was cancelled. */
  fromStatus: 'draft' | 'running';
  /** The phase it stopped in (absent until the workflow has answered). */
  phase?: Phase;
  reason: string;
}

interface CaseCancellationDocument {
  /** The case id: one cancellation per case. */
  _id: string;
  cancelledBy: string;
  cancelledAt: Date;
  fromStatus: 'draft' | 'running';
  phase?: string;
  reasonEnc: string;
}

export const CASE_CANCELLATION_COLLECTION = 'case_cancellations';

const reasonAad = (caseId: string): string => `${caseId}:cancellation:reason`;

/**
 * case_cancellations: who cancelled a case, when, from which state, and why (encrypted). Written by
 * the admin API before it asks the workflow (the case key may be shredded right after), removed
 * again when the workflow refuses; `_id` = case id, so there is never a second one.
 */
export class CaseCancellationRepository {
  private readonly collection: Collection<CaseCancellationDocument>;

  constructor(connection: Connection) {
    this.collection = connection.collection<CaseCancellationDocument>(CASE_CANCELLATION_COLLECTION);
  }

  /** False when the case already has a cancellation on record. */
  async record(cancellation: Omit<CaseCancellation, 'phase'>, cipher: FieldCipher): Promise<boolean> {
    try {
      await this.collection.insertOne({
        _id: cancellation.caseId,
        cancelledBy: cancellation.cancelledBy,
        cancelledAt: cancellation.cancelledAt,
        fromStatus: cancellation.fromStatus,
        reasonEnc: cipher.encrypt(cancellation.reason, reasonAad(cancellation.caseId)),
      });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async setPhase(caseId: string, phase: Phase): Promise<void> {
    await this.collection.updateOne({ _id: { $eq: caseId } }, { $set: { phase } });
  }

  /** Withdraws a cancellation the workflow refused (its state forbade it). */
  async withdraw(caseId: string, cancelledAt: Date): Promise<void> {
    await this.collection.deleteOne({ _id: { $eq: caseId }, cancelledAt: { $eq: cancelledAt } });
  }

  async find(caseId: string, cipher: FieldCipher | null): Promise<CaseCancellation | null> {
    const doc = await this.collection.findOne({ _id: { $eq: caseId } });
    if (!doc) return null;
    return {
      caseId,
      cancelledBy: doc.cancelledBy,
      cancelledAt: doc.cancelledAt,
      fromStatus: doc.fromStatus,
      ...(doc.phase && { phase: doc.phase as Phase }),
      reason: cipher ? cipher.decrypt(doc.reasonEnc, reasonAad(caseId)) : '',
    };
  }
}
