/**
 * From a playbook and a grade to the incident's task list with due and reminder times. Pure: the
 * awareness time is an input, never the clock.
 */
import { parseDuration } from '../../time/duration';
import { deadlineDueAt } from '../deadline-due';
import { DEADLINE_NAMES, type DeadlineName, type IncidentGrade } from '../types';
import { INCIDENT_PLAYBOOKS } from './select-playbook';
import type { IncidentPlaybook, IncidentTaskId, OwnerRole, PlaybookStep, StepEscalation } from './playbook.types';

export interface PlannedTask {
  id: IncidentTaskId;
  /** English title (API `name`). */
  name: string;
  title: PlaybookStep['title'];
  ownerRole: OwnerRole;
  /** The legal clock this task discharges, if any. */
  deadline?: DeadlineName;
  /** The deadline's article, or the step's basis. */
  article: string;
  /** ISO instant; absent while the clock waits for the end of handling. */
  dueAt?: string;
  /** ISO instant of the owner's reminder; absent when the step has none or dueAt is absent. */
  remindAt?: string;
  /** ISO-8601 duration counted from the end of handling (only when dueAt is absent). */
  afterHandlingEnds?: string;
  remindAtFraction: number | null;
  onMiss: StepEscalation['onMiss'];
  endsHandling: boolean;
  onComplete?: PlaybookStep['onComplete'];
  /** The due offset came from a clock override (drill, test or organisation setting). */
  overridden: boolean;
}

export interface IncidentPlan {
  playbookId: string;
  playbookVersion: string;
  awareAt: string;
  tasks: PlannedTask[];
}

/** Task ids whose due offset is a product target (not a legal clock): overridable by task id. */
export const OFFSET_TASK_IDS: readonly IncidentTaskId[] = [
  ...new Set(INCIDENT_PLAYBOOKS.flatMap((p) => p.steps.filter((s) => 'offset' in s.due).map((s) => s.id))),
];

/** Keys accepted in clock overrides: legal deadline names and offset-based task ids. */
export const INCIDENT_CLOCK_KEYS: readonly string[] = [...DEADLINE_NAMES, ...OFFSET_TASK_IDS];

export interface SplitClockOverrides {
  deadlines: Partial<Record<DeadlineName, string>>;
  tasks: Partial<Record<IncidentTaskId, string>>;
}

/** Splits `{containment:'PT3S', assess:'PT10S'}` into grade overrides and task offsets; validates both. */
export function splitClockOverrides(overrides: Readonly<Record<string, string>>): SplitClockOverrides {
  const out: SplitClockOverrides = { deadlines: {}, tasks: {} };
  for (const [key, value] of Object.entries(overrides)) {
    parseDuration(value); // DurationFormatError names the text
    if ((DEADLINE_NAMES as readonly string[]).includes(key)) out.deadlines[key as DeadlineName] = value;
    else if ((OFFSET_TASK_IDS as readonly string[]).includes(key)) out.tasks[key as IncidentTaskId] = value;
    else throw new RangeError(`Unknown incident clock "${key}" (known: ${INCIDENT_CLOCK_KEYS.join(', ')})`);
  }
  return out;
}

function applies(step: PlaybookStep, grade: IncidentGrade): boolean {
  if ('always' in step.when) return true;
  if ('reportable' in step.when) return grade.reportable === step.when.reportable;
  const name = step.when.deadlineApplies;
  return grade.deadlines.some((d) => d.name === name);
}

function reminderAt(startMs: number, dueMs: number, fraction: number | null): string | undefined {
  if (fraction === null || !(fraction > 0 && fraction < 1)) return undefined;
  return new Date(startMs + Math.round((dueMs - startMs) * fraction)).toISOString();
}

/**
 * The applicable steps of the playbook as tasks. Every legal clock of the grade must be served by a
 * task: a grade deadline no step tracks is a playbook error, never silently dropped.
 */
export function planIncident(
  playbook: IncidentPlaybook,
  grade: IncidentGrade,
  options: { awareAt: Date; offsets?: Partial<Record<IncidentTaskId, string>> },
): IncidentPlan {
  const awareMs = options.awareAt.getTime();
  if (Number.isNaN(awareMs)) throw new RangeError('awareAt is not a valid date');
  if (playbook.jurisdiction !== grade.jurisdiction) {
    throw new RangeError(`playbook ${playbook.id} is for ${playbook.jurisdiction}, the grade for ${grade.jurisdiction}`);
  }
  const tasks: PlannedTask[] = [];
  for (const step of playbook.steps) {
    if (!applies(step, grade)) continue;
    const base = {
      id: step.id,
      name: step.title.en,
      title: step.title,
      ownerRole: step.ownerRole,
      remindAtFraction: step.escalation.remindAtFraction,
      onMiss: step.escalation.onMiss,
      endsHandling: step.endsHandling,
      ...(step.onComplete && { onComplete: step.onComplete }),
    };
    if ('deadline' in step.due) {
      const name = step.due.deadline;
      const deadline = grade.deadlines.find((d) => d.name === name);
      if (!deadline) throw new RangeError(`playbook step ${step.id} tracks ${name}, which the grade does not carry`);
      const due = deadlineDueAt(deadline, { awareAt: options.awareAt });
      tasks.push({
        ...base,
        deadline: name,
        article: deadline.article,
        overridden: deadline.overridden,
        ...(due
          ? { dueAt: due.toISOString(), ...optional('remindAt', reminderAt(awareMs, due.getTime(), step.escalation.remindAtFraction)) }
          : { afterHandlingEnds: deadline.offset }),
      });
      continue;
    }
    const override = options.offsets?.[step.id];
    const offset = override ?? step.due.offset;
    const ms = parseDuration(offset);
    tasks.push({
      ...base,
      article: step.basis,
      overridden: override !== undefined,
      ...(step.due.from === 'awareness'
        ? {
            dueAt: new Date(awareMs + ms).toISOString(),
            ...optional('remindAt', reminderAt(awareMs, awareMs + ms, step.escalation.remindAtFraction)),
          }
        : { afterHandlingEnds: offset }),
    });
  }
  const untracked = grade.deadlines.filter((d) => !tasks.some((t) => t.deadline === d.name));
  if (untracked.length > 0) throw new RangeError(`playbook ${playbook.id} tracks no task for ${untracked.map((d) => d.name).join(', ')}`);
  return { playbookId: playbook.id, playbookVersion: playbook.version, awareAt: options.awareAt.toISOString(), tasks };
}

/** Due and reminder times of a task counted from the end of handling. */
export function scheduleAfterHandling(
  task: Pick<PlannedTask, 'afterHandlingEnds' | 'remindAtFraction'>,
  handlingEndedAt: Date,
): { dueAt: string; remindAt?: string } {
  if (!task.afterHandlingEnds) throw new RangeError('task is not counted from the end of handling');
  const startMs = handlingEndedAt.getTime();
  const dueMs = startMs + parseDuration(task.afterHandlingEnds);
  return { dueAt: new Date(dueMs).toISOString(), ...optional('remindAt', reminderAt(startMs, dueMs, task.remindAtFraction)) };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
