import { randomBytes } from 'node:crypto';
import type { Collection, Filter } from 'mongodb';
import type { Connection, Model } from 'mongoose';
import type { FieldCipher } from '@handover/crypto';
import { gateDecisionSchema, GATE_DECISION_COLLECTION, type GateDecisionDocument } from './gate-decision.schema';

/** A decision on a gate as the API shows it (note decrypted). */
export interface GateDecision {
  id: string;
  gate: string;
  decision: 'approved';
  decidedBy: string;
  decidedAt: Date;
  note?: string;
}

export interface NewGateDecision {
  caseId: string;
  gate: string;
  decision: 'approved';
  decidedBy: string;
  decidedAt: Date;
  note?: string | undefined;
}

const noteAad = (caseId: string, id: string): string => `${caseId}:gate-decision:${id}:note`;

/** Gate decisions of a case: insert-only records (who, when, note), read in order. */
export class GateDecisionRepository {
  private readonly model: Model<GateDecisionDocument>;

  constructor(connection: Connection) {
    this.model = connection.models[GATE_DECISION_COLLECTION] ?? connection.model<GateDecisionDocument>(GATE_DECISION_COLLECTION, gateDecisionSchema);
  }

  private get raw(): Collection<GateDecisionDocument> {
    return this.model.collection as unknown as Collection<GateDecisionDocument>;
  }

  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
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
