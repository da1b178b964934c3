export * from './mongo-connection';
export * from './cases/case.entity';
export * from './cases/case.schema';
export * from './cases/case.repository';
export * from './case-keys/case-key.schema';
export * from './case-keys/case-key.service';
export * from './mail-ledger/mail-ledger.schema';
export * from './mail-ledger/mail-ledger.repository';
