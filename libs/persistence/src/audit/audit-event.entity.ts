/** The audit scope of events that belong to no case (API keys, ...): read as case id `global`. */
export const GLOBAL_AUDIT_SCOPE = 'global';

/** Ids, enums and counters only: never names, contacts or other personal data. */
export type AuditData = Record<string, string | number | boolean | null>;

export interface AuditActor {
  /** Principal id: an API key id, `bootstrap-admin`, or `system`. */
  id: string;
  role: string;
}

export interface AuditSubject {
  /** e.g. `case`, `gate`, `api-key`, `incident`, `request`. */
  type: string;
  id: string;
}

/** What a caller records; the repository assigns seq and the chain. */
export interface AuditEventInput {
  actor: AuditActor;
  /** `<subject>.<past-tense verb>`, e.g. `case.opened`, `gate.approved`, `key.revoked`. */
  action: string;
  subject: AuditSubject;
  data?: AuditData;
  at?: Date;
}

/** One link of a case's chain: hash = chainHash(prevHash, every field except prevHash and hash). */
export interface AuditEventEntity {
  caseId: string;
  seq: number;
  at: Date;
  actor: AuditActor;
  action: string;
  subject: AuditSubject;
  data: AuditData;
  prevHash: string | null;
  hash: string;
  /** Scheme: absent (1, unkeyed, before keyed chains) or 2 (keyed). */
  v?: number;
  /** Id of the audit key of `mac` (scheme 2). */
  keyId?: string;
  /** HMAC-SHA256 hex of `hash` under the audit key (scheme 2); not part of the link. */
  mac?: string;
}

/** `<caseId>:<seq zero-padded to 10>`: the primary key makes two appends of one seq impossible. */
export const auditEventId = (caseId: string, seq: number): string => `${caseId}:${String(seq).padStart(10, '0')}`;

/** The hashed part of an event: every field except the chain links themselves (and `mac`). */
export function auditChainBody(event: object): Record<string, unknown> {
  const { prevHash: _prev, hash: _hash, mac: _mac, ...body } = event as Record<string, unknown>;
  return body;
}
