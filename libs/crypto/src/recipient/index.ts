export * from './recipient-keys';
export * from './package-cipher';
export * from './private-key-seal';
