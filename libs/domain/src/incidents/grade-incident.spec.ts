import { DurationFormatError } from '../time/duration';
import { deadlineDueAt } from './deadline-due';
import { gradeIncident } from './grade-incident';
import { INCIDENT_TIER_LABELS_ZH, type IncidentGrade, type OperatorType } from './types';

const offsetOf = (g: IncidentGrade, name: string): string | undefined => g.deadlines.find((d) => d.name === name)?.offset;
const names = (g: IncidentGrade): string[] => g.deadlines.map((d) => d.name);

describe('CN-PIPL incident grading (docs/legal.md §7)', () => {
  const AUTHORITY: Record<OperatorType, string> = { ordinary: 'PT4H', ciio: 'PT1H', 'state-organ': 'PT2H' };
  const cases = (['ordinary', 'ciio', 'state-organ'] as const).flatMap((operatorType) => [
    [operatorType, 999_999, 'none', false, 'PT4H'] as const,
    [operatorType, 1_000_000, 'larger', true, AUTHORITY[operatorType]] as const,
    [operatorType, 10_000_000, 'major', true, AUTHORITY[operatorType]] as const,
    [operatorType, 100_000_000, 'especially-major', true, AUTHORITY[operatorType]] as const,
  ]);

  it.each(cases)('CAC Incident Measures Art. 4: %s operator, %i affected → %s, reportable %s, authority %s', (operatorType, affected, tier, reportable, authority) => {
    const g = gradeIncident({ affected, jurisdiction: 'CN-PIPL', operatorType });
    expect(g.tier).toBe(tier);
    expect(g.reportable).toBe(reportable);
    expect(offsetOf(g, 'authority-report')).toBe(authority);
    const article = g.deadlines.find((d) => d.name === 'authority-report')?.article;
    expect(article).toContain(reportable ? 'CAC Incident Reporting Measures (2025) Art. 4' : 'PIPL Art. 57');
  });

  it('PIPL Art. 57: below 较大 the authority clock still runs at the default 4 h whatever the operator', () => {
    expect(offsetOf(gradeIncident({ affected: 10, jurisdiction: 'CN-PIPL', operatorType: 'ciio' }), 'authority-report')).toBe('PT4H');
  });

  it('PIPL Art. 57: containment 1 h and individuals 24 h from awareness', () => {
    const g = gradeIncident({ affected: 1, jurisdiction: 'CN-PIPL', operatorType: 'ordinary' });
    expect(g.deadlines.find((d) => d.name === 'containment')).toMatchObject({ offset: 'PT1H', from: 'awareness' });
    expect(g.deadlines.find((d) => d.name === 'individual-notice')).toMatchObject({ offset: 'PT24H', from: 'awareness', article: expect.stringContaining('PIPL Art. 57') });
  });

  it('CAC Incident Measures Art. 8: reportable incidents get a 30-day summary after handling ends; others none', () => {
    const reportable = gradeIncident({ affected: 1_000_000, jurisdiction: 'CN-PIPL', operatorType: 'ordinary' });
    expect(reportable.deadlines.find((d) => d.name === 'summary-report')).toMatchObject({ offset: 'P30D', from: 'handling-ended' });
    expect(names(gradeIncident({ affected: 999_999, jurisdiction: 'CN-PIPL', operatorType: 'ordinary' }))).not.toContain('summary-report');
  });

  it('PIPL Art. 57(2): harm effectively avoided → individuals need not be told', () => {
    const g = gradeIncident({ affected: 5, jurisdiction: 'CN-PIPL', operatorType: 'ordinary', harmAvoided: true });
    expect(names(g)).toEqual(['containment', 'authority-report']);
  });

  it('CAC Incident Measures Annex: the tier reason cites the annex', () => {
    const g = gradeIncident({ affected: 10_000_000, jurisdiction: 'CN-PIPL', operatorType: 'ordinary' });
    expect(g.reasons[0]).toMatchObject({ ruleId: 'cn-pipl.incident.tier.major', article: expect.stringContaining('Annex') });
  });

  it('PIPL Art. 57: clocks can be overridden per organisation or test, other clocks untouched', () => {
    const g = gradeIncident({ affected: 2_000_000, jurisdiction: 'CN-PIPL', operatorType: 'ordinary', overrides: { 'authority-report': 'PT5S', 'summary-report': 'PT10S' } });
    expect(g.deadlines.find((d) => d.name === 'authority-report')).toMatchObject({ offset: 'PT5S', overridden: true });
    expect(g.deadlines.find((d) => d.name === 'summary-report')).toMatchObject({ offset: 'PT10S', overridden: true });
    expect(g.deadlines.find((d) => d.name === 'containment')).toMatchObject({ offset: 'PT1H', overridden: false });
  });

  it('PIPL Art. 57: an override for a deadline that does not apply adds nothing', () => {
    const g = gradeIncident({ affected: 1, jurisdiction: 'CN-PIPL', operatorType: 'ordinary', overrides: { 'summary-report': 'PT1S' } });
    expect(names(g)).not.toContain('summary-report');
  });

  it('PIPL Art. 57: invalid overrides and head counts are rejected', () => {
    expect(() => gradeIncident({ affected: 1, jurisdiction: 'CN-PIPL', operatorType: 'ordinary', overrides: { containment: 'P1M' } })).toThrow(DurationFormatError);
    expect(() => gradeIncident({ affected: -1, jurisdiction: 'CN-PIPL', operatorType: 'ordinary' })).toThrow(RangeError);
    expect(() => gradeIncident({ affected: 1.5, jurisdiction: 'CN-PIPL', operatorType: 'ordinary' })).toThrow(RangeError);
    expect(() => gradeIncident({ affected: 1, jurisdiction: 'CN-PIPL', operatorType: 'alien' as OperatorType })).toThrow('operatorType');
  });
});

describe('EU-GDPR incident clocks', () => {
  it.each(['ordinary', 'ciio', 'state-organ'] as const)('GDPR Art. 33(1): %s controller → authority within 72 h', (operatorType) => {
    const g = gradeIncident({ affected: 100_000_000, jurisdiction: 'EU-GDPR', operatorType });
    expect(g).toMatchObject({ tier: 'none', reportable: true });
    expect(g.deadlines.find((d) => d.name === 'authority-report')).toMatchObject({ offset: 'PT72H', article: 'GDPR Art. 33(1)' });
    expect(names(g)).not.toContain('summary-report');
  });

  it('GDPR Art. 34: individuals only on high risk', () => {
    expect(names(gradeIncident({ affected: 10, jurisdiction: 'EU-GDPR', operatorType: 'ordinary' }))).not.toContain('individual-notice');
    const high = gradeIncident({ affected: 10, jurisdiction: 'EU-GDPR', operatorType: 'ordinary', risk: 'high' });
    expect(high.deadlines.find((d) => d.name === 'individual-notice')?.article).toContain('GDPR Art. 34');
  });

  it('GDPR Art. 33(1): unlikely to result in a risk → not reportable, no authority clock', () => {
    const g = gradeIncident({ affected: 10, jurisdiction: 'EU-GDPR', operatorType: 'ordinary', risk: 'unlikely' });
    expect(g.reportable).toBe(false);
    expect(names(g)).toEqual(['containment']);
  });
});

describe('deadlineDueAt', () => {
  const awareAt = new Date('2026-03-01T10:00:00Z');

  it('CAC Incident Measures Art. 4: the authority report is due 4 h after awareness', () => {
    const g = gradeIncident({ affected: 1_000_000, jurisdiction: 'CN-PIPL', operatorType: 'ordinary' });
    const authority = g.deadlines.find((d) => d.name === 'authority-report');
    expect(authority && deadlineDueAt(authority, { awareAt })?.toISOString()).toBe('2026-03-01T14:00:00.000Z');
  });

  it('CAC Incident Measures Art. 8: the summary clock starts only when handling ends', () => {
    const g = gradeIncident({ affected: 1_000_000, jurisdiction: 'CN-PIPL', operatorType: 'ordinary' });
    const summary = g.deadlines.find((d) => d.name === 'summary-report');
    if (!summary) throw new Error('summary-report missing');
    expect(deadlineDueAt(summary, { awareAt })).toBeNull();
    expect(deadlineDueAt(summary, { awareAt, handlingEndedAt: new Date('2026-03-05T00:00:00Z') })?.toISOString()).toBe('2026-04-04T00:00:00.000Z');
  });
});

describe('docs/legal.md §7 grading table: every clock per operator type at the tier boundaries', () => {
  const awareAt = new Date('2026-03-01T00:00:00Z');
  const clocks = (g: IncidentGrade) => Object.fromEntries(g.deadlines.map((d) => [d.name, `${d.offset}/${d.from}`]));
  const AUTHORITY = { ordinary: 'PT4H', ciio: 'PT1H', 'state-organ': 'PT2H' } as const;
  const rows = (['ordinary', 'ciio', 'state-organ'] as const).flatMap((op) => [
    [op, 999_999, 'none', { containment: 'PT1H/awareness', 'authority-report': 'PT4H/awareness', 'individual-notice': 'PT24H/awareness' }] as const,
    [op, 1_000_000, 'larger', { containment: 'PT1H/awareness', 'authority-report': `${AUTHORITY[op]}/awareness`, 'individual-notice': 'PT24H/awareness', 'summary-report': 'P30D/handling-ended' }] as const,
    [op, 10_000_000, 'major', { containment: 'PT1H/awareness', 'authority-report': `${AUTHORITY[op]}/awareness`, 'individual-notice': 'PT24H/awareness', 'summary-report': 'P30D/handling-ended' }] as const,
  ]);

  it.each(rows)('CN %s, %i affected → %s with exactly these clocks', (operatorType, affected, tier, expected) => {
    const g = gradeIncident({ affected, jurisdiction: 'CN-PIPL', operatorType });
    expect(g.tier).toBe(tier);
    expect(INCIDENT_TIER_LABELS_ZH[g.tier]).toBe({ none: '一般及以下', larger: '较大', major: '重大' }[tier]);
    expect(clocks(g)).toEqual(expected);
  });

  it.each(['ordinary', 'ciio', 'state-organ'] as const)('CN %s: the authority report falls due at awareness + its hours', (operatorType) => {
    const hours = { ordinary: 4, ciio: 1, 'state-organ': 2 }[operatorType];
    const g = gradeIncident({ affected: 1_000_000, jurisdiction: 'CN-PIPL', operatorType });
    const authority = g.deadlines.find((d) => d.name === 'authority-report');
    expect(authority && deadlineDueAt(authority, { awareAt })?.getTime()).toBe(awareAt.getTime() + hours * 3_600_000);
  });

  it.each([999_999, 1_000_000, 10_000_000])('EU-GDPR, %i affected: no CAC tiers, authority due 72 h after awareness', (affected) => {
    for (const operatorType of ['ordinary', 'ciio', 'state-organ'] as const) {
      const g = gradeIncident({ affected, jurisdiction: 'EU-GDPR', operatorType });
      expect(g.tier).toBe('none');
      const authority = g.deadlines.find((d) => d.name === 'authority-report');
      expect(authority && deadlineDueAt(authority, { awareAt })?.toISOString()).toBe('2026-03-04T00:00:00.000Z');
    }
  });
});
