import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { Connection } from 'mongoose';
import { dataSubjectRequestWorkflowId, requestExtendedSignal } from '@handover/contracts';
import { extendRequestDeadline, type Jurisdiction } from '@handover/domain';
import { CaseKeyService, RequestDecisionRepository, RequestRepository } from '@handover/persistence';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/roles';
import { AppError } from '../common/app-error';
import { MONGO_CONNECTION, CASE_KEYS, TEMPORAL_CLIENT } from '../common/tokens';
import type { ExtendRequestDto, RequestExtendedDto } from './request.dto';

/**
 * Extends a request's due date once (EU: GDPR Art. 12(3) two months; CN: one further 15 working
 * days), with the reason the workflow mails to the customer. Insert-only claim: a second is 409.
 */
@Injectable()
export class ExtendRequestUseCase {
  private readonly requests: RequestRepository;
  private readonly decisions: RequestDecisionRepository;

  constructor(
    @Inject(MONGO_CONNECTION) connection: Connection,
    @Inject(CASE_KEYS) private readonly keys: CaseKeyService,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly audit: AuditService,
  ) {
    this.requests = new RequestRepository(connection);
    this.decisions = new RequestDecisionRepository(connection);
  }

  async execute(id: string, dto: ExtendRequestDto, principal: Principal): Promise<RequestExtendedDto> {
    const doc = await this.requests.findById(id);
    const cipher = doc ? await this.keys.cipherFor(doc.caseId) : null;
    if (!doc || !cipher) throw AppError.notFound('request', id);
    if (doc.status === 'resolved' || (await this.decisions.findResolution(id, cipher))) throw AppError.conflict('REQUEST_ALREADY_RESOLVED', `request ${id} is already resolved`);
    if (doc.extended) throw AppError.conflict('REQUEST_ALREADY_EXTENDED', `request ${id} was already extended`);

    const at = new Date();
    const next = extendRequestDeadline({
      filedAt: new Date(doc.filedAt),
      jurisdiction: doc.jurisdiction as Jurisdiction,
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
