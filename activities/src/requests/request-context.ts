import { ApplicationFailure } from '@temporalio/activity';
import type { FieldCipher } from '@handover/crypto';
import { decryptCustomerPersonal, type CaseEntity, type CustomerPersonalData, type RequestDocument } from '@handover/persistence';
import type { RequestActivityDeps } from './request.deps';

export interface LoadedRequest {
  request: RequestDocument;
  cipher: FieldCipher;
  transferCase: CaseEntity;
  /** Null when the customer document is gone (deleted). */
  personal: CustomerPersonalData | null;
  locale: 'zh-CN' | 'en';
}

/** The request, its case (decrypted) and the customer's personal data: what every mail needs. */
export async function loadRequest(deps: RequestActivityDeps, caseId: string, requestId: string): Promise<LoadedRequest> {
  const request = await deps.requests.findById(requestId);
  if (!request || request.caseId !== caseId) throw ApplicationFailure.nonRetryable(`request ${requestId} not found`, 'REQUEST_NOT_FOUND');
  const cipher = await deps.keys.cipherFor(caseId);
  const transferCase = cipher ? await deps.cases.findById(caseId, cipher) : null;
  if (!cipher || !transferCase) throw ApplicationFailure.nonRetryable(`case ${caseId} not found`, 'REQUEST_NOT_FOUND');
  const doc = await deps.corrections.findById(request.customerId);
  const personal = doc ? decryptCustomerPersonal(doc, cipher) : null;
  const locale = request.locale ?? (doc?.locale === 'en' ? 'en' : 'zh-CN');
  return { request, cipher, transferCase, personal, locale };
}
