import { CN_PIPL_PACK, ROUTES } from '@handover/domain';
import { countInto, emptyTally, summaryOf } from './route-tally';

describe('route tally', () => {
  it('has every route key, zeros included, in the summary', () => {
    const tally = emptyTally();
    countInto(tally, { route: 'notice', transferable: true, publicAnnouncement: true, onHold: false });
    countInto(tally, { route: 'hold', transferable: false, publicAnnouncement: false, onHold: true });
    const summary = summaryOf(tally, CN_PIPL_PACK, true);
    expect(Object.keys(summary.byRoute).sort()).toEqual([...ROUTES].sort());
    expect(summary).toMatchObject({
      rulePackId: 'CN-PIPL',
      rulePackVersion: CN_PIPL_PACK.version,
      customers: 2,
      transferable: 1,
      publicAnnouncement: 1,
      onHold: 1,
      sealed: true,
      byRoute: { notice: 1, hold: 1, delete: 0, 'separate-consent': 0, 'guardian-consent': 0, 'notice-of-change': 0 },
    });
  });

  it('starts every tally at zero (no sharing between runs)', () => {
    const a = emptyTally();
    countInto(a, { route: 'delete', transferable: false, publicAnnouncement: false, onHold: false });
    expect(emptyTally().byRoute.delete).toBe(0);
    expect(a.byRoute.delete).toBe(1);
  });
});
