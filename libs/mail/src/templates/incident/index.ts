export * from './incident.wording';
export * from './incident-notice.template';
export * from './incident-drill.template';
export * from './incident-alert.template';
