/**
 * Test support (integration spec, chaos test, benchmark; never used by the worker): a case past
 * the inventory gate, with routed customers inserted through the importer's mapper and repository.
 */
import type { Connection } from 'mongoose';
import type { CaseKind } from '@handover/domain';
import type { MasterKey } from '@handover/crypto';
import {
  caseBlindIndex,
  CaseKeyService,
  CaseRepository,
  CustomerRepository,
  toCustomerDocument,
  type CasePolicy,
  type CustomerDocument,
  type CustomerImportRow,
} from '@handover/persistence';
import type { RoutedCustomerSpec } from '@handover/testing';

export interface SeedCaseOptions {
  caseId: string;
  kind?: CaseKind;
  /** Absent = no recipient (a closure without buyer). */
  recipient?: { name: string; contact: string; email: string; country: string };
  managerEmail?: string;
  policy?: Partial<CasePolicy>;
  purposeChange?: string;
}

export const TEST_POLICY: CasePolicy = {
  waitingPeriod: 'PT5S',
  consentDeadline: 'PT5S',
  thirdPartyDeadline: 'PT5S',
  reminders: [],
  minors: 'guardian-consent',
  sensitive: 'notice',
};

/** Creates the case (its data key and the encrypted contact fields), as the admin API does. */
export async function seedCase(connection: Connection, master: MasterKey, options: SeedCaseOptions): Promise<void> {
  const keys = new CaseKeyService(connection, master);
  await new CaseRepository(connection).create(
    {
      id: options.caseId,
      kind: options.kind ?? 'asset-sale',
      jurisdiction: 'CN-PIPL',
      status: 'running',
      phase: 'notification',
      transferor: { name: '甲珠宝有限公司', contact: '010-12345678' },
      ...(options.recipient && { recipient: options.recipient }),
      manager: { name: '王经理', email: options.managerEmail ?? `manager@${options.caseId.replace(/_/g, '-')}.test` },
      ...(options.purposeChange && { purposeChange: options.purposeChange }),
      policy: { ...TEST_POLICY, ...options.policy },
      createdAt: new Date(),
    },
    await keys.ensure(options.caseId),
  );
}

/**
 * Inserts the customers: `toCustomerDocument` (encryption, blind indexes) plus the route fields
 * decideRoutes would have written, in unordered bulk inserts. Returns the documents.
 */
export async function seedRoutedCustomers(
  connection: Connection,
  master: MasterKey,
  caseId: string,
  specs: readonly RoutedCustomerSpec[],
): Promise<CustomerDocument[]> {
  const cipher = await new CaseKeyService(connection, master).ensure(caseId);
  const crypto = { cipher, blindIndex: caseBlindIndex(master, caseId) };
  const docs = specs.map(
    (spec): CustomerDocument => ({
      ...toCustomerDocument(spec as unknown as CustomerImportRow, crypto),
      ...spec.routeFields,
      routeSealed: true,
      ...(spec.locale && { locale: spec.locale }),
    }),
  );
  const repository = new CustomerRepository(connection);
  for (let i = 0; i < docs.length; i += 1000) {
    const { duplicateIndexes } = await repository.insertMany(docs.slice(i, i + 1000));
    if (duplicateIndexes.length > 0) throw new Error(`seedRoutedCustomers: ${duplicateIndexes.length} customers already existed`);
  }
  return docs;
}
