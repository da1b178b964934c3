import { Module, type OnModuleInit } from '@nestjs/common';
import { GateDecisionRepository } from '@handover/persistence';
import { CasesController } from './cases.controller';
import { OpenCaseUseCase } from './open-case.use-case';
import { StartCaseUseCase } from './start-case.use-case';
import { GetCaseStatusUseCase } from './get-case-status.use-case';
import { ApproveGateUseCase } from './approve-gate.use-case';
import { ListCasesUseCase } from './list-cases.use-case';
import { EditCaseUseCase } from './edit-case.use-case';
import { ListGateDecisionsUseCase } from './list-gate-decisions.use-case';

@Module({
  controllers: [CasesController],
  providers: [OpenCaseUseCase, StartCaseUseCase, GetCaseStatusUseCase, ApproveGateUseCase, ListCasesUseCase, EditCaseUseCase, ListGateDecisionsUseCase],
})
export class CasesModule implements OnModuleInit {
  constructor(private readonly gateDecisions: GateDecisionRepository) {}

  /** The gate decisions' index (autoIndex is off; the worker never registers this collection). */
  async onModuleInit(): Promise<void> {
    await this.gateDecisions.ensureIndexes();
  }
}
