import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { PortalConfig } from '@handover/config';
import { CalendarCoverageError, correctionsProblem, normaliseCorrections, type ProposedCorrections, type RequestType } from '@handover/domain';
import { AppError, invalidField } from '@handover/http';
import type { Logger } from '@handover/logging';
import { AuditRepository, RequestFilingService, RequestSubjectNotFoundError, requestWorkflowInput, type FiledRequest } from '@handover/persistence';
import { startRequestWorkflow } from '@handover/temporal';
import { PORTAL_CONFIG, PORTAL_LOGGER, TEMPORAL_CLIENT } from '../common/tokens';
import type { CustomerLink } from '../customers/customer-link';
import type { Locale } from '../pages/i18n';

export interface FilePortalRequestCommand {
  link: CustomerLink;
  type: RequestType;
  message?: string;
  corrections?: Record<string, unknown>;
  channel: 'portal-json' | 'portal-html';
  locale: Locale;
}

const CUSTOMER_ACTOR = { id: 'customer', role: 'customer' } as const;

/**
 * A customer files a request through their link: stored (texts encrypted), deadline from the case's
 * jurisdiction profile, the customer excluded from the transfer at once when it is a deletion
 * request or an objection before the handover; then the audit event and the request's workflow.
 */
@Injectable()
export class FilePortalRequestUseCase {
  constructor(
    private readonly audit: AuditRepository, private readonly filing: RequestFilingService,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client, @Inject(PORTAL_CONFIG) private readonly config: PortalConfig,
    @Inject(PORTAL_LOGGER) private readonly logger: Logger,
  ) {}

  async execute(command: FilePortalRequestCommand): Promise<FiledRequest> {
    const { link } = command;
    let corrections: ProposedCorrections | undefined;
    if (command.corrections !== undefined) {
      if (command.type !== 'correct') throw invalidField('corrections', 'only for a request of type correct');
      const clean = Object.fromEntries(Object.entries(command.corrections).filter(([, v]) => v !== undefined));
      const problem = correctionsProblem(clean);
      if (problem) throw invalidField(problem.field, problem.reason);
      corrections = normaliseCorrections(clean as ProposedCorrections);
    }
    let filed: FiledRequest;
    try {
      filed = await this.filing.file({
        caseId: link.caseId,
        ref: link.ref,
        type: command.type,
        ...(command.message !== undefined && command.message.trim() !== '' && { message: command.message }),
        ...(corrections && { corrections }),
        filedBy: 'customer',
        filedById: 'customer',
        channel: command.channel,
        locale: command.locale,
      });
    } catch (error) {
      if (error instanceof RequestSubjectNotFoundError) throw new NotFoundException();
      if (error instanceof CalendarCoverageError) throw AppError.calendarNotCovered(error.message);
      throw error;
    }
    await this.audit.append(filed.caseId, {
      actor: CUSTOMER_ACTOR,
      action: 'request.filed',
      subject: { type: 'request', id: filed.id },
      data: { type: filed.type, filedBy: 'customer', customerRef: filed.ref, channel: command.channel, dueAt: filed.deadline.dueAt, dueDate: filed.deadline.dueDate, excluded: filed.exclusion ?? null },
    });
    if (filed.newlyExcluded) {
      await this.audit.append(filed.caseId, { actor: CUSTOMER_ACTOR, action: 'customer.excluded', subject: { type: 'customer', id: filed.ref }, data: { requestId: filed.id, reason: filed.exclusion ?? null, phase: filed.phase } });
    }
    await startRequestWorkflow(this.temporal, this.config.TEMPORAL_TASK_QUEUE, requestWorkflowInput(filed));
    this.logger.info({ caseId: filed.caseId, ref: filed.ref, requestId: filed.id, type: filed.type, excluded: filed.exclusion !== undefined }, 'request filed');
    return filed;
  }
}
