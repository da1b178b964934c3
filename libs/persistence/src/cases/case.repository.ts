import { CollectionRepository } from '../collection-repository';
import type { Connection } from 'mongoose';
import type { FieldCipher } from '@handover/crypto';
import type { CaseDeadlines, GateName, Phase, RouteSummary } from '@handover/contracts';
import type { CaseKind, Jurisdiction } from '@handover/domain';
import { keysetPage, type KeysetPage } from '../keyset';
import { updateEach } from '../update-each';
import { caseSchema, CASE_COLLECTION, type CaseDocument } from './case.schema';
import type { CaseEntity, CaseListFilter, CaseListItem, CasePolicy, CaseStatus, CrossBorderRecord } from './case.entity';
import { caseListQuery, searchNamesOf, toListItem } from './case-list';
import { CaseStatisticsRepository } from '../statistics/case-statistics.repository';
import type { CaseCounters } from '../statistics/case-figures';
import { DEFAULT_TEAM_ID } from '../teams/team.entity';

/** The list's order: newest first, ties by id (served by the `{createdAt: -1, _id: -1}` index). */
const LIST_ORDER = { field: 'createdAt', direction: -1 } as const;
const LIST_PROJECTION = {
  _id: 1, kind: 1, jurisdiction: 1, status: 1, phase: 1, createdAt: 1, 'transferor.name': 1, 'recipient.name': 1, 'inventory.routes': 1, notification: 1,
} as const;

/** Reads and writes cases; the mapper encrypts contact fields on the way in and decrypts on the way out. */
export class CaseRepository extends CollectionRepository<CaseDocument> {
  /** The status read model: every state change below is also recorded there (docs/architecture.md, "Case status"). */
  private readonly statistics: CaseStatisticsRepository;

  constructor(connection: Connection) {
    super(connection, CASE_COLLECTION, caseSchema);
    this.statistics = new CaseStatisticsRepository(connection);
  }

  async create(entity: CaseEntity, cipher: FieldCipher): Promise<void> {
    await this.model.collection.insertOne(toPersistence(entity, cipher) as never);
    await this.statistics.initialize(entity.id);
  }

  /**
   * Recounts the named status counters (all when absent) from the data and records them: at the end
   * of a phase, when nothing else changes them, so the status then equals a full recount.
   */
  async recountStatistics(id: string, names?: ReadonlyArray<keyof CaseCounters>): Promise<CaseCounters> {
    return this.statistics.recountAndRecord(id, names);
  }

  /**
   * A page of the case list (GET /v1/cases): newest first, ties by id. `teamIds`, when given,
   * restricts the list to cases of those teams. No personal data is read: company names, the
   * stored route summary and deadlines only.
   */
  async list(filter: CaseListFilter, page: { limit: number; cursor?: string | undefined }, now: Date = new Date()): Promise<KeysetPage<CaseListItem>> {
    return keysetPage(this.raw, caseListQuery(filter), { order: LIST_ORDER, ...page }, (doc) => toListItem(doc, now), LIST_PROJECTION);
  }

  /**
   * Replaces the editable fields of a draft (parties, manager, purpose change, policy) and its
   * search names; false when the case is not a draft (any more). The admin API is the case
   * document's only writer while it is a draft (docs/architecture.md).
   */
  async replaceDraft(entity: CaseEntity, cipher: FieldCipher, at: Date = new Date()): Promise<boolean> {
    const doc = toPersistence(entity, cipher);
    const unset: Record<string, ''> = {};
    if (!doc.recipient) unset['recipient'] = '';
    if (!doc.purposeChangeEnc) unset['purposeChangeEnc'] = '';
    const result = await this.raw.updateOne(
      { _id: entity.id, status: 'draft' },
      {
        $set: {
          transferor: doc.transferor,
          ...(doc.recipient && { recipient: doc.recipient }),
          manager: doc.manager,
          ...(doc.purposeChangeEnc && { purposeChangeEnc: doc.purposeChangeEnc }),
          policy: doc.policy,
          searchNames: doc.searchNames ?? [],
          updatedAt: at,
        },
        ...(Object.keys(unset).length > 0 && { $unset: unset }),
      },
    );
    return result.matchedCount === 1;
  }

  /**
   * Gives every case opened before the search field existed its search names (the worker's index
   * step, before it takes work). One `updateOne` per case through updateEach; a case that got the
   * field meanwhile is skipped by the filter. Returns how many were written.
   */
  async backfillSearchNames(): Promise<number> {
    const missing = await this.raw
      .find({ searchNames: { $exists: false } }, { projection: { _id: 1, 'transferor.name': 1, 'recipient.name': 1 } })
      .toArray();
    const { modified } = await updateEach(
      this.raw,
      missing.map((doc) => ({
        filter: { _id: doc._id, searchNames: { $exists: false } },
        update: { $set: { searchNames: searchNamesOf(doc.transferor?.name, doc.recipient?.name) } },
      })),
    );
    return modified;
  }

  async findById(id: string, cipher: FieldCipher): Promise<CaseEntity | null> {
    const doc = await this.model.findById(id).lean<CaseDocument>().exec();
    return doc ? toDomain(doc, cipher) : null;
  }

  /** The rule pack of the stored route summary and the public announcement's count (the compliance report). */
  async reportFacts(id: string): Promise<{ rulePackId?: string; rulePackVersion?: string; publicAnnouncement: number }> {
    const doc = await this.model.collection.findOne<{ inventory?: { routes?: { rulePackId?: string; rulePackVersion?: string } }; notification?: { publicAnnouncement?: { count?: number } } }>(
      { _id: id as never },
      { projection: { 'inventory.routes.rulePackId': 1, 'inventory.routes.rulePackVersion': 1, 'notification.publicAnnouncement.count': 1 } },
    );
    const routes = doc?.inventory?.routes;
    return {
      ...(routes?.rulePackId && { rulePackId: routes.rulePackId }),
      ...(routes?.rulePackVersion && { rulePackVersion: routes.rulePackVersion }),
      publicAnnouncement: doc?.notification?.publicAnnouncement?.count ?? 0,
    };
  }

  /** Status and phase only: no key needed, so status pages never touch personal data. */
  async findState(id: string): Promise<{ status: CaseStatus; phase: Phase; kind: CaseKind } | null> {
    const doc = await this.model.findById(id, { status: 1, phase: 1, kind: 1 }).lean<CaseDocument>().exec();
    return doc ? { status: doc.status as CaseStatus, phase: doc.phase as Phase, kind: doc.kind as CaseKind } : null;
  }

  /**
   * Records the cross-border transfer mechanism (replacing an earlier one) on a draft or running
   * case; false when there is no such case or it is closed or cancelled. The status read model
   * shows it (GET /v1/cases/{id}).
   */
  async recordCrossBorder(id: string, record: CrossBorderRecord): Promise<boolean> {
    const result = await this.model
      .updateOne({ _id: id, status: { $in: ['draft', 'running'] } }, { $set: { crossBorder: record, updatedAt: record.recordedAt } })
      .exec();
    if (result.matchedCount !== 1) return false;
    const view = { mechanism: record.mechanism, reference: record.reference, recordedBy: record.recordedBy, recordedAt: record.recordedAt.toISOString() };
    await this.statistics.emit(id, { kind: 'cross-border', crossBorder: view }, `cross-border:${record.recordedAt.getTime()}`, record.recordedAt);
    return true;
  }

  /** The recorded cross-border mechanism, if any (no key needed: nothing personal). */
  async findCrossBorder(id: string): Promise<CrossBorderRecord | null> {
    const doc = await this.model.findById(id, { crossBorder: 1 }).lean<Pick<CaseDocument, '_id' | 'crossBorder'>>().exec();
    const found = doc?.crossBorder;
    return found ? { ...found, mechanism: found.mechanism as CrossBorderRecord['mechanism'] } : null;
  }

  /** The case's team (DEFAULT_TEAM_ID when it has none stored), or null when there is no such case. */
  async findTeam(id: string): Promise<string | null> {
    const doc = await this.model.findById(id, { team: 1 }).lean<Pick<CaseDocument, '_id' | 'team'>>().exec();
    return doc ? (doc.team ?? DEFAULT_TEAM_ID) : null;
  }

  /** The ids of the cases of these teams (bulk actions scope their matches with them); every case's when teamIds is undefined. */
  async idsOfTeams(teamIds: readonly string[] | undefined): Promise<string[]> {
    const query = teamIds ? caseListQuery({ teamIds }) : {};
    const docs = await this.model.find(query, { _id: 1 }).lean<Array<Pick<CaseDocument, '_id'>>>().exec();
    return docs.map((doc) => doc._id);
  }

  /** Moves a draft case to running; false when it was not a draft (already started). */
  async markStarted(id: string, at: Date): Promise<boolean> {
    const result = await this.model.updateOne({ _id: id, status: 'draft' }, { $set: { status: 'running', startedAt: at, updatedAt: at } }).exec();
    if (result.modifiedCount === 1) await this.statistics.emit(id, { kind: 'status', status: 'running' }, 'status:running', at);
    return result.modifiedCount === 1;
  }

  /**
   * Marks a draft or running case cancelled (the phase it stopped in is kept); false when it was
   * neither (closed, cancelled already, or moved on meanwhile).
   */
  async markCancelled(id: string, from: 'draft' | 'running', at: Date): Promise<boolean> {
    const result = await this.model.updateOne({ _id: id, status: from }, { $set: { status: 'cancelled', cancelledAt: at, updatedAt: at } }).exec();
    const cancelled = result.modifiedCount === 1 || (from === 'running' && (await this.findState(id))?.status === 'cancelled');
    if (cancelled) await this.statistics.emit(id, { kind: 'status', status: 'cancelled' }, 'status:cancelled', at);
    return result.modifiedCount === 1;
  }

  /** Closes a running case (the case workflow's last step; the phase becomes `closed`). */
  async markClosed(id: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { status: 'closed', phase: 'closed', closedAt: at, updatedAt: at } }).exec();
    await this.statistics.recountAndRecord(id);
    await this.statistics.emit(id, { kind: 'status', status: 'closed' }, 'status:closed', at);
  }

  /** `round` > 0: the phase entered again after a rejection (a fact of its own, not a retry's duplicate). */
  async recordPhase(id: string, phase: Phase, at: Date, round = 0): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { phase, updatedAt: at } }).exec();
    await this.statistics.emit(id, { kind: 'phase', phase }, round > 0 ? `phase:${phase}:${round}` : `phase:${phase}`, at);
  }

  /** Withdraws a gate's approval from the status read (the case was sent back before it). */
  async reopenGate(id: string, gate: GateName, round: number, at: Date = new Date()): Promise<void> {
    await this.statistics.emit(id, { kind: 'gate-reopened', gate }, `gate-reopened:${gate}:${round}`, at);
  }

  /** The inventory's route counts (ids and counters only), shown by the case status at the inventory gate. */
  async saveRouteSummary(id: string, summary: RouteSummary, at: Date = new Date()): Promise<void> {
    // Raw driver: `inventory` is not a path of the case schema, and mongoose's strict mode would drop it.
    await this.model.collection.updateOne(
      { _id: id as never },
      { $set: { 'inventory.routes': { ...summary, byRoute: { ...summary.byRoute } }, updatedAt: at } },
    );
    await this.statistics.emit(id, { kind: 'routes', routes: { ...summary, byRoute: { ...summary.byRoute } } }, undefined, at);
    // Sealed routes end the inventory phase: no import runs, no notice has gone out yet.
    if (summary.sealed) await this.statistics.recountAndRecord(id);
  }

  /**
   * The notification deadlines the workflow computed, as ISO-8601 strings (the portal's answer
   * rules read them as strings). Idempotent: a retry writes the same values. Raw driver for the
   * same reason as above.
   */
  async saveDeadlines(id: string, deadlines: CaseDeadlines, at: Date = new Date()): Promise<void> {
    await this.model.collection.updateOne(
      { _id: id as never },
      {
        $set: {
          'notification.noticeDeadline': deadlines.noticeDeadline,
          'notification.consentDeadline': deadlines.consentDeadline,
          updatedAt: at,
        },
      },
    );
  }
}

const aad = (caseId: string, field: string): string => `${caseId}:case:${field}`;

function toPersistence(entity: CaseEntity, cipher: FieldCipher): CaseDocument {
  const enc = (field: string, value: string): string => cipher.encrypt(value, aad(entity.id, field));
  const now = new Date();
  return {
    _id: entity.id,
    team: entity.team ?? DEFAULT_TEAM_ID,
    kind: entity.kind,
    jurisdiction: entity.jurisdiction,
    status: entity.status,
    phase: entity.phase,
    transferor: { name: entity.transferor.name, contactEnc: enc('transferor.contact', entity.transferor.contact) },
    ...(entity.recipient && {
      recipient: {
        name: entity.recipient.name,
        contactEnc: enc('recipient.contact', entity.recipient.contact),
        emailEnc: enc('recipient.email', entity.recipient.email),
        country: entity.recipient.country,
        ...(entity.recipient.publicKey && { publicKey: entity.recipient.publicKey }),
        ...(entity.recipient.sameLegalEntity !== undefined && { sameLegalEntity: entity.recipient.sameLegalEntity }),
      },
    }),
    manager: { nameEnc: enc('manager.name', entity.manager.name), emailEnc: enc('manager.email', entity.manager.email) },
    ...(entity.purposeChange && { purposeChangeEnc: enc('purposeChange', entity.purposeChange) }),
    searchNames: searchNamesOf(entity.transferor.name, entity.recipient?.name),
    policy: { ...entity.policy },
    createdAt: entity.createdAt,
    ...(entity.startedAt && { startedAt: entity.startedAt }),
    updatedAt: now,
  };
}

function toDomain(doc: CaseDocument, cipher: FieldCipher): CaseEntity {
  const dec = (field: string, value: string): string => cipher.decrypt(value, aad(doc._id, field));
  return {
    id: doc._id,
    team: doc.team ?? DEFAULT_TEAM_ID,
    kind: doc.kind as CaseKind,
    jurisdiction: doc.jurisdiction as Jurisdiction,
    status: doc.status as CaseStatus,
    phase: doc.phase as Phase,
    transferor: { name: doc.transferor.name, contact: dec('transferor.contact', doc.transferor.contactEnc) },
    ...(doc.recipient && {
      recipient: {
        name: doc.recipient.name,
        contact: dec('recipient.contact', doc.recipient.contactEnc),
        email: dec('recipient.email', doc.recipient.emailEnc),
        country: doc.recipient.country,
        ...(doc.recipient.publicKey && { publicKey: doc.recipient.publicKey }),
        ...(doc.recipient.sameLegalEntity !== undefined && { sameLegalEntity: doc.recipient.sameLegalEntity }),
      },
    }),
    manager: { name: dec('manager.name', doc.manager.nameEnc), email: dec('manager.email', doc.manager.emailEnc) },
    ...(doc.purposeChangeEnc && { purposeChange: dec('purposeChange', doc.purposeChangeEnc) }),
    policy: doc.policy as unknown as CasePolicy,
    createdAt: doc.createdAt,
    ...(doc.startedAt && { startedAt: doc.startedAt }),
  };
}
