import { decideDisposition } from './disposition';

describe('decideDisposition', () => {
  const withRecipient = { excluded: false, hasRecipient: true };

  it('keeps a legal hold even when the customer asked for deletion (PIPL Art. 47)', () => {
    expect(decideDisposition({ route: 'hold', outcome: 'not-transfer' }, { excluded: true, hasRecipient: true })).toBe('held');
  });

  it('transfers a customer whose outcome is transfer, when the case has a recipient', () => {
    expect(decideDisposition({ route: 'notice', outcome: 'transfer' }, withRecipient)).toBe('transferred');
  });

  it('deletes a transfer outcome when the case has no recipient (no successor)', () => {
    expect(decideDisposition({ route: 'notice', outcome: 'transfer' }, { excluded: false, hasRecipient: false })).toBe('deleted');
  });

  it('deletes a customer excluded by a deletion request or objection, whatever the outcome said', () => {
    expect(decideDisposition({ route: 'separate-consent', outcome: 'transfer' }, { excluded: true, hasRecipient: true })).toBe('deleted');
  });

  it('marks notice-of-change records unchanged (no data moved, PIPL Art. 17(2))', () => {
    expect(decideDisposition({ route: 'notice-of-change', outcome: 'not-transfer' }, withRecipient)).toBe('unchanged');
  });

  it.each(['separate-consent', 'guardian-consent', 'delete', 'notice', undefined])('deletes a not-transferred customer on route %s', (route) => {
    expect(decideDisposition({ route, outcome: 'not-transfer' }, withRecipient)).toBe('deleted');
  });
});
