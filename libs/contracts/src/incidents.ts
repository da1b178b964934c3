/**
 * Incident response (issue 6): the workflow `incidentWorkflow` (id `incident:<incidentId>`), its
 * query and update, and the activities it drives. Payloads carry ids, enums, counts and times only:
 * titles, notes and every personal value stay in MongoDB behind the activities.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { DeadlineName, IncidentPlan, IncidentTaskId, IncidentTier, Jurisdiction, OperatorType, OwnerRole } from '@handover/domain';

export const incidentWorkflowId = (incidentId: string): string => `incident:${incidentId}`;

/** The audit chain of an incident (AuditRepository scope), beside the case chains. */
export const incidentAuditScope = (incidentId: string): string => `incident:${incidentId}`;

/** The send-ledger mailing of the individual notice (key: incidentId, customer ref, this). */
export const INCIDENT_NOTICE_MAILING = 'incident-notice';

export interface IncidentWorkflowInput {
  incidentId: string;
}

export type IncidentStatus = 'assessing' | 'open' | 'closed';
/** waiting: its clock starts when handling ends; open: to do; done. */
export type IncidentTaskState = 'waiting' | 'open' | 'done';

export interface IncidentTaskView {
  id: IncidentTaskId;
  name: string;
  ownerRole: OwnerRole;
  state: IncidentTaskState;
  /** ISO instant; null while the task waits for the end of handling. */
  dueAt: string | null;
  /** Still open after its due time. */
  overdue: boolean;
  deadline?: DeadlineName;
  completedAt?: string;
  /** Opaque principal id (API key id), never a name. */
  completedBy?: string;
  remindedAt?: string;
  escalatedAt?: string;
}

export interface IncidentDeadlineView {
  name: DeadlineName;
  taskId: IncidentTaskId;
  article: string;
  dueAt: string | null;
  /** When its task was completed on time; null otherwise. */
  metAt: string | null;
  missed: boolean;
  missedAt?: string;
  /** Completion time, also when late (GDPR Art. 33(1): reasons if late). */
  completedAt?: string;
  overridden: boolean;
}

export interface IncidentNoticeCounters {
  /** Affected customers considered (in a drill: the count the summary reports). */
  eligible: number;
  sent: number;
  bounced: number;
  /** Already sent by an earlier attempt (send ledger). */
  skipped: number;
  /** Affected customers with no email address: to be told by phone/SMS (NDSMR Art. 11). */
  noEmail: number;
  /** Neither email nor phone: public announcement. */
  unreachable: number;
  /** Drill: the internal summaries sent instead of customer notices. */
  internal: number;
  drill: boolean;
}

/** Query answer and the stored snapshot (GET /v1/incidents/{id}). */
export interface IncidentView {
  incidentId: string;
  status: IncidentStatus;
  drill: boolean;
  affected: number;
  tier: IncidentTier | null;
  reportable: boolean | null;
  jurisdiction: Jurisdiction | null;
  operatorType: OperatorType | null;
  playbook: { id: string; version: string } | null;
  /** Individual notices sent (in a drill: internal summaries sent). */
  noticesSent: number;
  notices: IncidentNoticeCounters | null;
  deadlines: IncidentDeadlineView[];
  tasks: IncidentTaskView[];
  handlingEndedAt: string | null;
  closedAt: string | null;
  /** Increases with every change; the stored snapshot never goes backwards. */
  revision: number;
}

/** Returned by assessIncident: the inventory count, the grade and the playbook's tasks. */
export interface IncidentAssessment {
  affected: number;
  drill: boolean;
  jurisdiction: Jurisdiction;
  operatorType: OperatorType;
  tier: IncidentTier;
  reportable: boolean;
  plan: IncidentPlan;
}

export interface CompleteIncidentTaskInput {
  taskId: string;
  /** Opaque id of the API key or user; never a name or an address. */
  completedBy: string;
  /** Set by the caller: workflow code never reads the clock for evidence. */
  completedAt: string;
}

export type IncidentAlertKind = 'reminder' | 'escalation';

export interface IncidentActivities {
  /** Counts the affected customers in the inventory, grades, plans the playbook's tasks, stores the drafts. */
  assessIncident(input: { incidentId: string }): Promise<IncidentAssessment>;
  /** Stores the view if its revision is newer than the stored one (retries and reordering are harmless). */
  saveIncidentSnapshot(input: { view: IncidentView }): Promise<void>;
  /** Reminder to the owners (internal addresses) or escalation (case manager, else internal); send ledger. */
  sendIncidentAlert(input: { incidentId: string; taskId: IncidentTaskId; kind: IncidentAlertKind; dueAt: string }): Promise<{ sent: number }>;
  /** The individual notice to every affected reachable customer (drill: to the internal addresses); batched, heartbeats. */
  sendIncidentNotices(input: { incidentId: string }): Promise<IncidentNoticeCounters>;
  /** Appends an incident timeline event (audit scope `incident:<id>`): ids, enums, counts and times only. */
  recordIncidentEvent(input: { incidentId: string; action: string; subject: { type: string; id: string }; data?: Record<string, string | number | boolean | null> }): Promise<void>;
}

export const incidentStateQuery = defineQuery<IncidentView>('incidentState');

/** An update, not a signal: the caller learns at once whether the task was open (409 otherwise). */
export const completeIncidentTaskUpdate = defineUpdate<IncidentTaskView, [CompleteIncidentTaskInput]>('completeIncidentTask');
