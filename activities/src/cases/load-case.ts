import { ApplicationFailure } from '@temporalio/activity';
import type { FieldCipher } from '@handover/crypto';
import type { CaseEntity, CaseKeyService, CaseRepository } from '@handover/persistence';

export interface CaseLoaderDeps {
  keys: Pick<CaseKeyService, 'cipherFor'>;
  cases: Pick<CaseRepository, 'findById'>;
}

/**
 * The case, decrypted, with its field cipher: what every activity that mails or decrypts starts
 * from. A missing key (shredded) or case is not something a retry can mend: non-retryable, with
 * a code and ids only.
 */
export async function loadCase(deps: CaseLoaderDeps, caseId: string): Promise<{ cipher: FieldCipher; entity: CaseEntity }> {
  const cipher = await deps.keys.cipherFor(caseId);
  if (!cipher) throw ApplicationFailure.nonRetryable(`case ${caseId} has no data key`, 'CASE_KEY_MISSING');
  const entity = await deps.cases.findById(caseId, cipher);
  if (!entity) throw ApplicationFailure.nonRetryable(`case ${caseId} not found`, 'CASE_NOT_FOUND');
  return { cipher, entity };
}
