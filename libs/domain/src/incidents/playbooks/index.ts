export * from './playbook.types';
export * from './incident-categories';
export { CN_PIPL_PLAYBOOK } from './cn-pipl.playbook';
export { EU_GDPR_PLAYBOOK } from './eu-gdpr.playbook';
export { INCIDENT_PLAYBOOKS, selectPlaybook, UnknownPlaybookError } from './select-playbook';
export { planIncident, scheduleAfterHandling, splitClockOverrides, INCIDENT_CLOCK_KEYS, OFFSET_TASK_IDS } from './plan-incident';
export type { IncidentPlan, PlannedTask, SplitClockOverrides } from './plan-incident';
