import type { RouteSummary } from '@handover/contracts';
import { ROUTES, type Route, type RulePack } from '@handover/domain';

/** Running counts of decideRoutes. */
export interface RouteTally {
  customers: number;
  byRoute: Record<Route, number>;
  transferable: number;
  publicAnnouncement: number;
  onHold: number;
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
