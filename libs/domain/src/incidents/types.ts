import type { DeadlineName, IncidentTier, OperatorType } from '../rules/pack-types';
import type { Jurisdiction, RuleReason } from '../rules/types';

export type { DeadlineName, IncidentTier, OperatorType };

export const DEADLINE_NAMES: readonly DeadlineName[] = ['containment', 'authority-report', 'individual-notice', 'summary-report'];

/** Chinese names of the CAC grading tiers (Incident Reporting Measures, Annex). */
export const INCIDENT_TIER_LABELS_ZH: Readonly<Record<IncidentTier, string>> = Object.freeze({
  none: '一般及以下',
  larger: '较大',
  major: '重大',
  'especially-major': '特别重大',
});

export type IncidentRisk = 'unlikely' | 'risk' | 'high';

export interface GradeIncidentInput {
  /** People whose personal information is (or may be) affected. */
  affected: number;
  jurisdiction: Jurisdiction;
  operatorType: OperatorType;
  /** EU: 'unlikely' = no authority report (Art. 33(1)); 'high' = tell individuals (Art. 34). Default 'risk'. */
  risk?: IncidentRisk;
  /** CN: measures effectively avoid harm, individuals need not be told (PIPL Art. 57(2)); record the justification. */
  harmAvoided?: boolean;
  /** Per-organisation or test clocks, ISO-8601 durations (e.g. { 'authority-report': 'PT5S' }). */
  overrides?: Partial<Record<DeadlineName, string>>;
}

export interface IncidentDeadline {
  name: DeadlineName;
  /** ISO-8601 duration counted from `from`. */
  offset: string;
  /** 'awareness' = discovery of the incident; 'handling-ended' = end of handling (summary report). */
  from: 'awareness' | 'handling-ended';
  article: string;
  /** The offset comes from `overrides`, not from the pack. */
  overridden: boolean;
}

export interface IncidentGrade {
  jurisdiction: Jurisdiction;
  packVersion: string;
  tier: IncidentTier;
  /** CN: 较大 or above (report to the CAC under the 2025 Measures); EU: Art. 33 notification due. */
  reportable: boolean;
  deadlines: IncidentDeadline[];
  reasons: RuleReason[];
}
