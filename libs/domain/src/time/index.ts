export * from './duration';
export * from './date-only';
