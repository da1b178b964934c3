import { signedLinkGuard, verifiedLinkParam } from '../security/signed-link';

/** Who a verified customer link is for: ids only, plus the token's hash for the evidence. */
export interface CustomerLink {
  caseId: string;
  /** The customer's ref (the token's subject). */
  ref: string;
  /** The raw token: only to build the page's own URLs and CSRF value; never logged or stored. */
  token: string;
  tokenHash: string;
}

/** Verifies the `:token` of a customer route (purpose `customer`); anything else is the generic 404. */
export const CustomerLinkGuard = signedLinkGuard('customer');

/** The link CustomerLinkGuard verified. */
export const VerifiedLink = verifiedLinkParam('customer', ({ caseId, subject, token, tokenHash }): CustomerLink => ({ caseId, ref: subject, token, tokenHash }));
