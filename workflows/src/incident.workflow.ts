import { ApplicationFailure, allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import { scheduleAfterHandling, type PlannedTask } from '@handover/domain';
import {
  completeIncidentTaskUpdate,
  incidentStateQuery,
  type CompleteIncidentTaskInput,
  type IncidentActivities,
  type IncidentDeadlineView,
  type IncidentTaskView,
  type IncidentView,
  type IncidentWorkflowInput,
  type IncidentErrorCode,
} from '@handover/contracts';

const retry = { initialInterval: '1 second', maximumInterval: '30 seconds' } as const;
const { assessIncident } = proxyActivities<IncidentActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { ...retry, nonRetryableErrorTypes: ['INCIDENT_NOT_FOUND', 'INCIDENT_INVALID'] },
});
const { saveIncidentSnapshot, sendIncidentAlert, recordIncidentEvent } = proxyActivities<IncidentActivities>({ startToCloseTimeout: '1 minute', retry });
/** A large mailing runs long; a killed worker is noticed at the heartbeat timeout and the retry resumes. */
const { sendIncidentNotices } = proxyActivities<IncidentActivities>({ startToCloseTimeout: '12 hours', heartbeatTimeout: '20 seconds', retry });

const reject = (message: string, type: IncidentErrorCode): never => {
  throw ApplicationFailure.nonRetryable(message, type);
};
const latest = (times: Array<string | undefined>): string => times.filter((t): t is string => t !== undefined).sort().at(-1) ?? '';

/**
 * One incident from assessment to closure: legal clocks as durable timers, reminders before them,
 * escalation when missed, the individual notice once its task is approved. Holds ids, times and
 * counts only; every name and address stays behind the activities.
 */
export async function incidentWorkflow({ incidentId }: IncidentWorkflowInput): Promise<IncidentView> {
  const view: IncidentView = {
    incidentId, status: 'assessing', drill: false, affected: 0, tier: null, reportable: null, jurisdiction: null, operatorType: null,
    playbook: null, noticesSent: 0, notices: null, deadlines: [], tasks: [], handlingEndedAt: null, closedAt: null, revision: 0,
  };
  const plans = new Map<string, PlannedTask>();
  const changed = (): void => void (view.revision += 1);
  const snapshot = (): IncidentView => JSON.parse(JSON.stringify(view)) as IncidentView;
  const taskOf = (id: string): IncidentTaskView | undefined => view.tasks.find((t) => t.id === id);
  const deadlineOf = (task: IncidentTaskView): IncidentDeadlineView | undefined => view.deadlines.find((d) => d.taskId === task.id);
  const event = (action: string, task: IncidentTaskView, data: Record<string, string | number | boolean | null> = {}) =>
    recordIncidentEvent({ incidentId, action, subject: task.deadline ? { type: 'deadline', id: task.deadline } : { type: 'task', id: task.id }, data: { taskId: task.id, dueAt: task.dueAt, ...data } });

  setHandler(incidentStateQuery, snapshot);
  setHandler(
    completeIncidentTaskUpdate,
    ({ taskId, completedBy, completedAt }: CompleteIncidentTaskInput) => {
      const task = taskOf(taskId) as IncidentTaskView;
      Object.assign(task, { state: 'done', completedAt, completedBy });
      const deadline = deadlineOf(task);
      if (deadline) {
        deadline.completedAt = completedAt;
        if (!deadline.missed && task.dueAt !== null && Date.parse(completedAt) <= Date.parse(task.dueAt)) deadline.metAt = completedAt;
        else Object.assign(deadline, { missed: true, missedAt: deadline.missedAt ?? task.dueAt });
      }
      if (task.dueAt !== null && Date.parse(completedAt) > Date.parse(task.dueAt)) task.overdue = true;
      changed();
      return { ...task };
    },
    {
      validator: ({ taskId, completedAt }: CompleteIncidentTaskInput) => {
        if (view.status !== 'open') reject(`incident is ${view.status}`, 'INCIDENT_NOT_OPEN');
        const task = taskOf(taskId);
        if (!task) return reject(`unknown task ${taskId}`, 'TASK_UNKNOWN');
        if (task.state !== 'open') reject(`task ${taskId} is ${task.state}`, task.state === 'done' ? 'TASK_DONE' : 'TASK_WAITING');
        if (Number.isNaN(Date.parse(completedAt))) reject('completedAt is not a date', 'INVALID_TIME');
      },
    },
  );

  const assessment = await assessIncident({ incidentId });
  const { plan } = assessment;
  Object.assign(view, {
    status: 'open', drill: assessment.drill, affected: assessment.affected, tier: assessment.tier, reportable: assessment.reportable,
    jurisdiction: assessment.jurisdiction, operatorType: assessment.operatorType, playbook: { id: plan.playbookId, version: plan.playbookVersion },
  });
  for (const p of plan.tasks) {
    plans.set(p.id, p);
    view.tasks.push({ id: p.id, name: p.name, ownerRole: p.ownerRole, state: p.dueAt ? 'open' : 'waiting', dueAt: p.dueAt ?? null, overdue: false, ...(p.deadline && { deadline: p.deadline }) });
    if (p.deadline) view.deadlines.push({ name: p.deadline, taskId: p.id, article: p.article, dueAt: p.dueAt ?? null, metAt: null, missed: false, overridden: p.overridden });
  }
  changed();

  /** Waits until the task is done or the instant passes; true = done. */
  const doneBy = async (task: IncidentTaskView, at: string): Promise<boolean> => {
    const ms = Date.parse(at) - Date.now();
    return ms > 0 ? condition(() => task.state === 'done', ms) : task.state === 'done';
  };
  const watch = async (task: IncidentTaskView, remindAt: string | undefined): Promise<void> => {
    const plan = plans.get(task.id) as PlannedTask;
    const dueAt = task.dueAt as string;
    if (remindAt && !(await doneBy(task, remindAt)) && Date.now() < Date.parse(dueAt)) {
      await sendIncidentAlert({ incidentId, taskId: task.id, kind: 'reminder', dueAt });
      task.remindedAt = remindAt;
      changed();
    }
    if (!(await doneBy(task, dueAt))) {
      task.overdue = true;
      const deadline = deadlineOf(task);
      if (deadline) Object.assign(deadline, { missed: true, missedAt: dueAt });
      changed();
      await event(deadline ? 'deadline.missed' : 'task.overdue', task);
      if (plan.onMiss !== 'none') {
        await sendIncidentAlert({ incidentId, taskId: task.id, kind: 'escalation', dueAt });
        task.escalatedAt = dueAt;
        changed();
      }
      await condition(() => task.state === 'done');
    }
    const deadline = deadlineOf(task);
    if (deadline) await event(deadline.metAt ? 'deadline.met' : 'deadline.completed-late', task, { completedAt: task.completedAt ?? null });
  };
  const watching: Array<Promise<void>> = view.tasks.filter((t) => t.dueAt !== null).map((t) => watch(t, plans.get(t.id)?.remindAt));

  let saved = 0;
  const persist = async (): Promise<void> => {
    for (;;) {
      await condition(() => view.revision > saved);
      const next = snapshot();
      await saveIncidentSnapshot({ view: next });
      saved = next.revision;
      if (next.status === 'closed' && saved === view.revision) return;
    }
  };
  const persisting = persist();

  const handlingTasks = view.tasks.filter((t) => plans.get(t.id)?.endsHandling);
  const handling = (async () => {
    await condition(() => handlingTasks.every((t) => t.state === 'done'));
    view.handlingEndedAt = latest(handlingTasks.map((t) => t.completedAt)) || plan.awareAt;
    for (const task of view.tasks.filter((t) => t.state === 'waiting')) {
      const schedule = scheduleAfterHandling(plans.get(task.id) as PlannedTask, new Date(view.handlingEndedAt));
      Object.assign(task, { state: 'open', dueAt: schedule.dueAt });
      const deadline = deadlineOf(task);
      if (deadline) deadline.dueAt = schedule.dueAt;
      watching.push(watch(task, schedule.remindAt));
    }
    changed();
  })();

  const noticeTask = view.tasks.find((t) => plans.get(t.id)?.onComplete === 'send-individual-notices');
  const notifying = (async () => {
    if (!noticeTask) return;
    await condition(() => noticeTask.state === 'done');
    view.notices = await sendIncidentNotices({ incidentId });
    view.noticesSent = view.notices.drill ? view.notices.internal : view.notices.sent;
    changed();
  })();

  await handling;
  await condition(() => view.tasks.every((t) => t.state === 'done'));
  await notifying;
  await Promise.all(watching);
  // The closing evidence is recorded before anyone can see the incident closed.
  const closedAt = latest(view.tasks.map((t) => t.completedAt));
  const met = view.deadlines.filter((d) => d.metAt !== null).length;
  const outcome = { drill: view.drill, affected: view.affected, deadlinesMet: met, deadlinesMissed: view.deadlines.length - met, noticesSent: view.noticesSent, closedAt };
  await recordIncidentEvent({ incidentId, action: 'incident.closed', subject: { type: 'incident', id: incidentId }, data: outcome });
  // GB/T 35273 §10.1: the drill itself is evidence (yearly drills); the incident document keeps drill: true.
  if (view.drill) await recordIncidentEvent({ incidentId, action: 'drill.recorded', subject: { type: 'incident', id: incidentId }, data: outcome });
  Object.assign(view, { status: 'closed', closedAt });
  changed();
  await persisting;
  await condition(allHandlersFinished);
  return snapshot();
}
