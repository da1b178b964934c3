import { createParamDecorator, Inject, Injectable, NotFoundException, type CanActivate, type ExecutionContext, type Type } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { PortalConfig } from '@handover/config';
import { hashToken, type TokenPurpose, type TokenSigner } from '@handover/crypto';
import { WindowSlotRepository, type WindowCounter } from '@handover/persistence';
import { PORTAL_CONFIG, TOKEN_SIGNER } from '../common/tokens';
import { RATE_WINDOW_MS, rateLimited } from './rate-limit.middleware';

/** What every verified link carries: ids only, plus the token's hash for the evidence. */
export interface LinkBase {
  caseId: string;
  /** The raw token: only to build the page's own URLs and CSRF value; never logged or stored. */
  token: string;
  tokenHash: string;
}

/** A `:token` the guard verified. */
export interface VerifiedToken extends LinkBase {
  purpose: TokenPurpose;
  /** The token's subject (a customer ref, a third party id, a package id…). */
  subject: string;
}

type LinkedRequest = Request & { verifiedToken?: VerifiedToken };

/**
 * A guard that verifies the `:token` of a route for one purpose before anything else runs (pipes,
 * handlers, database): forged, expired and wrong-purpose tokens all take the same path to the
 * same generic 404. One per link kind: customer, third party, recipient. A verified link then takes
 * a slot of its own per-minute limit (PORTAL_LINK_RATE_LIMIT_PER_MINUTE, in the shared store, keyed
 * by purpose, case id and subject id — a blind index or a generated id, never personal data):
 * over it, 429 with Retry-After, whichever address the requests come from.
 */
export function signedLinkGuard(purpose: TokenPurpose): Type<CanActivate> {
  @Injectable()
  class SignedLinkGuard implements CanActivate {
    constructor(
      @Inject(TOKEN_SIGNER) private readonly signer: TokenSigner,
      @Inject(PORTAL_CONFIG) private readonly config: PortalConfig,
      @Inject(WindowSlotRepository) private readonly counter: WindowCounter,
    ) {}

    async canActivate(context: ExecutionContext): Promise<boolean> {
      const request = context.switchToHttp().getRequest<LinkedRequest>();
      const token = request.params['token'];
      const payload = typeof token === 'string' ? this.signer.verify(token, purpose) : null;
      if (!payload || typeof token !== 'string') throw new NotFoundException();
      const decision = await this.counter.take(`portal-link:${purpose}:${payload.caseId}:${payload.subject}`, this.config.PORTAL_LINK_RATE_LIMIT_PER_MINUTE, RATE_WINDOW_MS);
      if (!decision.allowed) throw rateLimited(context.switchToHttp().getResponse<Response>(), decision.retryAfterSeconds);
      request.verifiedToken = { purpose, caseId: payload.caseId, subject: payload.subject, token, tokenHash: hashToken(token) };
      return true;
    }
  }
  Object.defineProperty(SignedLinkGuard, 'name', { value: `SignedLinkGuard(${purpose})` });
  return SignedLinkGuard;
}

/** A parameter decorator giving the link the guard of `purpose` verified, in the route's own terms. */
export function verifiedLinkParam<L>(purpose: TokenPurpose, toLink: (verified: VerifiedToken) => L): () => ParameterDecorator {
  return createParamDecorator((_data: unknown, context: ExecutionContext): L => {
    const verified = context.switchToHttp().getRequest<LinkedRequest>().verifiedToken;
    if (!verified || verified.purpose !== purpose) throw new NotFoundException();
    return toLink(verified);
  });
}
