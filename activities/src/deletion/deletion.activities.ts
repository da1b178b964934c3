import { createHash, type Hash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { DISPOSITIONS, type DeletionActivities, type Disposition, type DispositionCounts } from '@handover/contracts';
import {
  customerAad,
  holdKeyId,
  recordsDigest,
  uploadKeyOf,
  type BlobStore,
  type CaseKeyService,
  type AuditRepository,
  type CaseRepository,
  type DeletionCertificateRepository,
  type DeletionStage,
  type DispositionStore,
  type TransferExclusionRepository,
} from '@handover/persistence';
import { sha256Hex } from '@handover/crypto';
import type { Logger } from '@handover/logging';
import { decideDisposition } from './disposition';
import { recordWorkflowEvent } from '../audit/workflow-audit';

export interface DeletionActivityDeps {
  dispositions: DispositionStore;
  certificates: DeletionCertificateRepository;
  exclusions: TransferExclusionRepository;
  keys: CaseKeyService;
  cases: CaseRepository;
  /** The case's audit chain (a cancelled case's discard is recorded there). */
  audit: AuditRepository;
  logger: Logger;
  /** Where handover packages live (shared with the admin API). */
  dataDir: string;
  /** Where the encrypted uploads lie (HANDOVER_STORAGE). */
  blobs: BlobStore;
}

const METHODS: Record<Exclude<DeletionStage, 'holds-sealed' | 'quarantine-and-uploads' | 'case-key' | 'cancelled-discard' | 'hold-expired' | 'hold-key'>, string> = {
  'transferred-copies': 'erasure of the transferor-side copy after the recipient acknowledged receipt: ciphertext and blind indexes removed; the case key is shredded at closure',
  'not-transferred': 'erasure: ciphertext and blind indexes removed; the case key is shredded at closure',
  'unchanged-working-copies': 'erasure of the case working copy (notice-of-change: the processor keeps its own records): ciphertext and blind indexes removed',
};

const STAGE_OF: Record<Exclude<Disposition, 'held'>, keyof typeof METHODS> = {
  transferred: 'transferred-copies',
  deleted: 'not-transferred',
  unchanged: 'unchanged-working-copies',
};

/**
 * decideDisposition as filters on plaintext fields, applied in this order to customers without a
 * disposition (after holds and request exclusions): transferred, then unchanged, then deleted.
 */
const DISPOSITION_FILTERS: Record<'transferred' | 'unchanged' | 'deleted', Readonly<Record<string, unknown>>> = {
  transferred: { outcome: 'transfer', route: { $ne: 'hold' } },
  unchanged: { route: 'notice-of-change' },
  deleted: {},
};

/** Held records decrypted and re-encrypted per page of the one cursor. */
const HOLD_PAGE = 100;

/**
 * The deletion and closure phases. Each step is a filtered write that skips what an earlier
 * attempt already did (`disposition` absent), so a worker killed anywhere resumes by running the
 * activity again: nothing is erased twice, nothing is missed, and each certificate is written once
 * with counts read back from the collection rather than from this attempt's writes.
 */
export function createDeletionActivities(deps: DeletionActivityDeps): DeletionActivities {
  const { dispositions, certificates, exclusions } = deps;
  let indexed = false;
  const ensureIndexes = async (): Promise<void> => {
    if (indexed) return;
    await certificates.ensureIndexes();
    indexed = true;
  };

  /** Legal holds: re-encrypted under the hold key, blind indexes dropped, sealed storage-only. */
  async function sealHolds(caseId: string, at: Date): Promise<number> {
    const caseCipher = await deps.keys.cipherFor(caseId);
    const holdCipher = await deps.keys.ensure(holdKeyId(caseId));
    let sealed = 0;
    for await (const page of dispositions.heldPages(caseId, HOLD_PAGE)) {
      if (!caseCipher) throw ApplicationFailure.nonRetryable(`case ${caseId} has held records but no case key`, 'CASE_KEY_MISSING');
      const seals = page.map((doc) => {
        const aad = customerAad(caseId, doc.ref);
        return {
          id: doc._id,
          personalEnc: holdCipher.encrypt(caseCipher.decrypt(doc.personalEnc, aad), aad),
          hold: { storageOnly: true, custodian: 'transferor', sealedAt: at, ...(doc.legalHold && { basis: doc.legalHold.ruleId, until: doc.legalHold.until }) } as const,
        };
      });
      await dispositions.sealHolds(seals, at, (done) => Context.current().heartbeat({ stage: 'holds-sealed', sealed: sealed + done }));
      sealed += page.length;
    }
    return sealed;
  }

  /**
   * One pass in `_id` order: the count and the digest of the ids of each disposition, and a check
   * that the filtered writes above gave every customer what decideDisposition (the rule, unit-tested
   * record by record) says it must have.
   */
  async function tally(caseId: string, hasRecipient: boolean): Promise<{ counts: DispositionCounts; digests: Record<Disposition, string>; pending: number; mismatched: number }> {
    const counts = Object.fromEntries(DISPOSITIONS.map((d) => [d, 0])) as DispositionCounts;
    const hashes = Object.fromEntries(DISPOSITIONS.map((d) => [d, createHash('sha256')])) as Record<Disposition, Hash>;
    let pending = 0;
    let mismatched = 0;
    for await (const doc of dispositions.disposed(caseId)) {
      if (!doc.disposition) {
        pending += 1;
        continue;
      }
      if (decideDisposition(doc, { excluded: doc.excluded === true, hasRecipient }) !== doc.disposition) mismatched += 1;
      // Same bytes as recordsDigest(ids): the sorted ids joined by newlines.
      hashes[doc.disposition].update(counts[doc.disposition] === 0 ? doc._id : `\n${doc._id}`);
      counts[doc.disposition] += 1;
    }
    const digests = Object.fromEntries(DISPOSITIONS.map((d) => [d, hashes[d].digest('hex')])) as Record<Disposition, string>;
    return { counts, digests, pending, mismatched };
  }

  /** Removes the stored uploads and destroys their wrapped keys (the seal). The key is derived from the id, never read back as a path. */
  async function removeUploads(uploads: ReadonlyArray<{ _id: string }>): Promise<void> {
    for (const doc of uploads) {
      await deps.blobs.delete(uploadKeyOf(doc._id));
      await dispositions.dropUploadSeal(doc._id);
    }
  }

  /**
   * Issues a stage's certificate, then records the stage (count, records digest) and the certificate
   * on the case's trail. A retry finds the stored certificate and records the same facts again.
   */
  async function issueCertificate(input: Parameters<DeletionCertificateRepository['issue']>[0]): Promise<{ _id: string }> {
    const certificate = await certificates.issue(input);
    const { caseId, stage } = input;
    await recordWorkflowEvent(deps.audit, caseId, 'deletion.stage-recorded', { stage, count: certificate.count, recordsDigest: certificate.recordsDigest });
    await recordWorkflowEvent(deps.audit, caseId, 'certificate.issued', { stage, count: certificate.count }, { type: 'certificate', id: certificate._id });
    return certificate;
  }

  /** Quarantined rows and the stored uploads: removed, and each upload's wrapped key destroyed. */
  async function removeQuarantineAndUploads(caseId: string, at: Date): Promise<string> {
    const { quarantined, uploads: withUploads } = await dispositions.quarantineAndUploads(caseId);
    // The certificate first, with the counts as found: a retry after a crash finds it and keeps it.
    const certificate = await issueCertificate({
      caseId,
      stage: 'quarantine-and-uploads',
      count: quarantined + withUploads.length,
      method: 'quarantined rows deleted; encrypted uploads removed from disk and their wrapped keys destroyed',
      at,
      destroyedKeyIdHashes: withUploads.map((doc) => sha256Hex(`upload:${doc._id}`)),
      recordsDigest: recordsDigest(withUploads.map((doc) => doc._id)),
    });
    await dispositions.removeQuarantine(caseId);
    await removeUploads(withUploads);
    return certificate._id;
  }

  return {
    async disposeCustomers({ caseId, hasRecipient }) {
      await ensureIndexes();
      const at = new Date();
      await recordWorkflowEvent(deps.audit, caseId, 'deletion.requested', { hasRecipient });
      const issued: string[] = [];

      await sealHolds(caseId, at);
      const excluded = await exclusions.excludedCustomerIds(caseId);
      await dispositions.eraseExcluded(excluded, at);
      // The rest by filter on plaintext fields: one statement each, whatever the case's size.
      for (const disposition of ['transferred', 'unchanged', 'deleted'] as const) {
        if (disposition === 'transferred' && !hasRecipient) continue;
        // The rule of decideDisposition as one filtered write per disposition; tally() checks every record against it.
        // After the transfer stage most customers are `transferred`: the later stages pass over them in PostgreSQL.
        await dispositions.eraseWhere(caseId, DISPOSITION_FILTERS[disposition], disposition, at, disposition !== 'transferred' && hasRecipient ? 'transferred' : undefined);
        Context.current().heartbeat({ stage: disposition });
      }

      const { counts, digests, pending, mismatched } = await tally(caseId, hasRecipient);
      if (pending > 0) throw new Error(`${pending} customers of case ${caseId} have no disposition yet`);
      if (mismatched > 0) throw ApplicationFailure.nonRetryable(`${mismatched} customers of case ${caseId} got a disposition their rule does not give`, 'DISPOSITION_MISMATCH');
      issued.push(
        (
          await issueCertificate({
            caseId,
            stage: 'holds-sealed',
            count: counts.held,
            method: 'legal hold: re-encrypted under a hold key of its own, blind indexes removed, storage only, custodian transferor, expiry per rule',
            at,
            destroyedKeyIdHashes: [],
            recordsDigest: digests.held,
          })
        )._id,
      );
      for (const disposition of ['transferred', 'deleted', 'unchanged'] as const) {
        const stage = STAGE_OF[disposition];
        issued.push((await issueCertificate({ caseId, stage, count: counts[disposition], method: METHODS[stage], at, destroyedKeyIdHashes: [], recordsDigest: digests[disposition] }))._id);
      }
      issued.push(await removeQuarantineAndUploads(caseId, at));
      await deps.cases.recountStatistics(caseId);
      deps.logger.info({ caseId, counts }, 'customers disposed');
      return { counts, certificates: issued };
    },

    async shredCaseKey({ caseId }) {
      await ensureIndexes();
      await recordWorkflowEvent(deps.audit, caseId, 'case-key.shred-requested');
      const keyId = await deps.keys.shred(caseId);
      // Handover package files: the recipient acknowledged receipt; the transferor keeps none.
      await rm(join(resolve(deps.dataDir), 'packages', caseId), { recursive: true, force: true });
      const certificate = await issueCertificate({
        caseId,
        stage: 'case-key',
        count: keyId ? 1 : 0,
        method: 'crypto-shredding: the case data key (wrapped by the master key) destroyed; every ciphertext under it is unreadable',
        at: new Date(),
        destroyedKeyIdHashes: keyId ? [sha256Hex(keyId)] : [],
        recordsDigest: sha256Hex(caseId),
      });
      await recordWorkflowEvent(deps.audit, caseId, 'case-key.shredded', { shredded: Boolean(keyId), certificate: certificate._id });
      deps.logger.info({ caseId, shredded: Boolean(keyId) }, 'case key shredded');
      return { shredded: Boolean(keyId), certificate: certificate._id };
    },

    async closeCase({ caseId }) {
      // The closing phase ends with the case: phase.completed, then case.closed once it is stored.
      await recordWorkflowEvent(deps.audit, caseId, 'phase.completed', { phase: 'closure', next: 'closed' });
      await deps.cases.markClosed(caseId, new Date());
      await recordWorkflowEvent(deps.audit, caseId, 'case.closed');
      // Sealed at closure: a signed checkpoint over the whole trail (kept in the database and outside it).
      await deps.audit.checkpoint(caseId);
      deps.logger.info({ caseId }, 'case closed');
    },

    async discardCaseData({ caseId }) {
      await ensureIndexes();
      const at = new Date();
      await recordWorkflowEvent(deps.audit, caseId, 'case.discard-requested');
      // Every record not erased yet, whatever its route: a cancelled case transfers nothing and
      // holds nothing for the transferor (which keeps its own originals).
      await dispositions.eraseWhere(caseId, {}, 'deleted', at);
      Context.current().heartbeat({ stage: 'cancelled-discard' });
      const { counts, digests, pending } = await tally(caseId, false);
      if (pending > 0) throw new Error(`${pending} customers of case ${caseId} are not erased yet`);
      const erased = DISPOSITIONS.reduce((sum, d) => sum + counts[d], 0);
      const certificate = await issueCertificate({
        caseId,
        stage: 'cancelled-discard',
        count: erased,
        method: 'case cancelled: every customer record erased (ciphertext and blind indexes removed), holds included; the case key is shredded next',
        at,
        destroyedKeyIdHashes: [],
        recordsDigest: digests.deleted,
      });
      const quarantine = await removeQuarantineAndUploads(caseId, at);
      await deps.cases.recountStatistics(caseId);
      await deps.audit.append(caseId, {
        actor: { id: 'system', role: 'system' },
        action: 'case.discarded',
        subject: { type: 'case', id: caseId },
        data: { erased, certificate: certificate._id },
      });
      deps.logger.info({ caseId, erased }, 'cancelled case discarded');
      return { erased, certificates: [certificate._id, quarantine] };
    },

    async discardInventory({ caseId }) {
      // Deleted outright, not erased: the corrected file is imported as new (same customer ids).
      const customersDeleted = await dispositions.deleteCustomers(caseId);
      const quarantined = await dispositions.removeQuarantine(caseId);
      const { uploads } = await dispositions.quarantineAndUploads(caseId);
      await removeUploads(uploads);
      await deps.cases.recountStatistics(caseId);
      await deps.audit.append(caseId, {
        actor: { id: 'system', role: 'system' },
        action: 'inventory.discarded',
        subject: { type: 'case', id: caseId },
        data: { customers: customersDeleted, quarantined, uploads: uploads.length },
      });
      deps.logger.info({ caseId, customers: customersDeleted, quarantined, uploads: uploads.length }, 'rejected inventory discarded');
      return { customers: customersDeleted, quarantined, uploads: uploads.length };
    },
  };
}
