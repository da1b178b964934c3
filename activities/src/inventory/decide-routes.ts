import { ApplicationFailure, Context } from '@temporalio/activity';
import type { RouteSummary } from '@handover/contracts';
import { decideRoute, getRulePack, isLegalHoldRunning } from '@handover/domain';
import type { CustomerClassificationView, RouteUpdate } from '@handover/persistence';
import { caseFactsOf } from './case-facts';
import type { InventoryActivityDeps } from './inventory.deps';
import { countInto, emptyTally, routeProgressFromDetails, summaryOf } from './route-tally';

const DEFAULT_PAGE = 1000;

/**
 * Decides every customer's route with the case's rule pack, page by page in `_id` order, from the
 * plaintext classification (nothing is decrypted). `seal` fixes the routes (inventory gate
 * approved); customers already sealed keep theirs and are counted as stored. Heartbeats the keyset
 * cursor with the running tally, so a retry continues where the last page was written.
 */
export async function decideRoutes(deps: InventoryActivityDeps, input: { caseId: string; seal: boolean }): Promise<RouteSummary> {
  const { caseId, seal } = input;
  const now = deps.now ?? (() => new Date());
  const ctx = Context.current();
  const cipher = await deps.keys.require(caseId);
  const entity = await deps.cases.findById(caseId, cipher);
  if (!entity) throw ApplicationFailure.nonRetryable(`case ${caseId} not found`, 'CASE_NOT_FOUND');
  const pack = getRulePack(entity.jurisdiction);
  const [totalCustomers, sensitiveCustomers] = await Promise.all([
    deps.customers.count(caseId),
    deps.customers.count(caseId, { sensitiveAny: pack.sensitiveCategories }),
  ]);
  const facts = caseFactsOf(entity, { totalCustomers, sensitiveCustomers });
  const asOf = now();

  const resumed = routeProgressFromDetails(ctx.info.heartbeatDetails, caseId);
  const tally = resumed?.tally ?? emptyTally();
  let after = resumed?.after;
  const pages = deps.customers.classificationBatches(caseId, { ...(after !== undefined && { after }), batchSize: deps.routeBatchSize ?? DEFAULT_PAGE });
  for await (const page of pages) {
    const updates: RouteUpdate[] = [];
    for (const customer of page) {
      if (customer.routeSealed && customer.route !== undefined) {
        countInto(tally, storedOutcome(customer, asOf));
        continue;
      }
      const decision = decideRoute(
        facts,
        { minor: customer.minor, sensitive: customer.sensitive, reachable: customer.reachable, legalHold: customer.legalHold ?? null },
        pack,
        { asOf },
      );
      updates.push({
        id: customer.id,
        fields: {
          route: decision.route,
          transferable: decision.transferable,
          handover: decision.handover,
          noticeChannel: decision.noticeChannel,
          noticeAdditions: [...decision.noticeAdditions],
          routeReasons: decision.reasons.map((r) => ({ ruleId: r.ruleId, article: r.article })),
          rulePackVersion: decision.packVersion,
        },
      });
      countInto(tally, {
        route: decision.route,
        transferable: decision.transferable,
        publicAnnouncement: decision.noticeChannel === 'public-announcement',
        onHold: decision.legalHold !== null,
      });
    }
    await deps.customers.setRoutes(updates, seal);
    after = (page[page.length - 1] as CustomerClassificationView).id;
    ctx.heartbeat({ after, tally: { ...tally, byRoute: { ...tally.byRoute } } });
  }

  const summary = summaryOf(tally, pack, seal);
  await deps.cases.saveRouteSummary(caseId, summary, now());
  deps.logger.info({ caseId, sealed: seal, customers: summary.customers, byRoute: summary.byRoute }, 'customer routes decided');
  return summary;
}

function storedOutcome(customer: CustomerClassificationView, asOf: Date) {
  return {
    route: customer.route as NonNullable<CustomerClassificationView['route']>,
    transferable: customer.transferable === true,
    publicAnnouncement: customer.noticeChannel === 'public-announcement',
    onHold: customer.legalHold !== undefined && isLegalHoldRunning(customer.legalHold, asOf),
  };
}
