import { createParamDecorator, Inject, Injectable, NotFoundException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { hashToken, type TokenSigner } from '@handover/crypto';
import { TOKEN_SIGNER } from '../common/tokens';

/** Who a verified customer link is for: ids only, plus the token's hash for the evidence. */
export interface CustomerLink {
  caseId: string;
  /** The customer's ref (the token's subject). */
  ref: string;
  /** The raw token: only to build the page's own URLs and CSRF value; never logged or stored. */
  token: string;
  tokenHash: string;
}

type LinkedRequest = Request & { customerLink?: CustomerLink };

/**
 * Verifies the `:token` of a customer route before anything else runs (pipes, handlers, database):
 * forged, expired and wrong-purpose tokens all take the same path to the same generic 404.
 */
@Injectable()
export class CustomerLinkGuard implements CanActivate {
  constructor(@Inject(TOKEN_SIGNER) private readonly signer: TokenSigner) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<LinkedRequest>();
    const token = request.params['token'];
    const payload = typeof token === 'string' ? this.signer.verify(token, 'customer') : null;
    if (!payload || typeof token !== 'string') throw new NotFoundException();
    request.customerLink = { caseId: payload.caseId, ref: payload.subject, token, tokenHash: hashToken(token) };
    return true;
  }
}

/** The link CustomerLinkGuard verified. */
export const VerifiedLink = createParamDecorator((_data: unknown, context: ExecutionContext): CustomerLink => {
  const link = context.switchToHttp().getRequest<LinkedRequest>().customerLink;
  if (!link) throw new NotFoundException();
  return link;
});
