import { calendars } from '@handover/calendars';
import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { DataSubjectRequestInput } from '@handover/contracts';
import {
  excludesFromTransfer,
  isBeforeHandover,
  planRequestDeadline,
  type Jurisdiction,
  type ProposedCorrections,
  type RequestDeadline,
  type RequestFiledBy,
  type RequestType,
} from '@handover/domain';
import type { CaseKeyService } from '../case-keys/case-key.service';
import { CaseRepository } from '../cases/case.repository';
import { CustomerRepository } from '../customers/customer.repository';
import { customerDocId } from '../customers/customer-crypto';
import { TransferExclusionRepository } from '../exclusions/transfer-exclusion.repository';
import type { NewRequest } from './request.entity';
import { RequestRepository } from './request.repository';

export const newRequestId = (): string => `rq_${randomBytes(12).toString('base64url')}`;

/** The case or the customer does not exist (or its key was shredded): the callers answer 404. */
export class RequestSubjectNotFoundError extends Error {
  constructor(readonly what: 'case' | 'customer') {
    super(`${what} not found`);
  }
}

export interface FileRequestInput {
  caseId: string;
  ref: string;
  type: RequestType;
  message?: string;
  corrections?: ProposedCorrections;
  filedBy: RequestFiledBy;
  filedById: string;
  channel: NewRequest['channel'];
  locale?: 'zh-CN' | 'en';
  at?: Date;
}

/** The request workflow's input for a filed request: ids, type and instants only. */
export function requestWorkflowInput(filed: FiledRequest): DataSubjectRequestInput {
  return { caseId: filed.caseId, requestId: filed.id, type: filed.type, dueAt: filed.deadline.dueAt, remindAt: filed.deadline.remindAt };
}

export interface FiledRequest {
  id: string;
  caseId: string;
  customerId: string;
  ref: string;
  type: RequestType;
  filedAt: Date;
  deadline: RequestDeadline;
  /** Set when this filing took the customer out of the transfer (delete/object before handover). */
  exclusion?: 'deletion-request' | 'objection';
  /** False when the customer had already been excluded by an earlier request. */
  newlyExcluded: boolean;
  phase: string;
}

/**
 * Files a request (the portal's and the admin API's one shared path): due date from the case's
 * jurisdiction profile (or its policy `requestDeadline`), the message and corrections encrypted,
 * inserted; a deletion request or objection before the handover excludes the customer at once.
 * The caller then starts the request's workflow and records the audit event.
 */
export class RequestFilingService {
  private readonly cases: CaseRepository;
  private readonly customers: CustomerRepository;
  private readonly requests: RequestRepository;
  private readonly exclusions: TransferExclusionRepository;

  constructor(
    connection: Connection,
    private readonly keys: CaseKeyService,
  ) {
    this.cases = new CaseRepository(connection);
    this.customers = new CustomerRepository(connection);
    this.requests = new RequestRepository(connection);
    this.exclusions = new TransferExclusionRepository(connection);
  }

  async file(input: FileRequestInput): Promise<FiledRequest> {
    const cipher = await this.keys.cipherFor(input.caseId);
    const transferCase = cipher ? await this.cases.findById(input.caseId, cipher) : null;
    if (!cipher || !transferCase) throw new RequestSubjectNotFoundError('case');
    const customerId = customerDocId(input.caseId, input.ref);
    if (!(await this.customers.findById(customerId))) throw new RequestSubjectNotFoundError('customer');

    const filedAt = input.at ?? new Date();
    const { requestDeadline: override, memberState } = transferCase.policy as { requestDeadline?: unknown; memberState?: unknown };
    const jurisdiction = transferCase.jurisdiction as Jurisdiction;
    const deadline = planRequestDeadline({
      filedAt,
      jurisdiction,
      calendar: calendars().calendarFor(jurisdiction, typeof memberState === 'string' ? memberState : undefined),
      ...(typeof override === 'string' && { override }),
    });
    const reason = excludesFromTransfer(input.type);
    const exclusion = reason && isBeforeHandover(transferCase.phase) ? reason : undefined;
    const id = newRequestId();
    await this.requests.insert(
      {
        id,
        caseId: input.caseId,
        customerId,
        ref: input.ref,
        type: input.type,
        filedBy: input.filedBy,
        filedById: input.filedById,
        channel: input.channel,
        filedAt,
        jurisdiction: transferCase.jurisdiction,
        phaseAtFiling: transferCase.phase,
        dueDate: deadline.dueDate,
        dueAt: new Date(deadline.dueAt),
        remindAt: new Date(deadline.remindAt),
        deadlineReasons: deadline.reasons.map((r) => ({ ruleId: r.ruleId, article: r.article })),
        calendarId: deadline.calendarId,
        ...(typeof override === 'string' && { deadlineOverride: override }),
        ...(input.message !== undefined && { message: input.message }),
        ...(input.corrections !== undefined && { corrections: input.corrections }),
        ...(input.locale !== undefined && { locale: input.locale }),
        ...(exclusion && { exclusion }),
      },
      cipher,
    );
    const newlyExcluded = exclusion ? await this.exclusions.exclude({ caseId: input.caseId, customerId, requestId: id, reason: exclusion, at: filedAt }) : false;
    return { id, caseId: input.caseId, customerId, ref: input.ref, type: input.type, filedAt, deadline, ...(exclusion && { exclusion }), newlyExcluded, phase: transferCase.phase };
  }
}
