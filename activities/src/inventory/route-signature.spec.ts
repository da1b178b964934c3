import { CASE_KINDS, CN_PIPL_PACK, decideRoute, EU_GDPR_PACK, type CaseFacts, type LegalHold, type RulePack } from '@handover/domain';
import { routeSignatureFilter, type CustomerClassificationView } from '@handover/persistence';
import { routeFieldsOf, sameRouteFields, signatureKey, signatureOf } from './route-signature';

const AS_OF = new Date('2026-06-30T08:00:00Z');
const HOLDS: Array<LegalHold | undefined> = [
  undefined,
  { ruleId: 'cn-pipl.retention.accounting-archives', until: '2050-01-01' },
  { ruleId: 'cn-pipl.retention.network-logs', until: '2026-06-30' },
  { ruleId: 'cn-pipl.retention.ecommerce-platform-transactions', until: '2020-01-01' },
];
const SENSITIVE_SETS = [[], ['id_number'], ['bank_card', 'financial_account'], ['health'], ['minor', 'id_number'], ['specific_identity'], ['not-a-category']];

function customers(): CustomerClassificationView[] {
  const out: CustomerClassificationView[] = [];
  for (const minor of [false, true])
    for (const reachable of [false, true])
      for (const sensitive of SENSITIVE_SETS)
        for (const legalHold of HOLDS)
          out.push({ id: `c${out.length}`, type: 'individual', tier: 'regular', minor, reachable, sensitive: sensitive as never, ...(legalHold && { legalHold }) });
  return out;
}

function caseVariants(pack: RulePack): CaseFacts[] {
  const out: CaseFacts[] = [];
  for (const kind of CASE_KINDS)
    for (const hasRecipient of [true, false])
      for (const recipientCountry of ['CN', 'US'])
        for (const purposeChange of [false, true])
          for (const sensitive of ['notice', 'separate-consent'] as const)
            out.push({ kind, jurisdiction: pack.id, hasRecipient, recipientCountry, purposeChange, policy: { minors: 'guardian-consent', sensitive }, totalCustomers: 10, sensitiveCustomers: 1 });
  return out;
}

describe('route signatures', () => {
  it.each([CN_PIPL_PACK, EU_GDPR_PACK])('give every customer of a signature the same stored route fields ($id)', (pack) => {
    let groupsChecked = 0;
    for (const facts of caseVariants(pack)) {
      const bySignature = new Map<string, ReturnType<typeof routeFieldsOf>>();
      for (const customer of customers()) {
        const fields = routeFieldsOf(
          decideRoute(facts, { minor: customer.minor, sensitive: customer.sensitive, reachable: customer.reachable, legalHold: customer.legalHold ?? null }, pack, { asOf: AS_OF }),
        );
        const key = signatureKey(signatureOf(customer, pack, AS_OF));
        const first = bySignature.get(key);
        if (first) expect(sameRouteFields(first, fields)).toBe(true);
        else bySignature.set(key, fields);
      }
      groupsChecked += bySignature.size;
    }
    expect(groupsChecked).toBeGreaterThan(1000);
  });

  it('reads a hold ending today as running and one ended yesterday as expired', () => {
    const base: CustomerClassificationView = { id: 'x', type: 'individual', tier: 'core', minor: false, reachable: true, sensitive: [] };
    expect(signatureOf({ ...base, legalHold: { ruleId: 'r', until: '2026-06-30' } }, CN_PIPL_PACK, AS_OF).hold).toBe('running');
    expect(signatureOf({ ...base, legalHold: { ruleId: 'r', until: '2026-06-29' } }, CN_PIPL_PACK, AS_OF).hold).toBe('expired');
    expect(signatureOf(base, CN_PIPL_PACK, AS_OF)).toEqual({ minor: false, reachable: true, sensitive: false, hold: 'none' });
    expect(signatureOf({ ...base, sensitive: ['not-a-category' as never] }, CN_PIPL_PACK, AS_OF).sensitive).toBe(false);
  });

  it('translates a signature into a filter on the plaintext classification only', () => {
    const cats = ['id_number', 'bank_card'];
    expect(routeSignatureFilter('cs_1', { minor: true, reachable: false, sensitive: true, hold: 'running' }, cats, '2026-06-30')).toEqual({
      caseId: 'cs_1',
      minor: true,
      reachable: false,
      sensitive: { $in: cats },
      'legalHold.until': { $gte: '2026-06-30' },
    });
    expect(routeSignatureFilter('cs_1', { minor: false, reachable: true, sensitive: false, hold: 'none' }, cats, '2026-06-30')).toEqual({
      caseId: 'cs_1',
      minor: false,
      reachable: true,
      sensitive: { $nin: cats },
      legalHold: { $exists: false },
    });
    expect(routeSignatureFilter('cs_1', { minor: false, reachable: true, sensitive: false, hold: 'expired' }, cats, '2026-06-30')).toMatchObject({
      'legalHold.until': { $lt: '2026-06-30' },
    });
  });
});
