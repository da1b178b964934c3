import { connectMongo } from '@handover/persistence';
import { mongoUriFor } from '@handover/testing';

it('pushdown', async () => {
  const connection = await connectMongo(mongoUriFor('handover_it_inventory'));
  const c = connection.db!.collection<any>('customers');
  console.log('total', await c.countDocuments({}));
  const docs = await c.find({}, { projection: { _id: 1, caseId: 1 } }).limit(50).toArray();
  const caseId = docs[0].caseId;
  const inCase = await c.countDocuments({ caseId });
  const time = async (name: string, f: () => Promise<unknown>) => { const s = Date.now(); const r = await f(); console.log(name, Date.now() - s, JSON.stringify(r).slice(0, 100)); };
  await time('bulk 50 updateOne by _id', () => c.bulkWrite(docs.map((d) => ({ updateOne: { filter: { _id: d._id }, update: { $set: { probe: 1 } } } })), { ordered: false }));
  await time(`updateMany caseId (${inCase})`, () => c.updateMany({ caseId }, { $set: { probe: 2 } }));
  await time('updateMany caseId + sensitive $nin + legalHold.until', () => c.updateMany({ caseId, sensitive: { $nin: ['id_number'] }, 'legalHold.until': { $gte: '2020-01-01' } }, { $set: { probe: 3 } }));
  await time('updateMany caseId + legalHold exists false', () => c.updateMany({ caseId, legalHold: { $exists: false }, routeSealed: { $ne: true } }, { $set: { probe: 4 } }));
  await time('cursor all of case, batch 1000', async () => { let n = 0; for await (const _ of c.find({ caseId }, { projection: { _id: 1, minor: 1 }, batchSize: 1000 })) n++; return n; });
  await time('cursor whole table, batch 1000', async () => { let n = 0; for await (const _ of c.find({}, { projection: { _id: 1 }, batchSize: 1000 })) n++; return n; });
  await time('insert 1000', () => c.insertMany(Array.from({ length: 1000 }, (_, i) => ({ _id: `zz-probe-${Date.now()}-${i}`, caseId: 'zz-probe', x: i }))));
  await time('deleteMany probe', () => c.deleteMany({ caseId: 'zz-probe' }));
  await time('unset probe', () => c.updateMany({ probe: { $exists: true } }, { $unset: { probe: '' } }));
  await connection.close();
}, 600_000);
