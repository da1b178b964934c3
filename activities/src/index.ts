export * from './cases/case.activities';
export * from './mail/send-once';
