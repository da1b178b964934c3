export * from './logger';
export * from './redaction';
export * from './nest-logger';
