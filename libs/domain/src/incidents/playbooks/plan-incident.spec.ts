import { DurationFormatError } from '../../time/duration';
import { gradeIncident } from '../grade-incident';
import type { GradeIncidentInput } from '../types';
import { CN_PIPL_PLAYBOOK } from './cn-pipl.playbook';
import { EU_GDPR_PLAYBOOK } from './eu-gdpr.playbook';
import { planIncident, scheduleAfterHandling, splitClockOverrides } from './plan-incident';
import type { IncidentPlaybook } from './playbook.types';

const awareAt = new Date('2026-03-01T10:00:00.000Z');
const cn = (input: Partial<GradeIncidentInput> = {}) => gradeIncident({ affected: 10, jurisdiction: 'CN-PIPL', operatorType: 'ordinary', ...input });
const ids = (plan: ReturnType<typeof planIncident>) => plan.tasks.map((t) => t.id);
const task = (plan: ReturnType<typeof planIncident>, id: string) => plan.tasks.find((t) => t.id === id);

describe('planIncident: tasks and due times from awareness', () => {
  it('CN below 较大: six tasks, legal clocks 1 h / 4 h / 24 h from awareness, review after handling', () => {
    const plan = planIncident(CN_PIPL_PLAYBOOK, cn(), { awareAt });
    expect(plan).toMatchObject({ playbookId: 'cn-pipl-incident', playbookVersion: '2025-11-01.1', awareAt: '2026-03-01T10:00:00.000Z' });
    expect(ids(plan)).toEqual(['contain', 'assess', 'report-to-authority', 'notify-individuals', 'remediate', 'review']);
    expect(task(plan, 'contain')).toMatchObject({ deadline: 'containment', dueAt: '2026-03-01T11:00:00.000Z', remindAt: '2026-03-01T10:45:00.000Z', onMiss: 'case-manager' });
    expect(task(plan, 'report-to-authority')).toMatchObject({ deadline: 'authority-report', dueAt: '2026-03-01T14:00:00.000Z', remindAt: '2026-03-01T13:00:00.000Z' });
    expect(task(plan, 'notify-individuals')).toMatchObject({ deadline: 'individual-notice', dueAt: '2026-03-02T10:00:00.000Z', onComplete: 'send-individual-notices' });
    expect(task(plan, 'assess')).toMatchObject({ dueAt: '2026-03-01T11:00:00.000Z', overridden: false });
    expect(task(plan, 'remediate')?.dueAt).toBe('2026-03-08T10:00:00.000Z');
    expect(task(plan, 'review')).toMatchObject({ afterHandlingEnds: 'P30D', endsHandling: false });
    expect(task(plan, 'review')?.dueAt).toBeUndefined();
  });

  it.each([
    ['ordinary', '2026-03-01T14:00:00.000Z'],
    ['ciio', '2026-03-01T11:00:00.000Z'],
    ['state-organ', '2026-03-01T12:00:00.000Z'],
  ] as const)('CN 较大, %s operator: report due %s; the summary report waits for the end of handling', (operatorType, due) => {
    const plan = planIncident(CN_PIPL_PLAYBOOK, cn({ affected: 1_000_000, operatorType }), { awareAt });
    expect(task(plan, 'report-to-authority')?.dueAt).toBe(due);
    expect(task(plan, 'summary-report')).toMatchObject({ deadline: 'summary-report', afterHandlingEnds: 'P30D' });
  });

  it('CN harm avoided (PIPL Art. 57(2)): no notify-individuals task', () => {
    expect(ids(planIncident(CN_PIPL_PLAYBOOK, cn({ harmAvoided: true }), { awareAt }))).not.toContain('notify-individuals');
  });

  it('EU: 72 h authority report; individuals only on high risk; nothing to report when unlikely', () => {
    const eu = (risk: 'unlikely' | 'risk' | 'high') => planIncident(EU_GDPR_PLAYBOOK, gradeIncident({ affected: 10, jurisdiction: 'EU-GDPR', operatorType: 'ordinary', risk }), { awareAt });
    expect(task(eu('risk'), 'report-to-authority')?.dueAt).toBe('2026-03-04T10:00:00.000Z');
    expect(ids(eu('risk'))).not.toContain('notify-individuals');
    expect(task(eu('high'), 'notify-individuals')?.dueAt).toBe('2026-03-04T10:00:00.000Z');
    expect(ids(eu('unlikely'))).toEqual(['contain', 'assess', 'remediate', 'review']);
  });

  it('clock overrides shorten legal clocks (through the grade) and task targets; the reminder follows at 75%', () => {
    const overrides = splitClockOverrides({ containment: 'PT4S', 'authority-report': 'PT40S', assess: 'PT8S', review: 'PT20S' });
    expect(overrides).toEqual({ deadlines: { containment: 'PT4S', 'authority-report': 'PT40S' }, tasks: { assess: 'PT8S', review: 'PT20S' } });
    const plan = planIncident(CN_PIPL_PLAYBOOK, cn({ overrides: overrides.deadlines }), { awareAt, offsets: overrides.tasks });
    expect(task(plan, 'contain')).toMatchObject({ dueAt: '2026-03-01T10:00:04.000Z', remindAt: '2026-03-01T10:00:03.000Z', overridden: true });
    expect(task(plan, 'report-to-authority')).toMatchObject({ dueAt: '2026-03-01T10:00:40.000Z', remindAt: '2026-03-01T10:00:30.000Z' });
    expect(task(plan, 'assess')).toMatchObject({ dueAt: '2026-03-01T10:00:08.000Z', overridden: true });
    expect(task(plan, 'review')).toMatchObject({ afterHandlingEnds: 'PT20S', overridden: true });
    expect(task(plan, 'notify-individuals')).toMatchObject({ dueAt: '2026-03-02T10:00:00.000Z', overridden: false });
  });

  it('rejects unknown clock keys and malformed durations', () => {
    expect(() => splitClockOverrides({ contain: 'PT3S' })).toThrow(/Unknown incident clock "contain"/);
    expect(() => splitClockOverrides({ containment: '3 seconds' })).toThrow(DurationFormatError);
  });

  it('refuses a playbook that leaves a legal clock of the grade untracked, or of another jurisdiction', () => {
    const blind: IncidentPlaybook = { ...CN_PIPL_PLAYBOOK, steps: CN_PIPL_PLAYBOOK.steps.filter((s) => s.id !== 'report-to-authority') };
    expect(() => planIncident(blind, cn(), { awareAt })).toThrow(/tracks no task for authority-report/);
    expect(() => planIncident(EU_GDPR_PLAYBOOK, cn(), { awareAt })).toThrow(/is for EU-GDPR/);
    expect(() => planIncident(CN_PIPL_PLAYBOOK, cn(), { awareAt: new Date('nope') })).toThrow(RangeError);
  });

  it('scheduleAfterHandling counts the summary report 30 days from the end of handling, reminder at 75%', () => {
    const plan = planIncident(CN_PIPL_PLAYBOOK, cn({ affected: 1_000_000 }), { awareAt });
    const summary = task(plan, 'summary-report');
    if (!summary) throw new Error('summary-report missing');
    expect(scheduleAfterHandling(summary, new Date('2026-03-05T00:00:00.000Z'))).toEqual({ dueAt: '2026-04-04T00:00:00.000Z', remindAt: '2026-03-27T12:00:00.000Z' });
    expect(() => scheduleAfterHandling({ remindAtFraction: 0.5 }, awareAt)).toThrow(RangeError);
  });
});
