import { Module } from '@nestjs/common';
import { InventoryController } from './inventory.controller';
import { LoadInventoryUseCase } from './load-inventory.use-case';
import { InventoryQueriesUseCase } from './inventory-queries.use-case';
import { ExportRejectedUseCase } from './export-rejected.use-case';

@Module({
  controllers: [InventoryController],
  providers: [LoadInventoryUseCase, InventoryQueriesUseCase, ExportRejectedUseCase],
})
export class InventoryModule {}
