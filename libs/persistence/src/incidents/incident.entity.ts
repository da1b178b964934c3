import type { IncidentAssessment, IncidentView } from '@handover/contracts';

export type IncidentSeverity = 'low' | 'medium' | 'high';

/**
 * An incident as opened through the API. Free texts (title, cause, measures, contact) describe the
 * incident and the organisation, never a person: they appear in the authority report and notice
 * drafts. Task notes may name people and are stored encrypted (see IncidentRepository.addNote).
 */
export interface IncidentEntity {
  id: string;
  title: string;
  caseId?: string;
  /** Awareness time (发现或获知): every awareness clock runs from here. */
  detectedAt: Date;
  categories: string[];
  severity?: IncidentSeverity;
  drill: boolean;
  /** As given; the resolved values (case, defaults) are in the assessment. */
  operatorType?: string;
  jurisdiction?: string;
  /** ISO-8601 durations by deadline name or task id (drills and tests; organisation defaults). */
  clockOverrides: Record<string, string>;
  cause?: string;
  measures?: string[];
  contact?: string;
  /** PIPL Art. 57(2): individuals need not be told; the recorded justification. */
  harmAvoided?: { justification: string };
  /** People affected outside any inventory (incident without a case). */
  affectedEstimate?: number;
  createdAt: Date;
  /** Opaque principal id. */
  createdBy: string;
  /** The opener's team: the incident's team when it has no case (with a case, the case's team counts). */
  team?: string;
}

/** One localised rendering of the individual notice (identical for every recipient: no personal data). */
export interface NoticeDraftText {
  subject: string;
  text: string;
}

export interface IncidentNoticeDraft {
  wordingVersion: string;
  'zh-CN': NoticeDraftText;
  en: NoticeDraftText;
}

/** The authority report draft (CAC Incident Reporting Measures fields + PIPL Art. 57): no personal data. */
export interface AuthorityReportDraft {
  wordingVersion: string;
  /** Initial (partial) report; the summary report follows after handling ends. */
  kind: 'initial';
  incident: { id: string; title: string; detectedAt: string; drill: boolean; caseId: string | null };
  jurisdiction: string;
  operatorType: string;
  playbook: { id: string; version: string };
  tier: string;
  tierLabel: string;
  reportable: boolean;
  categories: Array<{ code: string; 'zh-CN': string; en: string }>;
  cause: string;
  possibleHarm: Array<{ 'zh-CN': string; en: string }>;
  measuresTaken: string[];
  individualsCanDo: Array<{ 'zh-CN': string; en: string }>;
  contact: string;
  affected: { total: number; withEmail: number; phoneOnly: number; unreachable: number; source: 'inventory' | 'estimate' };
  deadlines: Array<{ name: string; dueAt: string | null; afterHandlingEnds: string | null; article: string; overridden: boolean }>;
  legalBasis: Array<{ ruleId: string; article: string }>;
  individualsNotified: boolean;
  harmAvoidedJustification: string | null;
}

export interface IncidentDrafts {
  report: AuthorityReportDraft;
  notice: IncidentNoticeDraft;
  generatedAt: string;
}

export interface IncidentRecord extends IncidentEntity {
  status: IncidentView['status'];
  view?: IncidentView;
  assessment?: IncidentAssessment;
  drafts?: IncidentDrafts;
  notes: Array<{ taskId: string; at: Date; by: string }>;
}

/** Filters of GET /v1/incidents; they combine with AND. */
export interface IncidentListFilter {
  /** Only incidents of this team (incidents stored before teams belong to the default team). */
  team?: string;
  drill?: boolean;
  caseId?: string;
  status?: string;
}

/** One row of the incident list. */
export interface IncidentListItem {
  id: string;
  title: string;
  caseId?: string;
  detectedAt: Date;
  severity?: string;
  drill: boolean;
  status: string;
  createdAt: Date;
}
