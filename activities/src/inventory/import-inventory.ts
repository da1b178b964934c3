import { ApplicationFailure, CancelledFailure, Context } from '@temporalio/activity';
import type { ImportCheckpoint, ImportCounters, ImportInventoryInput } from '@handover/contracts';
import { getRulePack, type HeaderMapping } from '@handover/domain';
import { InventoryParseError, parseInventory } from '@handover/ingest';
import { caseBlindIndex, type HeaderSummary, type InventoryImportEntity } from '@handover/persistence';
import { BatchWriter, type BatchOutcome } from './batch-writer';
import { caseFactsOf, DEFAULT_OFFSET_MINUTES, retentionRulesOf } from './case-facts';
import { addCounters, countersOf, resumePoint } from './import-checkpoint';
import type { InventoryActivityDeps } from './inventory.deps';
import { RowPreparer, type PreparedRow } from './row-preparer';
import { readUpload, UploadUnreadableError } from './upload-source';
import { importRows } from '@handover/metrics';

const DEFAULT_BATCH = 1000;

function headerSummary(mapping: HeaderMapping): HeaderSummary {
  const known: string[] = [];
  for (const column of mapping.columns) if (column.canonical && !known.includes(column.canonical)) known.push(column.canonical);
  return { known, unknown: [...mapping.unknown], hasCustomerId: mapping.hasCustomerId };
}

/**
 * Streams the stored upload into customers and quarantined rows, in batches, resumably:
 * decrypt → decode → parse (skipping lines up to the checkpoint) → validate/classify/encrypt →
 * unordered insert. While batch N is written, batch N+1 is prepared (two batches in flight at
 * most). After each write: the checkpoint (line + counters) is saved in one $set, then heartbeated.
 * A retry resumes after the later of the heartbeat and the stored checkpoint; rows an aborted
 * attempt wrote past it are recognised by (importId, line) and counted once.
 */
export async function importInventory(deps: InventoryActivityDeps, input: ImportInventoryInput): Promise<ImportCounters> {
  const { caseId, importId } = input;
  const now = deps.now ?? (() => new Date());
  const ctx = Context.current();

  const found = await deps.imports.findForCase(caseId, importId);
  if (!found) throw ApplicationFailure.nonRetryable(`import ${importId} of case ${caseId} not found`, 'IMPORT_NOT_FOUND');
  if (found.status === 'done') return countersOf(found.counters);
  if (found.status === 'failed') throw ApplicationFailure.nonRetryable(`import ${importId} has failed`, found.error ?? 'IMPORT_FAILED');

  const cipher = await deps.keys.require(caseId);
  const entity = await deps.cases.findById(caseId, cipher);
  if (!entity) throw ApplicationFailure.nonRetryable(`case ${caseId} not found`, 'CASE_NOT_FOUND');
  const pack = getRulePack(entity.jurisdiction);
  const retentionRules = retentionRulesOf(entity, pack);
  const facts = caseFactsOf(entity);

  const startedAt = await deps.imports.markRunning(importId, now());
  const resume = resumePoint(ctx.info.heartbeatDetails, found);
  const preparer = new RowPreparer({
    caseId,
    importId,
    pack,
    at: startedAt,
    retentionRules,
    cipher,
    blindIndex: caseBlindIndex(deps.master, caseId),
    defaultOffsetMinutes: DEFAULT_OFFSET_MINUTES[facts.jurisdiction],
  });
  const writer = new BatchWriter(deps, { caseId, importId, preparer, now });
  deps.logger.info({ caseId, importId, resumeAfterLine: resume.line, attempt: ctx.info.attempt }, 'inventory import started');

  try {
    const counters = await runBatches(deps, ctx, found, resume, preparer, writer);
    await deps.imports.markDone(importId, counters, now());
    // A killed attempt may have inserted a batch and died before adding it to the case status's
    // customer count; the retry finds those rows already there and adds nothing for them. After a
    // retry the count is taken from the collection instead (deltas of other imports meanwhile are kept).
    if (ctx.info.attempt > 1) await deps.cases.recountStatistics(caseId, ['customers']);
    deps.logger.info({ caseId, importId, ...counters }, 'inventory import done');
    return counters;
  } catch (error) {
    throw await failureOf(deps, found, error);
  }
}

async function runBatches(
  deps: InventoryActivityDeps,
  ctx: Context,
  found: InventoryImportEntity,
  resume: ImportCheckpoint,
  preparer: RowPreparer,
  writer: BatchWriter,
): Promise<ImportCounters> {
  const batchSize = deps.batchSize ?? DEFAULT_BATCH;
  let checkpoint: ImportCheckpoint = { ...resume };
  let fileInfo: { encoding?: string; header?: HeaderSummary } | null = {};
  let lastBeat = Date.now();
  const beat = (): void => {
    lastBeat = Date.now();
    ctx.heartbeat({ ...checkpoint });
  };
  // Skipping a long prefix after a resume yields no rows for a while: keep the attempt alive.
  const keepAliveMs = deps.keepAliveMs ?? 5000;
  const keepAlive = setInterval(() => {
    if (Date.now() - lastBeat < keepAliveMs) return;
    try {
      beat();
    } catch {
      // a failing heartbeat surfaces at the next batch commit
    }
  }, keepAliveMs);
  keepAlive.unref();

  const commit = async (outcome: BatchOutcome): Promise<void> => {
    checkpoint = { ...addCounters(checkpoint, outcome.counters), line: outcome.lastLine };
    importRows.inc({ result: 'accepted' }, outcome.counters.accepted);
    importRows.inc({ result: 'rejected' }, outcome.counters.rejected);
    if (fileInfo) {
      await deps.imports.saveFileInfo(found.id, fileInfo);
      fileInfo = null;
    }
    await deps.imports.saveCheckpoint(found.id, checkpoint);
    beat();
  };

  let inFlight: Promise<BatchOutcome> | null = null;
  const awaitInFlight = async (): Promise<void> => {
    if (!inFlight) return;
    const previous = inFlight;
    inFlight = null;
    await commit(await previous);
  };
  let batch: PreparedRow[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    await awaitInFlight();
    if (ctx.cancellationSignal.aborted) throw new CancelledFailure('inventory import cancelled');
    inFlight = writer.write(rows);
    // Handled here so a failure while the next batch is prepared is not an unhandled rejection;
    // it is rethrown when the batch is awaited.
    inFlight.catch(() => undefined);
  };

  const rows = parseInventory(readUpload(deps.blobs, deps.master, found.id, found.upload), found.format, {
    startAfterLine: resume.line,
    onHeader: (mapping) => {
      if (fileInfo) fileInfo.header = headerSummary(mapping);
    },
    onEncoding: (detection) => {
      if (fileInfo) fileInfo.encoding = detection.encoding;
    },
  });
  try {
    for await (const row of unreadableOnParseFailure(rows)) {
      batch.push(preparer.prepare(row));
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    await awaitInFlight();
    if (fileInfo) await deps.imports.saveFileInfo(found.id, fileInfo);
    return countersOf(checkpoint);
  } catch (error) {
    // Never leave a write running behind a failed attempt: the retry must see it finished.
    if (inFlight) await (inFlight as Promise<BatchOutcome>).catch(() => undefined);
    throw error;
  } finally {
    clearInterval(keepAlive);
  }
}

/** The file cannot be parsed, and never will be: a retry would fail the same way. */
class FileUnparseableError extends Error {
  readonly code = 'IMPORT_UNREADABLE';
}

/**
 * Rows of the parser; a failure of the decoder or parser itself (not of reading the upload,
 * which may be transient) is final. Its message is replaced: parser messages may quote the file.
 */
async function* unreadableOnParseFailure<T>(rows: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* rows;
  } catch (error) {
    if (error instanceof UploadUnreadableError || error instanceof InventoryParseError) throw error;
    const code = (error as { code?: unknown }).code;
    // System and Node stream errors (EMFILE, ERR_STREAM_PREMATURE_CLOSE...) may pass on a retry.
    if (typeof code === 'string' && /^(E[A-Z]+|ERR_[A-Z_]+)$/.test(code)) throw error;
    throw new FileUnparseableError(`inventory file could not be parsed (${error instanceof Error ? error.name : 'unknown'})`);
  }
}

/** Maps a failure to what the workflow sees; unrecoverable ones also mark the import failed. */
async function failureOf(deps: InventoryActivityDeps, found: InventoryImportEntity, error: unknown): Promise<unknown> {
  const { caseId, id: importId } = found;
  let failure: ApplicationFailure | null = null;
  if (error instanceof UploadUnreadableError) {
    if (error.failure === 'authentication') {
      // GCM: rows read before the tag was checked are not trustworthy; remove what this import wrote.
      await deps.customers.deleteByImport(caseId, importId);
      await deps.rejections.deleteByImport(caseId, importId);
    }
    failure = ApplicationFailure.nonRetryable(error.message, error.code);
  } else if (error instanceof FileUnparseableError) {
    failure = ApplicationFailure.nonRetryable(error.message, error.code);
  } else if (error instanceof InventoryParseError) {
    failure = ApplicationFailure.nonRetryable(`inventory file unreadable: ${error.code} at line ${error.line}`, 'IMPORT_UNREADABLE');
  } else if (error instanceof ApplicationFailure && error.nonRetryable) {
    failure = error;
  }
  if (failure) {
    await deps.imports.markFailed(importId, failure.type ?? 'IMPORT_FAILED');
    deps.logger.error({ caseId, importId, reason: failure.type }, 'inventory import failed');
    return failure;
  }
  deps.logger.warn({ caseId, importId, error: error instanceof Error ? error.name : 'unknown' }, 'inventory import attempt failed; will retry');
  return error;
}
