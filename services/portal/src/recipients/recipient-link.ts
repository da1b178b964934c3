import { createParamDecorator, Inject, Injectable, NotFoundException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { hashToken, type TokenSigner } from '@handover/crypto';
import { TOKEN_SIGNER } from '../common/tokens';

/** Who a verified recipient link is for: ids only, plus the token's hash for the evidence. */
export interface RecipientLink {
  caseId: string;
  /** The package the link was sent for (the token's subject). */
  packageId: string;
  /** The raw token: only to build the page's own URLs and CSRF value; never logged or stored. */
  token: string;
  tokenHash: string;
}

type LinkedRequest = Request & { recipientLink?: RecipientLink };

/**
 * Verifies the `:token` of a recipient route before anything else runs: forged, expired and
 * wrong-purpose tokens all get the same generic 404, before any database lookup.
 */
@Injectable()
export class RecipientLinkGuard implements CanActivate {
  constructor(@Inject(TOKEN_SIGNER) private readonly signer: TokenSigner) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<LinkedRequest>();
    const token = request.params['token'];
    const payload = typeof token === 'string' ? this.signer.verify(token, 'recipient') : null;
    if (!payload || typeof token !== 'string') throw new NotFoundException();
    request.recipientLink = { caseId: payload.caseId, packageId: payload.subject, token, tokenHash: hashToken(token) };
    return true;
  }
}

/** The link RecipientLinkGuard verified. */
export const VerifiedRecipientLink = createParamDecorator((_data: unknown, context: ExecutionContext): RecipientLink => {
  const link = context.switchToHttp().getRequest<LinkedRequest>().recipientLink;
  if (!link) throw new NotFoundException();
  return link;
});
