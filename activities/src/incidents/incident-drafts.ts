/**
 * The drafts stored with an incident: the authority report (CAC Incident Reporting Measures fields
 * and PIPL Art. 57) and the individual notice in zh-CN and en. Built from the incident, the
 * inventory counts, the grade and the plan; no personal data goes in.
 */
import { categoryWording, DEFAULT_CAUSE, DEFAULT_MEASURES, INCIDENT_REPORT_WORDING_VERSION, INCIDENT_NOTICE_WORDING_VERSION, renderIncidentNotice, type IncidentNoticeModel } from '@handover/mail';
import { INCIDENT_TIER_LABELS_ZH, type IncidentGrade, type IncidentPlan, type OperatorType } from '@handover/domain';
import type { AffectedCounts, IncidentDrafts, IncidentRecord } from '@handover/persistence';

export interface DraftInput {
  incident: IncidentRecord;
  organisation?: string;
  /** Contact for individuals and the authority (incident `contact`, else the incident team's first address). */
  contact: string;
  counts: AffectedCounts;
  source: 'inventory' | 'estimate';
  operatorType: OperatorType;
  grade: IncidentGrade;
  plan: IncidentPlan;
  generatedAt: Date;
}

export function noticeModelOf(input: Pick<DraftInput, 'incident' | 'organisation' | 'contact'>): IncidentNoticeModel {
  const { incident } = input;
  return {
    incidentId: incident.id,
    ...(input.organisation && { organisation: input.organisation }),
    categories: incident.categories,
    ...(incident.cause && { cause: incident.cause }),
    ...(incident.measures && { measures: incident.measures }),
    contact: input.contact,
    detectedAt: incident.detectedAt.toISOString(),
  };
}

export function buildIncidentDrafts(input: DraftInput): IncidentDrafts {
  const { incident, grade, plan, counts } = input;
  const words = incident.categories.map((code) => ({ code, wording: categoryWording(code) }));
  const model = noticeModelOf(input);
  const zh = renderIncidentNotice(model, 'zh-CN');
  const en = renderIncidentNotice(model, 'en');
  return {
    generatedAt: input.generatedAt.toISOString(),
    notice: {
      wordingVersion: `${INCIDENT_NOTICE_WORDING_VERSION['zh-CN']}+${INCIDENT_NOTICE_WORDING_VERSION.en}`,
      'zh-CN': { subject: zh.subject, text: zh.text },
      en: { subject: en.subject, text: en.text },
    },
    report: {
      wordingVersion: INCIDENT_REPORT_WORDING_VERSION,
      kind: 'initial',
      incident: { id: incident.id, title: incident.title, detectedAt: incident.detectedAt.toISOString(), drill: incident.drill, caseId: incident.caseId ?? null },
      jurisdiction: grade.jurisdiction,
      operatorType: input.operatorType,
      playbook: { id: plan.playbookId, version: plan.playbookVersion },
      tier: grade.tier,
      tierLabel: INCIDENT_TIER_LABELS_ZH[grade.tier],
      reportable: grade.reportable,
      categories: words.map(({ code, wording }) => ({ code, 'zh-CN': wording.label['zh-CN'], en: wording.label.en })),
      cause: incident.cause?.trim() || `${DEFAULT_CAUSE['zh-CN']} / ${DEFAULT_CAUSE.en}`,
      possibleHarm: dedupe(words.map(({ wording }) => ({ 'zh-CN': wording.harm['zh-CN'], en: wording.harm.en }))),
      measuresTaken: incident.measures && incident.measures.length > 0 ? [...incident.measures] : [...DEFAULT_MEASURES['zh-CN']],
      individualsCanDo: dedupe(words.map(({ wording }) => ({ 'zh-CN': wording.advice['zh-CN'], en: wording.advice.en }))),
      contact: input.contact,
      affected: { ...counts, source: input.source },
      deadlines: plan.tasks
        .filter((t) => t.deadline)
        .map((t) => ({ name: t.deadline as string, dueAt: t.dueAt ?? null, afterHandlingEnds: t.afterHandlingEnds ?? null, article: t.article, overridden: t.overridden })),
      legalBasis: grade.reasons.map((r) => ({ ruleId: r.ruleId, article: r.article })),
      individualsNotified: plan.tasks.some((t) => t.onComplete === 'send-individual-notices'),
      harmAvoidedJustification: incident.harmAvoided?.justification ?? null,
    },
  };
}

function dedupe<T extends { en: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((i) => (seen.has(i.en) ? false : (seen.add(i.en), true)));
}
