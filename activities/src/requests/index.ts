export { createRequestActivities, buildRequestActivities } from './request.activities';
export type { RequestActivityDeps } from './request.deps';
