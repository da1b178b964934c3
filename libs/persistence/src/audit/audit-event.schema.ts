import { Schema } from 'mongoose';
import type { AuditActor, AuditData, AuditSubject } from './audit-event.entity';

/**
 * audit_events: append-only, hash-chained per caseId (`global` for events outside any case).
 * _id = `<caseId>:<seq zero-padded to 10>`, so concurrent appends of the same seq collide on the
 * primary key and the loser retries on the new tail. Nothing updates or deletes these documents:
 * they outlive the case's deletion phase (kept at least three years).
 */
export interface AuditEventDocument {
  _id: string;
  caseId: string;
  seq: number;
  at: Date;
  actor: AuditActor;
  action: string;
  subject: AuditSubject;
  data: AuditData;
  prevHash: string | null;
  hash: string;
  v?: number;
  keyId?: string;
  mac?: string;
}

export const AUDIT_EVENT_COLLECTION = 'audit_events';

const actorSchema = new Schema<AuditActor>({ id: { type: String, required: true }, role: { type: String, required: true } }, { _id: false });
// `type` is a field name here, not mongoose's type key.
const subjectSchema = new Schema<AuditSubject>({ type: { type: String, required: true }, id: { type: String, required: true } }, { _id: false });

export const auditEventSchema = new Schema<AuditEventDocument>(
  {
    _id: { type: String, required: true },
    caseId: { type: String, required: true },
    seq: { type: Number, required: true },
    at: { type: Date, required: true },
    actor: { type: actorSchema, required: true },
    action: { type: String, required: true },
    subject: { type: subjectSchema, required: true },
    data: { type: Schema.Types.Mixed, required: true },
    prevHash: { type: String, default: null },
    hash: { type: String, required: true },
    v: { type: Number },
    keyId: { type: String },
    mac: { type: String },
  },
  { collection: AUDIT_EVENT_COLLECTION, versionKey: false, minimize: false },
);

// Serves every read of a chain: the tail on append find({caseId}).sort({seq:-1}).limit(1), the
// page find({caseId, seq:{$gt:after}}).sort({seq:1}), and the verify/export cursor in seq order.
// Unique: a second guard, beside _id, against two events with one position in a chain.
auditEventSchema.index({ caseId: 1, seq: 1 }, { unique: true });
