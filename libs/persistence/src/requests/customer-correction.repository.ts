import { CollectionRepository } from '../collection-repository';
import type { Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import type { FieldCipher } from '@handover/crypto';
import type { ProposedCorrections } from '@handover/domain';
import { customerAad, type CustomerCrypto } from '../customers/customer-crypto';
import type { CustomerPersonalData } from '../customers/customer.entity';
import { decryptCustomerPersonal } from '../customers/customer.mapper';
import { customerSchema, CUSTOMER_COLLECTION, type CustomerDocument } from '../customers/customer.schema';

/**
 * Applies a reviewed correction (PIPL Art. 46) to a customer document: the personal fields are
 * re-encrypted with the new values (so the handover package shows them) and the blind indexes of
 * changed email/phone follow. Called by the request workflow's activity only, after review.
 */
export class CustomerCorrectionRepository extends CollectionRepository<CustomerDocument> {
  constructor(connection: Connection) {
    super(connection, CUSTOMER_COLLECTION, customerSchema);
  }

  /**
   * The customer's document while its personal data is still the case's: null once the deletion
   * phase disposed of it (erased, or sealed under the hold key) — a request resolved then has no
   * personal data to read or correct, and must not fail on every retry.
   */
  async findById(customerId: string): Promise<CustomerDocument | null> {
    return this.raw.findOne({ _id: { $eq: customerId }, disposition: { $exists: false } } as Filter<CustomerDocument>);
  }

  /** The customer's personal data decrypted (the copy for an access request; the correction's base). */
  async personal(customerId: string, cipher: FieldCipher): Promise<{ doc: CustomerDocument; personal: CustomerPersonalData } | null> {
    const doc = await this.findById(customerId);
    return doc ? { doc, personal: decryptCustomerPersonal(doc, cipher) } : null;
  }

  /** Idempotent: applying the same corrections twice stores the same values. False when the customer is gone. */
  async apply(customerId: string, corrections: ProposedCorrections, crypto: CustomerCrypto): Promise<boolean> {
    const found = await this.personal(customerId, crypto.cipher);
    if (!found) return false;
    const { doc, personal } = found;
    const next: CustomerPersonalData = { ...personal, ...corrections };
    const set: Record<string, unknown> = { personalEnc: crypto.cipher.encryptJson(next, customerAad(doc.caseId, doc.ref)) };
    if (corrections.email !== undefined) {
      set['emailBi'] = crypto.blindIndex.compute('email', corrections.email);
      set['channels.email'] = true;
    }
    if (corrections.phone !== undefined) {
      set['phoneBi'] = crypto.blindIndex.compute('phone', corrections.phone);
      set['channels.phone'] = true;
    }
    await this.raw.updateOne({ _id: customerId } as Filter<CustomerDocument>, { $set: set });
    return true;
  }
}
