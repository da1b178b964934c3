export * from './request.schema';
export * from './request.entity';
export * from './request.repository';
export * from './request-decision.schema';
export * from './request-decision.repository';
export * from './request-filing';
export * from './customer-correction.repository';
