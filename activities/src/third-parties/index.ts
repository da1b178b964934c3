export * from './third-party.activities';
