import { Module } from '@nestjs/common';
import { CustomersController } from './customers.controller';
import { GetAnnouncementUseCase } from './get-announcement.use-case';
import { GetCustomerEvidenceUseCase } from './get-customer-evidence.use-case';

@Module({ controllers: [CustomersController], providers: [GetCustomerEvidenceUseCase, GetAnnouncementUseCase] })
export class CustomersModule {}
