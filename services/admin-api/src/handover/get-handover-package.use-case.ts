import { Injectable } from '@nestjs/common';
import { AppError } from '@handover/http';
import { handoverPackageId } from '@handover/contracts';
import { CaseRepository, HandoverRepository, RecipientAcknowledgementRepository, type HandoverPackageDocument } from '@handover/persistence';
import type { HandoverPackageDto } from './handover-package.dto';

/** The committed package of a case: 404 for an unknown case, 409 PACKAGE_NOT_READY before it is built. */
@Injectable()
export class GetHandoverPackageUseCase {

  constructor(private readonly cases: CaseRepository, private readonly handover: HandoverRepository, private readonly acks: RecipientAcknowledgementRepository) {}

  async require(caseId: string): Promise<HandoverPackageDocument> {
    if (!(await this.cases.findState(caseId))) throw AppError.notFound('case', caseId);
    const found = await this.handover.findPackage(handoverPackageId(caseId));
    if (!found) throw AppError.conflict('PACKAGE_NOT_READY', `the handover package of case ${caseId} has not been built yet`);
    return found;
  }

  async execute(caseId: string): Promise<HandoverPackageDto> {
    const { manifest } = await this.require(caseId);
    const ack = await this.acks.find(caseId);
    return {
      ...manifest,
      byRoute: { ...manifest.byRoute },
      files: manifest.files.map((file) => ({
        ...file,
        download: `/v1/cases/${encodeURIComponent(caseId)}/handover/package/files/${encodeURIComponent(file.name)}`,
      })),
      ...(ack && { acknowledgedAt: ack.at.toISOString() }),
    };
  }
}
