export * from './test-env';
export * from './mail-sink-client';
export * from './wait';
export * from './expect-status';
export * from './inventory-fixtures';
export * from './generator';
export * from './customer-factory';
