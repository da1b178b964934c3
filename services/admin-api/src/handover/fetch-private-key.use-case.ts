import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AppError } from '@handover/http';
import { MasterKey, openRecipientPrivateKey } from '@handover/crypto';
import { CaseRepository, RecipientKeyRepository } from '@handover/persistence';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/roles';
import { DERIVATION_KEY } from '../common/tokens';
import type { RecipientPrivateKeyDto } from './handover-package.dto';

/**
 * Hands out the generated recipient private key once, then destroys it: 404 unknown case, 409
 * NO_GENERATED_KEY when the recipient brought its own key (or no package was built), 410
 * PRIVATE_KEY_FETCHED after the first fetch.
 */
@Injectable()
export class FetchPrivateKeyUseCase {
  constructor(
    private readonly cases: CaseRepository, private readonly keys: RecipientKeyRepository, @Inject(DERIVATION_KEY) private readonly master: MasterKey,
    private readonly audit: AuditService,
  ) {}

  async execute(caseId: string, principal: Principal): Promise<RecipientPrivateKeyDto> {
    if (!(await this.cases.findState(caseId))) throw AppError.notFound('case', caseId);
    const taken = await this.keys.takePrivateKey(caseId, principal.id);
    if (taken.status === 'none') throw AppError.conflict('NO_GENERATED_KEY', `case ${caseId} has no generated recipient key`);
    if (taken.status === 'gone') throw new AppError('PRIVATE_KEY_FETCHED', `the private key of case ${caseId} was already fetched and destroyed`, HttpStatus.GONE);
    const stored = await this.keys.find(caseId);
    await this.audit.record({
      caseId,
      action: 'handover.private-key.fetched',
      subject: { type: 'recipient-key', id: caseId },
      data: { fingerprint: stored?.fingerprint ?? 'unknown' },
      actor: principal,
    });
    return { privateKey: openRecipientPrivateKey(this.master, caseId, taken.sealed), fingerprint: stored?.fingerprint ?? '' };
  }
}
