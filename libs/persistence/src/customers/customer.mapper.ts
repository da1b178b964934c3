import type { FieldCipher } from '@handover/crypto';
import type { CustomerTier, CustomerType, LegalHold, NoticeChannel, Route, SensitiveCategory } from '@handover/domain';
import { customerAad, customerDocId, customerRef, customerRowHash, type CustomerCrypto } from './customer-crypto';
import type { CustomerClassificationView, CustomerImportRow, CustomerPersonalData } from './customer.entity';
import type { CustomerDocument } from './customer.schema';

const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

/**
 * Row → document. Whitelists the plaintext fields (classification only); every personal value goes
 * into the one ciphertext, or into a blind index.
 */
export function toCustomerDocument(row: CustomerImportRow, crypto: CustomerCrypto): CustomerDocument {
  const { blindIndex, cipher } = crypto;
  const { personal } = row;
  const ref = customerRef(blindIndex, personal.customerId);
  const hasEmail = present(personal.email);
  const hasPhone = present(personal.phone);
  return {
    _id: customerDocId(row.caseId, ref),
    caseId: row.caseId,
    ref,
    importId: row.importId,
    line: row.line,
    rowHash: customerRowHash(blindIndex, row.type, personal),
    personalEnc: cipher.encryptJson(personal, customerAad(row.caseId, ref)),
    ...(hasEmail && { emailBi: blindIndex.compute('email', personal.email as string) }),
    ...(hasPhone && { phoneBi: blindIndex.compute('phone', personal.phone as string) }),
    ...(present(personal.idNumber) && { idNumberBi: blindIndex.compute('id_number', personal.idNumber) }),
    type: row.type,
    tier: row.classification.tier,
    productLines: [...row.classification.productLines],
    sensitive: [...row.classification.sensitive],
    minor: row.classification.minor,
    reachable: row.classification.reachable,
    channels: { email: hasEmail, phone: hasPhone },
    ...(row.legalHold && { legalHold: { ruleId: row.legalHold.ruleId, until: row.legalHold.until } }),
    ...(row.routeSig !== undefined && { routeSig: row.routeSig }),
  };
}

/** Decrypts a customer's personal data (handover package, notices). Throws if the key was shredded. */
export function decryptCustomerPersonal(doc: Pick<CustomerDocument, 'caseId' | 'ref' | 'personalEnc'>, cipher: FieldCipher): CustomerPersonalData {
  return cipher.decryptJson<CustomerPersonalData>(doc.personalEnc, customerAad(doc.caseId, doc.ref));
}

export function toClassificationView(doc: CustomerDocument): CustomerClassificationView {
  return {
    id: doc._id,
    type: doc.type as CustomerType,
    tier: doc.tier as CustomerTier,
    sensitive: doc.sensitive as SensitiveCategory[],
    minor: doc.minor,
    reachable: doc.reachable,
    ...(doc.legalHold && { legalHold: { ruleId: doc.legalHold.ruleId, until: doc.legalHold.until } satisfies LegalHold }),
    ...(doc.route !== undefined && { route: doc.route as Route }),
    ...(doc.transferable !== undefined && { transferable: doc.transferable }),
    ...(doc.handover !== undefined && { handover: doc.handover }),
    ...(doc.noticeChannel !== undefined && { noticeChannel: doc.noticeChannel as NoticeChannel }),
    ...(doc.routeSealed !== undefined && { routeSealed: doc.routeSealed }),
    ...(doc.routeKey !== undefined && { routeKey: doc.routeKey }),
    ...(doc.routeSig !== undefined && { routeSig: doc.routeSig }),
  };
}
