/** Data-subject requests (PIPL Art. 44–50, docs/legal.md §6): what a customer may ask for. */
export const REQUEST_TYPES = ['access', 'copy', 'correct', 'delete', 'withdraw', 'object', 'explanation', 'complaint'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const REQUEST_OUTCOMES = ['done', 'refused'] as const;
export type RequestOutcome = (typeof REQUEST_OUTCOMES)[number];

export const REQUEST_STATUSES = ['open', 'resolved'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export type RequestFiledBy = 'customer' | 'manager';

/** Personal fields a correction may change (the rest are not the customer's to correct here). */
export const CORRECTABLE_FIELDS = ['name', 'email', 'phone', 'address'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];
export type ProposedCorrections = Partial<Record<CorrectableField, string>>;

/** PIPL Art. 47 / Art. 44: a deletion request or an objection filed before the handover removes the customer from the transfer. */
export function excludesFromTransfer(type: RequestType): 'deletion-request' | 'objection' | null {
  if (type === 'delete') return 'deletion-request';
  if (type === 'object') return 'objection';
  return null;
}

/** The phases before the handover: an exclusion there still changes what is handed over. */
const BEFORE_HANDOVER: readonly string[] = ['opened', 'inventory', 'legal-basis', 'notification', 'consent'];

export function isBeforeHandover(phase: string): boolean {
  return BEFORE_HANDOVER.includes(phase);
}

/** Types whose "done" outcome gives the customer a copy of their data (a signed download link). */
export function yieldsCopy(type: RequestType): boolean {
  return type === 'access' || type === 'copy';
}
