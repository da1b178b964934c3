export * from './third-party.entity';
export * from './third-party.errors';
export * from './third-party.schema';
export * from './third-party-answer.schema';
export * from './third-party-status';
export * from './third-party.repository';
