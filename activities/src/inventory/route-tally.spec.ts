import { CN_PIPL_PACK, ROUTES } from '@handover/domain';
import { countInto, emptyTally, routeProgressFromDetails, summaryOf } from './route-tally';

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

  it('resumes only from details of the same case with a complete tally', () => {
    const tally = emptyTally();
    countInto(tally, { route: 'delete', transferable: false, publicAnnouncement: false, onHold: false });
    expect(routeProgressFromDetails({ after: 'cs_1:abc', tally }, 'cs_1')).toEqual({ after: 'cs_1:abc', tally });
    expect(routeProgressFromDetails({ after: 'cs_2:abc', tally }, 'cs_1')).toBeNull();
    expect(routeProgressFromDetails({ after: 'cs_1:abc', tally: { ...tally, byRoute: { notice: 1 } } }, 'cs_1')).toBeNull();
    expect(routeProgressFromDetails({ line: 3 }, 'cs_1')).toBeNull();
  });
});
