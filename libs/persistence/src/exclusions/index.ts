export * from './transfer-exclusion.schema';
export * from './transfer-exclusion.repository';
