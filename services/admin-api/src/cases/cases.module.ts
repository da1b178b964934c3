import { Module } from '@nestjs/common';
import { CasesController } from './cases.controller';
import { OpenCaseUseCase } from './open-case.use-case';
import { StartCaseUseCase } from './start-case.use-case';
import { GetCaseStatusUseCase } from './get-case-status.use-case';
import { ApproveGateUseCase } from './approve-gate.use-case';

@Module({
  controllers: [CasesController],
  providers: [OpenCaseUseCase, StartCaseUseCase, GetCaseStatusUseCase, ApproveGateUseCase],
})
export class CasesModule {}
