import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { csvCell } from '@handover/ingest';
import { adminToken, expectStatus, testEnv, waitUntil } from '@handover/testing';
import { parseCsv, unzipText } from './support/zip';

/**
 * Issue 14: the quarantined rows go back to the data owner for correction and come back through
 * the normal upload. Through the admin API only: upload with two bad rows, export them (a ZIP
 * encrypted with AES-256; the password only in the answer's header), correct one, upload the
 * exported file again — the corrected row is accepted and replaces its quarantine entry, the one
 * still wrong replaces its entry with a new one; the export is on the audit trail, an auditor may
 * not export.
 */
describe('rejected rows: export for correction and re-import', () => {
  const env = testEnv();
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const call = (path: string, init: RequestInit = {}, token = adminToken()) =>
    fetch(`${env.adminUrl}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
  const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;

  async function upload(caseId: string, csv: string): Promise<{ accepted: number; rejected: number; importId: string }> {
    const answer = await expectStatus(await call(`/v1/cases/${caseId}/inventory`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv }), 202);
    const { importId } = await json<{ importId: string }>(answer);
    const done = await waitUntil(
      async () => json<{ status: string; accepted: number; rejected: number }>(await call(`/v1/cases/${caseId}/inventory/imports/${importId}`)),
      (progress) => progress.status === 'done',
      60_000,
      'import done',
    );
    return { accepted: done.accepted, rejected: done.rejected, importId };
  }

  const unzip = unzipText;

  it('exports the quarantined rows encrypted, and a corrected upload replaces their entries', async () => {
    const created = await expectStatus(
      await call('/v1/cases', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          kind: 'asset-sale',
          transferor: { name: '更正测试转让方', contact: '010-12345678' },
          recipient: { name: `更正测试受让方${stamp}`, contact: '021-87654321', email: `dpo.${stamp}@buyer.example`, country: 'CN' },
          manager: { name: '钱经理', email: `mgr.${stamp}@example.cn` },
        }),
      }),
      201,
    );
    const caseId = (await json<{ id: string }>(created)).id;
    const csv = [
      'customer_id,name,email,phone,products,loyalty_tier',
      `OK1-${stamp},好顾客一,ok1.${stamp}@example.cn,,金饰,gold`,
      `OK2-${stamp},好顾客二,ok2.${stamp}@example.cn,+8613800138000,"金饰,银饰",silver`,
      `BAD1-${stamp},"待更正, 顾客",not-an-address,,金饰,bronze`,
      `,无编号顾客,nobody.${stamp}@example.cn,,金饰,`,
    ].join('\r\n');
    expect(await upload(caseId, csv)).toMatchObject({ accepted: 2, rejected: 2 });

    // An auditor reads the listing, never the rows themselves.
    const keyAnswer = await expectStatus(await call('/v1/keys', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: `export-auditor-${stamp}`, role: 'auditor', team: 'default' }) }), 201);
    const auditor = (await json<{ token: string }>(keyAnswer)).token;
    expect((await call(`/v1/cases/${caseId}/inventory/rejected/export`, {}, auditor)).status).toBe(403);

    const exported = await expectStatus(await call(`/v1/cases/${caseId}/inventory/rejected/export`), 200);
    expect(exported.headers.get('content-type')).toBe('application/zip');
    expect(exported.headers.get('content-disposition')).toBe(`attachment; filename="rejected-${caseId}.zip"`);
    expect(exported.headers.get('handover-export-rows')).toBe('2');
    const password = exported.headers.get('handover-export-password') ?? '';
    expect(password.length).toBeGreaterThanOrEqual(20);
    const zip = await exported.arrayBuffer();
    await expect(unzip(zip)).rejects.toThrow();
    await expect(unzip(zip, 'not-the-password')).rejects.toThrow();
    const text = await unzip(zip, password);
    expect(text.startsWith('\uFEFFrejection_id,rejection_line,rejection_field,rejection_reason,customer_id,')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    const column = (name: string) => header!.indexOf(name);
    expect(column('loyalty_tier')).toBeGreaterThan(column('customer_id'));
    expect(rows.map((r) => [r[column('rejection_line')], r[column('rejection_field')]])).toEqual([
      ['4', 'email'],
      ['5', 'customer_id'],
    ]);
    const bad = rows[0]!;
    expect([bad[column('name')], bad[column('email')], bad[column('loyalty_tier')]]).toEqual(['待更正, 顾客', 'not-an-address', 'bronze']);

    // The owner corrects the email of the first row and sends the file back as it is otherwise.
    bad[column('email')] = `fixed.${stamp}@example.cn`;
    const corrected = [header!, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n');
    const again = await upload(caseId, corrected);
    expect(again).toMatchObject({ accepted: 1, rejected: 1 });

    // The quarantine now holds only the row still wrong, under the new import; the old entries are gone.
    const listing = await json<{ items: Array<{ importId: string; line: number; field: string }> }>(await call(`/v1/cases/${caseId}/inventory/rejected`));
    expect(listing.items).toEqual([expect.objectContaining({ importId: again.importId, line: 3, field: 'customer_id' })]);
    // The status figures follow within seconds (the projector).
    await waitUntil(async () => json<{ counters: Record<string, number> }>(await call(`/v1/cases/${caseId}`)), (s) => s.counters['customers'] === 3, 20_000, 'three customers');

    const events = await json<{ events: Array<{ action: string; data: Record<string, unknown> }> }>(await call(`/v1/cases/${caseId}/audit`));
    expect(events.events.find((e) => e.action === 'inventory.rejected.exported')?.data).toMatchObject({ rows: 2 });
    expect(JSON.stringify(events)).not.toMatch(/not-an-address|待更正|fixed\./);

    // The CLI saves the same export to a file and says the password once.
    const out = join(mkdtempSync(join(tmpdir(), 'handover-rejected-')), 'rejected.zip');
    const cliEnv = { ...process.env, HANDOVER_TOKEN: adminToken(), HANDOVER_API_URL: env.adminUrl, LANG: 'en_US.UTF-8' };
    const { stdout } = await promisify(execFile)('npx', ['handover', '--json', 'inventory', 'export-rejected', caseId, '-o', out], { env: cliEnv });
    const saved = JSON.parse(stdout) as { path: string; rows: number; password: string; bytes: number };
    expect(saved).toMatchObject({ path: out, rows: 1 });
    const viaCli = parseCsv((await unzip(new Uint8Array(readFileSync(out)).buffer, saved.password)).slice(1));
    expect(viaCli.slice(1).map((r) => r[column('rejection_field')])).toEqual(['customer_id']);
  }, 180_000);
});
