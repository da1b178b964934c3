import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The audit HMAC key (HANDOVER_AUDIT_KEY, base64 of 32 bytes): held by the services, never by the
 * database, so a database writer cannot recompute a keyed event's `mac` after editing it.
 */
export class AuditKey {
  private constructor(
    private readonly key: Buffer,
    readonly id: string,
  ) {}

  static fromBase64(base64: string, id?: string): AuditKey {
    const key = Buffer.from(base64, 'base64');
    if (key.length !== 32) throw new TypeError('the audit key must be base64 of exactly 32 bytes');
    return new AuditKey(key, id ?? `ak-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`);
  }

  /** HMAC-SHA256 hex of an event's plain link hash. */
  mac(hash: string): string {
    return createHmac('sha256', this.key).update(hash, 'utf8').digest('hex');
  }

  verify(hash: string, mac: string | undefined): boolean {
    if (typeof mac !== 'string' || mac.length !== 64) return false;
    return timingSafeEqual(Buffer.from(this.mac(hash), 'hex'), Buffer.from(mac, 'hex'));
  }
}
