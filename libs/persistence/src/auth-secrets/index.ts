export * from './auth-secret.schema';
export * from './auth-secret.repository';
