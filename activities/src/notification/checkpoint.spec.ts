import { mailingCheckpointOf } from './notification.activities';

describe('heartbeat checkpoints', () => {
  const counters = { eligible: 3, sent: 2, bounced: 1, skipped: 0, resent: 0, publicAnnouncement: 4 };

  it('reads back what the mailing heartbeats', () => {
    expect(mailingCheckpointOf({ afterId: 'cs_1:abc', counters })).toEqual({ afterId: 'cs_1:abc', counters });
    expect(mailingCheckpointOf({ counters })).toEqual({ counters });
  });

  it('ignores details of another shape (a first attempt, or an older worker) instead of resuming wrongly', () => {
    expect(mailingCheckpointOf(undefined)).toBeNull();
    expect(mailingCheckpointOf({ afterId: 'x', counters: { ...counters, sent: -1 } })).toBeNull();
    expect(mailingCheckpointOf({ afterId: 7, counters })).toBeNull();
    expect(mailingCheckpointOf({ afterId: 'x', counters: { sent: 1 } })).toBeNull();
  });
});
