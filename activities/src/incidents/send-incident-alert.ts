import { ApplicationFailure } from '@temporalio/activity';
import { incidentAuditScope, type IncidentAlertKind } from '@handover/contracts';
import type { IncidentTaskId } from '@handover/domain';
import { renderIncidentAlert } from '@handover/mail';
import { ledgerMessageId } from '@handover/persistence';
import { sendOnce } from '../mail/send-once';
import { SYSTEM_ACTOR } from './assess-incident';
import type { IncidentActivityDeps } from './incident.deps';
import { internalSubjectId } from './recipients';

interface AlertRecipient {
  subjectId: string;
  address: string;
  name?: string;
}

/**
 * Reminder before a task's due time (to the owners: the incident team's internal addresses) or
 * escalation after a miss (to the case manager; to the internal addresses when the incident has no
 * case or the step escalates internally). One message per recipient, task and kind (send ledger).
 */
export async function sendIncidentAlert(
  deps: IncidentActivityDeps,
  input: { incidentId: string; taskId: IncidentTaskId; kind: IncidentAlertKind; dueAt: string },
): Promise<{ sent: number }> {
  const incident = await deps.incidents.findById(input.incidentId);
  const task = incident?.assessment?.plan.tasks.find((t) => t.id === input.taskId);
  if (!incident || !task) throw ApplicationFailure.nonRetryable(`task ${input.taskId} of incident ${input.incidentId} not found`, 'INCIDENT_NOT_FOUND');

  const internal = (): AlertRecipient[] => deps.internalAddresses.map((address) => ({ subjectId: internalSubjectId(address), address }));
  let recipients: AlertRecipient[] = internal();
  let to: 'internal' | 'case-manager' = 'internal';
  if (input.kind === 'escalation' && task.onMiss === 'case-manager' && incident.caseId) {
    const entity = await deps.cases.findById(incident.caseId, await deps.keys.require(incident.caseId));
    if (entity) {
      recipients = [{ subjectId: 'manager', address: entity.manager.email, name: entity.manager.name }];
      to = 'case-manager';
    }
  }

  let sent = 0;
  for (const recipient of recipients) {
    const key = { caseId: incident.id, subjectId: recipient.subjectId, mailing: `incident-${input.kind}:${input.taskId}` };
    const mail = renderIncidentAlert({
      kind: input.kind,
      incidentId: incident.id,
      drill: incident.drill,
      task: { id: task.id, title: task.title, article: task.article, ...(task.deadline && { deadline: task.deadline }) },
      dueAt: input.dueAt,
      tier: incident.assessment?.tier ?? 'none',
      affected: incident.assessment?.affected ?? 0,
      ...(recipient.name && { recipientName: recipient.name }),
    });
    const outcome = await sendOnce(deps, key, () => ({ to: recipient.address, messageId: ledgerMessageId(key, deps.mailDomain), subject: mail.subject, text: mail.text, html: mail.html }), { wordingVersion: mail.wordingVersion });
    if (outcome === 'sent') sent += 1;
  }
  await deps.audit.append(incidentAuditScope(incident.id), {
    actor: SYSTEM_ACTOR,
    action: input.kind === 'reminder' ? 'task.reminded' : 'deadline.escalated',
    subject: task.deadline ? { type: 'deadline', id: task.deadline } : { type: 'task', id: task.id },
    data: { taskId: task.id, dueAt: input.dueAt, to, recipients: recipients.length, sent },
  });
  deps.logger.info({ incidentId: incident.id, taskId: task.id, kind: input.kind, to, sent }, 'incident alert sent');
  return { sent };
}
