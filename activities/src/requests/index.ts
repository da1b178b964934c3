export { createRequestActivities } from './request.activities';
export type { RequestActivityDeps } from './request.deps';
