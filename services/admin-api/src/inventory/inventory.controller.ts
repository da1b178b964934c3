import { Controller, DefaultValuePipe, Get, HttpCode, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { renderPiiaHtml } from '@handover/mail';
import { ImportAcceptedDto, ImportProgressDto, RejectedRowDto } from './inventory.dto';
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
  @ApiOperation({ summary: 'Upload an inventory (streamed); an import workflow loads it' })
  @ApiConsumes('text/csv', 'application/x-ndjson')
  @ApiBody({ description: 'CSV (UTF-8, UTF-8 BOM, GBK/GB18030 detected; English or Chinese headers) or NDJSON; streamed', schema: { type: 'string', format: 'binary' } })
  @ApiAcceptedResponse({ type: ImportAcceptedDto })
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
  @ApiOperation({ summary: 'Quarantined rows: line, field and reason, never the value' })
  @ApiQuery({ name: 'after', required: false, description: 'cursor: the last row id of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: 'default 1000, at most 10000' })
  @ApiOkResponse({ type: [RejectedRowDto] })
  rejected(
    @Param('id') id: string,
    @Query('after') after: string | undefined,
    @Query('limit', new DefaultValuePipe(1000), ParseIntPipe) limit: number,
  ): Promise<RejectedRowDto[]> {
    return this.queries.rejected(id, after, Math.min(Math.max(limit, 1), 10_000));
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
