import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiParam, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApiDoc } from '../common/api-doc.decorator';
import { CaseBound } from '../auth/case-scope';
import { AuditPageDto, AuditVerificationDto, ListAuditQueryDto } from './audit-event.dto';
import { ListAuditEventsUseCase } from './list-audit-events.use-case';
import { VerifyAuditTrailUseCase } from './verify-audit-trail.use-case';
import { ExportAuditTrailUseCase } from './export-audit-trail.use-case';

/** A case's hash-chained audit trail (`global` as the id: API key events). Roles: access-matrix.ts. */
@ApiTags('audit')
@ApiBearerAuth()
@ApiParam({ name: 'id', description: 'case id, `incident:<incidentId>`, or `global` (key and team events: every team\'s auditors)' })
@ApiUnauthorizedResponse({ description: 'no or invalid bearer token' })
@ApiForbiddenResponse({ description: 'the role may not read audit trails' })
@ApiNotFoundResponse({ description: "no such case and no events, or another team's case or incident (the same answer)" })
@CaseBound({ kind: 'audit-trail', in: 'path', name: 'id' })
@Controller('v1/cases/:id/audit')
export class AuditController {
  constructor(
    private readonly listEvents: ListAuditEventsUseCase,
    private readonly verifyTrail: VerifyAuditTrailUseCase,
    private readonly exportTrail: ExportAuditTrailUseCase,
  ) {}

  @Get()
  @ApiDoc('audit events in chain order, paginated', {
    ok: { type: AuditPageDto },
  })
  list(@Param('id') id: string, @Query() query: ListAuditQueryDto): Promise<AuditPageDto> {
    return this.listEvents.execute(id, query);
  }

  @Get('verify')
  @ApiDoc('re-hash the chain, check each keyed event\'s HMAC and every signed checkpoint; report the first break and its kind', {
    ok: { type: AuditVerificationDto },
  })
  verify(@Param('id') id: string): Promise<AuditVerificationDto> {
    return this.verifyTrail.execute(id);
  }

  @Get('export')
  @ApiDoc('the whole chain as NDJSON, one event per line with prevHash and hash, then its signed checkpoints', {
    ok: { description: 'one AuditEvent JSON object per line, then one `{"checkpoint": {...}}` line per checkpoint', schema: { type: 'string' } },
  })
  @ApiProduces('application/x-ndjson')
  async export(@Param('id') id: string): Promise<StreamableFile> {
    const stream = await this.exportTrail.execute(id);
    const name = `audit-${id.replace(/[^A-Za-z0-9_-]/g, '_')}.ndjson`;
    return new StreamableFile(stream, { type: 'application/x-ndjson', disposition: `attachment; filename="${name}"` });
  }
}
