import type { Connection } from 'mongoose';
import { mongoUriFor } from '@handover/testing';
import { connectMongo } from '../mongo-connection';
import { MailLedgerRepository, type LedgerKey } from './mail-ledger.repository';

/**
 * The send ledger on FerretDB, one write per call and group commit: both must give every caller
 * the same answer (send / skip / resend) and leave the same entries.
 */
describe.each([
  ['one write per call', false],
  ['group commit', true],
])('MailLedgerRepository (%s)', (_label, groupCommit) => {
  let mongo: Connection;
  let ledger: MailLedgerRepository;
  const caseId = `itl_${Date.now().toString(36)}_${groupCommit ? 'g' : 'p'}`;
  const key = (n: number, mailing = 'notice'): LedgerKey => ({ caseId, subjectId: `s${n}`, mailing });

  beforeAll(async () => {
    mongo = await connectMongo(mongoUriFor('handover_it_ledger'));
    ledger = new MailLedgerRepository(mongo, { groupCommit });
    await mongo.models['mail_ledger']?.createIndexes();
  });

  afterAll(async () => {
    await mongo?.close();
  });

  it('claims fresh keys concurrently, once each, with the evidence; marks them', async () => {
    const claims = await Promise.all(Array.from({ length: 25 }, (_, n) => ledger.claim(key(n), `<m${n}>`, { wordingVersion: n % 2 ? 'notice/en/2026.1' : 'notice/zh-CN/2026.1' })));
    expect(claims.every((c) => c.action === 'send' && !c.resend)).toBe(true);
    await Promise.all(Array.from({ length: 25 }, (_, n) => ledger.mark(key(n), n === 3 ? 'bounced' : 'sent', n === 3 ? 'SMTP server answered 550' : undefined)));
    expect(await ledger.countByStatus(caseId, 'notice', 'sent')).toBe(24);
    expect(await ledger.find(key(3))).toMatchObject({ status: 'bounced', error: 'SMTP server answered 550', attempts: 1 });
    expect(await ledger.find(key(1))).toMatchObject({ status: 'sent', wordingVersion: 'notice/en/2026.1', messageId: '<m1>' });
  });

  it('skips what was sent or bounced, resends what was left sending (counted), retries what failed (not counted)', async () => {
    // s100 left `sending` (a worker died mid-send), s101 `failed` (a 4xx).
    await ledger.claim(key(100), '<m100>');
    await ledger.claim(key(101), '<m101>');
    await ledger.mark(key(101), 'failed', 'SMTP server answered 451');
    const again = await Promise.all([
      ledger.claim(key(1), '<other>'),
      ledger.claim(key(3), '<other>'),
      ledger.claim(key(100), '<other>', { wordingVersion: 'notice/zh-CN/2026.1' }),
      ledger.claim(key(101), '<other>'),
      ledger.claim(key(102), '<m102>'),
    ]);
    expect(again).toEqual([
      { action: 'skip', status: 'sent' },
      { action: 'skip', status: 'bounced' },
      { action: 'send', messageId: '<m100>', resend: true },
      { action: 'send', messageId: '<m101>', resend: false },
      { action: 'send', messageId: '<m102>', resend: false },
    ]);
    expect(await ledger.find(key(100))).toMatchObject({ status: 'sending', attempts: 2, resent: 1, wordingVersion: 'notice/zh-CN/2026.1' });
    expect(await ledger.find(key(101))).toMatchObject({ status: 'sending', attempts: 2, resent: 0 });
    await Promise.all([ledger.mark(key(100), 'sent'), ledger.mark(key(101), 'sent'), ledger.mark(key(102), 'sent')]);
    expect(await ledger.find(key(101))).toMatchObject({ status: 'sent' });
    expect(await ledger.countResent(caseId, 'notice')).toBe(1);
  });

  it('keeps mailings apart: the same customer in a reminder is a new message', async () => {
    const claim = await ledger.claim(key(1, 'reminder-1'), '<r1>');
    expect(claim).toEqual({ action: 'send', messageId: '<r1>', resend: false });
  });
});
