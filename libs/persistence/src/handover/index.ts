export * from './handover-package.entity';
export * from './handover-package.schema';
export * from './recipient-key.schema';
export * from './recipient-acknowledgement.schema';
export * from './handover.repository';
export * from './recipient-key.repository';
export * from './recipient-acknowledgement.repository';
export * from './package-location';
