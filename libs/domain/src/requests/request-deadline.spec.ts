import { correctionsProblem, normaliseCorrections } from './corrections';
import { defaultComplaintRoutes } from './complaint-routes';
import { CN_CALENDAR_2026, WEEKENDS_ONLY_CALENDAR } from './calendars';
import { extendRequestDeadline, planRequestDeadline } from './request-deadline';
import { excludesFromTransfer, isBeforeHandover } from './request-types';

describe('planRequestDeadline', () => {
  it('GB/T 35273 §8.5: CN, Labour Day (1–5 May) inside the window and the make-up Saturday 9 May counts', () => {
    const plan = planRequestDeadline({ filedAt: new Date('2026-04-30T03:00:00Z'), jurisdiction: 'CN-PIPL', calendar: CN_CALENDAR_2026 });
    // 6,7,8 May (3) + Sat 9 May make-up (4) + 11–15 (9) + 18–22 (14) + 25 May (15)
    expect(plan.dueDate).toBe('2026-05-25');
    expect(plan.dueAt).toBe('2026-05-25T23:59:59.999Z');
    expect(plan.calendarId).toBe('CN-2026');
    expect(plan.reasons[0]?.ruleId).toBe('cn-pipl.request.sla');
    // the reminder lies at 75% of the window, before the due time
    expect(Date.parse(plan.remindAt)).toBeGreaterThan(Date.parse('2026-04-30T03:00:00Z'));
    expect(Date.parse(plan.remindAt)).toBeLessThan(Date.parse(plan.dueAt));
  });

  it('GDPR Art. 12(3): EU one month, rolled to the next working day', () => {
    expect(planRequestDeadline({ filedAt: new Date('2026-01-31T12:00:00Z'), jurisdiction: 'EU-GDPR', calendar: WEEKENDS_ONLY_CALENDAR }).dueDate).toBe('2026-03-02');
  });

  it('a case policy requestDeadline overrides the profile (tests use PT5S)', () => {
    const plan = planRequestDeadline({ filedAt: new Date('2026-04-30T03:00:00Z'), jurisdiction: 'CN-PIPL', calendar: CN_CALENDAR_2026, override: 'PT5S' });
    expect(plan.dueAt).toBe('2026-04-30T03:00:05.000Z');
    expect(plan.remindAt).toBe('2026-04-30T03:00:03.750Z');
    expect(plan.reasons[0]?.ruleId).toBe('policy.request-deadline');
    expect(() => planRequestDeadline({ filedAt: new Date(), jurisdiction: 'CN-PIPL', calendar: CN_CALENDAR_2026, override: '5 seconds' })).toThrow();
  });
});

describe('extendRequestDeadline', () => {
  const filedAt = new Date('2026-04-30T03:00:00Z');

  it('CN: one further 15 working days after the current due date', () => {
    const current = planRequestDeadline({ filedAt, jurisdiction: 'CN-PIPL', calendar: CN_CALENDAR_2026 });
    const extended = extendRequestDeadline({ filedAt, jurisdiction: 'CN-PIPL', calendar: CN_CALENDAR_2026, current, at: new Date('2026-05-20T00:00:00Z') });
    // 26 May … 15 Jun (Dragon Boat 19 Jun is after it)
    expect(extended.dueDate).toBe('2026-06-15');
    expect(extended.reasons.map((r) => r.ruleId)).toEqual(['cn-pipl.request.sla', 'cn-pipl.request.sla.extension']);
  });

  it('GDPR Art. 12(3): EU two further months', () => {
    const at = new Date('2026-03-20T00:00:00Z');
    const current = planRequestDeadline({ filedAt: new Date('2026-03-10T12:00:00Z'), jurisdiction: 'EU-GDPR', calendar: WEEKENDS_ONLY_CALENDAR });
    const extended = extendRequestDeadline({ filedAt: new Date('2026-03-10T12:00:00Z'), jurisdiction: 'EU-GDPR', calendar: WEEKENDS_ONLY_CALENDAR, current, at });
    expect(extended.dueDate).toBe('2026-06-10');
  });

  it('override: the duration once more', () => {
    const current = planRequestDeadline({ filedAt, jurisdiction: 'CN-PIPL', calendar: CN_CALENDAR_2026, override: 'PT5S' });
    expect(extendRequestDeadline({ filedAt, jurisdiction: 'CN-PIPL', calendar: CN_CALENDAR_2026, override: 'PT5S', current, at: filedAt }).dueAt).toBe('2026-04-30T03:00:10.000Z');
  });
});

describe('request effects', () => {
  it('PIPL Art. 47: deletion and objection exclude from the transfer only before handover', () => {
    expect(excludesFromTransfer('delete')).toBe('deletion-request');
    expect(excludesFromTransfer('object')).toBe('objection');
    expect(excludesFromTransfer('access')).toBeNull();
    expect(isBeforeHandover('consent')).toBe(true);
    expect(isBeforeHandover('handover')).toBe(false);
  });

  it('PIPL Art. 50: a refusal names complaint routes per jurisdiction', () => {
    expect(defaultComplaintRoutes('CN-PIPL').map((r) => r.article)).toContain('PIPL Art. 65');
    expect(defaultComplaintRoutes('EU-GDPR').map((r) => r.article)).toContain('GDPR Art. 77');
  });
});

describe('corrections (PIPL Art. 46)', () => {
  it('names the field at fault, never the value', () => {
    expect(correctionsProblem({ email: 'not-an-address' })).toEqual({ field: 'corrections.email', reason: 'not an email address' });
    expect(correctionsProblem({ idNumber: '110101199003074578' })?.field).toBe('corrections.idNumber');
    expect(correctionsProblem({})?.field).toBe('corrections');
    expect(correctionsProblem({ name: '新名字', phone: '+86 138-0000-0000' })).toBeNull();
  });

  it('normalises like the inventory import', () => {
    expect(normaliseCorrections({ name: ' 新名字 ', phone: '+86 138-0000-0000' })).toEqual({ name: '新名字', phone: '13800000000' });
  });
});
