export * from './task-queues';
export * from './transfer-case';
export * from './case-activities';
