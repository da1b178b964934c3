import { signedLinkGuard, verifiedLinkParam } from '../security/signed-link';

/** Who a verified third party link is for: ids only, plus the token's hash for the evidence. */
export interface ThirdPartyLink {
  caseId: string;
  /** The third party's id (the token's subject). */
  thirdPartyId: string;
  /** The raw token: only to build the page's own URLs and CSRF value; never logged or stored. */
  token: string;
  tokenHash: string;
}

/** Verifies the `:token` of a third party route (purpose `third-party`); anything else is the generic 404. */
export const ThirdPartyLinkGuard = signedLinkGuard('third-party');

/** The link ThirdPartyLinkGuard verified. */
export const VerifiedThirdPartyLink = verifiedLinkParam('third-party', ({ caseId, subject, token, tokenHash }): ThirdPartyLink => ({ caseId, thirdPartyId: subject, token, tokenHash }));
