export * from './schema';
export * from './load-config';
export * from './secrets';
export * from './audit-secrets';
