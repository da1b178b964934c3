export * from './case-figures';
export * from './case-statistics.repository';
export * from './case-stats-projector';
export * from './fresh-cache';
