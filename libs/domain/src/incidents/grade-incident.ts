/** Incident grading and clocks (docs/legal.md §7): tiers and offsets come from the rule pack. */
import { getRulePack } from '../rules/get-rule-pack';
import type { IncidentProfile, RulePack } from '../rules/pack-types';
import type { RuleReason } from '../rules/types';
import { parseDuration } from '../time/duration';
import { DEADLINE_NAMES, type DeadlineName, type GradeIncidentInput, type IncidentDeadline, type IncidentGrade, type IncidentTier } from './types';

const OPERATOR_TYPES = ['ordinary', 'ciio', 'state-organ'] as const;

function tierOf(profile: IncidentProfile, affected: number): { tier: IncidentTier; article?: string } {
  let result: { tier: IncidentTier; article?: string } = { tier: 'none' };
  for (const t of profile.tiers) if (affected >= t.minAffected) result = { tier: t.tier, article: t.article };
  return result;
}

function validate(input: GradeIncidentInput): void {
  if (!Number.isInteger(input.affected) || input.affected < 0) {
    throw new RangeError(`affected must be a non-negative integer, got ${input.affected}`);
  }
  if (!OPERATOR_TYPES.includes(input.operatorType)) throw new RangeError(`Unknown operatorType "${String(input.operatorType)}"`);
  for (const [name, offset] of Object.entries(input.overrides ?? {})) {
    if (offset !== undefined) parseDuration(offset); // throws DurationFormatError with the offending text
    if (!(DEADLINE_NAMES as readonly string[]).includes(name)) {
      throw new RangeError(`Unknown deadline "${name}" in overrides`);
    }
  }
}

export function gradeIncident(input: GradeIncidentInput, pack: RulePack = getRulePack(input.jurisdiction)): IncidentGrade {
  validate(input);
  const profile = pack.incidents;
  const risk = input.risk ?? 'risk';
  const { tier, article: tierArticle } = tierOf(profile, input.affected);
  const reportable = profile.reportableWhen === 'tier' ? tier !== 'none' : risk !== 'unlikely';
  const reasons: RuleReason[] = [];
  if (tierArticle) reasons.push({ ruleId: `${pack.id.toLowerCase()}.incident.tier.${tier}`, article: tierArticle, summary: `${input.affected} people affected` });

  const deadlines: IncidentDeadline[] = [];
  const add = (name: DeadlineName, offset: string, article: string, from: IncidentDeadline['from'] = 'awareness'): void => {
    const override = input.overrides?.[name];
    deadlines.push({ name, offset: override ?? offset, from, article, overridden: override !== undefined });
    reasons.push({ ruleId: `${pack.id.toLowerCase()}.incident.${name}`, article, summary: `${name} within ${override ?? offset}` });
  };

  add('containment', profile.containment.offset, profile.containment.article);

  const authority = profile.authorityReport;
  if (reportable) {
    add('authority-report', authority.whenReportable.offsetByOperator[input.operatorType], authority.whenReportable.article);
  } else if (authority.whenNotReportable) {
    add('authority-report', authority.whenNotReportable.offset, authority.whenNotReportable.article);
  }

  const notice = profile.individualNotice;
  const tellIndividuals = notice.when === 'high-risk' ? risk === 'high' : !input.harmAvoided;
  if (tellIndividuals) add('individual-notice', notice.offset, notice.article);

  if (reportable && profile.summaryReport) add('summary-report', profile.summaryReport.offset, profile.summaryReport.article, 'handling-ended');

  return { jurisdiction: pack.id, packVersion: pack.version, tier, reportable, deadlines, reasons };
}
