export { writeInventoryCsv } from './write-inventory-csv';
export type { InventoryCsvEncoding, InventoryCsvSummary, WriteInventoryCsvOptions } from './write-inventory-csv';
export { InventoryRowFactory, INVENTORY_COLUMN_COUNT, luhnComplete, withThousands } from './inventory-rows';
export type { GeneratedRow, InvalidField, InventoryRowOptions } from './inventory-rows';
export { Prng } from './prng';
