import { signedLinkGuard, verifiedLinkParam, type LinkBase } from '../security/signed-link';

/** Who a verified link is for. */
export interface CustomerLink extends LinkBase {
  /** The customer's ref (the token's subject). */
  ref: string;
}

/** Verifies the `:token` of a customer route (purpose `customer`); anything else is the generic 404. */
export const CustomerLinkGuard = signedLinkGuard('customer');

/** The link CustomerLinkGuard verified. */
export const VerifiedLink = verifiedLinkParam('customer', ({ caseId, subject, token, tokenHash }): CustomerLink => ({ caseId, ref: subject, token, tokenHash }));
