import { decideCaseRequirements } from './case-requirements';
import { decideRoute } from './decide-route';
import { getRulePack } from './get-rule-pack';
import { CN_PIPL_PACK } from './packs/cn-pipl.pack';
import { EU_GDPR_PACK } from './packs/eu-gdpr.pack';
import { CASE_KINDS, type CaseFacts, type CaseKind, type CustomerFacts, type RouteDecision } from './types';

const cn = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  kind: 'merger',
  jurisdiction: 'CN-PIPL',
  hasRecipient: true,
  recipientCountry: 'CN',
  purposeChange: false,
  policy: { minors: 'guardian-consent', sensitive: 'notice' },
  ...over,
});
const eu = (over: Partial<CaseFacts> = {}): CaseFacts => cn({ jurisdiction: 'EU-GDPR', recipientCountry: 'DE', ...over });
const customer = (over: Partial<CustomerFacts> = {}): CustomerFacts => ({ minor: false, sensitive: [], reachable: true, legalHold: null, ...over });
const ids = (d: { reasons: Array<{ ruleId: string }> }): string[] => d.reasons.map((r) => r.ruleId);
const HOLD = { ruleId: 'cn-pipl.retention.accounting-archives', until: '2040-12-31' };
const SUCCESSOR_KINDS = ['merger', 'division', 'dissolution', 'bankruptcy'] as const;

describe('CN-PIPL base routes (docs/legal.md §1 table)', () => {
  it.each(SUCCESSOR_KINDS)('PIPL Art. 22: %s → notice', (kind) => {
    const d = decideRoute(cn({ kind }), customer());
    expect(d).toMatchObject({ route: 'notice', transferable: true, handover: true, noticeChannel: 'individual', noticeAdditions: [] });
    expect(d.reasons).toEqual([expect.objectContaining({ ruleId: `cn-pipl.route.${kind}`, article: 'PIPL Art. 22' })]);
    expect(d).toMatchObject({ jurisdiction: 'CN-PIPL', packVersion: CN_PIPL_PACK.version });
  });

  it('PIPL Art. 23: asset-sale → separate consent', () => {
    const d = decideRoute(cn({ kind: 'asset-sale' }), customer());
    expect(d.route).toBe('separate-consent');
    expect(d.transferable).toBe(true);
    expect(d.noticeAdditions).toEqual(['art23-purpose-method-categories']);
    expect(d.reasons[0]).toMatchObject({ ruleId: 'cn-pipl.route.asset-sale', article: 'PIPL Art. 23' });
  });

  it('PIPL Art. 22 determination: asset-sale with recorded art22 legal basis → notice', () => {
    const facts = cn({ kind: 'asset-sale', legalBasisDetermination: { basis: 'art22', author: 'Li Wei, counsel', note: 'business transfer, opinion 2026-03' } });
    const d = decideRoute(facts, customer());
    expect(d.route).toBe('notice');
    expect(d.noticeAdditions).toEqual([]);
    expect(d.reasons[0]).toMatchObject({ ruleId: 'cn-pipl.route.asset-sale.art22-determination', article: 'PIPL Art. 22' });
    expect(d.reasons[0]?.summary).toContain('Li Wei, counsel');
    expect(d.reasons[0]?.summary).toContain('opinion 2026-03');
  });

  it('PIPL Art. 23: an art22 determination without an author is not applied', () => {
    const d = decideRoute(cn({ kind: 'asset-sale', legalBasisDetermination: { basis: 'art22', author: '  ', note: 'x' } }), customer());
    expect(d.route).toBe('separate-consent');
    expect(d.reasons[0]?.summary).toContain('no author');
  });

  it('PIPL Art. 17(2): equity-transfer → notice of change, no handover', () => {
    const d = decideRoute(cn({ kind: 'equity-transfer' }), customer());
    expect(d).toMatchObject({ route: 'notice-of-change', handover: false, transferable: true });
    expect(d.reasons[0]).toMatchObject({ ruleId: 'cn-pipl.route.equity-transfer', article: 'PIPL Art. 17(2)' });
    expect(decideCaseRequirements(cn({ kind: 'equity-transfer' })).handoverPackage).toBe(false);
  });

  it('PIPL Art. 17(2): equity-transfer without a recipient is still a notice of change (processor survives, nothing deleted)', () => {
    const d = decideRoute(cn({ kind: 'equity-transfer', hasRecipient: false }), customer());
    expect(d.route).toBe('notice-of-change');
    expect(d.transferable).toBe(true);
  });

  it('PIPL Art. 47: branch-deregistration returning data to the head office → notice of change', () => {
    const d = decideRoute(cn({ kind: 'branch-deregistration', recipientIsSameLegalEntity: true }), customer());
    expect(d).toMatchObject({ route: 'notice-of-change', handover: true, transferable: true });
    expect(ids(d)).toEqual(['cn-pipl.route.branch-deregistration.head-office']);
    expect(d.reasons[0]?.article).toContain('Art. 47');
  });

  it('PIPL Art. 47: branch-deregistration with recipientIsSameLegalEntity unset assumes the head office, and says so', () => {
    const d = decideRoute(cn({ kind: 'branch-deregistration' }), customer());
    expect(d.route).toBe('notice-of-change');
    expect(d.reasons[0]?.summary).toContain('assumed to be the head office');
  });

  it('PIPL Art. 47 / Art. 23: branch-deregistration to another legal entity → as asset-sale (separate consent)', () => {
    const d = decideRoute(cn({ kind: 'branch-deregistration', recipientIsSameLegalEntity: false }), customer());
    expect(d.route).toBe('separate-consent');
    expect(ids(d)).toEqual(['cn-pipl.route.branch-deregistration.other-entity', 'cn-pipl.route.asset-sale']);
    expect(d.reasons[0]?.article).toBe('PIPL Art. 47, Art. 23');
  });

  it.each(CASE_KINDS.filter((k) => k !== 'equity-transfer'))('PIPL Art. 47(2): %s with no recipient → delete', (kind) => {
    const d = decideRoute(cn({ kind, hasRecipient: false }), customer());
    expect(d).toMatchObject({ route: 'delete', transferable: false, handover: false });
    expect(d.reasons).toEqual([expect.objectContaining({ ruleId: 'cn-pipl.route.no-recipient', article: expect.stringContaining('Art. 47(1)(2)') })]);
  });

  it('PIPL Art. 47(1)(2): retention expired → delete, never transferred, whatever the kind', () => {
    const d = decideRoute(cn({ kind: 'merger' }), customer({ retentionExpired: true, minor: true, sensitive: ['id_number'] }));
    expect(d).toMatchObject({ route: 'delete', transferable: false, handover: false, noticeAdditions: [] });
    expect(ids(d)).toEqual(['cn-pipl.route.retention-expired']);
  });
});

describe('CN-PIPL modifiers, in the order of docs/legal.md §1', () => {
  it('PIPL Art. 22 (last sentence): purpose change → separate consent for everyone', () => {
    const d = decideRoute(cn({ purposeChange: true }), customer());
    expect(d.route).toBe('separate-consent');
    expect(d.noticeAdditions).toContain('art23-purpose-method-categories');
    expect(ids(d)).toEqual(['cn-pipl.route.merger', 'cn-pipl.modifier.purpose-change']);
    expect(d.reasons[1]?.article).toContain('Art. 22 (last sentence)');
  });

  it('PIPL Art. 22 (last sentence): purpose change on a head-office return also needs consent', () => {
    const d = decideRoute(cn({ kind: 'branch-deregistration', recipientIsSameLegalEntity: true, purposeChange: true }), customer());
    expect(d.route).toBe('separate-consent');
  });

  it('PIPL Art. 14(2): purpose change in an equity-transfer keeps the notice of change and records why', () => {
    const d = decideRoute(cn({ kind: 'equity-transfer', purposeChange: true }), customer());
    expect(d.route).toBe('notice-of-change');
    expect(ids(d)).toContain('cn-pipl.modifier.purpose-change.unchanged-processor');
  });

  it('PIPL Art. 22 (last sentence): purpose change does not revive a delete route', () => {
    const d = decideRoute(cn({ hasRecipient: false, purposeChange: true }), customer());
    expect(d.route).toBe('delete');
    expect(ids(d)).not.toContain('cn-pipl.modifier.purpose-change');
  });

  it('PIPL Art. 39: cross-border recipient → separate consent, notice adds the foreign recipient rights', () => {
    const d = decideRoute(cn({ recipientCountry: 'us' }), customer());
    expect(d.route).toBe('separate-consent');
    expect(d.noticeAdditions).toEqual(expect.arrayContaining(['art39-foreign-rights', 'art23-purpose-method-categories']));
    expect(d.reasons[1]).toMatchObject({ ruleId: 'cn-pipl.modifier.cross-border', article: 'PIPL Art. 39, Art. 38' });
    expect(d.reasons[1]?.summary).toContain('US');
  });

  it('PIPL Art. 39: Hong Kong is outside the mainland → cross-border', () => {
    expect(decideRoute(cn({ recipientCountry: 'HK' }), customer()).route).toBe('separate-consent');
  });

  it('PIPL Art. 39: a mainland recipient, or no country given, is not cross-border', () => {
    expect(decideRoute(cn({ recipientCountry: 'CN' }), customer()).route).toBe('notice');
    expect(decideRoute(cn({ recipientCountry: undefined }), customer()).route).toBe('notice');
  });

  it('PIPL Art. 39: equity-transfer to a foreign owner moves no data → no cross-border consent', () => {
    const d = decideRoute(cn({ kind: 'equity-transfer', recipientCountry: 'SG' }), customer());
    expect(d.route).toBe('notice-of-change');
    expect(decideCaseRequirements(cn({ kind: 'equity-transfer', recipientCountry: 'SG' })).crossBorderMechanism).toBeNull();
  });

  it('PIPL Art. 39: head-office return abroad is still an export → separate consent', () => {
    const d = decideRoute(cn({ kind: 'branch-deregistration', recipientIsSameLegalEntity: true, recipientCountry: 'DE' }), customer());
    expect(d.route).toBe('separate-consent');
    expect(d.noticeAdditions).toContain('art39-foreign-rights');
  });

  it.each([
    [99_999, 0, 'exempt'],
    [100_000, 0, 'standard-contract-or-certification'],
    [999_999, 0, 'standard-contract-or-certification'],
    [1_000_000, 0, 'cac-security-assessment'],
    [50_000, 9_999, 'standard-contract-or-certification'],
    [50_000, 10_000, 'cac-security-assessment'],
    [99_999, 1, 'standard-contract-or-certification'],
  ] as const)('PIPL Art. 38: %i people, %i with sensitive data → %s', (totalCustomers, sensitiveCustomers, mechanism) => {
    const req = decideCaseRequirements(cn({ recipientCountry: 'US', totalCustomers, sensitiveCustomers }));
    expect(req.crossBorderMechanism).toBe(mechanism);
    expect(req.reasons).toContainEqual(expect.objectContaining({ ruleId: 'cn-pipl.case.cross-border-mechanism', article: expect.stringContaining('PIPL Art. 38') }));
  });

  it('PIPL Art. 38: head count unknown → strictest mechanism (security assessment)', () => {
    const req = decideCaseRequirements(cn({ recipientCountry: 'US' }));
    expect(req.crossBorderMechanism).toBe('cac-security-assessment');
    expect(req.reasons.find((r) => r.ruleId === 'cn-pipl.case.cross-border-mechanism')?.summary).toContain('unknown');
  });

  it('PIPL Art. 38: a domestic case records no mechanism', () => {
    expect(decideCaseRequirements(cn({ totalCustomers: 5_000_000 })).crossBorderMechanism).toBeNull();
  });

  it('PIPL Art. 38: negative head counts are rejected', () => {
    expect(() => decideCaseRequirements(cn({ recipientCountry: 'US', totalCustomers: -1 }))).toThrow(RangeError);
  });

  it('PIPL Art. 31: minor on a notice route → guardian consent', () => {
    const d = decideRoute(cn(), customer({ minor: true }));
    expect(d.route).toBe('guardian-consent');
    expect(d.reasons[1]).toMatchObject({ ruleId: 'cn-pipl.modifier.minor', article: 'PIPL Art. 31, Art. 28' });
    expect(d.reasons[1]?.summary).toContain('under 14');
  });

  it('PIPL Art. 31: minor overrides separate consent from purpose change and cross-border', () => {
    const d = decideRoute(cn({ kind: 'asset-sale', purposeChange: true, recipientCountry: 'JP' }), customer({ minor: true }));
    expect(d.route).toBe('guardian-consent');
    expect(ids(d)).toEqual([
      'cn-pipl.route.asset-sale',
      'cn-pipl.modifier.purpose-change',
      'cn-pipl.modifier.cross-border',
      'cn-pipl.modifier.minor',
    ]);
  });

  it('PIPL Art. 31: policy.minors = separate-consent gives separate consent instead', () => {
    const d = decideRoute(cn({ policy: { minors: 'separate-consent', sensitive: 'notice' } }), customer({ minor: true }));
    expect(d.route).toBe('separate-consent');
  });

  it('PIPL Art. 31: minor under a running legal hold with no recipient → hold (hold wins)', () => {
    const d = decideRoute(cn({ hasRecipient: false }), customer({ minor: true, legalHold: HOLD }));
    expect(d.route).toBe('hold');
  });

  it('PIPL Art. 31: minor with no recipient → delete (nothing to consent to)', () => {
    expect(decideRoute(cn({ hasRecipient: false }), customer({ minor: true })).route).toBe('delete');
  });

  it('PIPL Art. 31: minor in an equity-transfer keeps the notice of change (no consent, nothing moves)', () => {
    expect(decideRoute(cn({ kind: 'equity-transfer' }), customer({ minor: true })).route).toBe('notice-of-change');
  });

  it('PIPL Art. 30: sensitive data on a notice route → notice adds necessity and impact', () => {
    const d = decideRoute(cn(), customer({ sensitive: ['id_number', 'bank_card'] }));
    expect(d.route).toBe('notice');
    expect(d.noticeAdditions).toEqual(['art30-necessity-impact']);
    expect(d.reasons[1]).toMatchObject({ ruleId: 'cn-pipl.modifier.sensitive.notice', article: 'PIPL Art. 30, Art. 28' });
    expect(d.reasons[1]?.summary).toContain('id_number, bank_card');
  });

  it('PIPL Art. 29: policy.sensitive = separate-consent → separate consent', () => {
    const d = decideRoute(cn({ policy: { minors: 'guardian-consent', sensitive: 'separate-consent' } }), customer({ sensitive: ['health'] }));
    expect(d.route).toBe('separate-consent');
    expect(ids(d)).toEqual(['cn-pipl.route.merger', 'cn-pipl.modifier.sensitive.notice', 'cn-pipl.modifier.sensitive.separate-consent']);
  });

  it('PIPL Art. 29: policy.sensitive does not weaken guardian consent', () => {
    const facts = cn({ policy: { minors: 'guardian-consent', sensitive: 'separate-consent' } });
    expect(decideRoute(facts, customer({ minor: true, sensitive: ['minor', 'id_number'] })).route).toBe('guardian-consent');
  });

  it('PIPL Art. 30: categories the pack does not know are not sensitive', () => {
    const d = decideRoute(cn(), customer({ sensitive: ['shoe_size'] }));
    expect(d.noticeAdditions).toEqual([]);
    expect(d.reasons).toHaveLength(1);
  });

  it('NDSMR Art. 11: unreachable on a notice route → public announcement, still transferable', () => {
    const d = decideRoute(cn(), customer({ reachable: false }));
    expect(d).toMatchObject({ route: 'notice', noticeChannel: 'public-announcement', transferable: true, handover: true });
    expect(d.reasons[1]).toMatchObject({ ruleId: 'cn-pipl.modifier.unreachable.announcement', article: expect.stringContaining('NDSMR Art. 11') });
  });

  it('PIPL Art. 14 / Art. 23: unreachable on a consent route → not transferable', () => {
    const d = decideRoute(cn({ kind: 'asset-sale' }), customer({ reachable: false }));
    expect(d).toMatchObject({ route: 'separate-consent', transferable: false, handover: false });
    expect(ids(d)).toContain('cn-pipl.modifier.unreachable.not-transferable');
  });

  it('PIPL Art. 31 + NDSMR Art. 11: unreachable minor (guardian consent) → not transferable', () => {
    expect(decideRoute(cn(), customer({ minor: true, reachable: false })).transferable).toBe(false);
  });

  it('PIPL Art. 47: legal hold with no recipient → hold with until date', () => {
    const d = decideRoute(cn({ hasRecipient: false }), customer({ legalHold: HOLD }), CN_PIPL_PACK, { asOf: new Date('2026-05-01T00:00:00Z') });
    expect(d).toMatchObject({ route: 'hold', transferable: false, handover: false, legalHold: HOLD });
    const reason = d.reasons.find((r) => r.ruleId === 'cn-pipl.modifier.legal-hold');
    expect(reason?.article).toContain('PIPL Art. 47');
    expect(reason?.summary).toContain('until 2040-12-31');
  });

  it('PIPL Art. 47: hold wins over delete for an expired retention period', () => {
    expect(decideRoute(cn(), customer({ retentionExpired: true, legalHold: HOLD })).route).toBe('hold');
  });

  it('PIPL Art. 47: a record that cannot move (unreachable, consent route) is held, not deleted', () => {
    const d = decideRoute(cn({ kind: 'asset-sale' }), customer({ reachable: false, legalHold: HOLD }));
    expect(d.route).toBe('hold');
    expect(d.noticeAdditions).toEqual([]);
  });

  it('PIPL Art. 47: a hold on a transferable record keeps its route and records the storage-only fallback', () => {
    const d = decideRoute(cn(), customer({ legalHold: HOLD }));
    expect(d).toMatchObject({ route: 'notice', transferable: true, legalHold: HOLD });
    expect(ids(d)).toContain('cn-pipl.modifier.legal-hold.fallback');
  });

  it('PIPL Art. 47: a hold runs through its until date and ends after it', () => {
    const facts = cn({ hasRecipient: false });
    const hold = { ruleId: 'cn-pipl.retention.ecommerce-platform-transactions', until: '2026-06-30' };
    expect(decideRoute(facts, customer({ legalHold: hold }), CN_PIPL_PACK, { asOf: new Date('2026-06-30T23:00:00Z') }).route).toBe('hold');
    const after = decideRoute(facts, customer({ legalHold: hold }), CN_PIPL_PACK, { asOf: new Date('2026-07-01T00:00:00Z') });
    expect(after.route).toBe('delete');
    expect(after.legalHold).toBeNull();
    expect(ids(after)).toContain('cn-pipl.modifier.legal-hold.expired');
  });

  it('PIPL Art. 47: without asOf a hold is treated as running (never delete by default)', () => {
    const hold = { ruleId: 'cn-pipl.retention.network-logs', until: '2001-01-01' };
    expect(decideRoute(cn({ hasRecipient: false }), customer({ legalHold: hold })).route).toBe('hold');
  });

  it('PIPL Art. 47: a malformed until date is rejected', () => {
    expect(() => decideRoute(cn(), customer({ legalHold: { ruleId: 'x', until: '2040-13-01' } }))).toThrow(RangeError);
  });

  it('docs/legal.md §1 order: base route, then modifiers 1-6, each reason citing its rule', () => {
    const d = decideRoute(
      cn({ purposeChange: true, recipientCountry: 'US' }),
      customer({ minor: true, sensitive: ['minor'], reachable: false, legalHold: HOLD }),
    );
    expect(ids(d)).toEqual([
      'cn-pipl.route.merger',
      'cn-pipl.modifier.purpose-change',
      'cn-pipl.modifier.cross-border',
      'cn-pipl.modifier.minor',
      'cn-pipl.modifier.sensitive.notice',
      'cn-pipl.modifier.unreachable.announcement',
      'cn-pipl.modifier.unreachable.not-transferable',
      'cn-pipl.modifier.legal-hold',
    ]);
    expect(d.route).toBe('hold');
  });

  it('PIPL (all rules): every reason of every combination carries a rule id and an article', () => {
    const decisions: RouteDecision[] = [];
    for (const kind of CASE_KINDS) {
      for (const hasRecipient of [true, false]) {
        for (const purposeChange of [true, false]) {
          for (const recipientCountry of ['CN', 'US']) {
            for (const c of [customer(), customer({ minor: true, sensitive: ['minor'], reachable: false, legalHold: HOLD }), customer({ retentionExpired: true })]) {
              decisions.push(decideRoute(cn({ kind, hasRecipient, purposeChange, recipientCountry }), c));
            }
          }
        }
      }
    }
    const reasons = decisions.flatMap((d) => d.reasons);
    expect(reasons.length).toBeGreaterThan(decisions.length);
    for (const r of reasons) {
      expect(r.ruleId).toMatch(/^cn-pipl\./);
      expect(r.article).toMatch(/(PIPL|NDSMR|GB\/T) /);
      expect(r.summary.length).toBeGreaterThan(10);
    }
  });
});

describe('CN-PIPL case requirements', () => {
  it('PIPL Art. 55(3): merger → PIIA before the transfer, handover package', () => {
    const req = decideCaseRequirements(cn({ totalCustomers: 10, sensitiveCustomers: 0 }));
    expect(req).toMatchObject({ handoverPackage: true, crossBorderMechanism: null, piia: { required: true, articles: ['PIPL Art. 55(3)'] } });
    expect(req.reasons).toContainEqual(expect.objectContaining({ ruleId: 'cn-pipl.case.piia', article: 'PIPL Art. 55, Art. 56' }));
  });

  it('PIPL Art. 55(1), 55(3), 55(4): cross-border sale with sensitive data cites all three', () => {
    const req = decideCaseRequirements(cn({ kind: 'asset-sale', recipientCountry: 'SG', totalCustomers: 500, sensitiveCustomers: 20 }));
    expect(req.piia.articles).toEqual(['PIPL Art. 55(3)', 'PIPL Art. 55(1)', 'PIPL Art. 55(4)']);
    expect(req.crossBorderMechanism).toBe('standard-contract-or-certification');
  });

  it('PIPL Art. 17(2): equity-transfer → no handover package, no PIIA', () => {
    expect(decideCaseRequirements(cn({ kind: 'equity-transfer', sensitiveCustomers: 5 }))).toMatchObject({
      handoverPackage: false,
      crossBorderMechanism: null,
      piia: { required: false, articles: [] },
    });
  });

  it('PIPL Art. 47(2): no recipient → no handover package, no PIIA', () => {
    expect(decideCaseRequirements(cn({ kind: 'bankruptcy', hasRecipient: false, recipientCountry: 'US' }))).toMatchObject({
      handoverPackage: false,
      crossBorderMechanism: null,
      piia: { required: false },
    });
  });

  it('PIPL Art. 55: head-office return inside the mainland provides to no other processor → no PIIA', () => {
    const req = decideCaseRequirements(cn({ kind: 'branch-deregistration', recipientIsSameLegalEntity: true, sensitiveCustomers: 0 }));
    expect(req.handoverPackage).toBe(true);
    expect(req.piia.required).toBe(false);
  });

  it('NDSMR Art. 32: a merger of ≥ 10,000,000 people → disposal plan reported; 9,999,999 → not', () => {
    const big = decideCaseRequirements(cn({ totalCustomers: 10_000_000 }));
    expect(big.regulatorDisposalReport).toBe(true);
    expect(big.reasons).toContainEqual(expect.objectContaining({ ruleId: 'cn-pipl.case.ndsmr-disposal-report', article: 'NDSMR Art. 28, Art. 32' }));
    expect(decideCaseRequirements(cn({ totalCustomers: 9_999_999 })).regulatorDisposalReport).toBe(false);
    expect(decideCaseRequirements(cn({ kind: 'asset-sale', totalCustomers: 20_000_000 })).regulatorDisposalReport).toBe(false);
  });
});

describe('what a customer\'s route depends on', () => {
  // decideRoutes decides without the case's totals (counting them was a pass over the case): only the
  // case-level requirements use them. If a route rule ever reads them, this fails.
  it.each([
    ['bankruptcy to a recipient abroad', cn({ kind: 'bankruptcy', recipientCountry: 'US' })],
    ['asset sale', cn({ kind: 'asset-sale' })],
    ['no recipient', cn({ kind: 'dissolution', hasRecipient: false })],
    ['EU merger', eu()],
  ])('gives the same route whatever the totals: %s', (_label, facts) => {
    const customers = [customer(), customer({ minor: true }), customer({ sensitive: ['health', 'id_number'] }), customer({ reachable: false }), customer({ legalHold: HOLD })];
    for (const c of customers) {
      const without = decideRoute(facts, c, undefined, { asOf: new Date('2026-12-01T00:00:00Z') });
      const small = decideRoute({ ...facts, totalCustomers: 3, sensitiveCustomers: 0 }, c, undefined, { asOf: new Date('2026-12-01T00:00:00Z') });
      const large = decideRoute({ ...facts, totalCustomers: 5_000_000, sensitiveCustomers: 2_000_000 }, c, undefined, { asOf: new Date('2026-12-01T00:00:00Z') });
      expect(small).toEqual(without);
      expect(large).toEqual(without);
    }
  });
});

describe('rule packs as data', () => {
  it('PIPL pack: getRulePack returns the versioned packs; unknown jurisdictions throw', () => {
    expect(getRulePack('CN-PIPL')).toBe(CN_PIPL_PACK);
    expect(getRulePack('EU-GDPR')).toBe(EU_GDPR_PACK);
    expect(CN_PIPL_PACK.version).toMatch(/^\d{4}\.\d+$/);
    expect(() => getRulePack('US-CCPA' as never)).toThrow('No rule pack');
  });

  it('PIPL Art. 28 / 31: minor age thresholds are pack parameters (CN 14, EU 16)', () => {
    expect(CN_PIPL_PACK.minorAgeThreshold).toBe(14);
    expect(EU_GDPR_PACK.minorAgeThreshold).toBe(16);
  });

  it.each([CN_PIPL_PACK, EU_GDPR_PACK])('$id pack: every base rule names an article and route', (pack) => {
    const kinds: CaseKind[] = [...CASE_KINDS];
    for (const kind of kinds) {
      expect(pack.routes.byKind[kind].article).not.toBe('');
      expect(pack.routes.byKind[kind].id.startsWith(pack.id.toLowerCase())).toBe(true);
    }
  });

  it('PIPL pack: a case in one jurisdiction cannot be decided with the other pack', () => {
    expect(() => decideRoute(cn(), customer(), EU_GDPR_PACK)).toThrow('does not match');
    expect(() => decideCaseRequirements(eu(), CN_PIPL_PACK)).toThrow('does not match');
  });
});

describe('EU-GDPR pack', () => {
  it.each([...SUCCESSOR_KINDS, 'asset-sale'] as const)('GDPR Art. 6(1)(f): %s with a successor → notice (legitimate interests, Art. 13-14)', (kind) => {
    const d = decideRoute(eu({ kind }), customer());
    expect(d.route).toBe('notice');
    expect(d.noticeAdditions).toEqual(['gdpr-art14-recipient-legitimate-interests']);
    expect(d.reasons[0]).toMatchObject({ ruleId: `eu-gdpr.route.${kind}`, article: 'GDPR Art. 6(1)(f), Art. 13-14' });
    expect(d.jurisdiction).toBe('EU-GDPR');
  });

  it('GDPR Art. 13(3): equity-transfer → notice of change, no handover', () => {
    expect(decideRoute(eu({ kind: 'equity-transfer' }), customer())).toMatchObject({ route: 'notice-of-change', handover: false });
  });

  it('GDPR Art. 17(1)(a): no successor → delete', () => {
    const d = decideRoute(eu({ kind: 'dissolution', hasRecipient: false }), customer());
    expect(d.route).toBe('delete');
    expect(d.reasons[0]?.article).toContain('GDPR Art. 17(1)(a)');
  });

  it('GDPR Art. 44: recipient outside the EEA keeps the notice route and adds the transfer section', () => {
    const d = decideRoute(eu({ recipientCountry: 'US' }), customer());
    expect(d.route).toBe('notice');
    expect(d.noticeAdditions).toContain('gdpr-art13-14-third-country-transfer');
    expect(ids(d)).toContain('eu-gdpr.modifier.third-country');
  });

  it('GDPR Art. 45 / 46: adequate country → adequacy decision; otherwise appropriate safeguards; EEA → none', () => {
    expect(decideCaseRequirements(eu({ recipientCountry: 'JP' })).crossBorderMechanism).toBe('adequacy-decision');
    expect(decideCaseRequirements(eu({ recipientCountry: 'US' })).crossBorderMechanism).toBe('appropriate-safeguards');
    expect(decideCaseRequirements(eu({ recipientCountry: 'NO' })).crossBorderMechanism).toBeNull();
  });

  it('GDPR Art. 8: child under 16 → guardian consent', () => {
    const d = decideRoute(eu(), customer({ minor: true }));
    expect(d.route).toBe('guardian-consent');
    expect(d.reasons[1]).toMatchObject({ ruleId: 'eu-gdpr.modifier.minor', article: 'GDPR Art. 8(1)' });
  });

  it('GDPR Art. 9: health is a special category, an ID number is not', () => {
    expect(decideRoute(eu(), customer({ sensitive: ['health'] })).noticeAdditions).toContain('gdpr-art9-special-categories');
    expect(decideRoute(eu(), customer({ sensitive: ['id_number', 'bank_card'] })).noticeAdditions).not.toContain('gdpr-art9-special-categories');
  });

  it('GDPR Art. 9(2)(a): policy.sensitive = separate-consent → explicit consent', () => {
    const d = decideRoute(eu({ policy: { minors: 'guardian-consent', sensitive: 'separate-consent' } }), customer({ sensitive: ['biometric'] }));
    expect(d.route).toBe('separate-consent');
  });

  it('GDPR Art. 6(4): incompatible new purpose → consent', () => {
    expect(decideRoute(eu({ purposeChange: true }), customer()).route).toBe('separate-consent');
  });

  it('GDPR Art. 6(1)(f): a PIPL Art. 22 determination has no effect under the GDPR pack', () => {
    const d = decideRoute(eu({ kind: 'asset-sale', legalBasisDetermination: { basis: 'art22', author: 'A', note: 'n' } }), customer());
    expect(ids(d)).toEqual(['eu-gdpr.route.asset-sale']);
  });

  it('GDPR Art. 14(5)(b): unreachable → public information; consent route → not transferable', () => {
    expect(decideRoute(eu(), customer({ reachable: false })).noticeChannel).toBe('public-announcement');
    expect(decideRoute(eu({ purposeChange: true }), customer({ reachable: false })).transferable).toBe(false);
  });

  it('GDPR Art. 17(3)(b): legal obligation to retain → hold instead of erasure', () => {
    const hold = { ruleId: 'de.hgb-257', until: '2035-12-31' };
    const d = decideRoute(eu({ hasRecipient: false }), customer({ legalHold: hold }), EU_GDPR_PACK, { asOf: new Date('2026-01-01T00:00:00Z') });
    expect(d).toMatchObject({ route: 'hold', legalHold: hold });
    expect(ids(d)).toContain('eu-gdpr.modifier.legal-hold');
  });

  it('GDPR Art. 35: DPIA for special categories only, no handover package without a successor', () => {
    expect(decideCaseRequirements(eu({ sensitiveCustomers: 3 })).piia).toEqual({ required: true, articles: ['GDPR Art. 35(3)(b)'] });
    expect(decideCaseRequirements(eu({ sensitiveCustomers: 0 })).piia.required).toBe(false);
    expect(decideCaseRequirements(eu({ hasRecipient: false })).handoverPackage).toBe(false);
  });
});
