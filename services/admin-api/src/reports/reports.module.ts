import { Module } from '@nestjs/common';
import { BuildInterimReportUseCase } from './build-interim-report.use-case';
import { CertificatesController } from './certificates.controller';
import { GetReportUseCase } from './get-report.use-case';
import { ListCertificatesUseCase } from './list-certificates.use-case';
import { ReportsController } from './reports.controller';

@Module({ controllers: [ReportsController, CertificatesController], providers: [GetReportUseCase, BuildInterimReportUseCase, ListCertificatesUseCase] })
export class ReportsModule {}
