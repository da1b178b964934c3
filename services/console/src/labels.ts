import type { Schemas } from '@handover/api-client';

export const KINDS: ReadonlyArray<Schemas['OpenCaseDto']['kind']> = ['bankruptcy', 'merger', 'division', 'dissolution', 'asset-sale', 'equity-transfer', 'branch-deregistration'];
export const STATUSES: ReadonlyArray<Schemas['CaseStatusDto']['status']> = ['draft', 'running', 'closed'];
export const PHASES: ReadonlyArray<Schemas['CaseStatusDto']['phase']> = ['opened', 'inventory', 'legal-basis', 'notification', 'consent', 'handover', 'deletion', 'closure', 'closed'];

/** A date-time in the browser's language, with its time zone named (dates are never bare). */
export function dateTime(value: string | null | undefined, language: string): string {
  if (!value) return '—';
  return new Date(value).toLocaleString(language, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
}
