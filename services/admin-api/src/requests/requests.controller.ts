import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiDoc } from '../common/api-doc.decorator';
import { CaseBound, NOT_FOUND_OR_OTHER_TEAM } from '../auth/case-scope';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/roles';
import { BULK_MATCH_LIMIT, BulkRequestsDto, BulkRequestsResultDto } from './bulk-requests.dto';
import { BulkRequestsUseCase } from './bulk-requests.use-case';
import { ExtendRequestUseCase } from './extend-request.use-case';
import { FileRequestUseCase } from './file-request.use-case';
import { ListRequestsUseCase } from './list-requests.use-case';
import {
  ExtendRequestDto, FileRequestDto, ListRequestsQueryDto, RequestDetailDto, RequestExtendedDto, RequestFiledDto, RequestPageDto, RequestResolvedDto, ResolveRequestDto,
} from './request.dto';
import { ResolveRequestUseCase } from './resolve-request.use-case';

/** A request's team is its case's. */
const REQUEST = { kind: 'request', in: 'path', name: 'id' } as const;

/** Data-subject requests and complaints (docs/legal.md §6, PIPL Art. 44–50). Roles: access-matrix.ts. */
@ApiTags('requests')
@ApiBearerAuth()
@Controller('v1/requests')
export class RequestsController {
  constructor(
    private readonly fileRequest: FileRequestUseCase, private readonly listRequests: ListRequestsUseCase,
    private readonly resolveRequest: ResolveRequestUseCase, private readonly extendRequest: ExtendRequestUseCase,
    private readonly bulkRequests: BulkRequestsUseCase,
  ) {}

  @Post()
  @ApiDoc("File a request on a customer's behalf; the due date follows the jurisdiction profile and the working calendar", {
    created: { type: RequestFiledDto }, badRequest: 'invalid body (the field at fault is named)',
    notFound: 'unknown case or customer, or a case of another team (the same answer)',
  })
  @CaseBound({ kind: 'case', in: 'body', name: 'caseId' })
  file(@Body() dto: FileRequestDto, @CurrentPrincipal() principal: Principal): Promise<RequestFiledDto> {
    return this.fileRequest.execute(dto, principal);
  }

  @Get()
  @ApiDoc("A case's requests in filing order or, without caseId, the inbox of every case the caller reaches, soonest due first (no personal data); optionally by status; keyset pages", {
    ok: { type: RequestPageDto }, badRequest: 'an invalid caseId, status, limit or cursor (the parameter is named)',
    notFound: 'unknown case, or a case of another team (the same answer)',
  })
  @CaseBound({ kind: 'case', in: 'query', name: 'caseId', optional: true })
  list(@Query() query: ListRequestsQueryDto, @CurrentPrincipal() principal: Principal): Promise<RequestPageDto> {
    return this.listRequests.list(query, principal);
  }

  // Not @CaseBound: the matches are limited to the caller's team's cases by the use case, request by request.
  @Post('bulk')
  @HttpCode(200)
  @ApiDoc(`Extend, resolve or refuse every request a filter matches in the caller's cases (soonest due first, at most ${BULK_MATCH_LIMIT}), less the excluded; each goes through the single-request action (its rules, audit event and mail)`, {
    ok: { type: BulkRequestsResultDto }, badRequest: 'invalid body (the field at fault is named)',
  })
  bulk(@Body() dto: BulkRequestsDto, @CurrentPrincipal() principal: Principal): Promise<BulkRequestsResultDto> {
    return this.bulkRequests.execute(dto, principal);
  }

  @Get(':id')
  @ApiDoc("One request with the customer's message and proposed corrections (decrypted)", { ok: { type: RequestDetailDto }, notFound: NOT_FOUND_OR_OTHER_TEAM })
  @CaseBound(REQUEST)
  detail(@Param('id') id: string): Promise<RequestDetailDto> {
    return this.listRequests.detail(id);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiDoc('Resolve: done, or refused with reasons and routes of complaint (PIPL Art. 50); the customer is mailed the outcome', {
    ok: { type: RequestResolvedDto }, badRequest: 'refused without reasons, or an unknown complaint route', notFound: NOT_FOUND_OR_OTHER_TEAM,
    conflict: 'REQUEST_ALREADY_RESOLVED',
  })
  @CaseBound(REQUEST)
  resolve(@Param('id') id: string, @Body() dto: ResolveRequestDto, @CurrentPrincipal() principal: Principal): Promise<RequestResolvedDto> {
    return this.resolveRequest.execute(id, dto, principal);
  }

  @Post(':id/extend')
  @HttpCode(200)
  @ApiDoc('Extend the due date once, with the reason mailed to the customer', {
    ok: { type: RequestExtendedDto }, notFound: NOT_FOUND_OR_OTHER_TEAM, conflict: 'REQUEST_ALREADY_EXTENDED or REQUEST_ALREADY_RESOLVED',
  })
  @CaseBound(REQUEST)
  extend(@Param('id') id: string, @Body() dto: ExtendRequestDto, @CurrentPrincipal() principal: Principal): Promise<RequestExtendedDto> {
    return this.extendRequest.execute(id, dto, principal);
  }
}
