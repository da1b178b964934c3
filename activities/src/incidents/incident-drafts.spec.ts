import { CN_PIPL_PLAYBOOK, gradeIncident, planIncident } from '@handover/domain';
import type { IncidentRecord } from '@handover/persistence';
import { buildIncidentDrafts } from './incident-drafts';

const incident: IncidentRecord = {
  id: 'inc_d1',
  title: '备份外泄',
  caseId: 'cs_1',
  detectedAt: new Date('2026-03-01T10:00:00Z'),
  categories: ['bank_card', 'id_number'],
  drill: false,
  clockOverrides: {},
  createdAt: new Date('2026-03-01T10:05:00Z'),
  createdBy: 'key_1',
  status: 'assessing',
  notes: [],
};

describe('buildIncidentDrafts', () => {
  const grade = gradeIncident({ affected: 1_000_000, jurisdiction: 'CN-PIPL', operatorType: 'ciio' });
  const plan = planIncident(CN_PIPL_PLAYBOOK, grade, { awareAt: incident.detectedAt });
  const drafts = buildIncidentDrafts({
    incident, organisation: '甲珠宝', contact: 'dpo@shop.example', counts: { total: 1_000_000, withEmail: 900_000, phoneOnly: 90_000, unreachable: 10_000 },
    source: 'inventory', operatorType: 'ciio', grade, plan, generatedAt: new Date('2026-03-01T10:06:00Z'),
  });

  it('the authority report carries the CAC / Art. 57 fields: categories, cause, harm, measures, contact, count, tier, deadlines', () => {
    const r = drafts.report;
    expect(r).toMatchObject({ kind: 'initial', tier: 'larger', tierLabel: '较大', reportable: true, operatorType: 'ciio', contact: 'dpo@shop.example' });
    expect(r.categories.map((c) => c.code)).toEqual(['bank_card', 'id_number']);
    expect(r.categories[0]).toMatchObject({ 'zh-CN': '银行卡号', en: 'bank card number' });
    expect(r.cause).toContain('调查');
    expect(r.possibleHarm).toHaveLength(2);
    expect(r.measuresTaken.length).toBeGreaterThan(0);
    expect(r.individualsCanDo.length).toBe(2);
    expect(r.affected).toEqual({ total: 1_000_000, withEmail: 900_000, phoneOnly: 90_000, unreachable: 10_000, source: 'inventory' });
    expect(r.deadlines.find((d) => d.name === 'authority-report')).toMatchObject({ dueAt: '2026-03-01T11:00:00.000Z' });
    expect(r.deadlines.find((d) => d.name === 'summary-report')).toMatchObject({ dueAt: null, afterHandlingEnds: 'P30D' });
    expect(r.legalBasis.map((b) => b.ruleId)).toContain('cn-pipl.incident.tier.larger');
    expect(r.individualsNotified).toBe(true);
  });

  it('the notice draft holds both languages and only incident-level facts', () => {
    expect(drafts.notice['zh-CN'].subject).toContain('甲珠宝');
    expect(drafts.notice['zh-CN'].text).toContain('银行卡号');
    expect(drafts.notice.en.text).toContain('ID card number');
    expect(drafts.notice.wordingVersion).toContain('incident-notice/zh-CN');
    expect(JSON.stringify(drafts)).not.toMatch(/尊敬的[^客]/);
  });
});
