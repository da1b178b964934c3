import { Module } from '@nestjs/common';
import { CasesController } from './cases.controller';
import { OpenCaseUseCase } from './open-case.use-case';
import { StartCaseUseCase } from './start-case.use-case';
import { GetCaseStatusUseCase } from './get-case-status.use-case';
import { ApproveGateUseCase } from './approve-gate.use-case';
import { ListCasesUseCase } from './list-cases.use-case';
import { EditCaseUseCase } from './edit-case.use-case';
import { ListGateDecisionsUseCase } from './list-gate-decisions.use-case';
import { CancelCaseUseCase } from './cancel-case.use-case';
import { RejectGateUseCase } from './reject-gate.use-case';
import { RecordCrossBorderUseCase } from './record-cross-border.use-case';

@Module({
  controllers: [CasesController],
  providers: [OpenCaseUseCase, StartCaseUseCase, GetCaseStatusUseCase, ApproveGateUseCase, ListCasesUseCase, EditCaseUseCase, ListGateDecisionsUseCase, CancelCaseUseCase, RejectGateUseCase, RecordCrossBorderUseCase],
})
export class CasesModule {}
