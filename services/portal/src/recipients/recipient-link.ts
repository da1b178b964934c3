import { signedLinkGuard, verifiedLinkParam, type LinkBase } from '../security/signed-link';

/** Who a verified link is for. */
export interface RecipientLink extends LinkBase {
  /** The package the link was sent for (the token's subject). */
  packageId: string;
}

/** Verifies the `:token` of a recipient route (purpose `recipient`); anything else is the generic 404. */
export const RecipientLinkGuard = signedLinkGuard('recipient');

/** The link RecipientLinkGuard verified. */
export const VerifiedRecipientLink = verifiedLinkParam('recipient', ({ caseId, subject, token, tokenHash }): RecipientLink => ({ caseId, packageId: subject, token, tokenHash }));
