import { HttpStatus, Injectable } from '@nestjs/common';
import { AnswerRepository, CaseKeyService, CaseRepository } from '@handover/persistence';
import { AuditService } from '../audit/audit.service';
import { AppError } from '@handover/http';
import type { CustomerEvidenceDto } from './evidence.dto';

/**
 * One customer's consent/answer evidence, IP and user agent decrypted with the case key. Every
 * read is on the audit trail (the evidence is personal data); once the case key is shredded
 * nothing of it can be read: 409 CASE_KEY_SHREDDED.
 */
@Injectable()
export class GetCustomerEvidenceUseCase {
  constructor(
    private readonly cases: CaseRepository, private readonly answers: AnswerRepository, private readonly keys: CaseKeyService,
    private readonly audit: AuditService,
  ) {}

  async execute(caseId: string, ref: string): Promise<CustomerEvidenceDto> {
    if (!(await this.cases.findState(caseId))) throw AppError.notFound('case', caseId);
    const cipher = await this.keys.cipherFor(caseId);
    if (!cipher) throw new AppError('CASE_KEY_SHREDDED', `case ${caseId} has no data key any more: its evidence cannot be read`, HttpStatus.CONFLICT);
    const state = await this.answers.state(caseId, ref);
    if (!state) throw AppError.notFound('customer of case', caseId);
    const records = await this.answers.evidenceOf(caseId, ref);
    await this.audit.record({ caseId, action: 'customer.evidence.read', subject: { type: 'customer', id: ref }, data: { records: records.length } });
    return {
      ref,
      route: state.route ?? null,
      decision: state.decision ?? null,
      evidence: records.map((record) => {
        const client = AnswerRepository.decryptClient(record, cipher);
        return {
          id: record.id,
          decision: record.decision,
          scope: record.scope,
          wordingVersion: record.wordingVersion,
          channel: record.channel,
          tokenHash: record.tokenHash,
          ip: client.ip,
          userAgent: client.userAgent,
          at: record.at.toISOString(),
        };
      }),
    };
  }
}
