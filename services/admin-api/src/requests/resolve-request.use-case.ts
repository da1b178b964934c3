import { Inject, Injectable } from '@nestjs/common';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { dataSubjectRequestWorkflowId, requestResolvedSignal } from '@handover/contracts';
import { defaultComplaintRoutes, type Jurisdiction } from '@handover/domain';
import type { Logger } from '@handover/logging';
import { CaseKeyService, isLate, RequestDecisionRepository, RequestRepository } from '@handover/persistence';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/roles';
import { invalidField, AppError } from '@handover/http';
import { LOGGER, CASE_KEYS, TEMPORAL_CLIENT } from '../common/tokens';
import type { RequestResolvedDto, ResolveRequestDto } from './request.dto';

/**
 * Resolves a request: done, or refused with reasons and the routes of complaint (PIPL Art. 50; 400
 * without reasons). The decision is an insert-only claim (a second one is 409), then the request's
 * workflow is signalled: it applies the outcome (a correction re-encrypts the customer's fields) and
 * mails the customer.
 */
@Injectable()
export class ResolveRequestUseCase {
  constructor(
    private readonly requests: RequestRepository, private readonly decisions: RequestDecisionRepository,
    @Inject(CASE_KEYS) private readonly keys: CaseKeyService, @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(LOGGER) private readonly logger: Logger, private readonly audit: AuditService,
  ) {}

  async execute(id: string, dto: ResolveRequestDto, principal: Principal): Promise<RequestResolvedDto> {
    const reasons = dto.reasons?.trim() ? dto.reasons.trim() : undefined;
    if (dto.outcome === 'refused' && !reasons) throw invalidField('reasons', 'required when the request is refused (PIPL Art. 50)');
    const doc = await this.requests.findById(id);
    const cipher = doc ? await this.keys.cipherFor(doc.caseId) : null;
    if (!doc || !cipher) throw AppError.notFound('request', id);
    if (doc.status === 'resolved') throw AppError.conflict('REQUEST_ALREADY_RESOLVED', `request ${id} is already resolved`);
    const known = defaultComplaintRoutes(doc.jurisdiction as Jurisdiction).map((r) => r.id);
    const unknown = (dto.complaintRoutes ?? []).find((r) => !known.includes(r));
    if (unknown !== undefined) throw invalidField('complaintRoutes', `each must be one of ${known.join(', ')}`);

    const at = new Date();
    const claimed = await this.decisions.claimResolution(
      { requestId: id, caseId: doc.caseId, outcome: dto.outcome, ...(reasons && { reasons }), complaintRouteIds: dto.complaintRoutes ?? [], extraComplaintRoutes: dto.extraComplaintRoutes ?? [], by: principal.id, at },
      cipher,
    );
    if (!claimed) throw AppError.conflict('REQUEST_ALREADY_RESOLVED', `request ${id} is already resolved`);
    const late = isLate({ dueAt: doc.dueAt, resolvedAt: at }, at);
    await this.audit.record({
      caseId: doc.caseId,
      action: 'request.resolved',
      subject: { type: 'request', id },
      data: { type: doc.type, outcome: dto.outcome, late, dueAt: new Date(doc.dueAt).toISOString(), reasons: reasons !== undefined, complaintRoutes: dto.outcome === 'refused' ? (dto.complaintRoutes ?? known).join(',') : null },
      actor: principal,
    });
    try {
      await this.temporal.workflow.getHandle(dataSubjectRequestWorkflowId(doc.caseId, id)).signal(requestResolvedSignal, { outcome: dto.outcome });
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      this.logger.warn({ caseId: doc.caseId, requestId: id }, 'request workflow not found: resolution stored, outcome not mailed');
    }
    return { id, outcome: dto.outcome, resolvedAt: at.toISOString(), late };
  }
}
