import { CollectionRepository } from '../collection-repository';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import type { IncidentAssessment, IncidentView } from '@handover/contracts';
import type { FieldCipher } from '@handover/crypto';
import type { IncidentDrafts, IncidentEntity, IncidentListFilter, IncidentListItem, IncidentRecord, IncidentSeverity } from './incident.entity';
import { keysetPage, type KeysetPage } from '../keyset';
import { incidentSchema, INCIDENT_COLLECTION, type IncidentDocument } from './incident.schema';
import { DEFAULT_TEAM_ID } from '../teams/team.entity';

/** The data key scope of an incident (CaseKeyService id): encrypts its task notes. */
export const incidentKeyScope = (incidentId: string): string => `incident:${incidentId}`;

const noteAad = (incidentId: string, taskId: string, at: Date): string => `${incidentId}:incident-note:${taskId}:${at.toISOString()}`;

/** Incidents: what the responder opened, the workflow's snapshots, the assessment and the drafts. */
export class IncidentRepository extends CollectionRepository<IncidentDocument> {
  constructor(connection: Connection) {
    super(connection, INCIDENT_COLLECTION, incidentSchema);
  }

  async create(entity: IncidentEntity): Promise<void> {
    const doc: IncidentDocument = {
      _id: entity.id,
      title: entity.title,
      ...(entity.caseId !== undefined && { caseId: entity.caseId }),
      detectedAt: entity.detectedAt,
      categories: [...entity.categories],
      ...(entity.severity !== undefined && { severity: entity.severity }),
      drill: entity.drill,
      ...(entity.operatorType !== undefined && { operatorType: entity.operatorType }),
      ...(entity.jurisdiction !== undefined && { jurisdiction: entity.jurisdiction }),
      clockOverrides: { ...entity.clockOverrides },
      ...(entity.cause !== undefined && { cause: entity.cause }),
      ...(entity.measures !== undefined && { measures: [...entity.measures] }),
      ...(entity.contact !== undefined && { contact: entity.contact }),
      ...(entity.harmAvoided !== undefined && { harmAvoided: { justification: entity.harmAvoided.justification } }),
      ...(entity.affectedEstimate !== undefined && { affectedEstimate: entity.affectedEstimate }),
      createdAt: entity.createdAt,
      createdBy: entity.createdBy,
      ...(entity.team !== undefined && { team: entity.team }),
      status: 'assessing',
      revision: 0,
      notes: [],
      updatedAt: entity.createdAt,
    };
    await this.model.collection.insertOne(doc as never);
  }

  async findById(id: string): Promise<IncidentRecord | null> {
    const doc = await this.model.collection.findOne<IncidentDocument>({ _id: { $eq: id } } as never);
    return doc ? toRecord(doc) : null;
  }

  /** What access checks need: the incident's case, else its opener's team; null when there is no such incident. */
  async findOwner(id: string): Promise<{ caseId?: string; team?: string } | null> {
    const doc = await this.model.collection.findOne<Pick<IncidentDocument, 'caseId' | 'team'>>({ _id: { $eq: id } } as never, { projection: { caseId: 1, team: 1 } });
    if (!doc) return null;
    return { ...(doc.caseId != null && { caseId: doc.caseId }), ...(doc.team != null && { team: doc.team }) };
  }

  /** The assessment and the drafts (idempotent: a retried activity writes the same content). */
  async saveAssessment(id: string, assessment: IncidentAssessment, drafts: IncidentDrafts): Promise<void> {
    await this.model.collection.updateOne({ _id: id as never }, { $set: { assessment, drafts, updatedAt: new Date() } });
  }

  /** Stores the view unless a newer revision is already stored: retried or reordered saves are harmless. */
  async saveSnapshot(view: IncidentView): Promise<boolean> {
    const result = await this.model.collection.updateOne(
      { _id: view.incidentId as never, revision: { $lt: view.revision } },
      { $set: { view, revision: view.revision, status: view.status, updatedAt: new Date() } },
    );
    return result.modifiedCount === 1;
  }

  /** Appends a task note encrypted under the incident's key (notes may name people). */
  async addNote(id: string, note: { taskId: string; by: string; text: string; at?: Date }, cipher: FieldCipher): Promise<void> {
    const at = note.at ?? new Date();
    const noteEnc = cipher.encrypt(note.text, noteAad(id, note.taskId, at));
    await this.model.collection.updateOne({ _id: id as never }, { $push: { notes: { taskId: note.taskId, at, by: note.by, noteEnc } } as never, $set: { updatedAt: at } });
  }

  /** Decrypted notes of an incident (the report endpoint shows them to responders and auditors). */
  async notes(id: string, cipher: FieldCipher): Promise<Array<{ taskId: string; at: Date; by: string; text: string }>> {
    const doc = await this.model.collection.findOne<IncidentDocument>({ _id: { $eq: id } } as never, { projection: { notes: 1 } });
    return (doc?.notes ?? []).map((n) => ({ taskId: n.taskId, at: n.at, by: n.by, text: cipher.decrypt(n.noteEnc, noteAad(id, n.taskId, n.at)) }));
  }

  /** A page of incidents (GET /v1/incidents): newest first, ties by id; what the list shows, nothing personal. */
  async list(filter: IncidentListFilter, page: { limit: number; cursor?: string | undefined }): Promise<KeysetPage<IncidentListItem>> {
    const query: Record<string, unknown> = {};
    if (filter.drill !== undefined) query['drill'] = { $eq: filter.drill };
    if (filter.caseId !== undefined) query['caseId'] = { $eq: filter.caseId };
    if (filter.status !== undefined) query['status'] = { $eq: filter.status };
    if (filter.team !== undefined) {
      query['$or'] = [{ team: { $eq: filter.team } }, ...(filter.team === DEFAULT_TEAM_ID ? [{ team: { $exists: false } }] : [])];
    }
    return keysetPage(
      this.model.collection as never as Collection<IncidentDocument>,
      query,
      { order: { field: 'createdAt', direction: -1 }, ...page },
      (doc) => ({
        id: doc._id,
        title: doc.title,
        ...(doc.caseId !== undefined && { caseId: doc.caseId }),
        detectedAt: doc.detectedAt,
        ...(doc.severity !== undefined && { severity: doc.severity }),
        drill: doc.drill,
        status: doc.status,
        createdAt: doc.createdAt,
      }),
      { _id: 1, title: 1, caseId: 1, detectedAt: 1, severity: 1, drill: 1, status: 1, createdAt: 1 },
    );
  }

  /** Drills since a date, newest first (yearly drill evidence, GB/T 35273 §10.1). */
  async listDrills(since: Date, limit = 100): Promise<IncidentRecord[]> {
    const docs = await this.model.collection
      .find<IncidentDocument>({ drill: { $eq: true }, detectedAt: { $gte: since } } as never)
      .sort({ detectedAt: -1 })
      .limit(limit)
      .toArray();
    return docs.map(toRecord);
  }
}

function toRecord(doc: IncidentDocument): IncidentRecord {
  return {
    id: doc._id,
    title: doc.title,
    ...(doc.caseId !== undefined && { caseId: doc.caseId }),
    detectedAt: doc.detectedAt,
    categories: doc.categories,
    ...(doc.severity !== undefined && { severity: doc.severity as IncidentSeverity }),
    drill: doc.drill,
    ...(doc.operatorType !== undefined && { operatorType: doc.operatorType }),
    ...(doc.jurisdiction !== undefined && { jurisdiction: doc.jurisdiction }),
    clockOverrides: doc.clockOverrides ?? {},
    ...(doc.cause !== undefined && { cause: doc.cause }),
    ...(doc.measures !== undefined && { measures: doc.measures }),
    ...(doc.contact !== undefined && { contact: doc.contact }),
    ...(doc.harmAvoided !== undefined && { harmAvoided: doc.harmAvoided }),
    ...(doc.affectedEstimate !== undefined && { affectedEstimate: doc.affectedEstimate }),
    createdAt: doc.createdAt,
    createdBy: doc.createdBy,
    status: doc.status as IncidentRecord['status'],
    ...(doc.view && { view: doc.view as unknown as IncidentView }),
    ...(doc.assessment && { assessment: doc.assessment as unknown as IncidentAssessment }),
    ...(doc.drafts && { drafts: doc.drafts as unknown as IncidentDrafts }),
    notes: (doc.notes ?? []).map((n) => ({ taskId: n.taskId, at: n.at, by: n.by })),
  };
}
