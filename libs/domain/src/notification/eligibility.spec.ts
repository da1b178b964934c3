import { MAILED_ROUTES, mailingAudience, mailingQuery } from './eligibility';

const withEmail = { channels: { email: true } };
const withoutEmail = { channels: { email: false } };

describe('mailingAudience: the notice (reminder 0)', () => {
  it.each(['notice', 'separate-consent', 'guardian-consent', 'notice-of-change', 'delete'])('mails a %s customer who has an email address', (route) => {
    expect(mailingAudience({ route, ...withEmail }, 0)).toBe('email');
  });

  it('does not mail customers on legal hold, or not routed yet', () => {
    expect(mailingAudience({ route: 'hold', ...withEmail }, 0)).toBe('none');
    expect(mailingAudience({ ...withEmail }, 0)).toBe('none');
    expect(mailingAudience({ route: null, ...withEmail }, 0)).toBe('none');
    expect(mailingAudience({ route: 'unknown-route', ...withEmail }, 0)).toBe('none');
  });

  it('counts a customer without an email address for the public announcement, whatever the other channels', () => {
    expect(mailingAudience({ route: 'notice', ...withoutEmail }, 0)).toBe('public-announcement');
    expect(mailingAudience({ route: 'separate-consent' }, 0)).toBe('public-announcement');
    expect(mailingAudience({ route: 'delete', channels: null }, 0)).toBe('public-announcement');
  });

  it('sends the notice even when an answer is already on record (the notice is what the answer refers to)', () => {
    expect(mailingAudience({ route: 'separate-consent', decision: 'refuse', ...withEmail }, 0)).toBe('email');
  });
});

describe('mailingAudience: reminders (reminder > 0)', () => {
  it('reminds consent routes that have not answered', () => {
    expect(mailingAudience({ route: 'separate-consent', ...withEmail }, 1)).toBe('email');
    expect(mailingAudience({ route: 'guardian-consent', decision: null, ...withEmail }, 2)).toBe('email');
  });

  it.each(['consent', 'refuse', 'withdrawn', 'object'])('never reminds a customer who answered %s', (decision) => {
    expect(mailingAudience({ route: 'separate-consent', decision, ...withEmail }, 1)).toBe('none');
    expect(mailingAudience({ route: 'guardian-consent', decision, ...withEmail }, 1)).toBe('none');
  });

  it.each(['notice', 'notice-of-change', 'delete', 'hold'])('never reminds the %s route (nothing to consent to)', (route) => {
    expect(mailingAudience({ route, ...withEmail }, 1)).toBe('none');
  });

  it('counts an unanswered consent route without email for the announcement', () => {
    expect(mailingAudience({ route: 'separate-consent', ...withoutEmail }, 1)).toBe('public-announcement');
  });
});

describe('mailingQuery', () => {
  it('pre-filters the notice to the mailed routes and reminders to unanswered consent routes', () => {
    expect(mailingQuery(0)).toEqual({ routes: MAILED_ROUTES, unansweredOnly: false });
    expect(mailingQuery(0).routes).not.toContain('hold');
    expect(mailingQuery(3)).toEqual({ routes: ['separate-consent', 'guardian-consent'], unansweredOnly: true });
  });
});
