export * from './recipient-link.template';
export * from './acknowledgement-escalation.template';
