import { join, resolve } from 'node:path';

/** The one data file of a package (encrypted NDJSON, one customer per line); AAD = this name. */
export const HANDOVER_CUSTOMERS_FILE = 'customers.ndjson.enc';
/** The plaintext manifest written next to the files (the same JSON as the stored manifest). */
export const HANDOVER_MANIFEST_FILE = 'manifest.json';

const SAFE_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9_.:-]{0,127}$/;

/**
 * Where a case's package builds live: `<data dir>/packages/<caseId>/`; the committed build is the
 * sub-folder named by its buildId. The worker writes there and the admin API reads (one machine or
 * a shared volume, as for uploads).
 */
export function handoverCaseDir(dataDir: string, caseId: string): string {
  if (!SAFE_SEGMENT.test(caseId) || caseId.includes('..')) throw new Error('case id is not a safe path segment');
  return join(resolve(dataDir), 'packages', caseId);
}

export function handoverBuildDir(dataDir: string, caseId: string, buildId: string): string {
  if (!SAFE_SEGMENT.test(buildId) || buildId.includes('..')) throw new Error('build id is not a safe path segment');
  return join(handoverCaseDir(dataDir, caseId), buildId);
}
