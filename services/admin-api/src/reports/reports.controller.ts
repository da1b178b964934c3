import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiDoc } from '../common/api-doc.decorator';
import type { Response } from 'express';
import { invalidField } from '@handover/http';
import { BuildInterimReportUseCase } from './build-interim-report.use-case';
import { GetReportUseCase } from './get-report.use-case';

type Format = 'json' | 'html' | 'pdf';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases/:id')
export class ReportsController {
  constructor(private readonly getReport: GetReportUseCase, private readonly buildInterim: BuildInterimReportUseCase) {}

  @Get('report')
  @ApiDoc('The compliance report of a closed case (or an interim one before closure), JSON, HTML or PDF (A4, printed by the worker)')
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'html', 'pdf'] })
  @ApiQuery({ name: 'interim', required: false, enum: ['true', 'false'], description: 'true: build an interim report now (case not closed), marked interim and not stored as the final report' })
  @ApiProduces('application/json', 'text/html', 'application/pdf')
  @ApiOkResponse({
    description:
      'the compliance report: case, routes and rules, counts per phase and outcome, notices and wording versions, consents, handover package, third parties, requests, deletion certificates, PIIA, audit chain, outstanding items, reconciliation; `interim: true` on an interim one',
  })
  @ApiBadRequestResponse({ description: 'format or interim invalid (named)' })
  @ApiConflictResponse({ description: 'REPORT_NOT_READY: built after the closure gate; CASE_CLOSED: interim=true on a closed case' })
  @ApiNotFoundResponse()
  async report(@Param('id') id: string, @Query('format') format: string | undefined, @Query('interim') interim: string | undefined, @Res() res: Response): Promise<void> {
    if (format !== undefined && !['json', 'html', 'pdf'].includes(format)) throw invalidField('format', 'must be json, html or pdf');
    if (interim !== undefined && interim !== 'true' && interim !== 'false') throw invalidField('interim', 'must be true or false');
    const as = (format ?? 'json') as Format;
    if (interim === 'true') {
      const report = await this.buildInterim.execute(id, as === 'pdf');
      send(res, id, as, report.json, report.html, report.pdf);
      return;
    }
    if (as === 'pdf') {
      send(res, id, as, null, null, await this.getReport.pdf(id));
      return;
    }
    const report = await this.getReport.execute(id);
    send(res, id, as, report.json, report.html, null);
  }
}

function send(res: Response, id: string, format: Format, json: unknown, html: string | null, pdf: Buffer | null): void {
  if (format === 'pdf' && pdf) {
    res.type('application/pdf').setHeader('content-disposition', `inline; filename="report-${id}.pdf"`);
    res.send(pdf);
  } else if (format === 'html' && html !== null) {
    res.type('text/html; charset=utf-8').send(html);
  } else {
    res.json(json);
  }
}
