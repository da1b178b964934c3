import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectMongo } from '@handover/persistence';
import { mongoUriFor } from '@handover/testing';
import { createInventoryActivities } from './inventory.activities';
import { inventoryDeps, openCase, queueImport, runInContext } from './inventory.test-helpers';

it('perf', async () => {
  const connection = await connectMongo(mongoUriFor('handover_it_inventory'));
  const deps = await inventoryDeps(connection);
  const dir = await mkdtemp(join(tmpdir(), 'perf-'));
  const lines = ['customer_id,name,email,phone,total_spent'];
  for (let i = 1; i <= 2500; i++) lines.push([i % 50 === 7 ? 'P1' : `P${i}`, `name ${i}`, i % 10 === 0 ? 'bad' : `p${i}@example.com`, `13${String(100000000 + i)}`, String(i)].join(','));
  const caseId = await openCase(deps, { kind: 'merger' });
  const { importId } = await queueImport(deps, caseId, dir, Buffer.from(lines.join('\r\n')));
  const t: Record<string, number> = { insert: 0, rej: 0, ckpt: 0, find: 0 };
  const wrap = <T extends object>(o: T, k: keyof T & string, name: string): T => {
    const c = Object.create(o);
    c[k] = async (...a: unknown[]) => { const s = Date.now(); try { return await (o as any)[k](...a); } finally { t[name]! += Date.now() - s; } };
    return c;
  };
  const acts = createInventoryActivities({ ...deps, batchSize: 200, customers: wrap(wrap(deps.customers, 'insertMany', 'insert'), 'findExisting', 'find'), rejections: wrap(deps.rejections, 'insertMany', 'rej'), imports: wrap(deps.imports, 'saveCheckpoint', 'ckpt') });
  const s = Date.now();
  const { result } = await runInContext(() => acts.importInventory({ caseId, importId }));
  console.log(result, 'total', Date.now() - s, t);
  await connection.close();
}, 600_000);
