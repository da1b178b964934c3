import { ApplicationFailure } from '@temporalio/activity';
import { incidentAuditScope, type IncidentAssessment } from '@handover/contracts';
import {
  affectedScope, gradeIncident, planIncident, selectPlaybook, splitClockOverrides,
  type IncidentGrade, type IncidentPlan, type IncidentRisk, type Jurisdiction, type OperatorType,
} from '@handover/domain';
import type { AffectedCounts } from '@handover/persistence';
import { buildIncidentDrafts } from './incident-drafts';
import type { IncidentActivityDeps } from './incident.deps';

const RISK_OF_SEVERITY: Record<string, IncidentRisk> = { low: 'unlikely', medium: 'risk', high: 'high' };
export const SYSTEM_ACTOR = { id: 'system', role: 'system' } as const;

const invalid = (message: string): never => {
  throw ApplicationFailure.nonRetryable(message, 'INCIDENT_INVALID');
};

/**
 * Counts the affected customers (case inventory × categories), grades the incident, plans the
 * playbook's tasks from the awareness time and stores the assessment with the drafts.
 */
export async function assessIncident(deps: IncidentActivityDeps, { incidentId }: { incidentId: string }): Promise<IncidentAssessment> {
  const incident = await deps.incidents.findById(incidentId);
  if (!incident) throw ApplicationFailure.nonRetryable(`incident ${incidentId} not found`, 'INCIDENT_NOT_FOUND');
  const caseEntity = incident.caseId ? await deps.cases.findById(incident.caseId, await deps.keys.require(incident.caseId)) : null;
  if (incident.caseId && !caseEntity) invalid(`case ${incident.caseId} of incident ${incidentId} not found`);

  const jurisdiction = (incident.jurisdiction ?? caseEntity?.jurisdiction ?? 'CN-PIPL') as Jurisdiction;
  const operatorType = (incident.operatorType ?? 'ordinary') as OperatorType;
  let counts: AffectedCounts;
  let source: 'inventory' | 'estimate';
  try {
    const scope = affectedScope(incident.categories);
    if (incident.caseId) {
      counts = await deps.population.count(incident.caseId, scope);
      source = 'inventory';
    } else {
      counts = { total: incident.affectedEstimate ?? 0, withEmail: 0, phoneOnly: 0, unreachable: 0 };
      source = 'estimate';
    }
  } catch (error) {
    if (error instanceof RangeError) return invalid(error.message);
    throw error;
  }

  let grade: IncidentGrade;
  let plan: IncidentPlan;
  try {
    const clocks = splitClockOverrides(incident.clockOverrides);
    grade = gradeIncident({
      affected: counts.total,
      jurisdiction,
      operatorType,
      ...(incident.severity && { risk: RISK_OF_SEVERITY[incident.severity] ?? 'risk' }),
      harmAvoided: incident.harmAvoided !== undefined,
      overrides: clocks.deadlines,
    });
    plan = planIncident(selectPlaybook(jurisdiction), grade, { awareAt: incident.detectedAt, offsets: clocks.tasks });
  } catch (error) {
    // Bad stored input (unknown clock, malformed duration, unknown jurisdiction): retrying cannot help.
    return invalid(error instanceof Error ? error.message : 'incident cannot be graded');
  }
  const assessment: IncidentAssessment = { affected: counts.total, drill: incident.drill, jurisdiction, operatorType, tier: grade.tier, reportable: grade.reportable, plan };

  const drafts = buildIncidentDrafts({
    incident,
    ...(caseEntity && { organisation: caseEntity.transferor.name }),
    contact: incident.contact ?? deps.internalAddresses[0] ?? '',
    counts,
    source,
    operatorType,
    grade,
    plan,
    generatedAt: new Date(),
  });
  const firstAttempt = !incident.assessment;
  await deps.incidents.saveAssessment(incidentId, assessment, drafts);
  if (firstAttempt) {
    await deps.audit.append(incidentAuditScope(incidentId), {
      actor: SYSTEM_ACTOR,
      action: 'incident.assessed',
      subject: { type: 'incident', id: incidentId },
      data: {
        affected: counts.total, withEmail: counts.withEmail, phoneOnly: counts.phoneOnly, unreachable: counts.unreachable, source,
        tier: grade.tier, reportable: grade.reportable, jurisdiction, operatorType, drill: incident.drill,
        playbook: `${assessment.plan.playbookId}@${assessment.plan.playbookVersion}`, tasks: assessment.plan.tasks.length,
      },
    });
  }
  deps.logger.info({ incidentId, affected: counts.total, tier: grade.tier, drill: incident.drill }, 'incident assessed');
  return assessment;
}
