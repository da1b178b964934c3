export * from './recipient-link.template';
