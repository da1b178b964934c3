import { sha256Hex } from '@handover/crypto';
import type { Logger } from '@handover/logging';
import { holdKeyId, recordsDigest, type AuditRepository, type CaseKeyService, type DeletionCertificateRepository, type DispositionStore } from '@handover/persistence';

export interface HoldExpiryDeps {
  dispositions: DispositionStore;
  certificates: DeletionCertificateRepository;
  keys: CaseKeyService;
  audit: AuditRepository;
  logger: Logger;
}

export interface HoldExpirySweep {
  /** Cases swept, records erased, hold keys shredded. */
  cases: number;
  erased: number;
  keysShredded: number;
}

const ERASE_METHOD = 'erasure at the end of the statutory retention period: the sealed ciphertext removed (the hold key is shredded when the last hold of the case ends)';
const SHRED_METHOD = 'crypto-shredding: the hold key (wrapped by the master key) destroyed after the last legal hold of the case ended';

/**
 * The hold-expiry sweep: records sealed under a legal hold at the deletion phase are kept, storage
 * only, until their hold ends (a hold runs up to and including its `until` date, UTC); the first
 * sweep after that day erases them, with a certificate per case and end date, and once a case holds
 * nothing more its hold key is shredded. It runs outside any workflow (the worker calls it on a
 * timer; the case is closed by then) and is safe to run from several workers at once or again
 * after a crash: the certificate (the intent, covering every id of the group) is written first
 * and kept once, each erasure is filtered on the record still being `held`, and shredding an
 * already shredded key finds nothing.
 */
export function createHoldExpirySweep(deps: HoldExpiryDeps): (now?: Date) => Promise<HoldExpirySweep> {
  const { dispositions, certificates } = deps;
  return async (now = new Date()) => {
    const today = now.toISOString().slice(0, 10);
    const result: HoldExpirySweep = { cases: 0, erased: 0, keysShredded: 0 };
    for (const caseId of await dispositions.casesWithExpiredHolds(today)) {
      result.cases += 1;
      for (const [until, ids] of await dispositions.expiredHolds(caseId, today)) {
        const certificate = await certificates.issue(
          { caseId, stage: 'hold-expired', count: ids.length, method: `${ERASE_METHOD}; hold ended ${until}`, at: now, destroyedKeyIdHashes: [], recordsDigest: recordsDigest(ids) },
          until,
        );
        await dispositions.eraseExpiredHolds(ids, now);
        await deps.audit.append(caseId, {
          actor: { id: 'system', role: 'system' },
          action: 'holds.expired',
          subject: { type: 'case', id: caseId },
          data: { holdEnded: until, erased: ids.length, recordsDigest: certificate.recordsDigest, certificate: certificate._id },
        });
        result.erased += ids.length;
      }
      if ((await dispositions.heldCount(caseId)) === 0) {
        const keyId = await deps.keys.shred(holdKeyId(caseId));
        if (keyId) {
          const certificate = await certificates.issue({
            caseId, stage: 'hold-key', count: 1, method: SHRED_METHOD, at: now, destroyedKeyIdHashes: [sha256Hex(keyId)], recordsDigest: sha256Hex(holdKeyId(caseId)),
          });
          await deps.audit.append(caseId, {
            actor: { id: 'system', role: 'system' },
            action: 'holds.key-shredded',
            subject: { type: 'case', id: caseId },
            data: { certificate: certificate._id },
          });
          result.keysShredded += 1;
        }
      }
    }
    if (result.cases > 0) deps.logger.info({ ...result }, 'expired legal holds erased');
    return result;
  };
}
