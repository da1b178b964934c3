export * from './task-queues';
export * from './transfer-case';
export * from './case-activities';
export * from './inventory';
export * from './notification';
export * from './incidents';
