export * from './client';
export * from './data-converter';
