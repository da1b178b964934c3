import { createHmac, timingSafeEqual } from 'node:crypto';
import { ForbiddenException } from '@nestjs/common';
import type { MasterKey } from '@handover/crypto';

const DOMAIN = 'handover-portal-csrf-v1.';

/**
 * Stateless CSRF tokens for the portal's forms: HMAC-SHA256 of the link token under a key derived
 * from the master key (HKDF info `portal-csrf`). Only a page served for that link carries the right
 * value; a page elsewhere cannot compute it.
 */
export class CsrfTokens {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (!Buffer.isBuffer(key) || key.length < 32) throw new Error('CSRF key must be at least 32 bytes');
    this.#key = Buffer.from(key);
  }

  static fromMasterKey(master: Pick<MasterKey, 'deriveKey'>): CsrfTokens {
    return new CsrfTokens(master.deriveKey('portal-csrf'));
  }

  /** The hidden field value for the forms on the page of `linkToken`. */
  issue(linkToken: string): string {
    return this.#mac(linkToken).toString('base64url');
  }

  /** For a form POST: 403 `CSRF_INVALID` unless the form's `csrf` field is the value issued for `linkToken`. */
  requireForm(linkToken: string, form: Record<string, unknown>): void {
    if (!this.verify(linkToken, form['csrf'])) throw new ForbiddenException({ statusCode: 403, code: 'CSRF_INVALID', message: 'missing or invalid csrf field' });
  }

  /** True if `candidate` is the value issued for `linkToken` (constant-time comparison). */
  verify(linkToken: string, candidate: unknown): boolean {
    if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > 128) return false;
    const given = Buffer.from(candidate, 'base64url');
    const expected = this.#mac(linkToken);
    return given.length === expected.length && timingSafeEqual(given, expected) && given.toString('base64url') === candidate;
  }

  #mac(linkToken: string): Buffer {
    return createHmac('sha256', this.#key).update(DOMAIN).update(linkToken, 'utf8').digest();
  }

  toString(): string {
    return 'CsrfTokens';
  }
}
