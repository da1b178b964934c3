export * from './types';
export { gradeIncident } from './grade-incident';
export { deadlineDueAt } from './deadline-due';
export type { IncidentClockStarts } from './deadline-due';
export * from './playbooks';
