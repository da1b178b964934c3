import { signedLinkGuard, verifiedLinkParam } from '../security/signed-link';

/** Who a verified recipient link is for: ids only, plus the token's hash for the evidence. */
export interface RecipientLink {
  caseId: string;
  /** The package the link was sent for (the token's subject). */
  packageId: string;
  /** The raw token: only to build the page's own URLs and CSRF value; never logged or stored. */
  token: string;
  tokenHash: string;
}

/** Verifies the `:token` of a recipient route (purpose `recipient`); anything else is the generic 404. */
export const RecipientLinkGuard = signedLinkGuard('recipient');

/** The link RecipientLinkGuard verified. */
export const VerifiedRecipientLink = verifiedLinkParam('recipient', ({ caseId, subject, token, tokenHash }): RecipientLink => ({ caseId, packageId: subject, token, tokenHash }));
