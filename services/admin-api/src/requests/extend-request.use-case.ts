import { calendars } from '@handover/calendars';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '@handover/http';
import type { Client } from '@temporalio/client';
import { dataSubjectRequestWorkflowId, requestExtendedSignal } from '@handover/contracts';
import { CalendarCoverageError, extendRequestDeadline, type Jurisdiction } from '@handover/domain';
import { CaseKeyService, RequestDecisionRepository, RequestRepository } from '@handover/persistence';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/roles';
import { CASE_KEYS, TEMPORAL_CLIENT } from '../common/tokens';
import type { ExtendRequestDto, RequestExtendedDto } from './request.dto';

/**
 * Extends a request's due date once (EU: GDPR Art. 12(3) two months; CN: one further 15 working
 * days), with the reason the workflow mails to the customer. Insert-only claim: a second is 409.
 */
@Injectable()
export class ExtendRequestUseCase {
  constructor(
    private readonly requests: RequestRepository, private readonly decisions: RequestDecisionRepository,
    @Inject(CASE_KEYS) private readonly keys: CaseKeyService, @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly audit: AuditService,
  ) {}

  async execute(id: string, dto: ExtendRequestDto, principal: Principal): Promise<RequestExtendedDto> {
    const doc = await this.requests.findById(id);
    const cipher = doc ? await this.keys.cipherFor(doc.caseId) : null;
    if (!doc || !cipher) throw AppError.notFound('request', id);
    if (doc.status === 'resolved' || (await this.decisions.findResolution(id, cipher))) throw AppError.conflict('REQUEST_ALREADY_RESOLVED', `request ${id} is already resolved`);
    if (doc.extended) throw AppError.conflict('REQUEST_ALREADY_EXTENDED', `request ${id} was already extended`);

    const at = new Date();
    const next = planExtension({
      filedAt: new Date(doc.filedAt),
      jurisdiction: doc.jurisdiction as Jurisdiction,
      calendar: calendars().recorded(doc.jurisdiction as Jurisdiction, doc.calendarId),
      ...(doc.deadlineOverride !== undefined && { override: doc.deadlineOverride }),
      current: {
        dueDate: doc.dueDate,
        dueAt: new Date(doc.dueAt).toISOString(),
        remindAt: new Date(doc.remindAt).toISOString(),
        reasons: doc.deadlineReasons.map((r) => ({ ...r, summary: '' })),
        warnings: [],
        calendarId: doc.calendarId,
      },
      at,
    });
    const claimed = await this.decisions.claimExtension(
      { requestId: id, caseId: doc.caseId, reason: dto.reason, dueDate: next.dueDate, dueAt: new Date(next.dueAt), remindAt: new Date(next.remindAt), deadlineReasons: next.reasons, by: principal.id, at },
      cipher,
    );
    if (!claimed) throw AppError.conflict('REQUEST_ALREADY_EXTENDED', `request ${id} was already extended`);
    await this.audit.record({
      caseId: doc.caseId,
      action: 'request.extended',
      subject: { type: 'request', id },
      data: { type: doc.type, previousDueAt: new Date(doc.dueAt).toISOString(), dueAt: next.dueAt, dueDate: next.dueDate, rule: next.reasons.at(-1)?.ruleId ?? null },
      actor: principal,
    });
    await this.temporal.workflow.getHandle(dataSubjectRequestWorkflowId(doc.caseId, id)).signal(requestExtendedSignal, { dueAt: next.dueAt, remindAt: next.remindAt });
    return { id, dueDate: next.dueDate, dueAt: next.dueAt };
  }
}

/** The extended deadline; a date outside the loaded calendars is a 503 naming it. */
function planExtension(input: Parameters<typeof extendRequestDeadline>[0]): ReturnType<typeof extendRequestDeadline> {
  try {
    return extendRequestDeadline(input);
  } catch (error) {
    if (error instanceof CalendarCoverageError) throw AppError.calendarNotCovered(error.message);
    throw error;
  }
}
