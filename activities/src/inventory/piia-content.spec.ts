import { CN_PIPL_PACK, decideCaseRequirements, DEFAULT_CASE_POLICY, type CaseFacts } from '@handover/domain';
import { renderPiiaHtml, type PiiaCounts } from '@handover/mail';
import { buildPiiaContent, samePiia, type PiiaInput } from './piia-content';

const counts = (overrides: Partial<PiiaCounts> = {}): PiiaCounts => ({
  customers: 10,
  byType: { individual: 8, enterprise: 2 },
  byTier: { core: 1, regular: 2, potential: 5, dormant: 2 },
  sensitive: { id_number: 4, bank_card: 1, minor: 1 },
  sensitiveCustomers: 4,
  minors: 1,
  unreachable: 2,
  crossBorder: 0,
  byRoute: { notice: 8, 'separate-consent': 0, 'guardian-consent': 1, 'notice-of-change': 0, delete: 0, hold: 1 },
  unrouted: 0,
  onHold: 1,
  ...overrides,
});

function input(facts: Partial<CaseFacts>, c: PiiaCounts = counts()): PiiaInput {
  const full: CaseFacts = {
    kind: 'bankruptcy',
    jurisdiction: 'CN-PIPL',
    hasRecipient: true,
    purposeChange: false,
    policy: { ...DEFAULT_CASE_POLICY },
    totalCustomers: c.customers,
    sensitiveCustomers: c.sensitiveCustomers,
    ...facts,
  };
  const crossBorder = full.hasRecipient && (full.recipientCountry ?? 'CN') !== 'CN';
  return {
    caseId: 'cs_<b>&1',
    version: 3,
    final: false,
    generatedAt: new Date('2025-03-01T00:00:00Z'),
    pack: CN_PIPL_PACK,
    facts: full,
    crossBorder,
    counts: c,
    requirements: decideCaseRequirements(full, CN_PIPL_PACK),
  };
}

describe('buildPiiaContent', () => {
  it('states Art. 22 lawfulness, the triggering articles and risks with their measures for a bankruptcy with a buyer', () => {
    const content = buildPiiaContent(input({}));
    expect(content.requirements.piiaRequired).toBe(true);
    expect(content.requirements.articles).toEqual(expect.arrayContaining(['PIPL Art. 55(3)', 'PIPL Art. 55(1)']));
    expect(content.assessment.lawfulness.text.en).toContain('Art. 22');
    const riskIds = content.assessment.risks.map((r) => r.id);
    expect(riskIds).toEqual(expect.arrayContaining(['R-SENSITIVE', 'R-MINORS', 'R-UNREACHABLE', 'R-HANDOVER-LEAK', 'R-OVER-RETENTION']));
    expect(riskIds).not.toContain('R-CROSS-BORDER');
    const measureIds = new Set(content.assessment.measures.map((m) => m.id));
    for (const risk of content.assessment.risks) for (const m of risk.measures) expect(measureIds.has(m)).toBe(true);
    expect(measureIds.has('M-ENCRYPTION')).toBe(true);
    expect(content.requirements.reasons.every((r) => Object.keys(r).sort().join() === 'article,ruleId')).toBe(true);
  });

  it('adds the cross-border risk, mechanism and separate consent for an asset sale abroad', () => {
    const content = buildPiiaContent(input({ kind: 'asset-sale', recipientCountry: 'SG' }, counts({ crossBorder: 9 })));
    expect(content.case.crossBorder).toBe(true);
    // 4 people with sensitive data: below 10,000 but at least 1 → standard contract or certification.
    expect(content.requirements.crossBorderMechanism).toBe('standard-contract-or-certification');
    expect(content.assessment.lawfulness.text.en).toContain('Art. 23');
    expect(content.assessment.risks.find((r) => r.id === 'R-CROSS-BORDER')).toMatchObject({ level: 'high', affected: 9 });
    expect(content.assessment.measures.map((m) => m.id)).toEqual(expect.arrayContaining(['M-CROSS-BORDER', 'M-SEPARATE-CONSENT']));
  });

  it('says delete-and-tell (Art. 47) when there is no recipient, with no handover risk', () => {
    const content = buildPiiaContent(input({ hasRecipient: false }));
    expect(content.assessment.lawfulness.text.en).toContain('Art. 47');
    expect(content.requirements.handoverPackage).toBe(false);
    expect(content.assessment.risks.map((r) => r.id)).not.toContain('R-HANDOVER-LEAK');
  });

  it('treats two drafts with the same content as the same, whatever their version and time', () => {
    const a = buildPiiaContent(input({}));
    const b = { ...buildPiiaContent(input({})), version: 9, generatedAt: '2030-01-01T00:00:00.000Z' };
    expect(samePiia(a, b)).toBe(true);
    expect(samePiia(a, buildPiiaContent(input({}, counts({ customers: 11 }))))).toBe(false);
  });
});

describe('renderPiiaHtml', () => {
  it('renders zh-CN and English headings, declares UTF-8 and escapes values', () => {
    const html = renderPiiaHtml(buildPiiaContent(input({ kind: 'asset-sale', recipientCountry: 'SG' })));
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('个人信息保护影响评估报告');
    expect(html).toContain('Personal information protection impact assessment');
    expect(html).toContain('七、安全风险');
    expect(html).toContain('7. Risks');
    expect(html).toContain('cs_&lt;b&gt;&amp;1');
    expect(html).not.toContain('cs_<b>');
    expect(html).toContain('单独同意');
  });
});
