import { createParamDecorator, Inject, Injectable, NotFoundException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { hashToken, type TokenSigner } from '@handover/crypto';
import { TOKEN_SIGNER } from '../common/tokens';

/** Who a verified third-party link is for: ids only, plus the token's hash for the evidence. */
export interface ThirdPartyLink {
  caseId: string;
  thirdPartyId: string;
  /** The raw token: only to build the page's own URLs and CSRF value; never logged or stored. */
  token: string;
  tokenHash: string;
}

type LinkedRequest = Request & { thirdPartyLink?: ThirdPartyLink };

/**
 * Verifies the `:token` of a third-party route (purpose `third-party`) before anything else runs:
 * forged, expired and wrong-purpose tokens (a customer's link included) get the same generic 404.
 */
@Injectable()
export class ThirdPartyLinkGuard implements CanActivate {
  constructor(@Inject(TOKEN_SIGNER) private readonly signer: TokenSigner) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<LinkedRequest>();
    const token = request.params['token'];
    const payload = typeof token === 'string' ? this.signer.verify(token, 'third-party') : null;
    if (!payload || typeof token !== 'string') throw new NotFoundException();
    request.thirdPartyLink = { caseId: payload.caseId, thirdPartyId: payload.subject, token, tokenHash: hashToken(token) };
    return true;
  }
}

/** The link ThirdPartyLinkGuard verified. */
export const VerifiedThirdPartyLink = createParamDecorator((_data: unknown, context: ExecutionContext): ThirdPartyLink => {
  const link = context.switchToHttp().getRequest<LinkedRequest>().thirdPartyLink;
  if (!link) throw new NotFoundException();
  return link;
});
