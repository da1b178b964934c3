import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '@handover/http';
import { CaseKeyService, CaseRepository, RequestRepository, toRequestSummary } from '@handover/persistence';
import { CASE_KEYS } from '../common/tokens';
import { pageOf, readPage } from '../common/paging';
import { AuditService } from '../audit/audit.service';
import { teamFilterOf, type Principal } from '../auth/roles';
import type { ListRequestsQueryDto, RequestDetailDto, RequestPageDto } from './request.dto';

/**
 * GET /v1/requests?caseId=&status=&cursor=&limit= (keyset pages, no personal data; without caseId the caller's inbox) and GET /v1/requests/{id} (the texts, for the case manager).
 * A detail read decrypts the customer's own words: each one is on the audit trail (`request.read`).
 */
@Injectable()
export class ListRequestsUseCase {

  constructor(
    private readonly requests: RequestRepository, private readonly cases: CaseRepository,
    @Inject(CASE_KEYS) private readonly keys: CaseKeyService, private readonly audit: AuditService,
  ) {}

  /** One case's requests in filing order; without `caseId`, the inbox: every case the caller reaches, soonest due first. */
  async list(query: ListRequestsQueryDto, principal: Principal): Promise<RequestPageDto> {
    const { caseId, status } = query;
    if (caseId === undefined) {
      // An admin reaches every case: no list of case ids to match against.
      const team = teamFilterOf(principal);
      const caseIds = team === undefined ? undefined : await this.cases.idsOfTeams([team]);
      return readPage(() => this.requests.inbox({ ...(caseIds && { caseIds }), ...(status && { status }) }, pageOf(query)));
    }
    if (!(await this.cases.findState(caseId))) throw AppError.notFound('case', caseId);
    return readPage(() => this.requests.list({ caseId, ...(status && { status }) }, pageOf(query)));
  }

  async detail(id: string): Promise<RequestDetailDto> {
    const doc = await this.requests.findById(id);
    const cipher = doc ? await this.keys.cipherFor(doc.caseId) : null;
    if (!doc || !cipher) throw AppError.notFound('request', id);
    const summary = toRequestSummary(doc);
    const texts = this.requests.decryptTexts(doc, cipher);
    await this.audit.record({ caseId: doc.caseId, action: 'request.read', subject: { type: 'request', id }, data: { type: doc.type } });
    return { ...summary, ...texts, deadlineReasons: doc.deadlineReasons.map((r) => ({ ruleId: r.ruleId, article: r.article })), calendarId: doc.calendarId };
  }
}
