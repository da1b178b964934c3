import type { Connection } from 'mongoose';
import { FieldCipher, MasterKey } from '@handover/crypto';
import { testEnv } from '@handover/testing';
import { connectMongo } from '../mongo-connection';
import { caseBlindIndex } from '../customers/customer-crypto';
import { toCustomerDocument } from '../customers/customer.mapper';
import { CUSTOMER_COLLECTION } from '../customers/customer.schema';
import { CustomerCorrectionRepository } from './customer-correction.repository';

jest.setTimeout(60_000);

/**
 * A request resolved while the case is in its deletion phase (found by the whole-case benchmark):
 * the customer's record may already be erased or sealed under the hold key. Reading it for the
 * request must answer "no personal data any more", not fail on every retry of the activity.
 */
describe('CustomerCorrectionRepository after the deletion phase disposed of the customer', () => {
  let connection: Connection;
  const caseId = `cs_disp${Date.now().toString(36)}`;
  const master = MasterKey.fromBuffer(Buffer.alloc(32, 7));
  const cipher = FieldCipher.fromDataKey(Buffer.alloc(32, 9), 'k1');
  const crypto = { cipher, blindIndex: caseBlindIndex(master, caseId) };
  const customer = (id: string) =>
    toCustomerDocument(
      {
        caseId,
        importId: 'imp_1',
        line: 2,
        type: 'individual',
        personal: { customerId: id, name: '王小明', email: `${id}@example.cn`, products: ['金饰'], extra: {} },
        classification: { sensitive: [], minor: false, reachable: true, productLines: ['金饰'], tier: 'core' },
        legalHold: null,
      },
      crypto,
    );

  beforeAll(async () => {
    connection = await connectMongo(testEnv().mongoUri);
  });
  afterAll(async () => {
    await connection.collection(CUSTOMER_COLLECTION).deleteMany({ caseId });
    await connection.close();
  });

  it('answers null for an erased customer and for one sealed under a hold, and false to a correction', async () => {
    const corrections = new CustomerCorrectionRepository(connection);
    const [kept, erased] = [customer('C-1'), customer('C-2')];
    await connection.collection(CUSTOMER_COLLECTION).insertMany([kept, erased] as never[]);
    expect((await corrections.personal(kept._id, cipher))?.personal.name).toBe('王小明');

    // What the deletion phase leaves (DispositionStore): erased fields unset, or re-encrypted under the hold key.
    await connection.collection(CUSTOMER_COLLECTION).updateOne({ _id: erased._id } as never, { $set: { disposition: 'deleted' }, $unset: { personalEnc: '' } });
    await connection.collection(CUSTOMER_COLLECTION).updateOne({ _id: kept._id } as never, { $set: { disposition: 'held', personalEnc: FieldCipher.fromDataKey(Buffer.alloc(32, 1), 'hold').encrypt('{}', 'x') } });

    expect(await corrections.findById(erased._id)).toBeNull();
    expect(await corrections.findById(kept._id)).toBeNull();
    expect(await corrections.personal(kept._id, cipher)).toBeNull();
    expect(await corrections.apply(kept._id, { name: '王大明' }, crypto)).toBe(false);
  });
});
