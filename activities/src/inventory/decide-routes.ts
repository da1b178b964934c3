import { ApplicationFailure, Context } from '@temporalio/activity';
import type { RouteSummary } from '@handover/contracts';
import { decideRoute, getRulePack, isLegalHoldRunning } from '@handover/domain';
import { routeKeyOf, type CustomerClassificationView, type CustomerRouteFields, type RouteSignature, type RouteUpdate } from '@handover/persistence';
import { caseFactsOf } from './case-facts';
import type { InventoryActivityDeps } from './inventory.deps';
import { routeFieldsOf, sameRouteFields, signatureKey, signatureOf } from './route-signature';
import { withKeepAlive } from './keep-alive';
import { countInto, emptyTally, summaryOf } from './route-tally';

const DEFAULT_PAGE = 1000;

interface SignatureGroup {
  signature: RouteSignature;
  fields: CustomerRouteFields;
  /** routeKeyOf(fields, seal), once per group rather than a digest per customer. */
  key: string;
}

/**
 * Decides every customer's route with the case's rule pack from the plaintext classification
 * (nothing is decrypted) and stores it; `seal` fixes the routes (inventory gate approved).
 *
 * One pass reads the case (a single cursor, pages of `routeBatchSize`) and runs decideRoute on
 * every customer, for the exact tally. A decision depends on the case and on four facts of the
 * customer (minor, reachable, sensitive, legal hold running/expired), so the writes are one
 * filtered update per signature present rather than one per customer (each narrowed by the
 * `routeSig` the import recorded, which FerretDB v1 pushes down to PostgreSQL; by the signature's
 * own filter when that matched fewer customers than the pass counted). A customer whose decision would ever differ from its
 * signature's is written individually. Customers sealed earlier keep their route and are counted
 * as stored. Idempotent; a retry starts over (heartbeats are for liveness).
 */
export async function decideRoutes(deps: InventoryActivityDeps, input: { caseId: string; seal: boolean }): Promise<RouteSummary> {
  const { caseId, seal } = input;
  const now = deps.now ?? (() => new Date());
  const ctx = Context.current();
  const cipher = await deps.keys.require(caseId);
  const entity = await deps.cases.findById(caseId, cipher);
  if (!entity) throw ApplicationFailure.nonRetryable(`case ${caseId} not found`, 'CASE_NOT_FOUND');
  const pack = getRulePack(entity.jurisdiction);
  // No totals: a customer's route does not depend on how many customers the case has (only the
  // case-level requirements do: draftPiia counts them). A count here was a pass over the case.
  const facts = caseFactsOf(entity);
  const asOf = now();
  const tally = emptyTally();
  let written = 0;
  return withKeepAlive(ctx, deps.keepAliveMs ?? 5000, () => ({ caseId, decided: tally.customers, written }), async () => {
    const groups = new Map<string, SignatureGroup>();
    /** Per signature: its customers whose stored route key is not the group's (what its write must match). */
    const due = new Map<string, number>();
    const individual: RouteUpdate[] = [];
    for await (const page of deps.customers.streamClassification(caseId, { batchSize: deps.routeBatchSize ?? DEFAULT_PAGE })) {
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
        const fields = routeFieldsOf(decision);
        const signature = signatureOf(customer, pack, asOf);
        const key = signatureKey(signature);
        let group = groups.get(key);
        if (!group) groups.set(key, (group = { signature, fields, key: routeKeyOf(fields, seal) }));
        else if (!sameRouteFields(group.fields, fields)) individual.push({ id: customer.id, fields });
        if (customer.routeKey !== group.key) due.set(key, (due.get(key) ?? 0) + 1);
        countInto(tally, {
          route: decision.route,
          transferable: decision.transferable,
          publicAnnouncement: decision.noticeChannel === 'public-announcement',
          onHold: decision.legalHold !== null,
        });
      }
      ctx.heartbeat({ caseId, decided: tally.customers });
    }

    const asOfDate = asOf.toISOString().slice(0, 10);
    for (const [key, { signature, fields }] of groups) {
      const options = { seal, sensitiveCategories: pack.sensitiveCategories, asOf: asOfDate };
      // First narrowed by the signature the import recorded; if that matched fewer customers than
      // the pass counted (imported before routeSig existed), once more by the signature alone.
      const narrowed = await deps.customers.setRoutesBySignature(caseId, signature, fields, { ...options, byImportSignature: true });
      written += narrowed.modified;
      if (narrowed.matched < (due.get(key) ?? 0)) written += (await deps.customers.setRoutesBySignature(caseId, signature, fields, options)).modified;
      ctx.heartbeat({ caseId, decided: tally.customers, written });
    }
    // After the group updates, which also matched these customers.
    for (let i = 0; i < individual.length; i += DEFAULT_PAGE) {
      await deps.customers.setRoutes(individual.slice(i, i + DEFAULT_PAGE), seal);
      ctx.heartbeat({ caseId, decided: tally.customers, written: written + i });
    }

    const summary = summaryOf(tally, pack, seal);
    await deps.cases.saveRouteSummary(caseId, summary, now());
    deps.logger.info({ caseId, sealed: seal, customers: summary.customers, written, signatures: groups.size }, 'customer routes decided');
    return summary;
  });
}

function storedOutcome(customer: CustomerClassificationView, asOf: Date) {
  return {
    route: customer.route as NonNullable<CustomerClassificationView['route']>,
    transferable: customer.transferable === true,
    publicAnnouncement: customer.noticeChannel === 'public-announcement',
    onHold: customer.legalHold !== undefined && isLegalHoldRunning(customer.legalHold, asOf),
  };
}
