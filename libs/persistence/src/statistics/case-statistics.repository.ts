import { CONSENT_ROUTES } from '@handover/domain';
import { isDuplicateKey } from '../customers/bulk-write-errors';
import { randomBytes } from 'node:crypto';
import type { Collection, Db, Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import type { Phase, RouteSummary, ThirdPartyAnswerKind } from '@handover/contracts';
import { CASE_COLLECTION } from '../cases/case.schema';
import { CUSTOMER_COLLECTION } from '../customers/customer.schema';
import { TRANSFER_EXCLUSION_COLLECTION } from '../exclusions/transfer-exclusion.schema';
import { MAIL_LEDGER_COLLECTION } from '../mail-ledger/mail-ledger.schema';
import { THIRD_PARTY_COLLECTION } from '../third-parties/third-party.schema';
import { THIRD_PARTY_ANSWER_COLLECTION } from '../third-parties/third-party-answer.schema';
import { statusOfAnswer } from '../third-parties/third-party-status';
import {
  COUNTER_NAMES,
  emptyCounters,
  foldFacts,
  initialFigures,
  type CaseCounters,
  type CaseFact,
  type CaseFigures,
  type CaseLifecycle,
  type FactBody,
} from './case-figures';

export const CASE_STATS_COLLECTION = 'case_stats';
export const CASE_STAT_FACTS_COLLECTION = 'case_stat_facts';
export const CASE_STAT_LEASES_COLLECTION = 'case_stat_leases';


/** The stored document: the figures, plus the ids of the facts of the last fold (crash repair). */
type CaseStatsDocument = CaseFigures & { _id: string; lastFold?: string[] };
type FactDocument = CaseFact;
interface LeaseDocument {
  _id: string;
  holder: string;
  at: Date;
}
interface CaseStateDocument {
  _id: string;
  status?: CaseLifecycle;
  phase?: Phase;
  inventory?: { routes?: RouteSummary };
  crossBorder?: { mechanism: string; reference: string; recordedBy: string; recordedAt: Date };
}


/**
 * The case-status read model (`case_stats`, one document per case) and the facts that feed it.
 *
 * Readers read one document. Writers never update it: they insert facts (`case_stat_facts`; an id
 * derived from the business event makes a retried insert a no-op), and the projector
 * (CaseStatsProjector, one process at a time under a lease) folds them in and deletes them. That
 * keeps FerretDB v1's "one writer per document" rule while answers arrive from the portal, mail
 * from the worker and approvals from the API at the same time. Full recounts (`recount`) run at
 * phase ends only, never on a read.
 */
export class CaseStatisticsRepository {
  constructor(private readonly connection: Connection) {}

  private get db(): Db {
    const db = this.connection.db;
    if (!db) throw new Error('MongoDB connection has no database');
    return db;
  }

  private get stats(): Collection<CaseStatsDocument> {
    return this.db.collection<CaseStatsDocument>(CASE_STATS_COLLECTION);
  }

  private get facts(): Collection<FactDocument> {
    return this.db.collection<FactDocument>(CASE_STAT_FACTS_COLLECTION);
  }

  private get leases(): Collection<LeaseDocument> {
    return this.db.collection<LeaseDocument>(CASE_STAT_LEASES_COLLECTION);
  }

  /** The status figures of a case: one `_id` read; null when the case has none (unknown case). */
  async read(caseId: string): Promise<CaseFigures | null> {
    const doc = await this.stats.findOne({ _id: { $eq: caseId } } as Filter<CaseStatsDocument>, { projection: { lastFold: 0 } });
    if (!doc) return null;
    const { _id, ...figures } = doc;
    void _id;
    return figures;
  }

  /** The counters of several cases (a list page): one query; a case without figures is absent. */
  async countersOf(caseIds: readonly string[]): Promise<Map<string, CaseCounters>> {
    if (caseIds.length === 0) return new Map();
    const docs = await this.stats.find({ _id: { $in: [...caseIds] } } as Filter<CaseStatsDocument>, { projection: { counters: 1 } }).toArray();
    return new Map(docs.map((doc) => [doc._id, doc.counters]));
  }

  /** How many cases are in each status and phase (the metrics' `handover_case_phase`). */
  async casesByPhase(): Promise<Array<{ status: CaseLifecycle; phase: Phase; cases: number }>> {
    const tally = new Map<string, { status: CaseLifecycle; phase: Phase; cases: number }>();
    for await (const doc of this.stats.find({}, { projection: { status: 1, phase: 1 } })) {
      const key = `${doc.status}/${doc.phase}`;
      const entry = tally.get(key) ?? { status: doc.status, phase: doc.phase, cases: 0 };
      entry.cases += 1;
      tally.set(key, entry);
    }
    return [...tally.values()];
  }

  /** The figures of a new case (draft, zero). Idempotent: an existing document is kept. */
  async initialize(caseId: string, at: Date = new Date()): Promise<void> {
    try {
      await this.stats.insertOne({ _id: caseId, ...initialFigures(at.toISOString()) });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  /**
   * Records a change for the projector. `key`, when given, names the business event (an answer's
   * evidence id, an exclusion's customer): a second insert with the same key is ignored.
   */
  async emit(caseId: string, body: FactBody, key?: string, at: Date = new Date()): Promise<void> {
    const _id = `${caseId}:${key ?? `${body.kind}:${at.getTime()}:${randomBytes(6).toString('hex')}`}`;
    try {
      await this.facts.insertOne({ ...body, _id, caseId, at: at.toISOString() } as FactDocument);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  /** Adds to counters (zero entries are dropped; nothing is written when all are zero). */
  async add(caseId: string, counters: Partial<CaseCounters>, key?: string): Promise<void> {
    const nonZero = Object.fromEntries(Object.entries(counters).filter(([, value]) => value !== 0)) as Partial<CaseCounters>;
    if (Object.keys(nonZero).length === 0) return;
    await this.emit(caseId, { kind: 'delta', counters: nonZero }, key);
  }

  /**
   * Counts the named counters (all when absent) from the data and records them as absolute values.
   * Called at phase ends, when nothing else changes those counters, so the status equals a recount.
   */
  async recountAndRecord(caseId: string, names?: ReadonlyArray<keyof CaseCounters>): Promise<CaseCounters> {
    const asOf = new Date();
    const counters = await this.recount(caseId, names);
    const chosen = names ? (Object.fromEntries(names.map((name) => [name, counters[name]])) as Partial<CaseCounters>) : counters;
    await this.emit(caseId, { kind: 'recount', counters: chosen, asOf: asOf.toISOString() });
    return counters;
  }

  /**
   * Counters counted from the case's collections (phase ends and repair only). One cursor pass per
   * collection, tallied here: FerretDB v1 filters every count by reading the whole collection, so
   * nine counts over the customers would read a million-customer case nine times. Only the
   * collections the named counters need are read (the others count 0).
   * `transferred` = outcome transfer, less customers a request excluded and not yet deleted;
   * `deleted` = erased by the deletion phase; `onHold` = the hold route; `excluded` = customers a
   * deletion request or objection took out of the transfer.
   */
  async recount(caseId: string, names?: ReadonlyArray<keyof CaseCounters>): Promise<CaseCounters> {
    const wanted = (...of: Array<keyof CaseCounters>): boolean => !names || of.some((name) => names.includes(name));
    const counters = emptyCounters();
    const byCase = { caseId: { $eq: caseId } };
    if (wanted('notified', 'bounced')) {
      const ledger = this.db.collection<{ status: string }>(MAIL_LEDGER_COLLECTION).find({ ...byCase, mailing: { $eq: 'notice' } } as Filter<{ status: string }>, { projection: { status: 1 } });
      for await (const entry of ledger) {
        if (entry.status === 'sent') counters.notified += 1;
        else if (entry.status === 'bounced') counters.bounced += 1;
      }
    }
    if (wanted('thirdParties', 'thirdPartiesConfirmed')) {
      counters.thirdParties = (await this.db.collection(THIRD_PARTY_COLLECTION).find(byCase, { projection: { _id: 1 } }).toArray()).length;
      // From the evidence (insert-only), not the status projected on the party: FerretDB v1 may lose
      // that projection to a concurrent `overdue` until reapplyAnswers repairs it.
      const answers = await this.db.collection<{ kind: string }>(THIRD_PARTY_ANSWER_COLLECTION).find(byCase as Filter<{ kind: string }>, { projection: { kind: 1 } }).toArray();
      counters.thirdPartiesConfirmed = answers.filter((answer) => statusOfAnswer(answer.kind as ThirdPartyAnswerKind) === 'confirmed').length;
    }
    const excluded = wanted('excluded', 'transferred')
      ? new Set(
          (await this.db.collection<{ _id: string }>(TRANSFER_EXCLUSION_COLLECTION).find(byCase as Filter<{ _id: string }>, { projection: { _id: 1 } }).toArray()).map((doc) => doc._id),
        )
      : new Set<string>();
    counters.excluded = excluded.size;
    if (wanted('customers', 'consented', 'refused', 'objected', 'noResponse', 'transferred', 'deleted', 'onHold')) {
      type Tallied = { _id: string; route?: string; decision?: string; outcome?: string; disposition?: string };
      const customers = this.db
        .collection<Tallied>(CUSTOMER_COLLECTION)
        .find(byCase as Filter<Tallied>, { projection: { route: 1, decision: 1, outcome: 1, disposition: 1 } })
        .batchSize(5_000);
      for await (const customer of customers) {
        counters.customers += 1;
        if (customer.decision === 'consent') counters.consented += 1;
        else if (customer.decision === 'refuse') counters.refused += 1;
        else if (customer.decision === 'object') counters.objected += 1;
        else if (customer.decision === undefined && customer.route !== undefined && (CONSENT_ROUTES as readonly string[]).includes(customer.route)) counters.noResponse += 1;
        if (customer.outcome === 'transfer' && !(excluded.has(customer._id) && customer.disposition !== 'deleted')) counters.transferred += 1;
        if (customer.disposition === 'deleted') counters.deleted += 1;
        if (customer.route === 'hold') counters.onHold += 1;
      }
    }
    return counters;
  }

  /**
   * The projector's lease for the time window containing `now`: true when this holder has it. An
   * insert with the window's id (atomic on every backend), so two projectors never fold at once.
   */
  async holdLease(holder: string, windowMs: number, now: Date = new Date()): Promise<boolean> {
    const window = Math.floor(now.getTime() / windowMs);
    const _id = `w:${String(window).padStart(12, '0')}`;
    try {
      await this.leases.insertOne({ _id, holder, at: now });
      await this.leases.deleteMany({ _id: { $lt: `w:${String(window - 4).padStart(12, '0')}` } } as Filter<LeaseDocument>);
      return true;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const lease = await this.leases.findOne({ _id: { $eq: _id } } as Filter<LeaseDocument>);
    return lease?.holder === holder;
  }

  /**
   * Folds up to `limit` pending facts into their cases' documents and deletes them. Crash-safe: the
   * document records the ids it folded; a fact still present whose id is there was folded already.
   * Returns the number of facts folded.
   */
  async foldPending(limit: number): Promise<number> {
    // Oldest first: a batch boundary must not fold a later phase or recount before the facts that preceded it.
    const pending = await this.facts.find({}, { limit, sort: { at: 1, _id: 1 } }).toArray();
    if (pending.length === 0) return 0;
    const byCase = new Map<string, FactDocument[]>();
    for (const fact of pending) byCase.set(fact.caseId, [...(byCase.get(fact.caseId) ?? []), fact]);
    for (const [caseId, facts] of byCase) await this.foldCase(caseId, facts);
    return pending.length;
  }

  private async foldCase(caseId: string, facts: readonly FactDocument[]): Promise<void> {
    const stored = await this.stats.findOne({ _id: { $eq: caseId } } as Filter<CaseStatsDocument>);
    const done = new Set(stored?.lastFold ?? []);
    const fresh = facts.filter((fact) => !done.has(fact._id));
    if (fresh.length > 0) {
      const base = stored ? withoutId(stored) : await this.rebuild(caseId);
      const figures = foldFacts(base, fresh);
      await this.stats.replaceOne(
        { _id: { $eq: caseId } } as Filter<CaseStatsDocument>,
        { ...figures, lastFold: fresh.map((fact) => fact._id) } as CaseStatsDocument,
        { upsert: true },
      );
    }
    await this.facts.deleteMany({ _id: { $in: facts.map((fact) => fact._id) } } as Filter<FactDocument>);
  }

  /** Cases opened before the read model existed get one built from their data (once each). */
  async backfill(): Promise<number> {
    const cases = await this.db.collection<{ _id: string }>(CASE_COLLECTION).find({}, { projection: { _id: 1 } }).toArray();
    const known = new Set((await this.stats.find({}, { projection: { _id: 1 } }).toArray()).map((doc) => doc._id));
    let built = 0;
    for (const { _id } of cases) {
      if (known.has(_id)) continue;
      const figures = await this.rebuild(_id);
      try {
        await this.stats.insertOne({ ...figures, _id });
        built += 1;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
    return built;
  }

  /** Figures recounted from the data and the case document (repair and backfill only). */
  private async rebuild(caseId: string): Promise<CaseFigures> {
    const now = new Date().toISOString(); // before counting: later deltas add to the recount, earlier ones are in it
    const state = await this.db
      .collection<CaseStateDocument>(CASE_COLLECTION)
      .findOne({ _id: { $eq: caseId } } as Filter<CaseStateDocument>, { projection: { status: 1, phase: 1, 'inventory.routes': 1, crossBorder: 1 } });
    const figures = initialFigures(now);
    return {
      ...figures,
      recountedAt: Object.fromEntries(COUNTER_NAMES.map((name) => [name, now])),
      status: state?.status ?? 'draft',
      phase: state?.phase ?? 'opened',
      counters: await this.recount(caseId),
      ...(state?.inventory?.routes && { routes: state.inventory.routes }),
      ...(state?.crossBorder && { crossBorder: { ...state.crossBorder, recordedAt: state.crossBorder.recordedAt.toISOString() } }),
    };
  }
}

function withoutId(doc: CaseStatsDocument): CaseFigures {
  const { _id, lastFold, ...figures } = doc;
  void _id;
  void lastFold;
  return figures;
}
