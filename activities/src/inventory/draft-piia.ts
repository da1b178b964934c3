import { ApplicationFailure, Context } from '@temporalio/activity';
import { decideCaseRequirements, getRulePack, isCrossBorder, SENSITIVE_CATEGORIES } from '@handover/domain';
import type { PiiaCounts } from '@handover/mail';
import { caseFactsOf } from './case-facts';
import { withKeepAlive } from './keep-alive';
import type { InventoryActivityDeps } from './inventory.deps';
import { buildPiiaContent, samePiia } from './piia-content';
import { emptyPiiaTally, piiaCountsOf, tallyPiia } from './piia-tally';

const MAX_VERSION_RACES = 8;
const PAGE = 1000;

/**
 * Drafts (or, final, fixes) the PIIA from the inventory: counts by category from one pass over
 * the plaintext classification, the case-level requirements of the rule pack, and the Art. 56
 * assessment. A new version is stored unless the latest one already says the same.
 */
export async function draftPiia(deps: InventoryActivityDeps, input: { caseId: string; final: boolean }): Promise<{ version: number }> {
  const ctx = Context.current();
  return withKeepAlive(ctx, deps.keepAliveMs ?? 5000, () => ({ caseId: input.caseId }), () => draft(deps, ctx, input));
}

async function draft(deps: InventoryActivityDeps, ctx: Context, input: { caseId: string; final: boolean }): Promise<{ version: number }> {
  const { caseId, final } = input;
  const now = deps.now ?? (() => new Date());
  const cipher = await deps.keys.require(caseId);
  const entity = await deps.cases.findById(caseId, cipher);
  if (!entity) throw ApplicationFailure.nonRetryable(`case ${caseId} not found`, 'CASE_NOT_FOUND');
  const pack = getRulePack(entity.jurisdiction);

  // One pass over the case's classification (a count per figure was a pass each on FerretDB).
  const categories = [...new Set<string>([...SENSITIVE_CATEGORIES, ...pack.sensitiveCategories])];
  const tally = emptyPiiaTally(categories);
  for await (const page of deps.customers.streamClassification(caseId, { batchSize: deps.routeBatchSize ?? PAGE })) {
    for (const customer of page) tallyPiia(tally, customer, pack.sensitiveCategories);
    ctx.heartbeat({ caseId, counted: tally.counts.customers });
  }
  const { customers, sensitiveCustomers } = tally.counts;
  const facts = caseFactsOf(entity, { totalCustomers: customers, sensitiveCustomers });
  const crossBorder = isCrossBorder(facts, pack);
  const counts: PiiaCounts = piiaCountsOf(tally, crossBorder);
  const requirements = decideCaseRequirements(facts, pack);

  for (let race = 0; race < MAX_VERSION_RACES; race += 1) {
    const latest = await deps.piia.latest(caseId);
    const version = (latest?.version ?? 0) + 1;
    const generatedAt = now();
    const content = buildPiiaContent({ caseId, version, final, generatedAt, pack, facts, crossBorder, counts, requirements });
    // A retried activity (or a second import with nothing new) does not pile up identical drafts.
    if (latest && latest.final === final && samePiia(latest.content, content)) return { version: latest.version };
    if (await deps.piia.save({ caseId, version, final, createdAt: generatedAt, content })) {
      deps.logger.info({ caseId, version, final, customers }, 'impact assessment drafted');
      return { version };
    }
  }
  throw new Error(`case ${caseId}: could not claim a PIIA version after ${MAX_VERSION_RACES} attempts`);
}
