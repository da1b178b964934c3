import { CollectionRepository } from '../collection-repository';
import type { Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import type { FieldCipher } from '@handover/crypto';
import type { RecipientAcknowledgementInput } from './handover-package.entity';
import { recipientAcknowledgementSchema, RECIPIENT_ACK_COLLECTION, type RecipientAcknowledgementDocument } from './recipient-acknowledgement.schema';

const DUPLICATE_KEY = 11000;
const aad = (caseId: string, field: string): string => `${caseId}:recipient-ack:${field}`;

export interface AcknowledgementOutcome {
  /** false: the case was already acknowledged; the first acknowledgement stands. */
  created: boolean;
  packageId: string;
  at: Date;
}

/** The recipient's acknowledgement (evidence), one per case. */
export class RecipientAcknowledgementRepository extends CollectionRepository<RecipientAcknowledgementDocument> {
  constructor(connection: Connection) {
    super(connection, RECIPIENT_ACK_COLLECTION, recipientAcknowledgementSchema);
  }

  async find(caseId: string): Promise<RecipientAcknowledgementDocument | null> {
    return this.raw.findOne({ _id: { $eq: caseId } } as Filter<RecipientAcknowledgementDocument>);
  }

  /** Inserts the evidence (personal fields encrypted); a repeat returns the first acknowledgement. */
  async record(input: RecipientAcknowledgementInput, cipher: FieldCipher): Promise<AcknowledgementOutcome> {
    const doc: RecipientAcknowledgementDocument = {
      _id: input.caseId,
      caseId: input.caseId,
      packageId: input.packageId,
      tokenHash: input.tokenHash,
      acknowledgedByEnc: cipher.encrypt(input.acknowledgedBy, aad(input.caseId, 'acknowledgedBy')),
      ipEnc: cipher.encrypt(input.ip, aad(input.caseId, 'ip')),
      userAgentEnc: cipher.encrypt(input.userAgent, aad(input.caseId, 'userAgent')),
      at: input.at,
    };
    try {
      await this.raw.insertOne(doc);
      return { created: true, packageId: doc.packageId, at: doc.at };
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      const first = await this.find(input.caseId);
      if (!first) throw error;
      return { created: false, packageId: first.packageId, at: first.at };
    }
  }

  /** Who acknowledged, from where (admin and report views). */
  decrypt(doc: RecipientAcknowledgementDocument, cipher: FieldCipher): { acknowledgedBy: string; ip: string; userAgent: string } {
    return {
      acknowledgedBy: cipher.decrypt(doc.acknowledgedByEnc, aad(doc.caseId, 'acknowledgedBy')),
      ip: cipher.decrypt(doc.ipEnc, aad(doc.caseId, 'ip')),
      userAgent: cipher.decrypt(doc.userAgentEnc, aad(doc.caseId, 'userAgent')),
    };
  }
}
