import { Injectable } from '@nestjs/common';
import type { AuditCheckpoint } from '@handover/audit-proof';
import { AuditRepository, type AuditData, type AuditEventEntity, type AuditSubject } from '@handover/persistence';
import { RequestContext } from '../auth/request-context';
import type { Principal } from '../auth/roles';

export interface AuditRecord {
  /** The chain: a case id, or GLOBAL_AUDIT_SCOPE for events outside any case. */
  caseId: string;
  /** e.g. `case.opened`, `case.started`, `gate.approved`, `key.created`, `key.revoked`. */
  action: string;
  subject: AuditSubject;
  /** Ids, enums and counters only: never personal data. */
  data?: AuditData;
  /** Defaults to the principal of the request being served, else `system`. */
  actor?: Principal;
}

const SYSTEM_ACTOR = { id: 'system', role: 'system' } as const;

/** Appends audit events for the admin API, with the request's principal as the actor. */
@Injectable()
export class AuditService {
  constructor(
    private readonly events: AuditRepository,
    private readonly context: RequestContext,
  ) {}

  record(record: AuditRecord): Promise<AuditEventEntity> {
    const actor = record.actor ?? this.context.principal() ?? SYSTEM_ACTOR;
    return this.events.append(record.caseId, {
      actor: { id: actor.id, role: actor.role },
      action: record.action,
      subject: record.subject,
      ...(record.data && { data: record.data }),
    });
  }

  /** Seals the chain's current head with a signed checkpoint (phase ends, closure, cancellation). */
  checkpoint(caseId: string): Promise<AuditCheckpoint | undefined> {
    return this.events.checkpoint(caseId);
  }
}
