import type { DispositionCounts } from '@handover/contracts';

/** A third party as the report shows it (organisation name, status, answer; no personal data of customers). */
export interface ReportThirdParty {
  id: string;
  name: string;
  categories?: readonly string[];
  status: string;
  requestedAt?: string;
  dueAt?: string;
  confirmedAt?: string;
  late: boolean;
  answer?: { kind: string; method?: string; deletedAt?: string; basis?: string; retainedUntil?: string };
}

/** A data-subject request as the report shows it: type, dates, outcome; never its text. */
export interface ReportRequest {
  id: string;
  type: string;
  status: string;
  filedBy: string;
  filedAt: string;
  dueAt: string;
  extended: boolean;
  resolvedAt?: string;
  outcome?: string;
  late: boolean;
}

/** The handover package as the report shows it (manifest facts, nothing personal). */
export interface ReportHandover {
  packageId: string;
  createdAt: string;
  records: number;
  byRoute?: Record<string, number>;
  files: ReadonlyArray<{ name: string; sha256: string }>;
  fields?: readonly string[];
  acknowledgedAt?: string;
}

export interface ReconciliationCheck {
  check: string;
  expected: number;
  actual: number;
  ok: boolean;
}

export interface ComplianceReport {
  reportVersion: 1;
  caseId: string;
  /** Built on demand before closure (GET …/report?interim=true): not the final report. */
  interim?: true;
  generatedAt: string;
  case: {
    kind: string;
    jurisdiction: string;
    status: string;
    phase: string;
    transferor: string;
    recipient: string | null;
    createdAt: string;
    startedAt?: string;
    policy: Record<string, unknown>;
  };
  routes: {
    rulePackId?: string;
    rulePackVersion?: string;
    byRoute: Record<string, number>;
    /** The rules behind the routes: per route, each rule id and article with the customers it decided. */
    rules: Record<string, Array<{ ruleId: string; article: string; customers: number }>>;
  };
  counts: {
    customers: number;
    rejectedRows: number;
    notified: number;
    bounced: number;
    publicAnnouncement: number;
    consented: number;
    refused: number;
    objected: number;
    withdrawn: number;
    noResponse: number;
    outcomes: { transfer: number; notTransfer: number; none: number };
    excludedByRequest: number;
    dispositions: DispositionCounts;
  };
  notices: Array<{ mailing: string; byStatus: Record<string, number>; wordingVersions: string[] }>;
  consents: { evidenceRecords: number; byDecision: Record<string, number>; wordingVersions: string[] };
  handover: ReportHandover | null;
  thirdParties: ReportThirdParty[];
  requests: ReportRequest[];
  deletion: {
    certificates: Array<{ id: string; stage: string; count: number; method: string; at: string; destroyedKeyIdHashes: string[]; recordsDigest: string }>;
  };
  piia: { version: number; final: boolean; createdAt: string; content: unknown } | null;
  audit: { events: number; valid: boolean; firstBrokenAt?: number };
  outstanding: Array<{ kind: string; id: string; detail: string }>;
  reconciliation: ReconciliationCheck[];
  reconciled: boolean;
}
