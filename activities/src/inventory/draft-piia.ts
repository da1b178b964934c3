import { ApplicationFailure, Context } from '@temporalio/activity';
import {
  decideCaseRequirements,
  getRulePack,
  isCrossBorder,
  ROUTES,
  SENSITIVE_CATEGORIES,
  type CustomerTier,
  type CustomerType,
  type Route,
} from '@handover/domain';
import type { PiiaCounts } from '@handover/mail';
import type { CustomerCountFilter } from '@handover/persistence';
import { caseFactsOf } from './case-facts';
import { withKeepAlive } from './keep-alive';
import type { InventoryActivityDeps } from './inventory.deps';
import { buildPiiaContent, samePiia } from './piia-content';

const TYPES: readonly CustomerType[] = ['individual', 'enterprise'];
const TIERS: readonly CustomerTier[] = ['core', 'regular', 'potential', 'dormant'];
const MAX_VERSION_RACES = 8;

/** One count at a time: each is a pass over the case on FerretDB, and parallel passes only contend. */
async function countEach<K extends string>(keys: readonly K[], count: (key: K) => Promise<number>): Promise<Record<K, number>> {
  const out = {} as Record<K, number>;
  for (const key of keys) out[key] = await count(key);
  return out;
}

/**
 * Drafts (or, final, fixes) the PIIA from the inventory: counts by category with countDocuments
 * on the plaintext classification, the case-level requirements of the rule pack, and the Art. 56
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
  let counted = 0;
  const count = async (filter: CustomerCountFilter = {}): Promise<number> => {
    const n = await deps.customers.count(caseId, filter);
    ctx.heartbeat({ caseId, counted: (counted += 1) });
    return n;
  };

  const categories = [...new Set<string>([...SENSITIVE_CATEGORIES, ...pack.sensitiveCategories])];
  const customers = await count();
  const sensitiveCustomers = await count({ sensitiveAny: pack.sensitiveCategories });
  const minors = await count({ minor: true });
  const unreachable = await count({ reachable: false });
  const unrouted = await count({ routed: false });
  const onHold = await count({ legalHold: true });
  const facts = caseFactsOf(entity, { totalCustomers: customers, sensitiveCustomers });
  const crossBorder = isCrossBorder(facts, pack);
  const counts: PiiaCounts = {
    customers,
    byType: await countEach(TYPES, (type) => count({ type })),
    byTier: await countEach(TIERS, (tier) => count({ tier })),
    sensitive: await countEach(categories, (sensitive) => count({ sensitive })),
    sensitiveCustomers,
    minors,
    unreachable,
    crossBorder: crossBorder ? await count({ handover: true }) : 0,
    byRoute: await countEach<Route>(ROUTES, (route) => count({ route })),
    unrouted,
    onHold,
  };
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
