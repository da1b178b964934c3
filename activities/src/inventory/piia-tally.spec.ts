import type { CustomerClassificationView } from '@handover/persistence';
import { emptyPiiaTally, piiaCountsOf, tallyPiia } from './piia-tally';

const customer = (over: Partial<CustomerClassificationView>): CustomerClassificationView => ({
  id: 'c', type: 'individual', tier: 'regular', sensitive: [], minor: false, reachable: true, ...over,
});

describe('PIIA tally (one pass instead of a count per figure)', () => {
  // The rule pack's sensitive categories (a sensitive customer has one of them); 'location' is not one here.
  const pack = ['health'];
  const packCategory = 'health';

  it('counts every figure of the assessment from the classification', () => {
    const tally = emptyPiiaTally([packCategory, 'location']);
    tallyPiia(tally, customer({ type: 'enterprise', tier: 'core', route: 'notice', handover: true }), pack);
    tallyPiia(tally, customer({ sensitive: [packCategory, packCategory], minor: true, route: 'guardian-consent', handover: true }), pack);
    tallyPiia(tally, customer({ sensitive: ['location'], reachable: false, legalHold: { ruleId: 'r', until: '2030-01-01' } }), pack);
    const counts = piiaCountsOf(tally, true);
    expect(counts).toEqual({
      customers: 3,
      byType: { individual: 2, enterprise: 1 },
      byTier: { core: 1, regular: 2, potential: 0, dormant: 0 },
      sensitive: { [packCategory]: 1, 'location': 1 },
      sensitiveCustomers: 1,
      minors: 1,
      unreachable: 1,
      crossBorder: 2,
      byRoute: { notice: 1, 'separate-consent': 0, 'guardian-consent': 1, 'notice-of-change': 0, delete: 0, hold: 0 },
      unrouted: 1,
      onHold: 1,
    });
  });

  it('reports no cross-border customers when the recipient is not abroad', () => {
    const tally = emptyPiiaTally([]);
    tallyPiia(tally, customer({ route: 'notice', handover: true }), pack);
    expect(piiaCountsOf(tally, false).crossBorder).toBe(0);
    expect(piiaCountsOf(tally, true).crossBorder).toBe(1);
  });

  it('starts every tally at zero', () => {
    const a = emptyPiiaTally(['biometric']);
    tallyPiia(a, customer({ sensitive: ['biometric'] }), pack);
    expect(emptyPiiaTally(['biometric']).counts.sensitive['biometric']).toBe(0);
    expect(a.counts.sensitive['biometric']).toBe(1);
  });
});
