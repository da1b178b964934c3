import { createHash } from 'node:crypto';
import type { Collection, Connection, Model } from 'mongoose';
import {
  AUDIT_SCHEME_KEYED,
  chainHash,
  toTrailEvent,
  TrailVerifier,
  type AuditCheckpoint,
  type TrailVerification,
} from '@handover/audit-proof';
import { auditEventSchema, AUDIT_EVENT_COLLECTION, type AuditEventDocument } from './audit-event.schema';
import { AUDIT_CHECKPOINT_COLLECTION } from './audit-checkpoint.schema';
import { auditEventId, type AuditData, type AuditEventEntity, type AuditEventInput } from './audit-event.entity';
import type { AuditSealing } from './audit-sealing';

const DUPLICATE_KEY = 11000;
/** `<caseId>:<operation digest>` → the seq of the event an operation appended (insert-only). */
export const AUDIT_OPERATION_COLLECTION = 'audit_operations';
/** Each lost race means another append won, so N concurrent writers need at most N attempts. */
export const MAX_AUDIT_APPEND_ATTEMPTS = 64;
const MAX_PAGE = 1000;
/** Cases whose chain tail and last checkpoint a repository remembers (least recently used out first). */
const MAX_HINTS = 1024;

export class AuditAppendError extends Error {
  readonly code = 'AUDIT_APPEND_CONTENDED';
}

export interface AuditRepositoryOptions {
  /** Keyed events and signed checkpoints; without it events are appended unkeyed (scheme 1). */
  sealing?: AuditSealing;
  pause?: (ms: number) => Promise<void>;
  now?: () => Date;
  /**
   * The identity of the operation that is appending, when it may be repeated (a Temporal activity
   * execution: its retries share it), or undefined. An event that the same operation already
   * appended (same action, subject and data) is not appended again.
   */
  operation?: () => string | undefined;
}

type CheckpointDocument = AuditCheckpoint & { _id: string };
type OperationDocument = { _id: string; seq: number };

/**
 * The audit trail: appends hash-chained events per case and reads them back in chain order.
 * Usable from the admin API and from activities alike (no framework dependencies). With sealing,
 * each event also carries `v: 2`, the audit key id and `mac` = HMAC(audit key, hash), and the
 * chain is sealed by Ed25519-signed checkpoints (audit_checkpoints, the latest also outside).
 */
export class AuditRepository {
  private readonly model: Model<AuditEventDocument>;
  private readonly checkpoints: Collection<CheckpointDocument>;
  private readonly operations: Collection<OperationDocument>;
  private readonly operation: (() => string | undefined) | undefined;
  private readonly sealing: AuditSealing | undefined;
  private readonly pause: (ms: number) => Promise<void>;
  private readonly now: () => Date;
  /**
   * The last event this repository appended or read as a case's tail, and the last checkpoint it
   * wrote or read. Reading the tail through the database sorts the case's whole chain on FerretDB
   * v1 (no sort pushdown): O(events) per append, O(events²) over a mailing that appends one event
   * per page. A hint is only a guess: the hinted event is read back by `_id` (it must still be
   * there, same hash), and appending after it is settled by the unique `_id` of the next seq (a
   * stale hint loses that race and the tail is read again).
   */
  private readonly tails = new Map<string, AuditEventEntity>();
  private readonly lastCheckpoints = new Map<string, { seq: number; at: string }>();

  constructor(connection: Connection, options: AuditRepositoryOptions = {}) {
    this.model = connection.models[AUDIT_EVENT_COLLECTION] ?? connection.model<AuditEventDocument>(AUDIT_EVENT_COLLECTION, auditEventSchema);
    this.checkpoints = connection.collection<CheckpointDocument>(AUDIT_CHECKPOINT_COLLECTION) as unknown as Collection<CheckpointDocument>;
    this.operations = connection.collection<OperationDocument>(AUDIT_OPERATION_COLLECTION) as unknown as Collection<OperationDocument>;
    this.operation = options.operation;
    this.sealing = options.sealing;
    this.pause = options.pause ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? (() => new Date());
  }

  /** Builds the unique {caseId, seq} and {scope, seq} indexes (autoIndex is off). Idempotent. */
  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
    await this.checkpoints.createIndex({ scope: 1, seq: 1 }, { unique: true });
  }

  /** The audit key id and the checkpoint public key (PEM) and its id, when sealing is on. */
  publicKey(): { keyId: string; publicKey: string; auditKeyId: string } | undefined {
    const sealing = this.sealing;
    return sealing && { keyId: sealing.signer.keyId, publicKey: sealing.signer.publicKeyPem, auditKeyId: sealing.key.id };
  }

  /**
   * Appends at the tail of the case's chain. Without transactions, the _id `<caseId>:<seq>` is the
   * lock: a concurrent append of the same seq fails with a duplicate key, and the loser re-reads
   * the tail and tries the next seq (bounded; jittered pause between attempts).
   *
   * Within a repeatable operation (options.operation), the event carries `data.op`, a digest of
   * the operation and the event, and `audit_operations` remembers its seq: a retry of the operation
   * gets the event already appended instead of a second one. An attempt that stopped between the
   * append and that record is caught by the tail check.
   */
  async append(caseId: string, input: AuditEventInput): Promise<AuditEventEntity> {
    const op = this.operationDigest(input);
    const data = checkData({ ...input.data, ...(op && { op }) });
    if (op) {
      const done = await this.operations.findOne({ _id: `${caseId}:${op}` });
      const event = done && (await this.model.collection.findOne<AuditEventDocument>({ _id: auditEventId(caseId, done.seq) } as never));
      if (event) return toEntity(event);
    }
    let lost: number | undefined;
    for (let attempt = 1; attempt <= MAX_AUDIT_APPEND_ATTEMPTS; attempt += 1) {
      const at = input.at ?? this.now();
      const tail = lost === undefined ? await this.hintedTail(caseId) : await this.probeTail(caseId, lost);
      if (op && tail?.data['op'] === op) return this.rememberOperation(tail, op);
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
        ...(this.sealing && { v: AUDIT_SCHEME_KEYED, keyId: this.sealing.key.id }),
      };
      const hash = chainHash(prevHash, body);
      const event: AuditEventEntity = { ...body, prevHash, hash, ...(this.sealing && { mac: this.sealing.key.mac(hash) }) };
      try {
        await this.model.collection.insertOne({ _id: auditEventId(caseId, seq), ...event } as never);
        remember(this.tails, caseId, event);
        if (op) await this.rememberOperation(event, op);
        await this.sealIfDue(event);
        return event;
      } catch (error) {
        if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
        this.tails.delete(caseId);
        lost = seq;
        await this.pause(Math.random() * Math.min(50, attempt * 2));
      }
    }
    throw new AuditAppendError(`audit append for ${caseId} lost ${MAX_AUDIT_APPEND_ATTEMPTS} races in a row`);
  }

  /** A digest of the appending operation and the event (undefined outside a repeatable operation). */
  private operationDigest(input: AuditEventInput): string | undefined {
    const operation = this.operation?.();
    if (operation === undefined) return undefined;
    const { action, subject, data } = input;
    return createHash('sha256').update(JSON.stringify([operation, action, subject.type, subject.id, data ?? {}])).digest('base64url').slice(0, 22);
  }

  private async rememberOperation(event: AuditEventEntity, op: string): Promise<AuditEventEntity> {
    try {
      await this.operations.insertOne({ _id: `${event.caseId}:${op}`, seq: event.seq });
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    }
    return event;
  }

  /** The last event of the case's chain, or null for an empty chain. */
  async tail(caseId: string): Promise<AuditEventEntity | null> {
    const [doc] = await this.model.collection
      .find<AuditEventDocument>({ caseId: { $eq: caseId } })
      .sort({ seq: -1 })
      .limit(1)
      .toArray();
    if (!doc) return null;
    const tail = toEntity(doc);
    remember(this.tails, caseId, tail);
    return tail;
  }

  /**
   * The tail after a lost race for `seq`: the winner's event and those after it, read forward by `_id`
   * (each an indexed lookup) until the next seq is free. The chain read through its sort otherwise.
   */
  private async probeTail(caseId: string, seq: number): Promise<AuditEventEntity | null> {
    let found: AuditEventDocument | null = null;
    for (let next = seq; next < seq + MAX_AUDIT_APPEND_ATTEMPTS; next += 1) {
      const doc = await this.model.collection.findOne<AuditEventDocument>({ _id: auditEventId(caseId, next) } as never);
      if (!doc) break;
      found = doc;
    }
    if (!found) return this.tail(caseId);
    const tail = toEntity(found);
    remember(this.tails, caseId, tail);
    return tail;
  }

  /** The hinted tail if its event is still stored unchanged (one read by `_id`), else the tail read through the chain. */
  private async hintedTail(caseId: string): Promise<AuditEventEntity | null> {
    const hint = this.tails.get(caseId);
    if (hint) {
      const doc = await this.model.collection.findOne<AuditEventDocument>({ _id: auditEventId(caseId, hint.seq) } as never);
      if (doc && doc.hash === hint.hash) return toEntity(doc);
      this.tails.delete(caseId);
    }
    return this.tail(caseId);
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

  /**
   * Signs the chain's current head (seq, hash, count) and stores the checkpoint, then keeps it as
   * the latest outside the database. Called at phase ends, closure and cancellation, and by the
   * append path when the last checkpoint is older than `everyMs` or `everyEvents`. Returns
   * undefined without sealing or for an empty chain; an existing checkpoint of the same head is
   * answered as it is.
   */
  async checkpoint(caseId: string): Promise<AuditCheckpoint | undefined> {
    const sealing = this.sealing;
    if (!sealing) return undefined;
    const tail = await this.hintedTail(caseId);
    if (!tail) return undefined;
    const checkpoint = sealing.signer.sign({ scope: caseId, seq: tail.seq, head: tail.hash, count: tail.seq, at: this.now().toISOString() });
    try {
      await this.checkpoints.insertOne({ _id: auditEventId(caseId, tail.seq), ...checkpoint });
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      const existing = await this.checkpoints.findOne({ _id: auditEventId(caseId, tail.seq) });
      if (existing) remember(this.lastCheckpoints, caseId, { seq: existing.seq, at: existing.at });
      return existing ? withoutId(existing) : checkpoint;
    }
    remember(this.lastCheckpoints, caseId, { seq: checkpoint.seq, at: checkpoint.at });
    await sealing.latest?.write(checkpoint);
    return checkpoint;
  }

  /** The checkpoints of a chain in seq order, as stored. */
  async listCheckpoints(caseId: string): Promise<AuditCheckpoint[]> {
    const docs = await this.checkpoints.find({ scope: { $eq: caseId } }).sort({ seq: 1 }).toArray();
    return docs.map(withoutId);
  }

  /**
   * Streams the chain through a TrailVerifier: each link, each keyed event's HMAC, the head at
   * every signed checkpoint (stored, and the latest kept outside), and no checkpoint beyond the
   * tail. Names the kind of the first break: edited, deleted, inserted, reordered, truncated.
   */
  async verify(caseId: string): Promise<TrailVerification> {
    const sealing = this.sealing;
    const checkpoints = sealing ? await this.listCheckpoints(caseId) : [];
    const outside = sealing?.latest ? await sealing.latest.read(caseId) : undefined;
    if (outside) checkpoints.push(outside);
    const verifier = new TrailVerifier({
      scope: caseId,
      checkpoints,
      ...(sealing && {
        publicKey: sealing.signer.publicKeyPem,
        keyId: sealing.signer.keyId,
        macValid: (event) => event.keyId === sealing.key.id && sealing.key.verify(event.hash, event.mac),
      }),
    });
    for await (const event of this.stream(caseId)) verifier.push(toTrailEvent(event));
    return verifier.result();
  }

  private async sealIfDue(event: AuditEventEntity): Promise<void> {
    const sealing = this.sealing;
    if (!sealing) return;
    try {
      // The last checkpoint this repository knows of (a checkpoint another process wrote since then
      // only makes this one come earlier than needed); read through the chain's checkpoints once.
      let last = this.lastCheckpoints.get(event.caseId);
      if (!last) {
        const [stored] = await this.checkpoints.find({ scope: { $eq: event.caseId } }).sort({ seq: -1 }).limit(1).toArray();
        if (stored) remember(this.lastCheckpoints, event.caseId, (last = { seq: stored.seq, at: stored.at }));
      }
      const due = !last || event.seq - last.seq >= sealing.everyEvents || this.now().getTime() - Date.parse(last.at) >= sealing.everyMs;
      if (due) await this.checkpoint(event.caseId);
    } catch (error) {
      sealing.onCheckpointFailed?.(error);
    }
  }
}

/** Sets a bounded hint map's entry as the most recently used. */
function remember<T>(hints: Map<string, T>, caseId: string, value: T): void {
  hints.delete(caseId);
  hints.set(caseId, value);
  if (hints.size > MAX_HINTS) hints.delete(hints.keys().next().value as string);
}

function withoutId(doc: CheckpointDocument): AuditCheckpoint {
  const { _id: _omit, ...checkpoint } = doc;
  return checkpoint;
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
