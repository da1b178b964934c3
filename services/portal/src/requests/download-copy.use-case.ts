import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { TokenSigner } from '@handover/crypto';
import { yieldsCopy, type RequestType } from '@handover/domain';
import { AuditRepository, CaseRepository, CustomerCorrectionRepository, RequestRepository, type CaseKeyService, type CustomerPersonalData } from '@handover/persistence';
import { CASE_KEYS, TOKEN_SIGNER } from '../common/tokens';

/** The JSON file an access/copy request yields: exactly that customer's data, nobody else's. */
export interface CustomerCopy {
  format: 'handover-customer-copy/1';
  generatedAt: string;
  requestId: string;
  controller: { name: string };
  recipient: { name: string } | null;
  customer: {
    reference: string;
    type: string;
    personal: CustomerPersonalData;
    sensitiveCategories: string[];
    minor: boolean;
    route: string | null;
    decision: string | null;
    outcome: string | null;
  };
}

/**
 * Builds the copy at download time from the customer document (decrypted with the case key):
 * nothing is stored in clear. The token is `download`-purpose, signed, expiring; its subject is
 * the request id. Any mismatch is the generic 404. Each download is on the audit trail
 * (`request.copy.downloaded`, subject the request id: the link's subject, never an address).
 */
@Injectable()
export class DownloadCopyUseCase {
  constructor(
    private readonly requests: RequestRepository, private readonly customers: CustomerCorrectionRepository, private readonly cases: CaseRepository,
    @Inject(CASE_KEYS) private readonly keys: CaseKeyService, @Inject(TOKEN_SIGNER) private readonly signer: TokenSigner,
    private readonly audit: AuditRepository,
  ) {}

  async execute(token: string): Promise<CustomerCopy> {
    const payload = this.signer.verify(token, 'download');
    if (!payload) throw new NotFoundException();
    const request = await this.requests.findById(payload.subject);
    if (!request || request.caseId !== payload.caseId || !yieldsCopy(request.type as RequestType) || request.outcome !== 'done') throw new NotFoundException();
    const cipher = await this.keys.cipherFor(request.caseId);
    const transferCase = cipher ? await this.cases.findById(request.caseId, cipher) : null;
    const found = cipher ? await this.customers.personal(request.customerId, cipher) : null;
    if (!transferCase || !found) throw new NotFoundException();
    const { doc, personal } = found;
    await this.audit.append(request.caseId, {
      actor: { id: 'customer', role: 'customer' }, action: 'request.copy.downloaded', subject: { type: 'request', id: request._id }, data: { type: request.type },
    });
    return {
      format: 'handover-customer-copy/1',
      generatedAt: new Date().toISOString(),
      requestId: request._id,
      controller: { name: transferCase.transferor.name },
      recipient: transferCase.recipient ? { name: transferCase.recipient.name } : null,
      customer: {
        reference: doc.ref,
        type: doc.type,
        personal,
        sensitiveCategories: [...doc.sensitive],
        minor: doc.minor,
        route: doc.route ?? null,
        decision: doc.decision ?? null,
        outcome: doc.outcome ?? null,
      },
    };
  }
}
