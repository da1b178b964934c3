/** Data-subject request deadlines (docs/legal.md §6): CN 15 working days, EU 1 month (+2). */
import { getRulePack } from '../rules/get-rule-pack';
import type { RulePack } from '../rules/pack-types';
import type { RuleReason } from '../rules/types';
import { addMonthsClamped, endOfIsoDateUtc, toIsoDate, type IsoDate } from '../time/date-only';
import type { DueDate, DueDateInput } from './types';
import { addWorkingDays, nextWorkingDayOnOrAfter } from './working-calendar';

export function computeDueDate(input: DueDateInput, pack: RulePack = getRulePack(input.jurisdiction)): DueDate {
  const sla = pack.requestSla;
  const received = toIsoDate(input.receivedAt);
  const reasons: RuleReason[] = [];
  const warnings: string[] = [];
  let dueDate: IsoDate;

  if (sla.unit === 'working-days') {
    const days = input.workingDays ?? sla.amount;
    dueDate = addWorkingDays(received, days, input.calendar);
    reasons.push({ ruleId: sla.id, article: sla.article, summary: `${days} working days after ${received}` });
  } else {
    if (input.workingDays !== undefined) warnings.push('workingDays is ignored: this jurisdiction counts calendar months');
    dueDate = addMonthsClamped(received, sla.amount);
    reasons.push({ ruleId: sla.id, article: sla.article, summary: `${sla.amount} month(s) after ${received}` });
  }

  if (input.extended) {
    if (sla.extension) {
      dueDate = addMonthsClamped(dueDate, sla.extension.months);
      reasons.push({ ruleId: `${sla.id}.extension`, article: sla.extension.article, summary: `extended by ${sla.extension.months} months` });
    } else {
      warnings.push(`${pack.id} provides no extension; extended is ignored`);
    }
  }

  if (sla.rollForwardToWorkingDay) {
    const rolled = nextWorkingDayOnOrAfter(dueDate, input.calendar);
    if (rolled !== dueDate) {
      reasons.push({
        ruleId: `${sla.id}.next-working-day`,
        article: 'Regulation (EEC, Euratom) No 1182/71 Art. 3(4)',
        summary: `${dueDate} is not a working day: the period ends on ${rolled}`,
      });
      dueDate = rolled;
    }
  }

  return { dueDate, dueAt: endOfIsoDateUtc(dueDate), reasons, warnings };
}
