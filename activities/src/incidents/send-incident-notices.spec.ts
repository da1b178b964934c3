import { MockActivityEnvironment } from '@temporalio/testing';
import { INCIDENT_NOTICE_MAILING, type IncidentNoticeCounters } from '@handover/contracts';
import { FieldCipher, generateDataKey } from '@handover/crypto';
import { createLogger } from '@handover/logging';
import type { Mailer, OutgoingMail } from '@handover/mail';
import {
  customerAad, ledgerId, type AffectedCustomer, type CustomerPersonalData, type IncidentRecord, type LedgerKey, type LedgerStatus,
} from '@handover/persistence';
import { renderIncidentNotice } from '@handover/mail';
import type { IncidentActivityDeps } from './incident.deps';
import { sendIncidentNotices } from './send-incident-notices';

const CASE = 'cs_unit';
const { key, keyId } = generateDataKey();
const cipher = FieldCipher.fromDataKey(key, keyId);

function customer(n: number, fields: Partial<CustomerPersonalData> & { sensitive: string[]; locale?: 'en' }): AffectedCustomer & { sensitive: string[] } {
  const ref = `ref${String(n).padStart(3, '0')}`;
  const personal: CustomerPersonalData = { customerId: `C${n}`, products: [], extra: {}, ...fields };
  const email = Boolean(fields.email);
  return {
    _id: `${CASE}:${ref}`, caseId: CASE, ref, personalEnc: cipher.encryptJson(personal, customerAad(CASE, ref)),
    reachable: email || Boolean(fields.phone), channels: { email, phone: Boolean(fields.phone) }, sensitive: fields.sensitive,
    ...(fields.locale && { locale: fields.locale }),
  };
}

const inventory = [
  customer(1, { email: 'a@example.cn', sensitive: ['bank_card'] }),
  customer(2, { email: 'b@example.cn', sensitive: ['bank_card'], locale: 'en' }),
  customer(3, { phone: '13900000003', sensitive: ['bank_card'] }),
  customer(4, { sensitive: ['bank_card'] }),
  customer(5, { email: 'e@example.cn', sensitive: ['id_number'] }),
  customer(6, { email: 'f@example.cn', sensitive: ['bank_card', 'id_number'], extra: { language: 'English' } } as never),
];

function fakes(incident: IncidentRecord) {
  const ledger = new Map<string, { status: LedgerStatus; mailing: string; caseId: string }>();
  const sent: OutgoingMail[] = [];
  const audit: Array<{ scope: string; action: string; data: unknown }> = [];
  const affected = (sensitiveAny: string[] | null) => inventory.filter((c) => sensitiveAny === null || c.sensitive.some((s) => sensitiveAny.includes(s)));
  const mailer: Mailer = { send: async (mail) => (sent.push(mail), { messageId: mail.messageId, response: '250' }), close: () => undefined };
  const deps = {
    incidents: { findById: async () => incident },
    population: {
      count: async (_c: string, scope: { kind: string; sensitiveAny?: string[] }) => {
        const list = affected(scope.kind === 'all' ? null : (scope.sensitiveAny ?? []));
        const withEmail = list.filter((c) => c.channels.email).length;
        const unreachable = list.filter((c) => !c.reachable).length;
        return { total: list.length, withEmail, unreachable, phoneOnly: list.length - withEmail - unreachable };
      },
      page: async (_c: string, scope: { kind: string; sensitiveAny?: string[] }, o: { after?: string; limit: number }) =>
        affected(scope.kind === 'all' ? null : (scope.sensitiveAny ?? [])).filter((c) => o.after === undefined || c._id > o.after).slice(0, o.limit),
    },
    keys: { require: async () => cipher },
    ledger: {
      claim: async (k: LedgerKey, messageId: string) => {
        const existing = ledger.get(ledgerId(k));
        if (existing && existing.status !== 'sending' && existing.status !== 'failed') return { action: 'skip', status: existing.status };
        ledger.set(ledgerId(k), { status: 'sending', mailing: k.mailing, caseId: k.caseId });
        return { action: 'send', messageId, resend: false };
      },
      mark: async (k: LedgerKey, status: LedgerStatus) => void ledger.set(ledgerId(k), { status, mailing: k.mailing, caseId: k.caseId }),
      countByStatus: async (caseId: string, mailing: string, status: LedgerStatus) =>
        [...ledger.values()].filter((e) => e.caseId === caseId && e.mailing === mailing && e.status === status).length,
    },
    audit: { append: async (scope: string, e: { action: string; data?: unknown }) => void audit.push({ scope, action: e.action, data: e.data }) },
    mailer,
    mailDomain: 'handover.test',
    internalAddresses: ['sec1@handover.test', 'sec2@handover.test'],
    logger: createLogger('unit', 'silent'),
    batchSize: 2,
    concurrency: 2,
  } as unknown as IncidentActivityDeps;
  return { deps, sent, ledger, audit };
}

function incidentOf(drill: boolean): IncidentRecord {
  const model = { incidentId: 'inc_u1', categories: ['bank_card'], contact: 'dpo@shop.example', detectedAt: '2026-03-01T10:00:00Z' };
  const zh = renderIncidentNotice(model, 'zh-CN');
  const en = renderIncidentNotice(model, 'en');
  return {
    id: 'inc_u1', title: 't', caseId: CASE, detectedAt: new Date('2026-03-01T10:00:00Z'), categories: ['bank_card'], drill, clockOverrides: {},
    createdAt: new Date(), createdBy: 'key', status: 'open', notes: [],
    drafts: { generatedAt: '', report: {} as never, notice: { wordingVersion: 'v', 'zh-CN': { subject: zh.subject, text: zh.text }, en: { subject: en.subject, text: en.text } } },
  };
}

describe('sendIncidentNotices', () => {
  it('real incident: one notice per affected customer with email, in their language; the others counted by channel', async () => {
    const { deps, sent, audit } = fakes(incidentOf(false));
    const counters = await new MockActivityEnvironment().run(sendIncidentNotices, deps, { incidentId: 'inc_u1' });
    expect(counters).toEqual<IncidentNoticeCounters>({ eligible: 5, sent: 3, bounced: 0, skipped: 0, noEmail: 1, unreachable: 1, internal: 0, drill: false });
    expect(sent.map((m) => m.to).sort()).toEqual(['a@example.cn', 'b@example.cn', 'f@example.cn']);
    expect(sent.find((m) => m.to === 'a@example.cn')?.subject).toContain('个人信息安全事件告知');
    expect(sent.find((m) => m.to === 'b@example.cn')?.subject).toContain('incident notice');
    expect(sent.find((m) => m.to === 'f@example.cn')?.subject).toContain('incident notice');
    expect(new Set(sent.map((m) => m.messageId)).size).toBe(3);
    expect(audit).toEqual([expect.objectContaining({ scope: 'incident:inc_u1', action: 'notices.sent' })]);
  });

  it('a retry after a crash sends nobody twice and still reports every notice as sent', async () => {
    const { deps, sent, ledger } = fakes(incidentOf(false));
    await new MockActivityEnvironment().run(sendIncidentNotices, deps, { incidentId: 'inc_u1' });
    const again = await new MockActivityEnvironment().run(sendIncidentNotices, deps, { incidentId: 'inc_u1' });
    expect(sent).toHaveLength(3);
    expect(again).toMatchObject({ sent: 3, skipped: 3 });
    expect([...ledger.values()].every((e) => e.mailing === INCIDENT_NOTICE_MAILING)).toBe(true);
  });

  it('resumes after the heartbeat checkpoint without counting the finished page again', async () => {
    const { deps, sent } = fakes(incidentOf(false));
    const checkpoint = { after: `${CASE}:ref002`, counters: { eligible: 2, sent: 2, bounced: 0, skipped: 0, noEmail: 0, unreachable: 0, internal: 0, drill: false } };
    const counters = await new MockActivityEnvironment({ heartbeatDetails: checkpoint }).run(sendIncidentNotices, deps, { incidentId: 'inc_u1' });
    expect(sent.map((m) => m.to)).toEqual(['f@example.cn']);
    expect(counters).toMatchObject({ eligible: 5, noEmail: 1, unreachable: 1 });
  });

  it('drill: no customer is mailed; one summary per internal address with the count', async () => {
    const { deps, sent, audit } = fakes(incidentOf(true));
    const counters = await new MockActivityEnvironment().run(sendIncidentNotices, deps, { incidentId: 'inc_u1' });
    expect(sent.map((m) => m.to)).toEqual(['sec1@handover.test', 'sec2@handover.test']);
    expect(sent[0]?.text).toContain('5 affected customers');
    expect(counters).toMatchObject({ eligible: 5, sent: 0, internal: 2, drill: true, noEmail: 1, unreachable: 1 });
    expect(audit[0]?.action).toBe('notices.drill-sent');
  });
});
