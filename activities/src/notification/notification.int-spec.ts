import { MockActivityEnvironment } from '@temporalio/testing';
import type { Info } from '@temporalio/activity';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import type { MailingCounters, MailingInput, NotificationActivities } from '@handover/contracts';
import { MasterKey, portalTokenSigner } from '@handover/crypto';
import { createLogger } from '@handover/logging';
import { NodemailerMailer } from '@handover/mail';
import {
  AuditRepository,
  CaseRepository,
  CaseKeyService,
  connectMongo,
  customerSchema,
  CUSTOMER_COLLECTION,
  MailLedgerRepository,
  syncIndexes,
  type CustomerDocument,
} from '@handover/persistence';
import { makeRoutedCustomers, mongoUriFor, TEST_MASTER_KEY, testEnv, type RoutedCustomerSpec } from '@handover/testing';
import { createNotificationActivities, mailingCheckpointOf, type MailingCheckpoint } from './notification.activities';
import { NotificationStore } from '@handover/persistence';
import { decideOutcome, mailingAudience } from '@handover/domain';
import { seedCase, seedRoutedCustomers } from './testing/seed-notice-case';

interface SinkEntry {
  ID: string;
  MessageID: string;
  To: Array<{ Address: string }>;
  Subject: string;
}

/**
 * sendCustomerMailing / fixOutcomes / recordDeadlines on the real FerretDB and the real mail sink
 * (SMTP over a socket, fault injection), in a MockActivityEnvironment standing in for Temporal:
 * retries are played by running the activity again with the last heartbeat as its details.
 */
describe('notification activities against FerretDB and the mail sink', () => {
  const env = testEnv();
  const master = MasterKey.fromBase64(TEST_MASTER_KEY);
  const signer = portalTokenSigner(master);
  const runTag = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const caseId = `itn_${runTag}`;
  const emailDomain = `n${runTag}.example`;
  const portalUrl = 'http://portal.it.test';
  const deadlines = { noticeDeadline: '2026-06-01T00:00:00.000Z', consentDeadline: '2026-06-30T00:00:00.000Z' };
  const noticeInput: MailingInput = { caseId, mailing: 'notice', reminder: 0, ...deadlines };

  let mongo: Connection;
  let mailer: NodemailerMailer;
  let activities: NotificationActivities;
  let ledger: MailLedgerRepository;
  let store: NotificationStore;
  let specs: RoutedCustomerSpec[];
  let docs: CustomerDocument[];
  const refOf = new Map<string, string>(); // email → ref

  /** Runs one activity attempt; returns its result or error and the last heartbeat. */
  async function attempt<T>(fn: () => Promise<T>, info: Partial<Info> = {}): Promise<{ result?: T; error?: unknown; heartbeat?: unknown; beats: number }> {
    const activityEnv = new MockActivityEnvironment(info);
    let heartbeat: unknown;
    let beats = 0;
    activityEnv.on('heartbeat', (details: unknown) => {
      heartbeat = details;
      beats += 1;
    });
    try {
      return { result: await activityEnv.run(fn), heartbeat, beats };
    } catch (error) {
      return { error, heartbeat, beats };
    }
  }

  async function sinkMessages(): Promise<SinkEntry[]> {
    const res = await fetch(`${env.mailSinkApi}/api/v1/messages?limit=10000`);
    const body = (await res.json()) as { messages: SinkEntry[] };
    return body.messages.filter((m) => m.To.some((t) => t.Address.endsWith(`@${emailDomain}`)));
  }

  async function sinkText(id: string): Promise<{ Text: string; Subject: string }> {
    const res = await fetch(`${env.mailSinkApi}/api/v1/message/${id}`);
    return (await res.json()) as { Text: string; Subject: string };
  }

  const byAddress = (messages: SinkEntry[]): Map<string, SinkEntry[]> => {
    const map = new Map<string, SinkEntry[]>();
    for (const m of messages) for (const to of m.To) map.set(to.Address, [...(map.get(to.Address) ?? []), m]);
    return map;
  };

  const customers = (): Collection<CustomerDocument> =>
    (mongo.models[CUSTOMER_COLLECTION] ?? mongo.model<CustomerDocument>(CUSTOMER_COLLECTION, customerSchema)).collection as unknown as Collection<CustomerDocument>;

  beforeAll(async () => {
    mongo = await connectMongo(mongoUriFor('handover_it_notify'));
    mailer = new NodemailerMailer({ smtpUrl: env.smtpUrl, from: 'Handover <no-reply@handover.test>', maxConnections: 5 });
    ledger = new MailLedgerRepository(mongo, { groupCommit: true });
    store = new NotificationStore(mongo);
    activities = createNotificationActivities({
      cases: new CaseRepository(mongo),
      keys: new CaseKeyService(mongo, master),
      ledger,
      store,
      mailer,
      tokens: signer,
      portalUrl,
      mailDomain: 'handover.test',
      logger: createLogger('it-notify', 'silent'),
      audit: new AuditRepository(mongo),
      concurrency: 8,
      batchSize: 40,
    });
    await syncIndexes(mongo);
    await seedCase(mongo, master, {
      caseId,
      kind: 'asset-sale',
      recipient: { name: '乙珠宝有限公司', contact: '021-87654321', email: 'dpo@yi.example', country: 'CN' },
    });
    specs = makeRoutedCustomers({ caseId, count: 300, emailDomain, seed: 7 });
    docs = await seedRoutedCustomers(mongo, master, caseId, specs);
    specs.forEach((spec, i) => {
      if (spec.personal.email) refOf.set(spec.personal.email, (docs[i] as CustomerDocument).ref);
    });
  }, 120_000);

  afterAll(async () => {
    mailer?.close();
    await mongo?.close();
  });

  /** Customers of the notice mailing with an address, by address. */
  const noticeAudience = (): RoutedCustomerSpec[] =>
    specs.filter((s) => mailingAudience({ route: s.routeFields.route, channels: { email: s.personal.email !== undefined } }, 0) === 'email');

  it('records the deadlines on the case as the portal reads them', async () => {
    const { error } = await attempt(() => activities.recordDeadlines({ caseId, ...deadlines }));
    expect(error).toBeUndefined();
    const doc = await mongo.db?.collection('cases').findOne({ _id: caseId as never });
    expect(doc?.['notification']).toMatchObject(deadlines);
  });

  it('mails every reachable customer exactly once with a working link; 5xx bounces, 4xx is retried and delivered once', async () => {
    const audience = noticeAudience();
    const mixed = new Set(audience.map((s) => s.routeFields.route));
    expect([...mixed].sort()).toEqual(['delete', 'guardian-consent', 'notice', 'notice-of-change', 'separate-consent']);
    const unreachable = specs.filter((s) => s.routeFields.route !== 'hold' && s.personal.email === undefined);
    expect(unreachable.length).toBeGreaterThan(5);

    // Pick the fault targets late in _id order so the 4xx lands after some pages were committed.
    const sorted = audience.map((s, i) => ({ s, ref: refOf.get(s.personal.email as string) as string, i })).sort((a, b) => a.ref.localeCompare(b.ref));
    const bouncing = sorted[Math.floor(sorted.length * 0.3)]?.s.personal.email as string;
    const greylisted = sorted[Math.floor(sorted.length * 0.8)]?.s.personal.email as string;
    await injectFault({ code: 550, count: 1, rcptMatch: bouncing });
    await injectFault({ code: 451, count: 1, rcptMatch: greylisted });

    // Attempt 1 meets the 451: it stops with a retryable failure after checkpointing its progress.
    const first = await attempt(() => activities.sendCustomerMailing(noticeInput));
    expect(first.error).toBeDefined();
    expect((first.error as { type?: string }).type).toBe('MAIL_TEMPORARY');
    expect((first.error as { nonRetryable?: boolean }).nonRetryable).toBe(false);
    const checkpoint = mailingCheckpointOf(first.heartbeat) as MailingCheckpoint;
    expect(checkpoint).not.toBeNull();
    expect(checkpoint.afterId).toBeDefined();
    expect(checkpoint.counters.sent).toBeGreaterThan(0);
    expect(checkpoint.counters.sent).toBeLessThan(audience.length);
    // Heartbeats carry ids and counters only.
    expect(JSON.stringify(first.heartbeat)).not.toMatch(/@|测试客户/);

    // Attempt 2 (Temporal's retry) resumes after the checkpoint.
    const second = await attempt(() => activities.sendCustomerMailing(noticeInput), { attempt: 2, heartbeatDetails: first.heartbeat });
    expect(second.error).toBeUndefined();
    const counters = second.result as MailingCounters;
    expect(counters.eligible).toBe(audience.length);
    expect(counters.bounced).toBe(1);
    expect(counters.sent + counters.bounced + counters.skipped).toBe(audience.length);
    expect(counters.skipped).toBeLessThan(40 + 8 * 2); // only the uncommitted page was walked again
    expect(counters.publicAnnouncement).toBe(unreachable.length);
    expect(counters.resent).toBe(0);

    const messages = await sinkMessages();
    const perAddress = byAddress(messages);
    for (const spec of audience) {
      const email = spec.personal.email as string;
      expect({ email, count: perAddress.get(email)?.length ?? 0 }).toEqual({ email, count: email === bouncing ? 0 : 1 });
    }
    expect(messages).toHaveLength(audience.length - 1);
    // Nobody on hold, nobody without a route in the audience got mail.
    for (const spec of specs.filter((s) => s.routeFields.route === 'hold')) {
      if (spec.personal.email) expect(perAddress.has(spec.personal.email)).toBe(false);
    }

    // Every link works: signed for this customer and case, for the customer purpose, expiring 90 days after the consent deadline.
    const sample = messages.filter((_, i) => i % 7 === 0);
    for (const summary of sample) {
      const message = await sinkText(summary.ID);
      const link = new RegExp(`${portalUrl.replace(/\./g, '\\.')}/c/([A-Za-z0-9_.-]+)`).exec(message.Text);
      expect(link).not.toBeNull();
      const payload = signer.verify((link as RegExpExecArray)[1] as string, 'customer', new Date('2026-07-01T00:00:00Z'));
      const address = summary.To[0]?.Address as string;
      expect(payload).toMatchObject({ purpose: 'customer', subject: refOf.get(address), caseId });
      expect(payload?.expiresAt.toISOString()).toBe('2026-09-28T00:00:00.000Z');
      expect(signer.verify((link as RegExpExecArray)[1] as string, 'third-party')).toBeNull();
    }

    // English where the customer asked for it; consent routes carry the consent request in the same message.
    const enConsent = audience.find((s) => s.locale === 'en' && s.routeFields.route === 'separate-consent' && s.personal.email !== bouncing);
    const enMessage = perAddress.get(enConsent?.personal.email as string)?.[0];
    expect(enMessage?.Subject).toContain('separate consent');
    const zhNotice = audience.find((s) => !s.locale && s.routeFields.route === 'notice' && s.personal.email !== bouncing);
    expect(perAddress.get(zhNotice?.personal.email as string)?.[0]?.Subject).toContain('转移的告知');

    // The ledger: bounced once and never retried; the greylisted one delivered on the second attempt; wording kept as evidence.
    const bounced = await ledger.find({ caseId, subjectId: refOf.get(bouncing) as string, mailing: 'notice' });
    expect(bounced).toMatchObject({ status: 'bounced', attempts: 1 });
    const retried = await ledger.find({ caseId, subjectId: refOf.get(greylisted) as string, mailing: 'notice' });
    expect(retried).toMatchObject({ status: 'sent', attempts: 2, resent: 0 });
    const enEntry = await ledger.find({ caseId, subjectId: refOf.get(enConsent?.personal.email as string) as string, mailing: 'notice' });
    expect(enEntry?.wordingVersion).toBe('notice/en/2026.1');
    expect(retried?.wordingVersion).toMatch(/^notice\/(zh-CN|en)\/2026\.1$/);

    // The public announcement: count and text on the case, no personal data in it.
    const announcement = await store.publicAnnouncement(caseId);
    expect(announcement?.count).toBe(unreachable.length);
    expect(announcement?.text['zh-CN']).toContain('乙珠宝有限公司');
    expect(announcement?.text.en).toContain('2026-06-30');
    expect(JSON.stringify(announcement)).not.toMatch(/测试客户|@|1[3-9]\d{9}/);
  }, 120_000);

  it('sends nothing new when the same mailing runs again', async () => {
    const before = (await sinkMessages()).length;
    const again = await attempt(() => activities.sendCustomerMailing(noticeInput));
    expect(again.error).toBeUndefined();
    const counters = again.result as MailingCounters;
    expect(counters.sent).toBe(0);
    expect(counters.bounced).toBe(0);
    expect(counters.skipped).toBe(noticeAudience().length);
    // Give any stray message time to arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await sinkMessages()).length).toBe(before);
  }, 60_000);

  it('reminds only consent routes that have not answered, never those who refused, consented or withdrew', async () => {
    const consentWithEmail = specs
      .map((s, i) => ({ s, doc: docs[i] as CustomerDocument }))
      .filter(({ s }) => (s.routeFields.route === 'separate-consent' || s.routeFields.route === 'guardian-consent') && s.personal.email);
    const answers = ['consent', 'refuse', 'withdrawn'] as const;
    const answered = consentWithEmail.filter((_, i) => i % 3 === 0);
    await Promise.all(
      answered.map(({ doc }, i) => customers().updateOne({ _id: doc._id }, { $set: { decision: answers[i % 3], decisionAt: new Date() } })),
    );
    // A notice-route objection must not put anyone into a reminder either.
    const objector = specs.findIndex((s) => s.routeFields.route === 'notice' && s.personal.email);
    await customers().updateOne({ _id: (docs[objector] as CustomerDocument)._id }, { $set: { decision: 'object', decisionAt: new Date() } });

    const unanswered = consentWithEmail.filter((_, i) => i % 3 !== 0);
    const reminder = await attempt(() => activities.sendCustomerMailing({ ...noticeInput, mailing: 'reminder-1', reminder: 1 }));
    expect(reminder.error).toBeUndefined();
    const counters = reminder.result as MailingCounters;
    expect(counters.eligible).toBe(unanswered.length);
    expect(counters.sent).toBe(unanswered.length);

    const reminders = (await sinkMessages()).filter((m) => m.Subject.startsWith('【提醒】') || m.Subject.startsWith('[Reminder]'));
    expect(reminders).toHaveLength(unanswered.length);
    const reminded = new Set(reminders.map((m) => m.To[0]?.Address));
    for (const { s } of answered) expect(reminded.has(s.personal.email)).toBe(false);
    for (const { s } of unanswered) expect(reminded.has(s.personal.email)).toBe(true);
    // The announcement is the notice mailing's: a reminder leaves it alone.
    expect((await store.publicAnnouncement(caseId))?.mailing).toBe('notice');
  }, 60_000);

  it('fixes outcomes from route and answer, idempotently; silence on a consent route is no transfer', async () => {
    const first = await attempt(() => activities.fixOutcomes({ caseId }));
    expect(first.error).toBeUndefined();
    const all = await customers()
      .find({ caseId }, { projection: { route: 1, decision: 1, transferable: 1, outcome: 1, outcomeAt: 1 } })
      .toArray();
    expect(all).toHaveLength(specs.length);
    for (const doc of all) expect({ id: doc._id, outcome: doc.outcome }).toEqual({ id: doc._id, outcome: decideOutcome(doc) });
    const silentConsent = all.filter((d) => (d.route === 'separate-consent' || d.route === 'guardian-consent') && d.decision === undefined);
    expect(silentConsent.length).toBeGreaterThan(0);
    expect(silentConsent.every((d) => d.outcome === 'not-transfer')).toBe(true);

    const counters = first.result;
    expect(counters?.transfer).toBe(all.filter((d) => d.outcome === 'transfer').length);
    expect(counters?.noResponse).toBe(silentConsent.length);
    expect(counters?.objected).toBe(1);
    expect((counters?.transfer ?? 0) + (counters?.notTransfer ?? 0)).toBe(specs.length);

    const outcomeAt = new Map(all.map((d) => [d._id, d.outcomeAt?.getTime()]));
    const second = await attempt(() => activities.fixOutcomes({ caseId }));
    expect(second.result).toEqual(counters);
    const after = await customers().find({ caseId }, { projection: { outcomeAt: 1 } }).toArray();
    for (const doc of after) expect(doc.outcomeAt?.getTime()).toBe(outcomeAt.get(doc._id));
  }, 60_000);

  it('gives a customer without a route "not transfer" (its rule runs only when the check finds one)', async () => {
    const [model] = await customers().find({ caseId, route: 'notice' }).limit(1).toArray();
    expect(model).toBeDefined();
    const unroutedId = `${String(model!._id)}-unrouted`;
    const copy: Record<string, unknown> = { ...model, _id: unroutedId };
    for (const field of ['route', 'transferable', 'outcome', 'outcomeAt', 'routeKey', 'routeSealed']) delete copy[field];
    await customers().insertOne(copy as never);
    const before = await attempt(() => activities.fixOutcomes({ caseId }));
    expect(before.error).toBeUndefined();
    const unrouted = await customers().findOne({ _id: unroutedId as never });
    expect(unrouted?.outcome).toBe('not-transfer');
    expect((before.result?.transfer ?? 0) + (before.result?.notTransfer ?? 0)).toBe(specs.length + 1);
    await customers().deleteOne({ _id: unroutedId as never });
  }, 60_000);

  async function injectFault(rule: { code: number; count: number; rcptMatch: string }): Promise<void> {
    const res = await fetch(`${env.mailSinkApi}/api/v1/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rule),
    });
    expect(res.status).toBe(201);
  }
});
