import type { Logger } from '@handover/logging';
import type { Mailer } from '@handover/mail';
import type {
  AuditRepository,
  CaseKeyService,
  CaseRepository,
  IncidentPopulationRepository,
  IncidentRepository,
  MailLedgerRepository,
} from '@handover/persistence';

export interface IncidentActivityDeps {
  incidents: IncidentRepository;
  population: IncidentPopulationRepository;
  cases: CaseRepository;
  keys: CaseKeyService;
  ledger: MailLedgerRepository;
  audit: AuditRepository;
  mailer: Mailer;
  mailDomain: string;
  /** The incident team (owners' reminders, escalations without a case, drill notices). At least one. */
  internalAddresses: readonly string[];
  logger: Logger;
  /** Customers per notice page (default 200). */
  batchSize?: number;
  /** Messages in flight at once within a page (default 5). */
  concurrency?: number;
}
