import type { RouteSummary } from '@handover/contracts';
import { ROUTES, type Route, type RulePack } from '@handover/domain';

/** Running counts of decideRoutes; also its heartbeat details (with the keyset cursor). */
export interface RouteTally {
  customers: number;
  byRoute: Record<Route, number>;
  transferable: number;
  publicAnnouncement: number;
  onHold: number;
}

export interface RouteProgress {
  /** `_id` of the last customer whose decision is written. */
  after: string;
  tally: RouteTally;
}

export const emptyTally = (): RouteTally => ({
  customers: 0,
  byRoute: Object.fromEntries(ROUTES.map((r) => [r, 0])) as Record<Route, number>,
  transferable: 0,
  publicAnnouncement: 0,
  onHold: 0,
});

export function countInto(
  tally: RouteTally,
  outcome: { route: Route; transferable: boolean; publicAnnouncement: boolean; onHold: boolean },
): void {
  tally.customers += 1;
  tally.byRoute[outcome.route] += 1;
  if (outcome.transferable) tally.transferable += 1;
  if (outcome.publicAnnouncement) tally.publicAnnouncement += 1;
  if (outcome.onHold) tally.onHold += 1;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** The progress an earlier attempt heartbeated for this case, if it is one. */
export function routeProgressFromDetails(details: unknown, caseId: string): RouteProgress | null {
  if (typeof details !== 'object' || details === null) return null;
  const { after, tally } = details as { after?: unknown; tally?: Partial<Record<keyof RouteTally, unknown>> };
  if (typeof after !== 'string' || !after.startsWith(`${caseId}:`) || typeof tally !== 'object' || tally === null) return null;
  const byRoute = tally.byRoute as Record<string, unknown> | undefined;
  if (!isCount(tally.customers) || !isCount(tally.transferable) || !isCount(tally.publicAnnouncement) || !isCount(tally.onHold)) return null;
  if (typeof byRoute !== 'object' || byRoute === null || !ROUTES.every((r) => isCount(byRoute[r]))) return null;
  return {
    after,
    tally: {
      customers: tally.customers,
      byRoute: Object.fromEntries(ROUTES.map((r) => [r, byRoute[r]])) as Record<Route, number>,
      transferable: tally.transferable,
      publicAnnouncement: tally.publicAnnouncement,
      onHold: tally.onHold,
    },
  };
}

export function summaryOf(tally: RouteTally, pack: RulePack, sealed: boolean): RouteSummary {
  return {
    rulePackId: pack.id,
    rulePackVersion: pack.version,
    customers: tally.customers,
    byRoute: { ...tally.byRoute },
    transferable: tally.transferable,
    publicAnnouncement: tally.publicAnnouncement,
    onHold: tally.onHold,
    sealed,
  };
}
