import { CollectionRepository } from '../collection-repository';
import { randomBytes } from 'node:crypto';
import type { Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import type { FieldCipher } from '@handover/crypto';
import { gateDecisionSchema, GATE_DECISION_COLLECTION, type GateDecisionDocument } from './gate-decision.schema';

/**
 * `rejected` (issue 14): the gate was sent back; `overridden` (handover only): the manager confirmed
 * the handover without the recipient's acknowledgement. The note is then the reason.
 */
export type GateDecisionKind = 'approved' | 'rejected' | 'overridden';

/** A decision on a gate as the API shows it (note decrypted). */
export interface GateDecision {
  id: string;
  gate: string;
  decision: GateDecisionKind;
  decidedBy: string;
  decidedAt: Date;
  note?: string;
}

export interface NewGateDecision {
  caseId: string;
  gate: string;
  decision: GateDecisionKind;
  decidedBy: string;
  decidedAt: Date;
  note?: string | undefined;
}

const noteAad = (caseId: string, id: string): string => `${caseId}:gate-decision:${id}:note`;

/** Gate decisions of a case: insert-only records (who, when, note), read in order; a refused approval is withdrawn. */
export class GateDecisionRepository extends CollectionRepository<GateDecisionDocument> {
  constructor(connection: Connection) {
    super(connection, GATE_DECISION_COLLECTION, gateDecisionSchema);
  }

  /** Records one decision; returns its id. The note is encrypted under the case's key (no key: the note is not kept). */
  async record(decision: NewGateDecision, cipher: FieldCipher | null): Promise<string> {
    const id = `${decision.caseId}:${decision.gate}:${randomBytes(9).toString('base64url')}`;
    const note = decision.note?.trim();
    await this.raw.insertOne({
      _id: id,
      caseId: decision.caseId,
      gate: decision.gate,
      decision: decision.decision,
      decidedBy: decision.decidedBy,
      decidedAt: decision.decidedAt,
      ...(note && cipher && { noteEnc: cipher.encrypt(note, noteAad(decision.caseId, id)) }),
    });
    return id;
  }

  /** One decision of a case's gate by id, without its note (the workflow's check of an approval, issue 15). */
  async findDecision(caseId: string, gate: string, id: string): Promise<Omit<GateDecision, 'note'> | null> {
    const doc = await this.raw.findOne({ _id: { $eq: id }, caseId: { $eq: caseId }, gate: { $eq: gate } } as Filter<GateDecisionDocument>);
    return doc && { id: doc._id, gate: doc.gate, decision: doc.decision, decidedBy: doc.decidedBy, decidedAt: doc.decidedAt };
  }

  /**
   * Withdraws an approval the workflow refused (the gate was not pending): the API records an
   * approval before sending it (issue 15), and a refused one never took effect.
   */
  async withdraw(caseId: string, id: string): Promise<void> {
    await this.raw.deleteOne({ _id: { $eq: id }, caseId: { $eq: caseId } } as Filter<GateDecisionDocument>);
  }

  /** A case's decisions, oldest first; notes decrypted (null cipher: the case key is shredded, notes left out). */
  async listByCase(caseId: string, cipher: FieldCipher | null): Promise<GateDecision[]> {
    const docs = await this.raw.find({ caseId: { $eq: caseId } } as Filter<GateDecisionDocument>).sort({ decidedAt: 1, _id: 1 }).toArray();
    return docs.map((doc) => ({
      id: doc._id,
      gate: doc.gate,
      decision: doc.decision,
      decidedBy: doc.decidedBy,
      decidedAt: doc.decidedAt,
      ...(doc.noteEnc && cipher && { note: cipher.decrypt(doc.noteEnc, noteAad(caseId, doc._id)) }),
    }));
  }
}
