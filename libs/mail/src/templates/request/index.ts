export * from './request.wording';
export * from './request-alert.template';
export * from './request-outcome.template';
export * from './request-extension.template';
export * from './request-withdrawal.template';
