export { createIncidentActivities } from './incident.activities';
export type { IncidentActivityDeps } from './incident.deps';
export { customerLocale, internalSubjectId } from './recipients';
