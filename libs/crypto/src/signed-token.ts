import { createHash, createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { inspect } from 'node:util';
import { CryptoError } from './errors';
import { decodeB64url } from './internal';

export const TOKEN_PURPOSES = ['customer', 'third-party', 'recipient', 'download'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

export interface TokenPayload {
  purpose: TokenPurpose;
  /** Opaque id of whoever the link is for (customer id, third-party id…), never personal data. */
  subject: string;
  caseId: string;
  expiresAt: Date;
  /** Optional; pass one to make tokens distinct per issuance. Without it signing is deterministic. */
  nonce?: string;
}

/** Wire form of the payload: short keys keep links short. */
interface WirePayload {
  v: 1;
  p: TokenPurpose;
  s: string;
  c: string;
  e: number;
  n?: string;
}

const ID = /^[A-Za-z0-9_:-]{1,128}$/;
const MAX_TOKEN_LENGTH = 2048;
const SIGNATURE_CHARS = 43; // 32 bytes, base64url without padding
const TOKEN = new RegExp(`^([A-Za-z0-9_-]{1,${MAX_TOKEN_LENGTH}})\\.([A-Za-z0-9_-]{${SIGNATURE_CHARS}})$`);
const DOMAIN = 'handover-token-v1.';

/**
 * Signs and verifies the tokens in portal links: `<payload base64url>.<HMAC-SHA256 base64url>`,
 * URL-safe, no padding. The MAC covers `handover-token-v1.<payload base64url>`. The payload is
 * readable by anyone holding the link (it is signed, not encrypted), hence subject and caseId are
 * restricted to opaque ids ([A-Za-z0-9_:-], max 128).
 *
 * `previousSecrets` are accepted by `verify` only, to rotate the secret without breaking links
 * already sent.
 */
export class TokenSigner {
  readonly #key: KeyObject;
  readonly #verifyKeys: KeyObject[];

  constructor(secret: Buffer, options: { previousSecrets?: Buffer[] } = {}) {
    this.#key = toKey(secret);
    this.#verifyKeys = [this.#key, ...(options.previousSecrets ?? []).map(toKey)];
  }

  sign(payload: TokenPayload): string {
    const { purpose, subject, caseId, expiresAt, nonce } = payload;
    if (!isPurpose(purpose)) {
      throw new CryptoError(`Token purpose must be one of ${TOKEN_PURPOSES.join(', ')}`, 'invalid-argument');
    }
    if (typeof subject !== 'string' || !ID.test(subject)) {
      throw new CryptoError('Token subject must be an opaque id of 1-128 characters [A-Za-z0-9_:-]', 'invalid-argument');
    }
    if (typeof caseId !== 'string' || !ID.test(caseId)) {
      throw new CryptoError('Token caseId must be an id of 1-128 characters [A-Za-z0-9_:-]', 'invalid-argument');
    }
    if (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime())) {
      throw new CryptoError('Token expiresAt must be a valid Date', 'invalid-argument');
    }
    if (nonce !== undefined && (typeof nonce !== 'string' || !ID.test(nonce))) {
      throw new CryptoError('Token nonce must be 1-128 characters [A-Za-z0-9_:-]', 'invalid-argument');
    }
    const wire: WirePayload = { v: 1, p: purpose, s: subject, c: caseId, e: expiresAt.getTime() };
    if (nonce !== undefined) wire.n = nonce;
    const body = Buffer.from(JSON.stringify(wire), 'utf8').toString('base64url');
    return `${body}.${mac(this.#key, body).toString('base64url')}`;
  }

  /**
   * The payload if the token is well-formed, correctly signed, for `expectedPurpose` and not expired
   * at `now` (expired when now >= expiresAt); otherwise null. Never throws.
   */
  verify(token: string, expectedPurpose: TokenPurpose, now: Date = new Date()): TokenPayload | null {
    try {
      if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH + 1 + SIGNATURE_CHARS) return null;
      const match = TOKEN.exec(token);
      if (!match) return null;
      const [, body = '', signatureText = ''] = match;
      const signature = decodeB64url(signatureText);
      if (!signature || signature.length !== 32) return null;
      let authentic = false;
      for (const key of this.#verifyKeys) {
        // Check every key (no early exit) so timing does not tell which one matched.
        if (timingSafeEqual(mac(key, body), signature)) authentic = true;
      }
      if (!authentic) return null;

      const json = decodeB64url(body);
      if (!json) return null;
      const wire: unknown = JSON.parse(json.toString('utf8'));
      const payload = fromWire(wire);
      if (!payload || payload.purpose !== expectedPurpose) return null;
      const nowMs = now instanceof Date ? now.getTime() : Number.NaN;
      if (Number.isNaN(nowMs) || nowMs >= payload.expiresAt.getTime()) return null;
      return payload;
    } catch {
      return null;
    }
  }

  toString(): string {
    return 'TokenSigner';
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** SHA-256 hex of a token: what is stored as consent evidence instead of the token itself. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function toKey(secret: Buffer): KeyObject {
  if (!Buffer.isBuffer(secret) || secret.length < 32) {
    throw new CryptoError('Token signing secret must be a Buffer of at least 32 bytes', 'invalid-key');
  }
  return createSecretKey(Buffer.from(secret));
}

function mac(key: KeyObject, body: string): Buffer {
  return createHmac('sha256', key).update(DOMAIN).update(body).digest();
}

function isPurpose(value: unknown): value is TokenPurpose {
  return typeof value === 'string' && (TOKEN_PURPOSES as readonly string[]).includes(value);
}

function fromWire(wire: unknown): TokenPayload | null {
  if (typeof wire !== 'object' || wire === null || Array.isArray(wire)) return null;
  const w = wire as Record<string, unknown>;
  if (w.v !== 1 || !isPurpose(w.p)) return null;
  if (typeof w.s !== 'string' || !ID.test(w.s) || typeof w.c !== 'string' || !ID.test(w.c)) return null;
  if (typeof w.e !== 'number' || !Number.isSafeInteger(w.e)) return null;
  if (w.n !== undefined && (typeof w.n !== 'string' || !ID.test(w.n))) return null;
  const payload: TokenPayload = { purpose: w.p, subject: w.s, caseId: w.c, expiresAt: new Date(w.e) };
  if (typeof w.n === 'string') payload.nonce = w.n;
  return payload;
}

/** The signer of portal links (customer, third-party, recipient, download), keyed from the master key. */
export function portalTokenSigner(master: { deriveKey(info: string, length?: number): Buffer }): TokenSigner {
  return new TokenSigner(master.deriveKey('portal-tokens'));
}
