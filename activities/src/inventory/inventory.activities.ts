import type { InventoryActivities } from '@handover/contracts';
import { decideRoutes } from './decide-routes';
import { draftPiia } from './draft-piia';
import { importInventory } from './import-inventory';
import type { InventoryActivityDeps } from './inventory.deps';

export type { InventoryActivityDeps } from './inventory.deps';

/** The inventory phase's activities (see InventoryActivities in libs/contracts). */
export function createInventoryActivities(deps: InventoryActivityDeps): InventoryActivities {
  return {
    importInventory: (input) => importInventory(deps, input),

    async failInventoryImport({ caseId, importId, reason }) {
      const found = await deps.imports.findForCase(caseId, importId);
      if (!found || found.status === 'done') return;
      await deps.imports.markFailed(importId, reason, (deps.now ?? (() => new Date()))());
      deps.logger.warn({ caseId, importId, reason }, 'inventory import marked failed');
    },

    decideRoutes: (input) => decideRoutes(deps, input),

    draftPiia: (input) => draftPiia(deps, input),

    async reopenInventory({ caseId, round }) {
      const unsealed = await deps.customers.unsealRoutes(caseId);
      await deps.cases.reopenGate(caseId, 'inventory', round, (deps.now ?? (() => new Date()))());
      deps.logger.info({ caseId, round, unsealed }, 'inventory reopened after the notices gate was rejected');
      return { unsealed };
    },
  };
}
