import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse, ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiConflictResponse, ApiConsumes, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse,
  ApiProduces, ApiQuery, ApiTags, ApiUnauthorizedResponse, ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { PageQueryDto } from '../common/paging';
import type { Request, Response } from 'express';
import { renderPiiaHtml } from '@handover/mail';
import { ImportAcceptedDto, ImportProgressDto, RejectedRowPageDto } from './inventory.dto';
import { LoadInventoryUseCase } from './load-inventory.use-case';
import { InventoryQueriesUseCase } from './inventory-queries.use-case';

@ApiTags('inventory')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'no or invalid bearer token' })
@ApiNotFoundResponse({ description: 'unknown case (or import)' })
@Controller('v1/cases/:id')
export class InventoryController {
  constructor(
    private readonly load: LoadInventoryUseCase,
    private readonly queries: InventoryQueriesUseCase,
  ) {}

  @Post('inventory')
  @HttpCode(202)
  @ApiConsumes('text/csv', 'application/x-ndjson', 'application/json')
  @ApiBody({
    description: 'CSV (UTF-8, UTF-8 BOM, GBK/GB18030 detected; English or Chinese headers), NDJSON, or a JSON array of row objects; streamed, never held whole in memory',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiOperation({ summary: 'Upload an inventory (CSV, NDJSON or a JSON array), stored encrypted and imported by the worker' })
  @ApiAcceptedResponse({ type: ImportAcceptedDto })
  @ApiBadRequestResponse({ description: 'EMPTY_UPLOAD' })
  @ApiNotFoundResponse({ description: 'unknown case' })
  @ApiConflictResponse({ description: 'INVENTORY_CLOSED: the case is past its inventory gate' })
  @ApiPayloadTooLargeResponse({ description: 'UPLOAD_TOO_LARGE' })
  @ApiUnsupportedMediaTypeResponse({ description: 'not text/csv, application/x-ndjson or application/json' })
  upload(@Param('id') id: string, @Req() request: Request): Promise<ImportAcceptedDto> {
    return this.load.execute(id, request.headers['content-type'], request);
  }

  @Get('inventory/imports/:importId')
  @ApiOperation({ summary: 'Progress of one import: rows processed, accepted, rejected, unchanged' })
  @ApiOkResponse({ type: ImportProgressDto })
  progress(@Param('id') id: string, @Param('importId') importId: string): Promise<ImportProgressDto> {
    return this.queries.importProgress(id, importId);
  }

  @Get('inventory/rejected')
  @ApiOperation({ summary: 'Quarantined rows (import, line, field, reason; never the value) in file order; keyset pages' })
  @ApiOkResponse({ type: RejectedRowPageDto })
  @ApiBadRequestResponse({ description: 'an invalid limit or cursor (the parameter is named)' })
  @ApiNotFoundResponse({ description: 'unknown case' })
  rejected(@Param('id') id: string, @Query() query: PageQueryDto): Promise<RejectedRowPageDto> {
    return this.queries.rejected(id, query);
  }

  @Get('piia')
  @ApiOperation({ summary: 'The latest personal-information impact assessment, JSON or HTML' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'html'] })
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({ description: 'the latest personal-information impact assessment (PIPL Art. 55–56)' })
  async piia(@Param('id') id: string, @Query('format') format: string | undefined, @Res() res: Response): Promise<void> {
    const report = await this.queries.latestPiia(id);
    if (format === 'html') {
      res.type('text/html; charset=utf-8').send(renderPiiaHtml(report.content));
      return;
    }
    res.json(report);
  }
}
