import { signedLinkGuard, verifiedLinkParam, type LinkBase } from '../security/signed-link';

/** Who a verified link is for. */
export interface ThirdPartyLink extends LinkBase {
  /** The third party's id (the token's subject). */
  thirdPartyId: string;
}

/** Verifies the `:token` of a third party route (purpose `third-party`); anything else is the generic 404. */
export const ThirdPartyLinkGuard = signedLinkGuard('third-party');

/** The link ThirdPartyLinkGuard verified. */
export const VerifiedThirdPartyLink = verifiedLinkParam('third-party', ({ caseId, subject, token, tokenHash }): ThirdPartyLink => ({ caseId, thirdPartyId: subject, token, tokenHash }));
