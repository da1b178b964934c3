import { Schema } from 'mongoose';

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

export const recipientAcknowledgementSchema = new Schema<RecipientAcknowledgementDocument>(
  {
    _id: { type: String, required: true },
    caseId: { type: String, required: true },
    packageId: { type: String, required: true },
    tokenHash: { type: String, required: true },
    acknowledgedByEnc: { type: String, required: true },
    ipEnc: { type: String, required: true },
    userAgentEnc: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: RECIPIENT_ACK_COLLECTION, versionKey: false },
);
// Reads by `_id` (the case id) only: the workflow's re-check, the report, a repeated acknowledgement.
