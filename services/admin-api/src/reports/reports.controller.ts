import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { GetReportUseCase } from './get-report.use-case';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases/:id')
export class ReportsController {
  constructor(private readonly getReport: GetReportUseCase) {}

  @Get('report')
  @ApiOperation({ summary: 'The compliance report of a closed case, JSON or HTML' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'html'] })
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({
    description:
      'the compliance report: case, routes and rules, counts per phase and outcome, notices and wording versions, consents, handover package, third parties, requests, deletion certificates, PIIA, audit chain, outstanding items, reconciliation',
  })
  @ApiConflictResponse({ description: 'REPORT_NOT_READY: built after the closure gate' })
  @ApiNotFoundResponse()
  async report(@Param('id') id: string, @Query('format') format: string | undefined, @Res() res: Response): Promise<void> {
    const report = await this.getReport.execute(id);
    if (format === 'html') {
      res.type('text/html; charset=utf-8').send(report.html);
      return;
    }
    res.json(report.json);
  }
}
