import { readFileSync } from 'node:fs';
import type { WorkingCalendar } from '@handover/domain';
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date (YYYY-MM-DD)');

/**
 * A calendar file: the official holidays and make-up working days of years the packaged data does
 * not carry yet (the State Council publishes each year's in the November before), with the notice
 * it comes from. Named in `HANDOVER_CALENDAR_FILES`.
 */
export const calendarFileSchema = z
  .object({
    id: z.string().min(1),
    jurisdiction: z.enum(['CN-PIPL']),
    source: z.string().min(10, 'must cite the official notice the dates come from'),
    coverage: z.object({ from: isoDate, to: isoDate }),
    holidays: z.array(isoDate),
    extraWorkingDays: z.array(isoDate),
  })
  .strict();

export type CalendarFile = z.infer<typeof calendarFileSchema>;

export class CalendarFileError extends Error {}

/** Reads and checks one calendar file; the error names the file and the field at fault. */
export function readCalendarFile(path: string): CalendarFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CalendarFileError(`calendar file ${path}: ${(error as Error).message}`);
  }
  const parsed = calendarFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CalendarFileError(`calendar file ${path}: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? 'is invalid'}`);
  }
  const file = parsed.data;
  if (file.coverage.from > file.coverage.to) throw new CalendarFileError(`calendar file ${path}: coverage.from is after coverage.to`);
  const outside = [...file.holidays, ...file.extraWorkingDays].find((date) => date < file.coverage.from || date > file.coverage.to);
  if (outside) throw new CalendarFileError(`calendar file ${path}: ${outside} lies outside its coverage`);
  return file;
}

const dayAfter = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The calendar with the file's years added. The file must continue the coverage (start the day
 * after it ends, or end the day before it starts): a gap would leave days that no source covers.
 */
export function extendCalendar(base: WorkingCalendar, file: CalendarFile): WorkingCalendar {
  const coverage = base.coverage;
  if (!coverage) throw new CalendarFileError(`calendar ${base.id ?? ''} has no coverage to extend`);
  let next: { from: string; to: string };
  if (file.coverage.from <= dayAfter(coverage.to) && file.coverage.to >= coverage.to) next = { from: coverage.from < file.coverage.from ? coverage.from : file.coverage.from, to: file.coverage.to };
  else if (dayAfter(file.coverage.to) >= coverage.from && file.coverage.from <= coverage.from) next = { from: file.coverage.from, to: coverage.to };
  else throw new CalendarFileError(`calendar file ${file.id} covers ${file.coverage.from}..${file.coverage.to}, which does not continue ${coverage.from}..${coverage.to}`);
  return {
    id: `${base.id ?? 'calendar'}+${file.id}`,
    weekendDays: base.weekendDays,
    holidays: new Set([...base.holidays, ...file.holidays]),
    extraWorkingDays: new Set([...base.extraWorkingDays, ...file.extraWorkingDays]),
    coverage: next,
  };
}
