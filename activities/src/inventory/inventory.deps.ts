import type { MasterKey } from '@handover/crypto';
import type { Logger } from '@handover/logging';
import type {
  BlobStore,
  CaseKeyService,
  CaseRepository,
  CustomerRepository,
  InventoryImportRepository,
  PiiaRepository,
  RejectionRepository,
} from '@handover/persistence';

export interface InventoryActivityDeps {
  cases: CaseRepository;
  keys: CaseKeyService;
  imports: InventoryImportRepository;
  customers: CustomerRepository;
  rejections: RejectionRepository;
  piia: PiiaRepository;
  /** Where the encrypted uploads lie (HANDOVER_STORAGE: the local folder or GridFS). */
  blobs: BlobStore;
  /** Opens the encrypted uploads and derives the case's blind index (see caseBlindIndex). */
  master: MasterKey;
  logger: Logger;
  /** Rows per import batch (default 1000). */
  batchSize?: number;
  /** Customers per route-decision page (default 1000). */
  routeBatchSize?: number;
  /** A heartbeat is sent at least this often while rows are skipped or parsed (default 5000 ms). */
  keepAliveMs?: number;
  now?: () => Date;
}
