import { collectionSchema } from '../collection-schema';

/**
 * cases: one document per transfer case. Contact fields are ciphertext under the case's data key
 * (AAD = caseId:field). Company names and the policy are not personal data and stay readable.
 */
export interface CaseDocument {
  _id: string;
  /** Absent on cases stored before teams: they belong to DEFAULT_TEAM_ID. */
  team?: string;
  kind: string;
  jurisdiction: string;
  status: string;
  phase: string;
  transferor: { name: string; contactEnc: string };
  recipient?: { name: string; contactEnc: string; emailEnc: string; country: string; publicKey?: string; sameLegalEntity?: boolean };
  manager: { nameEnc: string; emailEnc: string };
  purposeChangeEnc?: string;
  /**
   * The case list's search field: the company names of the case (transferor and recipient),
   * lower-cased, in clear. Company names only: names of individuals (the manager, contacts) are
   * never put here. Written on open and on every edit; cases opened before it existed get it at the
   * worker's index step (`CaseRepository.backfillSearchNames`).
   */
  searchNames?: string[];
  policy: Record<string, unknown>;
  /** PUT /v1/cases/{id}/cross-border: the recorded transfer mechanism (no personal data). */
  crossBorder?: { mechanism: string; reference: string; recordedBy: string; recordedAt: Date };
  createdAt: Date;
  startedAt?: Date;
  closedAt?: Date;
  cancelledAt?: Date;
  updatedAt: Date;
}

export const CASE_COLLECTION = 'cases';

export const caseSchema = collectionSchema<CaseDocument>(
  { String: ['_id', 'kind', 'jurisdiction', 'status', 'phase'], Mixed: ['policy'], Date: ['createdAt', 'updatedAt'] },
  {
    team: String,
    transferor: { type: { name: String, contactEnc: String }, required: true, _id: false },
    recipient: {
      type: { name: String, contactEnc: String, emailEnc: String, country: String, publicKey: String, sameLegalEntity: Boolean },
      required: false,
      _id: false,
    },
    manager: { type: { nameEnc: String, emailEnc: String }, required: true, _id: false },
    purposeChangeEnc: String,
    searchNames: { type: [String], default: undefined },
    crossBorder: { type: { mechanism: String, reference: String, recordedBy: String, recordedAt: Date }, required: false, _id: false },
    startedAt: Date,
    closedAt: Date,
    cancelledAt: Date,
  },
  { collection: CASE_COLLECTION, minimize: false },
);

// Serves the case list filtered by status: newest first.
caseSchema.index({ status: 1, createdAt: -1 });
// Serves GET /v1/cases without a status filter: newest first, ties by id (the keyset order).
caseSchema.index({ createdAt: -1, _id: -1 });
