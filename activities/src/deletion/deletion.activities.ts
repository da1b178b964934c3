import { createHash, type Hash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Collection, Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import { DISPOSITIONS, type DeletionActivities, type Disposition, type DispositionCounts } from '@handover/contracts';
import {
  customerIdRange,
  customerAad,
  CUSTOMER_COLLECTION,
  DeletionCertificateRepository,
  holdKeyId,
  pagesOf,
  recordsDigest,
  TransferExclusionRepository,
  updateEach,
  type CaseKeyService,
  type CaseRepository,
  type CustomerDocument,
  type DeletionStage,
} from '@handover/persistence';
import { sha256Hex } from '@handover/crypto';
import type { Logger } from '@handover/logging';
import { decideDisposition } from './disposition';

export interface DeletionActivityDeps {
  connection: Connection;
  keys: CaseKeyService;
  cases: CaseRepository;
  logger: Logger;
  /** Where uploads and handover packages live (shared with the admin API). */
  dataDir: string;
}

/** Fields that identify a person, directly or through a keyed hash: all of them go on erasure. */
const ERASED_FIELDS = { personalEnc: '', emailBi: '', phoneBi: '', idNumberBi: '', rowHash: '' } as const;

type DispositionDoc = CustomerDocument & { disposition?: Disposition; disposedAt?: Date; excluded?: boolean };

const METHODS: Record<Exclude<DeletionStage, 'holds-sealed' | 'quarantine-and-uploads' | 'case-key'>, string> = {
  'transferred-copies': 'erasure of the transferor-side copy after the recipient acknowledged receipt: ciphertext and blind indexes removed; the case key is shredded at closure',
  'not-transferred': 'erasure: ciphertext and blind indexes removed; the case key is shredded at closure',
  'unchanged-working-copies': 'erasure of the case working copy (notice-of-change: the processor keeps its own records): ciphertext and blind indexes removed',
};

const STAGE_OF: Record<Exclude<Disposition, 'held'>, keyof typeof METHODS> = {
  transferred: 'transferred-copies',
  deleted: 'not-transferred',
  unchanged: 'unchanged-working-copies',
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
  const customers = (): Collection<DispositionDoc> => deps.connection.collection<DispositionDoc>(CUSTOMER_COLLECTION);
  const certificates = new DeletionCertificateRepository(deps.connection);
  let indexed = false;
  const ensureIndexes = async (): Promise<void> => {
    if (indexed) return;
    await certificates.ensureIndexes();
    indexed = true;
  };

  /** Customers excluded from the transfer by a data-subject request (issue 8). */
  const exclusions = new TransferExclusionRepository(deps.connection);

  const erase = (disposition: Disposition, at: Date) => ({ $set: { disposition, disposedAt: at }, $unset: ERASED_FIELDS });

  /** Legal holds: re-encrypted under the hold key, blind indexes dropped, sealed storage-only. */
  async function sealHolds(caseId: string, at: Date): Promise<number> {
    const pending = customers().find({ _id: customerIdRange(caseId), route: 'hold', disposition: { $exists: false } } as Filter<DispositionDoc>, {
      projection: { _id: 1, ref: 1, personalEnc: 1, legalHold: 1 },
    });
    const caseCipher = await deps.keys.cipherFor(caseId);
    const holdCipher = await deps.keys.ensure(holdKeyId(caseId));
    let sealed = 0;
    for await (const page of pagesOf(pending, HOLD_PAGE)) {
      if (!caseCipher) throw ApplicationFailure.nonRetryable(`case ${caseId} has held records but no case key`, 'CASE_KEY_MISSING');
      const updates = page.map((doc) => {
        const aad = customerAad(caseId, doc.ref);
        return {
          filter: { _id: doc._id, disposition: { $exists: false } } as Filter<DispositionDoc>,
          update: {
            $set: {
              personalEnc: holdCipher.encrypt(caseCipher.decrypt(doc.personalEnc, aad), aad),
              disposition: 'held',
              disposedAt: at,
              hold: { storageOnly: true, custodian: 'transferor', sealedAt: at, ...(doc.legalHold && { basis: doc.legalHold.ruleId, until: doc.legalHold.until }) },
            },
            $unset: { emailBi: '', phoneBi: '', idNumberBi: '', rowHash: '' },
          } as never,
        };
      });
      // One command per record (updateEach): a multi-statement update wedges FerretDB v1.
      await updateEach(customers(), updates, { onProgress: (done) => Context.current().heartbeat({ stage: 'holds-sealed', sealed: sealed + done }) });
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
    const cursor = customers()
      .find({ _id: customerIdRange(caseId) } as Filter<DispositionDoc>, { projection: { _id: 1, disposition: 1, route: 1, outcome: 1, excluded: 1 } })
      .sort({ _id: 1 });
    try {
      for await (const doc of cursor) {
        if (!doc.disposition) {
          pending += 1;
          continue;
        }
        if (decideDisposition(doc, { excluded: doc.excluded === true, hasRecipient }) !== doc.disposition) mismatched += 1;
        // Same bytes as recordsDigest(ids): the sorted ids joined by newlines.
        hashes[doc.disposition].update(counts[doc.disposition] === 0 ? doc._id : `\n${doc._id}`);
        counts[doc.disposition] += 1;
      }
    } finally {
      await cursor.close();
    }
    const digests = Object.fromEntries(DISPOSITIONS.map((d) => [d, hashes[d].digest('hex')])) as Record<Disposition, string>;
    return { counts, digests, pending, mismatched };
  }

  /** Quarantined rows and the stored uploads: removed, and each upload's wrapped key destroyed. */
  async function removeQuarantineAndUploads(caseId: string, at: Date): Promise<string> {
    const rejections = deps.connection.collection<{ caseId: string }>('inventory_rejections');
    const imports = deps.connection.collection<{ _id: string; caseId: string; upload?: { path?: string; seal?: unknown } }>('inventory_imports');
    const withUploads = await imports.find({ caseId: { $eq: caseId }, 'upload.seal': { $exists: true } }, { projection: { _id: 1, upload: 1 } }).toArray();
    const quarantined = await rejections.countDocuments({ caseId: { $eq: caseId } });
    // The certificate first, with the counts as found: a retry after a crash finds it and keeps it.
    const certificate = await certificates.issue({
      caseId,
      stage: 'quarantine-and-uploads',
      count: quarantined + withUploads.length,
      method: 'quarantined rows deleted; encrypted uploads removed from disk and their wrapped keys destroyed',
      at,
      destroyedKeyIdHashes: withUploads.map((doc) => sha256Hex(`upload:${doc._id}`)),
      recordsDigest: recordsDigest(withUploads.map((doc) => doc._id)),
    });
    await rejections.deleteMany({ caseId: { $eq: caseId } });
    const uploads = resolve(deps.dataDir, 'uploads');
    for (const doc of withUploads) {
      const path = doc.upload?.path ? resolve(doc.upload.path) : join(uploads, `${doc._id}.enc`);
      await rm(path, { force: true });
      await imports.updateOne({ _id: { $eq: doc._id } }, { $unset: { 'upload.seal': '' } });
    }
    return certificate._id;
  }

  return {
    async disposeCustomers({ caseId, hasRecipient }) {
      await ensureIndexes();
      const at = new Date();
      const issued: string[] = [];

      await sealHolds(caseId, at);
      const excluded = await exclusions.excludedCustomerIds(caseId);
      await updateEach(
        customers(),
        [...excluded].map((id) => ({
          filter: { _id: id, route: { $ne: 'hold' }, disposition: { $exists: false } } as Filter<DispositionDoc>,
          update: { ...erase('deleted', at), $set: { disposition: 'deleted' as const, disposedAt: at, outcome: 'not-transfer' as const, excluded: true } } as never,
        })),
      );
      // The rest by filter on plaintext fields: one statement each, whatever the case's size.
      const undecided = { _id: customerIdRange(caseId), disposition: { $exists: false } };
      for (const disposition of ['transferred', 'unchanged', 'deleted'] as const) {
        const filter = { ...undecided } as Record<string, unknown>;
        if (disposition === 'transferred') {
          if (!hasRecipient) continue;
          filter['outcome'] = 'transfer';
          filter['route'] = { $ne: 'hold' };
        } else if (disposition === 'unchanged') {
          filter['route'] = 'notice-of-change';
        }
        // The rule of decideDisposition as one filtered write per disposition; tally() checks every record against it.
        await customers().updateMany(filter as Filter<DispositionDoc>, erase(disposition, at) as never);
        Context.current().heartbeat({ stage: disposition });
      }

      const { counts, digests, pending, mismatched } = await tally(caseId, hasRecipient);
      if (pending > 0) throw new Error(`${pending} customers of case ${caseId} have no disposition yet`);
      if (mismatched > 0) throw ApplicationFailure.nonRetryable(`${mismatched} customers of case ${caseId} got a disposition their rule does not give`, 'DISPOSITION_MISMATCH');
      issued.push(
        (
          await certificates.issue({
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
        issued.push((await certificates.issue({ caseId, stage, count: counts[disposition], method: METHODS[stage], at, destroyedKeyIdHashes: [], recordsDigest: digests[disposition] }))._id);
      }
      issued.push(await removeQuarantineAndUploads(caseId, at));
      await deps.cases.recountStatistics(caseId);
      deps.logger.info({ caseId, counts }, 'customers disposed');
      return { counts, certificates: issued };
    },

    async shredCaseKey({ caseId }) {
      await ensureIndexes();
      const keyId = await deps.keys.shred(caseId);
      // Handover package files: the recipient acknowledged receipt; the transferor keeps none.
      await rm(join(resolve(deps.dataDir), 'packages', caseId), { recursive: true, force: true });
      const certificate = await certificates.issue({
        caseId,
        stage: 'case-key',
        count: keyId ? 1 : 0,
        method: 'crypto-shredding: the case data key (wrapped by the master key) destroyed; every ciphertext under it is unreadable',
        at: new Date(),
        destroyedKeyIdHashes: keyId ? [sha256Hex(keyId)] : [],
        recordsDigest: sha256Hex(caseId),
      });
      deps.logger.info({ caseId, shredded: Boolean(keyId) }, 'case key shredded');
      return { shredded: Boolean(keyId), certificate: certificate._id };
    },

    async closeCase({ caseId }) {
      await deps.cases.markClosed(caseId, new Date());
      deps.logger.info({ caseId }, 'case closed');
    },
  };
}
