// Parse + validate + encrypt the generated file like the importer does (no database): how does RSS behave?
import { createReadStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { BlindIndex, FieldCipher } from '@handover/crypto';
import { parseInventory } from '@handover/ingest';
import { BaselinePreparer } from './support/baseline-documents';

async function main(): Promise<void> {
  const preparer = new BaselinePreparer({ caseId: 'cs_abcdefghijklmnop', importId: 'imp_abcdefghijklmnop', at: new Date(), cipher: FieldCipher.fromDataKey(randomBytes(32), 'k1'), blindIndex: BlindIndex.fromDataKey(randomBytes(32)), defaultOffsetMinutes: 480 });
  let batch: unknown[] = [];
  let n = 0; let maxRss = 0;
  const t = performance.now();
  for await (const row of parseInventory(createReadStream(process.argv[2] as string, { highWaterMark: 256 * 1024 }), 'csv')) {
    batch.push(preparer.prepare(row));
    if (batch.length >= 1000) { batch = []; await new Promise((r) => setImmediate(r)); }
    if (++n % 50000 === 0) { const m = process.memoryUsage(); maxRss = Math.max(maxRss, m.rss); if (n % 200000 === 0) console.log(n, 'rss', (m.rss/1048576).toFixed(0), 'heapUsed', (m.heapUsed/1048576).toFixed(0), 'heapTotal', (m.heapTotal/1048576).toFixed(0)); }
  }
  console.log('rows', n, 'seconds', ((performance.now() - t) / 1000).toFixed(1), 'maxRss', (maxRss/1048576).toFixed(0), 'cpu µs/row', ((process.cpuUsage().user + process.cpuUsage().system) / n).toFixed(1));
}
void main();
