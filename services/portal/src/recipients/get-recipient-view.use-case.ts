import { Injectable, NotFoundException } from '@nestjs/common';
import { HandoverRepository, RecipientAcknowledgementRepository } from '@handover/persistence';
import type { RecipientLink } from './recipient-link';

/** What the recipient's page shows: company names, the package's id, size and time, the acknowledgement. */
export interface RecipientView {
  transferorName: string;
  recipientName: string;
  packageId: string;
  records: number;
  createdAt: string;
  acknowledgedAt?: string;
}

/** The recipient's view of its link; 404 (no hint) when the case or the package is gone. */
@Injectable()
export class GetRecipientViewUseCase {

  constructor(private readonly handover: HandoverRepository, private readonly acks: RecipientAcknowledgementRepository) {}

  async execute(link: RecipientLink): Promise<RecipientView> {
    const [names, pkg, ack] = await Promise.all([
      this.handover.partyNames(link.caseId),
      this.handover.findPackage(link.packageId),
      this.acks.find(link.caseId),
    ]);
    if (!names?.recipientName || !pkg || pkg.caseId !== link.caseId) throw new NotFoundException();
    return {
      transferorName: names.transferorName,
      recipientName: names.recipientName,
      packageId: pkg._id,
      records: pkg.manifest.records,
      createdAt: pkg.manifest.createdAt,
      ...(ack && ack.packageId === pkg._id && { acknowledgedAt: ack.at.toISOString() }),
    };
  }
}
