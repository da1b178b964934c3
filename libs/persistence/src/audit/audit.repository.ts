import type { Connection, Model } from 'mongoose';
import { chainHash, ChainVerifier, type ChainVerification } from '@handover/crypto';
import { auditEventSchema, AUDIT_EVENT_COLLECTION, type AuditEventDocument } from './audit-event.schema';
import { auditChainBody, auditEventId, type AuditData, type AuditEventEntity, type AuditEventInput } from './audit-event.entity';

const DUPLICATE_KEY = 11000;
/** Each lost race means another append won, so N concurrent writers need at most N attempts. */
export const MAX_AUDIT_APPEND_ATTEMPTS = 64;
const MAX_PAGE = 1000;

export class AuditAppendError extends Error {
  readonly code = 'AUDIT_APPEND_CONTENDED';
}

/**
 * The audit trail: appends hash-chained events per case and reads them back in chain order.
 * Usable from the admin API and from activities alike (no framework dependencies).
 */
export class AuditRepository {
  private readonly model: Model<AuditEventDocument>;

  constructor(
    connection: Connection,
    private readonly pause: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.model = connection.models[AUDIT_EVENT_COLLECTION] ?? connection.model<AuditEventDocument>(AUDIT_EVENT_COLLECTION, auditEventSchema);
  }

  /** Builds the unique {caseId, seq} index (autoIndex is off). Idempotent. */
  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }

  /**
   * Appends at the tail of the case's chain. Without transactions, the _id `<caseId>:<seq>` is the
   * lock: a concurrent append of the same seq fails with a duplicate key, and the loser re-reads
   * the tail and tries the next seq (bounded; jittered pause between attempts).
   */
  async append(caseId: string, input: AuditEventInput): Promise<AuditEventEntity> {
    const data = checkData(input.data ?? {});
    for (let attempt = 1; attempt <= MAX_AUDIT_APPEND_ATTEMPTS; attempt += 1) {
      const at = input.at ?? new Date();
      const tail = await this.tail(caseId);
      const seq = (tail?.seq ?? 0) + 1;
      const prevHash = tail?.hash ?? null;
      const body = {
        caseId,
        seq,
        at,
        actor: { id: input.actor.id, role: input.actor.role },
        action: input.action,
        subject: { type: input.subject.type, id: input.subject.id },
        data,
      };
      const event: AuditEventEntity = { ...body, prevHash, hash: chainHash(prevHash, body) };
      try {
        await this.model.collection.insertOne({ _id: auditEventId(caseId, seq), ...event } as never);
        return event;
      } catch (error) {
        if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
        await this.pause(Math.random() * Math.min(50, attempt * 2));
      }
    }
    throw new AuditAppendError(`audit append for ${caseId} lost ${MAX_AUDIT_APPEND_ATTEMPTS} races in a row`);
  }

  /** The last event of the case's chain, or null for an empty chain. */
  async tail(caseId: string): Promise<AuditEventEntity | null> {
    const [doc] = await this.model.collection
      .find<AuditEventDocument>({ caseId: { $eq: caseId } })
      .sort({ seq: -1 })
      .limit(1)
      .toArray();
    return doc ? toEntity(doc) : null;
  }

  async exists(caseId: string): Promise<boolean> {
    return (await this.tail(caseId)) !== null;
  }

  /** One page in chain order: events with seq > after, at most `limit` (capped at 1000). */
  async list(caseId: string, page: { after?: number; limit?: number } = {}): Promise<AuditEventEntity[]> {
    const limit = Math.min(Math.max(page.limit ?? 100, 1), MAX_PAGE);
    const docs = await this.model.collection
      .find<AuditEventDocument>({ caseId: { $eq: caseId }, seq: { $gt: page.after ?? 0 } })
      .sort({ seq: 1 })
      .limit(limit)
      .toArray();
    return docs.map(toEntity);
  }

  /**
   * Every event of the case in chain order, as stored (minus _id), from a cursor: memory stays
   * flat however long the chain. Unknown fields are kept, so tampering stays visible.
   */
  async *stream(caseId: string, batchSize = 500): AsyncGenerator<AuditEventEntity> {
    const cursor = this.model.collection.find<AuditEventDocument>({ caseId: { $eq: caseId } }).sort({ seq: 1 }).batchSize(batchSize);
    try {
      for await (const doc of cursor) yield toEntity(doc);
    } finally {
      await cursor.close();
    }
  }

  /** Streams the chain through a ChainVerifier: `{valid, events, firstBrokenAt?}`. */
  async verify(caseId: string): Promise<ChainVerification> {
    const verifier = new ChainVerifier(null);
    for await (const event of this.stream(caseId)) {
      verifier.push({ seq: event.seq, prevHash: event.prevHash, hash: event.hash, body: auditChainBody(event) });
    }
    return verifier.result();
  }
}

function toEntity(doc: AuditEventDocument): AuditEventEntity {
  const { _id: _omit, ...event } = doc;
  return event;
}

/** Rejects values that are not flat scalars: the trail holds ids and counters, not documents. */
function checkData(data: AuditData): AuditData {
  const out: AuditData = {};
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue;
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
      throw new TypeError(`audit data field ${key} must be a string, number, boolean or null`);
    }
    out[key] = value;
  }
  return out;
}
