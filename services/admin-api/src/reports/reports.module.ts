import { Module } from '@nestjs/common';
import { GetReportUseCase } from './get-report.use-case';
import { ReportsController } from './reports.controller';

@Module({ controllers: [ReportsController], providers: [GetReportUseCase] })
export class ReportsModule {}
