import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiNotFoundResponse, ApiProduces, ApiQuery, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApiDoc } from '../common/api-doc.decorator';
import { PageQueryDto } from '../common/paging';
import type { Request, Response } from 'express';
import { invalidField } from '@handover/http';
import { renderPiiaHtml } from '@handover/mail';
import { ImportAcceptedDto, ImportProgressDto, RejectedRowPageDto } from './inventory.dto';
import { LoadInventoryUseCase } from './load-inventory.use-case';
import { InventoryQueriesUseCase } from './inventory-queries.use-case';
import { ExportRejectedUseCase } from './export-rejected.use-case';

@ApiTags('inventory')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'no or invalid bearer token' })
@ApiNotFoundResponse({ description: 'unknown case (or import)' })
@Controller('v1/cases/:id')
export class InventoryController {
  constructor(private readonly load: LoadInventoryUseCase, private readonly queries: InventoryQueriesUseCase, private readonly exporter: ExportRejectedUseCase) {}

  @Post('inventory')
  @HttpCode(202)
  @ApiConsumes('text/csv', 'application/x-ndjson', 'application/json')
  @ApiBody({
    description: 'CSV (UTF-8, UTF-8 BOM, GBK/GB18030 detected; English or Chinese headers), NDJSON, or a JSON array of row objects; streamed, never held whole in memory',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiDoc('Upload an inventory (CSV, NDJSON or a JSON array), stored encrypted and imported by the worker', {
    accepted: { type: ImportAcceptedDto }, badRequest: 'EMPTY_UPLOAD', notFound: 'unknown case',
    conflict: 'INVENTORY_CLOSED: the case is past its inventory gate', payloadTooLarge: 'UPLOAD_TOO_LARGE',
    unsupportedMediaType: 'not text/csv, application/x-ndjson or application/json',
  })
  upload(@Param('id') id: string, @Req() request: Request): Promise<ImportAcceptedDto> {
    return this.load.execute(id, request.headers['content-type'], request);
  }

  @Get('inventory/imports/:importId')
  @ApiDoc('Progress of one import: rows processed, accepted, rejected, unchanged', { ok: { type: ImportProgressDto } })
  progress(@Param('id') id: string, @Param('importId') importId: string): Promise<ImportProgressDto> {
    return this.queries.importProgress(id, importId);
  }

  @Get('inventory/rejected')
  @ApiDoc('Quarantined rows (import, line, field, reason; never the value) in file order; keyset pages', {
    ok: { type: RejectedRowPageDto }, badRequest: 'an invalid limit or cursor (the parameter is named)', notFound: 'unknown case',
  })
  rejected(@Param('id') id: string, @Query() query: PageQueryDto): Promise<RejectedRowPageDto> {
    return this.queries.rejected(id, query);
  }

  @Get('inventory/rejected/export')
  @ApiProduces('application/zip')
  @ApiDoc('The quarantined rows as uploaded, for correction: a CSV in a ZIP encrypted with AES-256; the password is in the answer header Handover-Export-Password (shown once). Upload the corrected rows with their rejection_id column: each replaces its quarantine entry', {
    ok: { description: 'application/zip (AES-256) holding rejected-<caseId>.csv: UTF-8 with BOM, English headers, columns rejection_id, rejection_line, rejection_field, rejection_reason, then the inventory columns (raw_line for a row no column could be read from). Headers: Handover-Export-Password, Handover-Export-Rows' },
    notFound: 'unknown case',
    gone: 'CASE_KEY_SHREDDED: the case is cancelled or closed and its data erased',
  })
  async exportRejected(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const exported = await this.exporter.execute(id);
    res.status(200);
    res.setHeader('content-type', 'application/zip');
    res.setHeader('content-disposition', `attachment; filename="${exported.fileName}"`);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('handover-export-password', exported.password);
    res.setHeader('handover-export-rows', String(exported.rows));
    await exported.write(res);
  }

  @Get('piia')
  @ApiDoc('The latest personal-information impact assessment (or a stored version), JSON or HTML', {
    ok: { description: 'the latest personal-information impact assessment (PIPL Art. 55–56), or the version asked for' },
    badRequest: 'version is not a positive whole number',
  })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'html'] })
  @ApiQuery({ name: 'version', required: false, type: Number, description: 'a stored version (1, 2, …); the latest when absent' })
  @ApiProduces('application/json', 'text/html')
  async piia(@Param('id') id: string, @Query('format') format: string | undefined, @Query('version') version: string | undefined, @Res() res: Response): Promise<void> {
    if (version !== undefined && !/^[1-9][0-9]{0,8}$/.test(version)) throw invalidField('version', 'must be a positive whole number');
    const report = await this.queries.piiaVersion(id, version === undefined ? undefined : Number(version));
    if (format === 'html') {
      res.type('text/html; charset=utf-8').send(renderPiiaHtml(report.content));
      return;
    }
    res.json(report);
  }
}
