import type { MasterKey, TokenSigner } from '@handover/crypto';
import type { Logger } from '@handover/logging';
import type { Mailer } from '@handover/mail';
import type {
  AuditRepository,
  CaseKeyService,
  CaseRepository,
  CustomerCorrectionRepository,
  MailLedgerRepository,
  RequestDecisionRepository,
  RequestRepository,
} from '@handover/persistence';

export interface RequestActivityDeps {
  requests: RequestRepository;
  decisions: RequestDecisionRepository;
  corrections: CustomerCorrectionRepository;
  cases: CaseRepository;
  keys: CaseKeyService;
  ledger: MailLedgerRepository;
  audit: AuditRepository;
  mailer: Mailer;
  mailDomain: string;
  /** Signs the download links of access/copy answers (purpose `download`). */
  tokens: TokenSigner;
  /** Derives the case's blind index (corrected email/phone). */
  master: MasterKey;
  portalUrl: string;
  logger: Logger;
  /** Lifetime of a download link; default 72 hours. */
  downloadTtlMs?: number;
}

export const SYSTEM_ACTOR = { id: 'system', role: 'system' } as const;
