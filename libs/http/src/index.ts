export * from './validation-pipe';
export * from './app-error';
export * from './error-body';
export * from './json-body';
