import type { PiiaContent } from '@handover/mail';

/**
 * One version of a case's personal-information protection impact assessment. Counts only, no
 * personal data: kept ≥ 3 years and never removed by the case's deletion phase (PIPL Art. 56).
 */
export interface PiiaReportEntity {
  caseId: string;
  version: number;
  final: boolean;
  createdAt: Date;
  content: PiiaContent;
}

export const piiaReportId = (caseId: string, version: number): string => `${caseId}:${String(version).padStart(6, '0')}`;

export type { PiiaContent };
