import { GATES, PHASES, type GateName, type GateView, type Phase, type RouteSummary } from '@handover/contracts';

/** The counters of `GET /v1/cases/{id}` (and the report): what happened to the case's customers. */
export interface CaseCounters {
  customers: number;
  notified: number;
  bounced: number;
  consented: number;
  refused: number;
  objected: number;
  noResponse: number;
  transferred: number;
  deleted: number;
  onHold: number;
  thirdParties: number;
  thirdPartiesConfirmed: number;
  excluded: number;
}

export type CounterName = keyof CaseCounters;

export const COUNTER_NAMES: readonly CounterName[] = [
  'customers', 'notified', 'bounced', 'consented', 'refused', 'objected', 'noResponse',
  'transferred', 'deleted', 'onHold', 'thirdParties', 'thirdPartiesConfirmed', 'excluded',
];

export const emptyCounters = (): CaseCounters =>
  Object.fromEntries(COUNTER_NAMES.map((name) => [name, 0])) as unknown as CaseCounters;

export type CaseLifecycle = 'draft' | 'running' | 'closed' | 'cancelled';

/** Final states: no later status fact changes them. */
const FINAL: readonly CaseLifecycle[] = ['closed', 'cancelled'];

/** The transfer mechanism recorded for a cross-border recipient (PUT /v1/cases/{id}/cross-border). */
export interface CrossBorderView {
  mechanism: string;
  reference: string;
  recordedBy: string;
  recordedAt: string;
}

export interface GateApproval {
  approvedBy: string;
  approvedAt: string;
}

/** Everything the case status shows, as one document (`case_stats`, `_id` = case id). */
export interface CaseFigures {
  status: CaseLifecycle;
  phase: Phase;
  counters: CaseCounters;
  routes?: RouteSummary;
  approvals: Partial<Record<GateName, GateApproval>>;
  crossBorder?: CrossBorderView;
  /** Per counter, the time of the full recount last applied: deltas produced before it are in it. */
  recountedAt: Partial<Record<CounterName, string>>;
  /**
   * Deltas folded lately (the last RECENT_DELTA_MS, at most RECENT_DELTA_MAX): a recount folded
   * after a delta produced past its `asOf` adds that delta back instead of losing it.
   */
  recent?: Array<{ at: string; counters: Partial<CaseCounters> }>;
  updatedAt: string;
}

/** How long and how many folded deltas a case's figures keep for recounts folded late. */
export const RECENT_DELTA_MS = 30 * 60_000;
export const RECENT_DELTA_MAX = 1_000;

/**
 * A change of the figures, inserted by whoever made it (insert-only, so any number of processes
 * may produce them) and folded into the one document by the projector, its only writer.
 * - `delta`: add to counters (an import batch, a mailing batch, one answer, one exclusion);
 * - `recount`: absolute values counted from the data at `asOf` (phase ends; replaces the counters
 *   it names, and deltas produced before `asOf` that arrive later are already in it);
 * - `phase`, `status`, `gate`, `routes`, `cross-border`: the case's state as the workflow and the API record it.
 */
export type FactBody =
  | { kind: 'delta'; counters: Partial<CaseCounters> }
  | { kind: 'recount'; counters: Partial<CaseCounters>; asOf: string }
  | { kind: 'phase'; phase: Phase }
  | { kind: 'status'; status: CaseLifecycle }
  | { kind: 'gate'; gate: GateName; approval: GateApproval }
  | { kind: 'gate-reopened'; gate: GateName }
  | { kind: 'routes'; routes: RouteSummary }
  | { kind: 'cross-border'; crossBorder: CrossBorderView };

export type CaseFact = FactBody & { _id: string; caseId: string; at: string };

export const initialFigures = (at: string): CaseFigures => ({
  status: 'draft',
  phase: 'opened',
  counters: emptyCounters(),
  approvals: {},
  recountedAt: {},
  updatedAt: at,
});

/** Applies facts in time order (ties by id). Pure: the projector's whole logic, unit-tested. */
export function foldFacts(figures: CaseFigures, facts: readonly CaseFact[]): CaseFigures {
  const next: CaseFigures = {
    ...figures,
    counters: { ...figures.counters },
    approvals: { ...figures.approvals },
    recountedAt: { ...figures.recountedAt },
    recent: [...(figures.recent ?? [])],
  };
  const ordered = [...facts].sort((a, b) => (a.at === b.at ? (a._id < b._id ? -1 : 1) : a.at < b.at ? -1 : 1));
  for (const fact of ordered) {
    applyFact(next, fact);
    if (fact.at > next.updatedAt) next.updatedAt = fact.at;
  }
  const horizon = new Date(Date.parse(next.updatedAt) - RECENT_DELTA_MS).toISOString();
  next.recent = (next.recent ?? []).filter((delta) => delta.at >= horizon).slice(-RECENT_DELTA_MAX);
  return next;
}

function applyFact(figures: CaseFigures, fact: CaseFact): void {
  switch (fact.kind) {
    case 'delta': {
      const applied: Partial<CaseCounters> = {};
      for (const [name, value] of Object.entries(fact.counters) as Array<[CounterName, number]>) {
        const recounted = figures.recountedAt[name];
        if (recounted !== undefined && fact.at < recounted) continue; // already in the recount
        figures.counters[name] = Math.max(0, figures.counters[name] + value);
        applied[name] = value;
      }
      if (Object.keys(applied).length > 0) (figures.recent ??= []).push({ at: fact.at, counters: applied });
      return;
    }
    case 'recount':
      for (const [name, value] of Object.entries(fact.counters) as Array<[CounterName, number]>) {
        // An older count folded after a newer one (two recounts racing) is stale: keep the newer.
        const newest = figures.recountedAt[name];
        if (newest !== undefined && fact.asOf < newest) continue;
        // Deltas produced after the count started were not in it: those already folded are added back.
        const after = (figures.recent ?? []).reduce((sum, delta) => sum + (delta.at >= fact.asOf ? (delta.counters[name] ?? 0) : 0), 0);
        figures.counters[name] = Math.max(0, value + after);
        figures.recountedAt[name] = fact.asOf;
      }
      return;
    case 'phase':
      if (figures.phase !== 'closed') figures.phase = fact.phase;
      return;
    case 'status':
      if (FINAL.includes(figures.status)) return;
      figures.status = fact.status;
      if (fact.status === 'closed') figures.phase = 'closed';
      return;
    case 'gate':
      figures.approvals[fact.gate] ??= fact.approval;
      return;
    case 'gate-reopened':
      // A later gate was rejected and the case sent back: this gate waits for approval again.
      delete figures.approvals[fact.gate];
      return;
    case 'routes':
      figures.routes = fact.routes;
      return;
    case 'cross-border':
      // Facts fold in time order: the latest recording wins.
      figures.crossBorder = fact.crossBorder;
      return;
  }
}

/** The phase during which each gate waits for its approval (the case workflow's order). */
const GATE_PHASE: Record<GateName, Phase> = { inventory: 'inventory', notices: 'legal-basis', handover: 'handover', closure: 'closure' };
const PHASE_ORDER: readonly Phase[] = PHASES;

/**
 * Gate states from the stored phase and approvals: a gate is pending in its phase until approved,
 * approved once approved (or once the case moved past it), waiting before.
 */
export function gateStates(figures: Pick<CaseFigures, 'status' | 'phase' | 'approvals'>): GateView[] {
  const at = PHASE_ORDER.indexOf(figures.phase);
  return GATES.map((name): GateView => {
    const approval = figures.approvals[name];
    if (approval) return { name, state: 'approved', ...approval };
    const gateAt = PHASE_ORDER.indexOf(GATE_PHASE[name]);
    if (figures.status === 'draft' || at < gateAt) return { name, state: 'waiting' };
    // A cancelled case waits at no gate any more: the gate it stopped at is shown as never passed.
    if (at === gateAt) return { name, state: figures.status === 'cancelled' ? 'waiting' : 'pending' };
    return { name, state: 'approved' };
  });
}
