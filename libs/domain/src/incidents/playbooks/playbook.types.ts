/**
 * Incident playbooks as data (docs/legal.md §7): the steps a responder works through, who owns each,
 * when each falls due, when a step applies at all, and who hears about it when it is late.
 * A playbook is versioned: every incident records the id and version it ran under.
 */
import type { Jurisdiction } from '../../rules/types';
import type { DeadlineName } from '../types';

export const INCIDENT_TASK_IDS = [
  'contain',
  'assess',
  'report-to-authority',
  'notify-individuals',
  'remediate',
  'summary-report',
  'review',
] as const;
export type IncidentTaskId = (typeof INCIDENT_TASK_IDS)[number];

/** Roles inside the organisation that own a step (not API roles). */
export type OwnerRole = 'incident-responder' | 'pi-protection-officer' | 'security-engineering' | 'management';

/**
 * When a step is due:
 * - `deadline`: the legal clock of that name from the grade (its offset, start and overrides);
 * - `offset`: a product target counted from awareness or from the end of handling.
 */
export type StepDue = { deadline: DeadlineName } | { offset: string; from: 'awareness' | 'handling-ended' };

/**
 * When a step applies:
 * - `always`;
 * - `deadlineApplies`: only when the grade carries that clock (e.g. individuals are notified unless
 *   harm is avoided, PIPL Art. 57(2); the summary report only for reportable incidents);
 * - `reportable`: only when the incident is reportable (CN ≥ 较大, EU not "unlikely").
 */
export type StepCondition = { always: true } | { deadlineApplies: DeadlineName } | { reportable: boolean };

/** Who is told: the owner is reminded at `remindAtFraction` of the window; a miss goes to `onMiss`. */
export interface StepEscalation {
  /** 0 < f < 1: remind when this share of the window (start → due) has passed; null = no reminder. */
  remindAtFraction: number | null;
  /** `case-manager`: the case's manager (internal addresses when the incident has no case). */
  onMiss: 'case-manager' | 'internal' | 'none';
}

export interface PlaybookStep {
  id: IncidentTaskId;
  title: { 'zh-CN': string; en: string };
  ownerRole: OwnerRole;
  due: StepDue;
  when: StepCondition;
  escalation: StepEscalation;
  /** Handling ends when every applicable step with this flag is done (starts the post-handling clocks). */
  endsHandling: boolean;
  /** What completing the step sets off; `send-individual-notices` = the notice mailing (the approval). */
  onComplete?: 'send-individual-notices';
  basis: string;
}

export interface IncidentPlaybook {
  id: string;
  version: string;
  jurisdiction: Jurisdiction;
  title: string;
  steps: readonly PlaybookStep[];
}
