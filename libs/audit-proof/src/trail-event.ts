/** Scheme of an event: 1 (or no `v`) = the unkeyed chain of the first releases; 2 = keyed (HMAC in `mac`). */
export const AUDIT_SCHEME_UNKEYED = 1;
export const AUDIT_SCHEME_KEYED = 2;

/** One event as the verifiers see it. */
export interface TrailEvent {
  seq: number;
  prevHash: string | null;
  /** The plain SHA-256 link: chainHash(prevHash, body). */
  hash: string;
  /** What the link covers: the stored event minus prevHash, hash and mac (so `v` and `keyId` too). */
  body: object;
  v: number;
  /** HMAC-SHA256 of `hash` under the audit key (scheme 2); checkable only where the key is. */
  mac?: string;
  keyId?: string;
}

/** The linked part of a stored or exported event: every field except the links themselves. */
export function auditLinkBody(record: object): Record<string, unknown> {
  const { prevHash: _prev, hash: _hash, mac: _mac, ...body } = record as Record<string, unknown>;
  return body;
}

/** A stored or exported event (any extra field stays in the body, so it breaks the link). */
export function toTrailEvent(record: object): TrailEvent {
  const r = record as Record<string, unknown>;
  return {
    seq: r['seq'] as number,
    prevHash: (r['prevHash'] ?? null) as string | null,
    hash: r['hash'] as string,
    body: auditLinkBody(record),
    v: typeof r['v'] === 'number' ? r['v'] : AUDIT_SCHEME_UNKEYED,
    ...(typeof r['mac'] === 'string' && { mac: r['mac'] }),
    ...(typeof r['keyId'] === 'string' && { keyId: r['keyId'] }),
  };
}
