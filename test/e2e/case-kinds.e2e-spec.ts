import { adminToken, MailSinkClient, testEnv, waitUntil } from '@handover/testing';

interface CaseView {
  status: string;
  phase: string;
  gates: Array<{ name: string; state: string }>;
}

type Jurisdiction = 'CN-PIPL' | 'EU-GDPR';

/** One row of the table: the case kind, how its recipient is given, and whether a package moves. */
interface KindRow {
  kind: string;
  recipient: 'company' | 'head-office' | 'none';
  builds: boolean;
}

const KINDS: readonly KindRow[] = [
  { kind: 'bankruptcy', recipient: 'company', builds: true },
  { kind: 'asset-sale', recipient: 'company', builds: true },
  { kind: 'merger', recipient: 'company', builds: true },
  { kind: 'division', recipient: 'company', builds: true },
  { kind: 'dissolution', recipient: 'none', builds: false },
  // The processor stays the same company: nothing moves (docs/legal.md §1).
  { kind: 'equity-transfer', recipient: 'company', builds: false },
  // Back to the head office, the same legal person: a notice of change, no package.
  { kind: 'branch-deregistration', recipient: 'head-office', builds: false },
  // To another company: routed as an asset sale, with a package.
  { kind: 'branch-deregistration', recipient: 'company', builds: true },
];

const JURISDICTIONS: readonly Jurisdiction[] = ['CN-PIPL', 'EU-GDPR'];
const TABLE = KINDS.flatMap((row) => JURISDICTIONS.map((jurisdiction) => ({ ...row, jurisdiction, label: `${row.kind} (${row.recipient}) ${jurisdiction}` })));

/**
 * Issue 14, Must show 1 (slow project: sixteen whole cases): each case kind, CN and EU, from
 * `POST /v1/cases` to `closed` through the admin API, the portal and the mail sink only. Each case
 * has two customers and one third party; every pending gate is approved, customers answer through
 * the link in their mail, the third party confirms deletion through its link, the recipient
 * acknowledges through its link when a package was built. Policy durations are seconds long.
 */
describe('every case kind, CN and EU, to closed', () => {
  const env = testEnv();
  const sink = new MailSinkClient(env.mailSinkApi);
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${env.adminUrl}${path}`, { ...init, headers: { authorization: `Bearer ${adminToken()}`, ...init.headers } });
  const post = (path: string, body: unknown = {}) => api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const portalPost = (path: string, body: unknown) =>
    fetch(`${env.portalUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const linkOf = async (address: string, kind: 'c' | 'r' | 't'): Promise<{ token: string; text: string } | null> => {
    const messages = await sink.messagesTo(address);
    for (const m of messages) {
      const text = (await sink.message(m.ID)).Text;
      const token = new RegExp(`/${kind}/([A-Za-z0-9._-]+)`).exec(text)?.[1];
      if (token) return { token, text };
    }
    return null;
  };

  it.concurrent.each(TABLE)('$label', async ({ kind, recipient, builds, jurisdiction }) => {
    const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const recipientEmail = `dpo.${stamp}@recipient.example`;
    const partner = `tp.${stamp}@partner.example`;
    const customerEmails = [0, 1].map((i) => `k${i}.${stamp}@customers.example`);
    const created = await post('/v1/cases', {
      kind,
      jurisdiction,
      transferor: { name: `转让方${kind}${stamp}`, contact: '010-12345678' },
      ...(recipient !== 'none' && {
        recipient: {
          name: `接收方${kind}${stamp}`, contact: '021-87654321', email: recipientEmail, country: jurisdiction === 'CN-PIPL' ? 'CN' : 'DE',
          ...(kind === 'branch-deregistration' && { sameLegalEntity: recipient === 'head-office' }),
        },
      }),
      manager: { name: '赵经理', email: `mgr.${stamp}@example.cn` },
      policy: { waitingPeriod: 'PT3S', consentDeadline: 'PT3S', thirdPartyDeadline: 'PT30S', reminders: [], acknowledgementDeadline: 'PT60S', acknowledgementReminders: [] },
    });
    expect(created.status).toBe(201);
    const caseId = ((await created.json()) as { id: string }).id;
    const rows = customerEmails.map((email, i) => ({ customer_id: `K${i}-${stamp}`, type: 'individual', name: `客户${i}${stamp}`, email, products: ['金饰'] }));
    const upload = await api(`/v1/cases/${caseId}/inventory`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: rows.map((r) => JSON.stringify(r)).join('\n') + '\n' });
    expect(upload.status).toBe(202);
    const { importId } = (await upload.json()) as { importId: string };
    await waitUntil(async () => (await (await api(`/v1/cases/${caseId}/inventory/imports/${importId}`)).json()) as { status: string }, (p) => p.status === 'done', 180_000, 'import done');
    expect((await post(`/v1/cases/${caseId}/third-parties`, { name: '快递伙伴', email: partner, categories: ['contact'] })).status).toBe(201);
    expect((await post(`/v1/cases/${caseId}/start`)).status).toBe(202);

    // Drive the case: approve what is pending, answer what arrived, until closed.
    const approved = new Set<string>();
    const answered = new Map<string, number>();
    const notices: string[] = [];
    let confirmed = false;
    let acknowledged = false;
    const until = Date.now() + 420_000;
    let view: CaseView = { status: '', phase: '', gates: [] };
    while (Date.now() < until) {
      view = (await (await api(`/v1/cases/${caseId}`)).json()) as CaseView;
      if (view.status === 'closed') break;
      for (const gate of view.gates.filter((g) => g.state === 'pending' && !approved.has(g.name))) {
        const res = await post(`/v1/cases/${caseId}/gates/${gate.name}/approve`);
        if (res.status === 200) approved.add(gate.name);
      }
      for (const email of customerEmails.filter((e) => !answered.has(e))) {
        const link = await linkOf(email, 'c');
        if (!link) continue;
        notices.push(link.text);
        // A consent route takes a consent; a notice route an objection (the second customer objects).
        const first = await portalPost(`/api/c/${link.token}`, { decision: email === customerEmails[0] ? 'consent' : 'object' });
        const status = first.status === 200 ? 200 : (await portalPost(`/api/c/${link.token}`, { decision: 'object' })).status;
        answered.set(email, status);
      }
      if (!confirmed) {
        const link = await linkOf(partner, 't');
        if (link) {
          const res = await portalPost(`/api/t/${link.token}`, { kind: 'deleted', confirmedBy: '数据负责人', method: 'secure erase', deletedAt: new Date().toISOString() });
          expect(res.status).toBe(200);
          confirmed = true;
        }
      }
      if (!acknowledged && recipient !== 'none') {
        const link = await linkOf(recipientEmail, 'r');
        if (link) {
          expect((await portalPost(`/api/r/${link.token}`, { acknowledgedBy: '接收方数据保护负责人' })).status).toBe(200);
          acknowledged = true;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    expect({ caseId, status: view.status }).toEqual({ caseId, status: 'closed' });
    expect([...approved]).toEqual(expect.arrayContaining(['inventory', 'closure']));

    // A package (and its acknowledgement link) exactly where the kind moves data.
    expect(acknowledged).toBe(builds);
    if (recipient !== 'none') expect((await linkOf(recipientEmail, 'r')) !== null).toBe(builds);
    expect(confirmed).toBe(true);

    // Every customer was mailed and could answer; the notice is in the jurisdiction's wording.
    expect(notices).toHaveLength(customerEmails.length);
    for (const status of answered.values()) expect([200, 409]).toContain(status);
    for (const text of notices) {
      if (jurisdiction === 'EU-GDPR') {
        expect(text).toMatch(/GDPR|控制者|controller/);
        for (const words of ['mainland China', '个人信息保护法', '个人信息处理者', 'original processor']) expect(text).not.toContain(words);
      } else {
        expect(text).not.toContain('GDPR');
      }
    }
    expect(((await (await api(`/v1/cases/${caseId}/audit/verify`)).json()) as { valid: boolean }).valid).toBe(true);
  }, 600_000);
});
