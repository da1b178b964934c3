import type { RouteSummary } from '@handover/contracts';
import type { CaseKind, Jurisdiction } from '@handover/domain';
import type { Phase } from '@handover/contracts';
import type { CaseDocument } from './case.schema';
import type { CaseListFilter, CaseListItem, CaseStatus } from './case.entity';

import { DEFAULT_TEAM_ID } from '../teams/team.entity';

const CASE_ID_PREFIX = /^[A-Za-z0-9_-]+$/;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The search field's content: the company names, lower-cased (a case-insensitive substring is a plain substring of it). */
export function searchNamesOf(transferor: string | undefined, recipient: string | undefined): string[] {
  return [transferor, recipient].filter((name): name is string => typeof name === 'string' && name.trim() !== '').map((name) => name.toLowerCase());
}

/** The MongoDB filter of a case list query (without the page cursor). Every value is matched with `$eq` or an escaped pattern. */
export function caseListQuery(filter: CaseListFilter): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  if (filter.status) query['status'] = { $eq: filter.status };
  if (filter.kind) query['kind'] = { $eq: filter.kind };
  if (filter.phase) query['phase'] = { $eq: filter.phase };
  const and: Array<Record<string, unknown>> = [];
  // Cases stored before teams existed belong to the default team (no `team` field).
  if (filter.teamIds) and.push({ $or: [{ team: { $in: [...filter.teamIds] } }, ...(filter.teamIds.includes(DEFAULT_TEAM_ID) ? [{ team: { $exists: false } }] : [])] });
  const q = filter.q?.trim();
  if (q) {
    const byName = { searchNames: { $regex: escapeRegExp(q.toLowerCase()) } };
    and.push({ $or: CASE_ID_PREFIX.test(q) ? [{ _id: { $regex: `^${escapeRegExp(q)}` } }, byName] : [byName] });
  }
  if (and.length === 1) Object.assign(query, and[0]);
  else if (and.length > 1) query['$and'] = and;
  return query;
}

type ListedDocument = Pick<CaseDocument, '_id' | 'kind' | 'jurisdiction' | 'status' | 'phase' | 'createdAt' | 'transferor' | 'recipient'> & {
  inventory?: { routes?: RouteSummary };
  notification?: { noticeDeadline?: string; consentDeadline?: string };
};

/** The earliest stored deadline after `now` (ISO strings the workflow stored), or null. */
export function nextDeadlineOf(notification: ListedDocument['notification'], now: Date): Date | null {
  const ahead = [notification?.noticeDeadline, notification?.consentDeadline]
    .map((value) => (typeof value === 'string' ? new Date(value) : null))
    .filter((date): date is Date => date !== null && !Number.isNaN(date.getTime()) && date.getTime() > now.getTime())
    .sort((a, b) => a.getTime() - b.getTime());
  return ahead[0] ?? null;
}

export function toListItem(doc: ListedDocument, now: Date): CaseListItem {
  return {
    id: doc._id,
    kind: doc.kind as CaseKind,
    jurisdiction: doc.jurisdiction as Jurisdiction,
    status: doc.status as CaseStatus,
    phase: doc.phase as Phase,
    createdAt: doc.createdAt,
    transferor: { name: doc.transferor.name },
    ...(doc.recipient && { recipient: { name: doc.recipient.name } }),
    ...(doc.inventory?.routes && { routes: doc.inventory.routes }),
    // A cancelled case has no deadline left, whatever its notification stored (issue 14).
    nextDeadline: doc.status === 'cancelled' ? null : nextDeadlineOf(doc.notification, now),
  };
}
