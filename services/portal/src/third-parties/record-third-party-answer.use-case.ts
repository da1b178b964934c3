import { HttpStatus, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { thirdPartyAnsweredSignal, thirdPartyWorkflowId } from '@handover/contracts';
import type { Logger } from '@handover/logging';
import {
  ThirdPartyAnswerRejectedError,
  ThirdPartyNotFoundError,
  type CaseKeyService,
  type ThirdPartyAnswerChannel,
  type ThirdPartyAnswerOutcome,
  ThirdPartyRepository,
  AuditRepository,
} from '@handover/persistence';
import { AppError, validationFailed } from '@handover/http';
import { CASE_KEYS, PORTAL_LOGGER, TEMPORAL_CLIENT } from '../common/tokens';
import type { ClientInfo } from '../security/client-info';
import type { ThirdPartyAnswerDto } from './third-party-answer.dto';
import type { ThirdPartyLink } from './third-party-link';

export interface RecordThirdPartyAnswerCommand {
  link: ThirdPartyLink;
  answer: ThirdPartyAnswerDto;
  channel: ThirdPartyAnswerChannel;
  client: ClientInfo;
  now?: Date;
}

/** 409 with the rule's stable code; the message names no person. */
export class ThirdPartyAnswerConflictException extends AppError {
  constructor(
    override readonly code: ThirdPartyAnswerRejectedError['code'],
    message: string,
  ) {
    super(code, message, HttpStatus.CONFLICT);
  }
}

/** A deletion reported in the future is a typo; this much clock skew is tolerated. */
const FUTURE_TOLERANCE_MS = 10 * 60_000;

/**
 * Records a third party's answer (evidence first, then its status), late or not, and wakes the
 * case's third-party workflow. The signal is best effort: MongoDB is the truth, and the workflow
 * re-reads it before deciding (and may have returned already: a late answer is recorded all the same).
 */
@Injectable()
export class RecordThirdPartyAnswerUseCase {
  constructor(
    private readonly thirdParties: ThirdPartyRepository, @Inject(CASE_KEYS) private readonly caseKeys: CaseKeyService,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client, @Inject(PORTAL_LOGGER) private readonly logger: Logger,
    private readonly audit: AuditRepository,
  ) {}

  async execute(command: RecordThirdPartyAnswerCommand): Promise<ThirdPartyAnswerOutcome> {
    const { link, answer, channel } = command;
    const now = command.now ?? new Date();
    const kind = answer.kind ?? 'deleted';
    checkDates(kind, answer, now);
    const cipher = await this.caseKeys.cipherFor(link.caseId);
    if (!cipher) throw new NotFoundException();
    // On the trail: the submission (intent), then `third-party.confirmed` or `third-party.answer-refused`.
    const actor = { id: link.thirdPartyId, role: 'third-party' };
    const subject = { type: 'third-party', id: link.thirdPartyId };
    await this.audit.append(link.caseId, { actor, action: 'third-party.answer-submitted', subject, data: { kind, channel } });
    let outcome: ThirdPartyAnswerOutcome;
    try {
      outcome = await this.thirdParties.recordAnswer({
        caseId: link.caseId,
        thirdPartyId: link.thirdPartyId,
        kind,
        confirmedBy: answer.confirmedBy.trim(),
        // Only the facts that belong to the kind are kept.
        ...(answer.method !== undefined && kind !== 'legal-hold' && { method: answer.method.trim() }),
        ...(answer.deletedAt !== undefined && kind === 'deleted' && { deletedAt: answer.deletedAt }),
        ...(answer.explanation !== undefined && kind === 'exception' && { explanation: answer.explanation.trim() }),
        ...(answer.basis !== undefined && kind === 'legal-hold' && { basis: answer.basis.trim() }),
        ...(answer.retainedUntil !== undefined && kind === 'legal-hold' && { retainedUntil: answer.retainedUntil }),
        channel,
        tokenHash: link.tokenHash,
        ip: command.client.ip,
        userAgent: command.client.userAgent,
        cipher,
        now,
      });
    } catch (error) {
      if (error instanceof ThirdPartyNotFoundError) throw new NotFoundException();
      if (error instanceof ThirdPartyAnswerRejectedError) {
        await this.audit.append(link.caseId, { actor, action: 'third-party.answer-refused', subject, data: { kind, channel, code: error.code } });
        this.logger.info({ caseId: link.caseId, thirdPartyId: link.thirdPartyId, kind, channel, code: error.code }, 'third-party answer refused');
        throw new ThirdPartyAnswerConflictException(error.code, error.message);
      }
      throw error;
    }
    await this.audit.append(link.caseId, {
      actor,
      action: 'third-party.confirmed',
      subject,
      data: { kind: outcome.kind, status: outcome.status, late: outcome.late, changed: outcome.changed, channel },
    });
    this.logger.info({ caseId: link.caseId, thirdPartyId: link.thirdPartyId, kind, channel, late: outcome.late, changed: outcome.changed }, 'third-party answer recorded');
    await this.wakeWorkflow(link);
    return outcome;
  }

  private async wakeWorkflow(link: ThirdPartyLink): Promise<void> {
    try {
      await this.temporal.workflow.getHandle(thirdPartyWorkflowId(link.caseId)).signal(thirdPartyAnsweredSignal, { thirdPartyId: link.thirdPartyId });
    } catch (error) {
      // Not running (returned after the deadline, or not started): the answer is in MongoDB.
      this.logger.info({ caseId: link.caseId, thirdPartyId: link.thirdPartyId, err: (error as Error).name }, 'third-party workflow not signalled');
    }
  }
}

function checkDates(kind: string, answer: ThirdPartyAnswerDto, now: Date): void {
  const fields: Array<{ field: string; reason: string }> = [];
  if (kind === 'deleted' && answer.deletedAt !== undefined && Date.parse(answer.deletedAt) > now.getTime() + FUTURE_TOLERANCE_MS) {
    fields.push({ field: 'deletedAt', reason: 'must not lie in the future' });
  }
  if (kind === 'legal-hold' && answer.retainedUntil !== undefined && Date.parse(answer.retainedUntil) <= now.getTime()) {
    fields.push({ field: 'retainedUntil', reason: 'must lie in the future' });
  }
  if (fields.length > 0) {
    throw validationFailed(fields);
  }
}
