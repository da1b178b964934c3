import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { caseWorkflowId, recipientAcknowledgedSignal } from '@handover/contracts';
import type { Logger } from '@handover/logging';
import { HandoverRepository, RecipientAcknowledgementRepository, type AcknowledgementOutcome, type CaseKeyService } from '@handover/persistence';
import { CASE_KEYS, PORTAL_LOGGER, TEMPORAL_CLIENT } from '../common/tokens';
import type { ClientInfo } from '../security/client-info';
import type { RecipientLink } from './recipient-link';

export interface RecordAcknowledgementCommand {
  link: RecipientLink;
  acknowledgedBy: string;
  client: ClientInfo;
}

/**
 * Records the recipient's acknowledgement as evidence (MongoDB is the truth), then nudges the case
 * workflow with `recipientAcknowledged` (ids only). A failed signal is logged and ignored: the
 * workflow re-checks with the recipientAcknowledgement activity. A repeat changes nothing.
 */
@Injectable()
export class RecordAcknowledgementUseCase {
  constructor(
    private readonly handover: HandoverRepository, private readonly acks: RecipientAcknowledgementRepository,
    @Inject(CASE_KEYS) private readonly caseKeys: CaseKeyService, @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(PORTAL_LOGGER) private readonly logger: Logger,
  ) {}

  async execute(command: RecordAcknowledgementCommand): Promise<AcknowledgementOutcome> {
    const { link } = command;
    const [pkg, cipher] = await Promise.all([this.handover.findPackage(link.packageId), this.caseKeys.cipherFor(link.caseId)]);
    if (!pkg || pkg.caseId !== link.caseId || !cipher) throw new NotFoundException();
    const outcome = await this.acks.record(
      {
        caseId: link.caseId,
        packageId: link.packageId,
        tokenHash: link.tokenHash,
        acknowledgedBy: command.acknowledgedBy,
        ip: command.client.ip,
        userAgent: command.client.userAgent,
        at: new Date(),
      },
      cipher,
    );
    this.logger.info({ caseId: link.caseId, packageId: link.packageId, created: outcome.created }, 'recipient acknowledgement recorded');
    try {
      await this.temporal.workflow
        .getHandle(caseWorkflowId(link.caseId))
        .signal(recipientAcknowledgedSignal, { packageId: outcome.packageId, at: outcome.at.toISOString() });
    } catch (error) {
      this.logger.warn({ caseId: link.caseId, err: error instanceof Error ? error.name : 'unknown' }, 'recipient acknowledgement signal not delivered; the workflow re-checks');
    }
    return outcome;
  }
}
