export * from './cases/case.activities';
export * from './mail/send-once';
export * from './inventory/inventory.activities';
export * from './notification/notification.activities';
export { NotificationStore } from './notification/notification.store';
export * from './incidents';
