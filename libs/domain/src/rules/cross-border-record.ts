/**
 * The case-level transfer mechanism a cross-border case records before its handover gate
 * (docs/legal.md §1 modifier 2 and §10; PIPL Art. 38; GDPR Art. 44-46).
 */
import type { CrossBorderMechanism } from './types';

/** Every mechanism a rule pack may ask for (the values `PUT /v1/cases/{id}/cross-border` accepts). */
export const CROSS_BORDER_MECHANISMS = [
  'cac-security-assessment',
  'standard-contract-or-certification',
  'exempt',
  'adequacy-decision',
  'appropriate-safeguards',
] as const satisfies readonly CrossBorderMechanism[];

/**
 * Mechanisms that leave nothing to record: `exempt` is the 2024 Cross-border Provisions' exemption
 * (Art. 5: below every threshold no assessment, contract or certification is needed) and
 * `adequacy-decision` is GDPR Art. 45(1) (a transfer there needs no specific authorisation). The
 * others are acts of the transferor with a trace of their own (the CAC's assessment decision, the
 * filed standard contract or the certificate, the signed clauses of Art. 46) that the case must
 * name before data leave.
 */
const NOTHING_TO_RECORD: readonly CrossBorderMechanism[] = ['exempt', 'adequacy-decision'];

/** The mechanism the case must have recorded before the handover gate, or null when none is needed. */
export function mechanismToRecord(required: CrossBorderMechanism | null): CrossBorderMechanism | null {
  return required === null || NOTHING_TO_RECORD.includes(required) ? null : required;
}

/**
 * Whether the recorded mechanism satisfies the required one. Only the same mechanism does: the
 * pack derives it from the head count (PIPL Art. 38, 2024 Provisions Art. 7-8), and a mechanism
 * recorded for a smaller inventory (say a standard contract before a re-import crossed the
 * security-assessment threshold) does not cover the larger one.
 */
export function crossBorderRecordSatisfies(required: CrossBorderMechanism | null, recorded: CrossBorderMechanism | undefined): boolean {
  const needed = mechanismToRecord(required);
  return needed === null || recorded === needed;
}
