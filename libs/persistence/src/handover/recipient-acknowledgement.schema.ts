import { collectionSchema } from '../collection-schema';

/**
 * recipient_acknowledgements: the recipient's acknowledgement of receipt and of its continuing
 * obligations (PIPL Art. 22), `_id` = case id: one per case, an insert with a unique key (a repeat
 * finds the first and changes nothing). Evidence: time, package id, the link token's SHA-256;
 * who acknowledged, IP and user agent are personal data, ciphertext under the case's data key
 * (AAD `<caseId>:recipient-ack:<field>`).
 */
export interface RecipientAcknowledgementDocument {
  _id: string;
  caseId: string;
  packageId: string;
  tokenHash: string;
  acknowledgedByEnc: string;
  ipEnc: string;
  userAgentEnc: string;
  at: Date;
}

export const RECIPIENT_ACK_COLLECTION = 'recipient_acknowledgements';

export const recipientAcknowledgementSchema = collectionSchema<RecipientAcknowledgementDocument>(
  { String: ['_id', 'caseId', 'packageId', 'tokenHash', 'acknowledgedByEnc', 'ipEnc', 'userAgentEnc'], Date: ['at'] },
  {},
  { collection: RECIPIENT_ACK_COLLECTION },
);
// Reads by `_id` (the case id) only: the workflow's re-check, the report, a repeated acknowledgement.
