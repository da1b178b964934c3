import { AppError } from '@handover/http';
import { HttpStatus, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { NOTICE_WORDING_VERSION } from '@handover/mail';
import type { Logger } from '@handover/logging';
import {
  AnswerRejectedError,
  AnswerSubjectNotFoundError,
  type AnswerChannel,
  type AnswerDecision,
  type AnswerOutcome,
  AnswerRepository,
  AuditRepository,
  type CaseKeyService,
} from '@handover/persistence';
import { CASE_KEYS, PORTAL_LOGGER } from '../common/tokens';
import type { ClientInfo } from '../security/client-info';
import type { Locale } from '../pages/i18n';
import type { CustomerLink } from './customer-link';

export interface RecordAnswerCommand {
  link: CustomerLink;
  decision: AnswerDecision;
  channel: AnswerChannel;
  /** The language the customer read the wording in: its version goes into the evidence. */
  locale: Locale;
  client: ClientInfo;
}

/** 409 with the rule's stable code; the message names no person. */
export class AnswerConflictException extends AppError {
  constructor(
    override readonly code: AnswerRejectedError['code'],
    message: string,
  ) {
    super(code, message, HttpStatus.CONFLICT);
  }
}

/** Each answer by a person is its own audit event (the actor is the link's subject, never an address). */
export const ANSWER_AUDIT_ACTIONS: Record<AnswerDecision, string> = {
  consent: 'consent.given',
  refuse: 'consent.refused',
  object: 'consent.objected',
  withdraw: 'consent.withdrawn',
};

/**
 * Records a customer's answer with its evidence; the customer's state (and the case counters) change
 * at once. On the trail: `answer.submitted` before (intent), then the decision's own event (or
 * `answer.refused` with the rule's code).
 */
@Injectable()
export class RecordAnswerUseCase {
  constructor(
    private readonly answers: AnswerRepository, @Inject(CASE_KEYS) private readonly caseKeys: CaseKeyService,
    @Inject(PORTAL_LOGGER) private readonly logger: Logger, private readonly audit: AuditRepository,
  ) {}

  async execute(command: RecordAnswerCommand): Promise<AnswerOutcome> {
    const { link, decision, channel } = command;
    const cipher = await this.caseKeys.cipherFor(link.caseId);
    if (!cipher) throw new NotFoundException();
    const actor = { id: link.ref, role: 'customer' };
    const subject = { type: 'customer', id: link.ref };
    await this.audit.append(link.caseId, { actor, action: 'answer.submitted', subject, data: { decision, channel } });
    try {
      const outcome = await this.answers.record({
        caseId: link.caseId,
        ref: link.ref,
        decision,
        channel,
        tokenHash: link.tokenHash,
        wordingVersion: NOTICE_WORDING_VERSION[command.locale],
        ip: command.client.ip,
        userAgent: command.client.userAgent,
        cipher,
      });
      await this.audit.append(link.caseId, { actor, action: ANSWER_AUDIT_ACTIONS[decision], subject, data: { decision: outcome.decision, channel, changed: outcome.changed } });
      this.logger.info({ caseId: link.caseId, ref: link.ref, decision, channel, changed: outcome.changed }, 'answer recorded');
      return outcome;
    } catch (error) {
      if (error instanceof AnswerSubjectNotFoundError) throw new NotFoundException();
      if (error instanceof AnswerRejectedError) {
        await this.audit.append(link.caseId, { actor, action: 'answer.refused', subject, data: { decision, channel, code: error.code } });
        this.logger.info({ caseId: link.caseId, ref: link.ref, decision, channel, code: error.code }, 'answer refused');
        throw new AnswerConflictException(error.code, error.message);
      }
      throw error;
    }
  }
}
