import { Module } from '@nestjs/common';
import { HandoverController } from './handover.controller';
import { FetchPrivateKeyUseCase } from './fetch-private-key.use-case';
import { GetHandoverPackageUseCase } from './get-handover-package.use-case';
import { ReadPackageFileUseCase } from './read-package-file.use-case';
import { OverrideAcknowledgementUseCase } from './override-acknowledgement.use-case';

@Module({
  controllers: [HandoverController],
  providers: [GetHandoverPackageUseCase, ReadPackageFileUseCase, FetchPrivateKeyUseCase, OverrideAcknowledgementUseCase],
})
export class HandoverModule {}
