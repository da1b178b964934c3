import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { AdminApiConfig } from '@handover/config';
import { MasterKey } from '@handover/crypto';
import { CalendarCoverageError, correctionsProblem, normaliseCorrections, type ProposedCorrections } from '@handover/domain';
import { caseBlindIndex, customerRef, requestWorkflowInput, RequestFilingService, RequestSubjectNotFoundError } from '@handover/persistence';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/roles';
import { AppError, invalidField } from '@handover/http';
import { ADMIN_CONFIG, DERIVATION_KEY, TEMPORAL_CLIENT } from '../common/tokens';
import type { FileRequestDto, RequestFiledDto } from './request.dto';
import { startRequestWorkflow } from '@handover/temporal';

/** A case manager files a request on a customer's behalf: same path as the portal's, filedBy `manager`. */
@Injectable()
export class FileRequestUseCase {
  constructor(
    private readonly filing: RequestFilingService, @Inject(DERIVATION_KEY) private readonly master: MasterKey,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client, @Inject(ADMIN_CONFIG) private readonly config: AdminApiConfig,
    private readonly audit: AuditService,
  ) {}

  async execute(dto: FileRequestDto, principal: Principal): Promise<RequestFiledDto> {
    if ((dto.customerId === undefined) === (dto.customerRef === undefined)) throw invalidField('customerId', 'give exactly one of customerId and customerRef');
    const corrections = dto.corrections ? checkedCorrections(dto.type, { ...dto.corrections }) : undefined;
    const ref = dto.customerRef ?? customerRef(caseBlindIndex(this.master, dto.caseId), dto.customerId as string);
    let filed;
    try {
      filed = await this.filing.file({
        caseId: dto.caseId,
        ref,
        type: dto.type,
        ...(dto.message !== undefined && { message: dto.message }),
        ...(corrections && { corrections }),
        filedBy: 'manager',
        filedById: principal.id,
        channel: 'admin-api',
      });
    } catch (error) {
      if (error instanceof RequestSubjectNotFoundError) throw new NotFoundException({ statusCode: 404, code: 'NOT_FOUND', message: `${error.what} not found` });
      if (error instanceof CalendarCoverageError) throw AppError.calendarNotCovered(error.message);
      throw error;
    }
    await this.audit.record({
      caseId: filed.caseId,
      action: 'request.filed',
      subject: { type: 'request', id: filed.id },
      data: { type: filed.type, filedBy: 'manager', customerRef: filed.ref, dueAt: filed.deadline.dueAt, dueDate: filed.deadline.dueDate, excluded: filed.exclusion ?? null },
      actor: principal,
    });
    if (filed.newlyExcluded) {
      await this.audit.record({ caseId: filed.caseId, action: 'customer.excluded', subject: { type: 'customer', id: filed.ref }, data: { requestId: filed.id, reason: filed.exclusion ?? null, phase: filed.phase }, actor: principal });
    }
    await startRequestWorkflow(this.temporal, this.config.TEMPORAL_TASK_QUEUE, requestWorkflowInput(filed));
    return { id: filed.id, status: 'open', dueDate: filed.deadline.dueDate, dueAt: filed.deadline.dueAt, excluded: filed.exclusion !== undefined };
  }
}

/** Corrections only with type correct, each field valid (400 naming the field, never the value). */
export function checkedCorrections(type: string, corrections: Record<string, unknown>): ProposedCorrections {
  const clean = Object.fromEntries(Object.entries(corrections).filter(([, v]) => v !== undefined));
  if (type !== 'correct') throw invalidField('corrections', 'only for a request of type correct');
  const problem = correctionsProblem(clean);
  if (problem) throw invalidField(problem.field, problem.reason);
  return normaliseCorrections(clean as ProposedCorrections);
}
