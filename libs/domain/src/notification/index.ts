export * from './deadlines';
export * from './eligibility';
export * from './outcome';
export * from './public-announcement';
