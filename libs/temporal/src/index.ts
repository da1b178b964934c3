export * from './client';
export * from './data-converter';
export * from './start-request-workflow';
export * from './connection-options';
