// The domain: rule engine and packs, inventory validation and classification, incident grading,
// request deadlines. Pure TypeScript: bundled into Temporal workflows, so no Node built-ins.
export * from './rules';
export * from './incidents';
export * from './requests';
export * from './inventory';
export * from './time/duration';
export * from './notification';
export * from './time/acknowledgement-schedule';
