import type { AuditEventEntity } from '@handover/persistence';
import type { AuditEventDto } from './audit-event.dto';

/** The stored event as answered and exported: `at` as ISO-8601, nothing else changed or dropped. */
export function toAuditEventDto(event: AuditEventEntity): AuditEventDto {
  return { ...event, at: event.at instanceof Date ? event.at.toISOString() : String(event.at) };
}
