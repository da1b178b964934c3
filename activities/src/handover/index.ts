export * from './handover.activities';
export { handoverFieldsOf, packageRecord } from './package-fields';
