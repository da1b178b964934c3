import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { caseWorkflowId, recipientAcknowledgedSignal } from '@handover/contracts';
import type { Logger } from '@handover/logging';
import { AuditRepository, HandoverRepository, RecipientAcknowledgementRepository, type AcknowledgementOutcome, type CaseKeyService } from '@handover/persistence';
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
    @Inject(PORTAL_LOGGER) private readonly logger: Logger, private readonly audit: AuditRepository,
  ) {}

  async execute(command: RecordAcknowledgementCommand): Promise<AcknowledgementOutcome> {
    const { link } = command;
    const [pkg, cipher] = await Promise.all([this.handover.findPackage(link.packageId), this.caseKeys.cipherFor(link.caseId)]);
    if (!pkg || pkg.caseId !== link.caseId || !cipher) throw new NotFoundException();
    // On the trail (actor: the link's subject, the package; never the acknowledging person's name).
    const actor = { id: link.packageId, role: 'recipient' };
    const subject = { type: 'package', id: link.packageId };
    await this.audit.append(link.caseId, { actor, action: 'handover.acknowledgement-submitted', subject });
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
    await this.audit.append(link.caseId, { actor, action: 'handover.acknowledged', subject, data: { created: outcome.created } });
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
