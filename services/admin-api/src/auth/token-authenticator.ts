import { Inject, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Secrets } from '@handover/config';
import { SECRETS } from '../common/tokens';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import type { Principal } from './roles';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** A presented token (the bootstrap admin token or an unrevoked API key) → its principal, or null. */
@Injectable()
export class TokenAuthenticator {
  private readonly adminDigest: Buffer;

  constructor(
    @Inject(SECRETS) secrets: Secrets,
    private readonly apiKeys: ApiKeyAuthenticator,
  ) {
    this.adminDigest = digest(secrets.adminToken);
  }

  async authenticate(token: string): Promise<Principal | null> {
    if (timingSafeEqual(digest(token), this.adminDigest)) return { id: 'bootstrap-admin', role: 'admin' };
    return this.apiKeys.authenticate(token);
  }
}
