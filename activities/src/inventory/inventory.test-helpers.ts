// Test-only helpers for the inventory activities' integration specs (not exported from index.ts).
import { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import type { Connection } from 'mongoose';
import type { ImportCheckpoint, ImportCounters } from '@handover/contracts';
import { MasterKey, UploadCipher } from '@handover/crypto';
import type { CaseKind } from '@handover/domain';
import { createLogger } from '@handover/logging';
import {
  openBlobStore,
  uploadKeyOf,
  CASE_COLLECTION,
  CASE_KEY_COLLECTION,
  CUSTOMER_COLLECTION,
  INVENTORY_IMPORT_COLLECTION,
  PIIA_REPORT_COLLECTION,
  REJECTION_COLLECTION,
  CaseKeyService,
  CaseRepository,
  CustomerRepository,
  InventoryImportRepository,
  PiiaRepository,
  RejectionRepository,
  syncIndexes,
  type CaseEntity,
  type CasePolicy,
  type StoredUpload,
} from '@handover/persistence';
import { adminToken, TEST_MASTER_KEY, testEnv } from '@handover/testing';
import type { InventoryActivityDeps } from './inventory.deps';

// Expected failures would otherwise print as SDK warnings.
const QUIET = new DefaultLogger('ERROR');

export const testMaster = (): MasterKey => MasterKey.fromBase64(TEST_MASTER_KEY);

export async function inventoryDeps(connection: Connection, overrides: Partial<InventoryActivityDeps> = {}): Promise<InventoryActivityDeps> {
  const master = testMaster();
  const deps: InventoryActivityDeps = {
    cases: new CaseRepository(connection),
    keys: new CaseKeyService(connection, master),
    imports: new InventoryImportRepository(connection),
    customers: new CustomerRepository(connection),
    rejections: new RejectionRepository(connection),
    piia: new PiiaRepository(connection),
    master,
    // The stack's adapter (HANDOVER_STORAGE=gridfs runs these suites against GridFS).
    blobs: openBlobStore({ HANDOVER_STORAGE: testEnv().storage, HANDOVER_DATA_DIR: testEnv().dataDir }, connection),
    logger: createLogger('inventory-it', 'silent'),
    ...overrides,
  };
  await syncIndexes(connection);
  return deps;
}

/** Cases opened by this process's suites, removed by cleanupCases (FerretDB scans grow with every leftover). */
const openedCases = new Set<string>();

/** Deletes every document of the cases this process opened, from each collection that holds case data. */
export async function cleanupCases(connection: Connection): Promise<void> {
  const ids = [...openedCases];
  openedCases.clear();
  if (ids.length === 0) return;
  const db = connection.db!;
  for (const name of [CUSTOMER_COLLECTION, REJECTION_COLLECTION, INVENTORY_IMPORT_COLLECTION, PIIA_REPORT_COLLECTION]) {
    await db.collection(name).deleteMany({ caseId: { $in: ids } });
  }
  for (const name of [CASE_COLLECTION, CASE_KEY_COLLECTION]) await db.collection(name).deleteMany({ _id: { $in: ids as never[] } });
}

export const uniqueId = (prefix: string): string => `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;

export async function openCase(
  deps: InventoryActivityDeps,
  options: { kind: CaseKind; recipient?: { country: string } | null; policy?: Partial<CasePolicy> & { retention?: string[] }; purposeChange?: string },
): Promise<string> {
  const id = uniqueId('cs_it');
  openedCases.add(id);
  const cipher = await deps.keys.ensure(id);
  const entity: CaseEntity = {
    id,
    kind: options.kind,
    jurisdiction: 'CN-PIPL',
    status: 'draft',
    phase: 'inventory',
    transferor: { name: '某某珠宝有限公司', contact: '010-12345678' },
    ...(options.recipient !== null && {
      recipient: { name: '承接方有限公司', contact: '021-87654321', email: 'dpo@recipient.example', country: options.recipient?.country ?? 'CN' },
    }),
    manager: { name: '案件经理', email: 'manager@transferor.example' },
    ...(options.purposeChange && { purposeChange: options.purposeChange }),
    policy: {
      waitingPeriod: 'P30D',
      consentDeadline: 'P30D',
      thirdPartyDeadline: 'P30D',
      reminders: [],
      minors: 'guardian-consent',
      sensitive: 'notice',
      ...options.policy,
    } as CasePolicy,
    createdAt: new Date(),
  };
  await deps.cases.create(entity, cipher);
  return id;
}

/**
 * Opens a case through the running admin API (`POST /v1/cases`, the policy validated there) and
 * registers it for cleanupCases. The suite must use the services' database and master key.
 */
export async function openCaseThroughApi(options: {
  kind: CaseKind;
  recipient?: { country: string } | null;
  policy?: Record<string, unknown>;
  purposeChange?: string;
}): Promise<string> {
  const env = testEnv();
  const res = await fetch(`${env.adminUrl}/v1/cases`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken()}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: options.kind,
      transferor: { name: '某某珠宝有限公司', contact: '010-12345678' },
      ...(options.recipient !== null && {
        recipient: { name: '承接方有限公司', contact: '021-87654321', email: 'dpo@recipient.example', country: options.recipient?.country ?? 'CN' },
      }),
      manager: { name: '案件经理', email: 'manager@transferor.example' },
      ...(options.purposeChange && { purposeChange: options.purposeChange }),
      policy: { reminders: [], ...options.policy },
    }),
  });
  if (res.status !== 201) throw new Error(`POST /v1/cases answered ${res.status}: ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  openedCases.add(id);
  return id;
}

/** Stores `bytes` as the admin API does (streamed through the upload cipher into deps.blobs) and records the import. */
export async function queueImport(
  deps: InventoryActivityDeps,
  caseId: string,
  _dir: string,
  bytes: Buffer,
  format: 'csv' | 'ndjson' = 'csv',
): Promise<{ importId: string; upload: StoredUpload }> {
  const importId = uniqueId('imp');
  const key = uploadKeyOf(importId);
  const { cipher, info } = new UploadCipher(deps.master).encryptStream(importId);
  await deps.blobs.put(key, Readable.from([bytes]).pipe(cipher));
  const upload: StoredUpload = { key, bytes: bytes.length, seal: { ...info, authTag: UploadCipher.authTagOf(cipher) } };
  await deps.imports.create({ id: importId, caseId, format, upload, createdAt: new Date() });
  return { importId, upload };
}

/** Runs an activity function in a mocked Activity Context; collects its heartbeats. */
export async function runInContext<T>(
  fn: () => Promise<T>,
  options: { heartbeatDetails?: unknown; onHeartbeat?: (details: unknown, n: number) => void } = {},
): Promise<{ result: T; heartbeats: unknown[] }> {
  const env = new MockActivityEnvironment({ heartbeatDetails: options.heartbeatDetails }, { logger: QUIET });
  const heartbeats: unknown[] = [];
  env.on('heartbeat', (details: unknown) => {
    heartbeats.push(structuredClone(details));
    options.onHeartbeat?.(details, heartbeats.length);
  });
  const result = (await env.run(fn)) as T;
  return { result, heartbeats };
}

/** Like runInContext, for an attempt expected to fail: returns the error and the heartbeats sent before it. */
export async function failingAttempt(
  fn: () => Promise<unknown>,
  options: { heartbeatDetails?: unknown; onHeartbeat?: (details: unknown, n: number) => void } = {},
): Promise<{ error: unknown; heartbeats: unknown[] }> {
  const env = new MockActivityEnvironment({ heartbeatDetails: options.heartbeatDetails }, { logger: QUIET });
  const heartbeats: unknown[] = [];
  env.on('heartbeat', (details: unknown) => {
    heartbeats.push(structuredClone(details));
    options.onHeartbeat?.(details, heartbeats.length);
  });
  try {
    await env.run(fn);
  } catch (error) {
    return { error, heartbeats };
  }
  throw new Error('the attempt was expected to fail');
}

export const lastCheckpoint = (heartbeats: readonly unknown[]): ImportCheckpoint | undefined =>
  heartbeats[heartbeats.length - 1] as ImportCheckpoint | undefined;

export const counters = (c: ImportCounters): ImportCounters => ({ processed: c.processed, accepted: c.accepted, rejected: c.rejected, unchanged: c.unchanged });
