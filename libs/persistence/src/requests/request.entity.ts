import type { ProposedCorrections, RequestFiledBy, RequestOutcome, RequestStatus, RequestType } from '@handover/domain';

/** A request on its way in (plaintext in memory only; the repository encrypts). */
export interface NewRequest {
  id: string;
  caseId: string;
  customerId: string;
  ref: string;
  type: RequestType;
  filedBy: RequestFiledBy;
  filedById: string;
  channel: 'portal-json' | 'portal-html' | 'admin-api';
  filedAt: Date;
  jurisdiction: string;
  phaseAtFiling: string;
  dueDate: string;
  dueAt: Date;
  remindAt: Date;
  deadlineReasons: Array<{ ruleId: string; article: string }>;
  calendarId: string;
  deadlineOverride?: string;
  message?: string;
  corrections?: ProposedCorrections;
  locale?: 'zh-CN' | 'en';
  exclusion?: 'deletion-request' | 'objection';
}

/** What lists show: no personal data (no message, no corrections, the customer by ref). */
export interface RequestSummary {
  id: string;
  caseId: string;
  customerRef: string;
  type: RequestType;
  status: RequestStatus;
  filedBy: RequestFiledBy;
  filedAt: string;
  dueDate: string;
  dueAt: string;
  extended: boolean;
  remindedAt?: string;
  escalatedAt?: string;
  resolvedAt?: string;
  outcome?: RequestOutcome;
  excluded: boolean;
  forwarded: boolean;
  late: boolean;
}

/** One row of the compliance report (API contract fixed with the lead): no personal data. */
export interface RequestReportRow {
  id: string;
  type: string;
  status: string;
  filedBy: 'customer' | 'manager';
  filedAt: string;
  dueAt: string;
  extended: boolean;
  resolvedAt?: string;
  outcome?: 'done' | 'refused';
  late: boolean;
}

export interface ResolutionDecision {
  requestId: string;
  caseId: string;
  outcome: RequestOutcome;
  reasons?: string;
  complaintRouteIds: string[];
  extraComplaintRoutes: string[];
  by: string;
  at: Date;
}

export interface ExtensionDecision {
  requestId: string;
  caseId: string;
  reason: string;
  dueDate: string;
  dueAt: Date;
  remindAt: Date;
  deadlineReasons: Array<{ ruleId: string; article: string }>;
  by: string;
  at: Date;
}
