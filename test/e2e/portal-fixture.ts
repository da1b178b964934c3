import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MongoClient, type Db } from 'mongodb';
import { MasterKey, portalTokenSigner, type TokenPurpose, type TokenSigner } from '@handover/crypto';
import { adminToken, CHINESE_HEADER, gbkCsv, testEnv, waitUntil, type TestEnv } from '@handover/testing';

export interface PortalCustomer {
  ref: string;
  route: string;
}

export interface PortalCase {
  caseId: string;
  customers: PortalCustomer[];
}

export const RECIPIENT = { name: '买方珠宝有限公司', contact: '021-66666666' } as const;

/**
 * Builds what a portal test needs through the running services: a case opened by the admin API,
 * a tiny inventory imported by the worker (routes decided), deadlines as the notification
 * workflow's recordDeadlines would store them, and customer links signed with the services' own
 * master key (as the mailing does).
 */
export class PortalFixture {
  readonly env: TestEnv = testEnv();
  private readonly signer: TokenSigner;
  private client: Promise<MongoClient> | null = null;
  private readonly stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

  constructor() {
    const masterKey = process.env['HANDOVER_MASTER_KEY'] ?? readFileSync(join(this.env.dataDir, 'secrets', 'master.key'), 'utf8').trim();
    this.signer = portalTokenSigner(MasterKey.fromBase64(masterKey));
  }

  private admin(path: string, init: RequestInit = {}, token = adminToken()): Promise<Response> {
    return fetch(`${this.env.adminUrl}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
  }

  /** One client for the fixture, however many callers ask at once. */
  async db(): Promise<Db> {
    this.client ??= MongoClient.connect(this.env.mongoUri);
    return (await this.client).db();
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    await (await client)?.close();
  }

  /**
   * A case of `kind` with `adults` customers (plus one child born in 2019 when `withMinor`), routed;
   * opened and uploaded with `token` when given (the case then belongs to that key's team).
   */
  async openCase(kind: 'asset-sale' | 'merger', adults: number, options: { withMinor?: boolean; token?: string } = {}): Promise<PortalCase> {
    const created = await this.admin('/v1/cases', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind,
        transferor: { name: '某某珠宝店', contact: '0755-88888888' },
        recipient: { ...RECIPIENT, email: 'dpo@buyer.example', country: 'CN' },
        manager: { name: '王清算', email: `mgr.${this.stamp}@example.cn` },
      }),
    }, options.token);
    if (created.status !== 201) throw new Error(`opening a case failed: ${created.status}`);
    const { id: caseId } = (await created.json()) as { id: string };

    const row = (i: number, birthDate = ''): string[] => [
      `P${this.stamp}-${kind}-${i}`, '个人', `顾客${i}`, `portal.${this.stamp}.${i}@example.cn`, `138${String(10_000_000 + i).slice(-8)}`,
      '', birthDate, '', '金饰', '', '', '', '',
    ];
    const rows = Array.from({ length: adults }, (_, i) => row(i));
    if (options.withMinor) rows.push(row(adults, '2019-03-01'));
    const uploaded = await this.admin(`/v1/cases/${caseId}/inventory`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: gbkCsv([CHINESE_HEADER, ...rows]) }, options.token);
    if (uploaded.status !== 202) throw new Error(`inventory upload failed: ${uploaded.status}`);

    const db = await this.db();
    const customers = await waitUntil(
      async () => db.collection<{ ref: string; route?: string }>('customers').find({ caseId }, { projection: { ref: 1, route: 1 } }).toArray(),
      (docs) => docs.length === rows.length && docs.every((d) => typeof d.route === 'string'),
      90_000,
      'customers imported and routed',
    );
    return { caseId, customers: customers.map((c) => ({ ref: c.ref, route: c.route as string })) };
  }

  /** What the notification workflow's recordDeadlines activity stores on the case. */
  async setDeadlines(caseId: string, deadlines: { noticeDeadline: Date; consentDeadline: Date }): Promise<void> {
    const db = await this.db();
    await db.collection<{ _id: string }>('cases').updateOne(
      { _id: caseId },
      { $set: { notification: { noticeDeadline: deadlines.noticeDeadline.toISOString(), consentDeadline: deadlines.consentDeadline.toISOString() } } },
    );
  }

  /** A customer link token as the mailing signs it (or a wrong one: another purpose, already expired). */
  sign(caseId: string, ref: string, options: { purpose?: TokenPurpose; expiresAt?: Date } = {}): string {
    return this.signer.sign({
      purpose: options.purpose ?? 'customer',
      subject: ref,
      caseId,
      expiresAt: options.expiresAt ?? new Date(Date.now() + 30 * 86_400_000),
    });
  }

  pageUrl(token: string, lang?: 'en'): string {
    return `${this.env.portalUrl}/c/${token}${lang ? `?lang=${lang}` : ''}`;
  }

  apiUrl(token: string): string {
    return `${this.env.portalUrl}/api/c/${token}`;
  }
}

/** The first route's customers. */
export function customersOn(portalCase: PortalCase, route: string): PortalCustomer[] {
  return portalCase.customers.filter((c) => c.route === route);
}
