import { Readable } from 'node:stream';
import type { Command } from 'commander';
import { uploadBody, type Schemas } from '@handover/api-client';
import { call, callWithResponse } from '../api-call';
import { CliError } from '../cli-error';
import type { CliContext } from '../context';
import { EXIT } from '../exit-codes';
import { formatBytes, table } from '../format';
import { addWaitOptions, wholeNumber, type WaitFlags } from '../options';
import { poll } from '../poll';
import { ProgressBar } from '../progress-bar';
import type { CommandDeps } from '../runner';
import { countedFileStream, uploadContentType } from '../upload-stream';
import { saveText, writeStream } from './save';

type ImportProgress = Schemas['ImportProgressDto'];

const importSummary = (ctx: CliContext, p: ImportProgress) =>
  ctx.t('msg.importDone', { importId: p.importId, accepted: p.accepted, rejected: p.rejected, unchanged: p.unchanged });

/** Polls an import until done or failed, with a bar of rows processed (exit 5 when it failed). */
async function waitForImport(ctx: CliContext, caseId: string, importId: string, flags: WaitFlags): Promise<ImportProgress> {
  const bar = new ProgressBar(ctx.io.stderr, ctx.t('label.import'), 'count', ctx.progress, ctx.t('label.rows'));
  let progress: ImportProgress;
  try {
    progress = await poll(ctx, {
      read: () => call(ctx, ctx.client.GET('/v1/cases/{id}/inventory/imports/{importId}', { params: { path: { id: caseId, importId } } })),
      done: (p) => p.status === 'done' || p.status === 'failed',
      onValue: (p) => bar.update(p.processed),
      intervalMs: flags.interval * 1000,
      timeoutMs: flags.timeout * 1000,
    });
  } finally {
    bar.done();
  }
  if (progress.status === 'failed') throw new CliError(ctx.t('err.importFailed', { importId, reason: progress.error ?? 'unknown' }), EXIT.failed);
  return progress;
}

export function registerInventory(program: Command, { t, run }: CommandDeps): void {
  const inventory = program.command('inventory').description(t('cmd.inventory'));

  addWaitOptions(inventory.command('upload').description(t('cmd.inventory.upload')).argument('<case>').argument('<file>'), t)
    .option('--type <type>', 'csv | ndjson (else from the file name)')
    .action(
      run(async (ctx, id: string, path: string, flags: WaitFlags & { type?: string }) => {
        const bar = new ProgressBar(ctx.io.stderr, ctx.t('label.upload'), 'bytes', ctx.progress);
        const { stream, total } = countedFileStream(path, ctx.t, (sent, size) => bar.update(sent, size));
        let accepted: Schemas['ImportAcceptedDto'];
        try {
          accepted = await call(
            ctx,
            ctx.client.POST('/v1/cases/{id}/inventory', { params: { path: { id } }, ...uploadBody(stream, uploadContentType(path, flags.type)) }),
          );
        } finally {
          bar.done();
        }
        if (!flags.wait) {
          ctx.print(accepted, () => ctx.t('msg.uploaded', { bytes: formatBytes(total), importId: accepted.importId }));
          return;
        }
        ctx.say(ctx.t('msg.uploaded', { bytes: formatBytes(total), importId: accepted.importId }));
        const progress = await waitForImport(ctx, id, accepted.importId, flags);
        ctx.print(progress, () => importSummary(ctx, progress));
      }),
    );

  addWaitOptions(inventory.command('progress').description(t('cmd.inventory.progress')).argument('<case>').argument('<import>'), t).action(
    run(async (ctx, id: string, importId: string, flags: WaitFlags) => {
      const progress = flags.wait
        ? await waitForImport(ctx, id, importId, flags)
        : await call(ctx, ctx.client.GET('/v1/cases/{id}/inventory/imports/{importId}', { params: { path: { id, importId } } }));
      ctx.print(progress, () => `${progress.status}: ${importSummary(ctx, progress)}`);
    }),
  );

  inventory.command('rejected').description(t('cmd.inventory.rejected'))
    .argument('<case>').option('--cursor <cursor>', 'nextCursor of the previous page').option('--limit <n>', 'rows per page (at most 500)', wholeNumber)
    .action(run(async (ctx, id: string, flags: { cursor?: string; limit?: number }) => {
      const query = { ...(flags.cursor ? { cursor: flags.cursor } : {}), ...(flags.limit ? { limit: flags.limit } : {}) };
      const page = await call(ctx, ctx.client.GET('/v1/cases/{id}/inventory/rejected', { params: { path: { id }, query } }));
      const rows = page.items;
      ctx.print(page, () => (rows.length ? table([ctx.t('col.import'), ctx.t('col.line'), ctx.t('col.field'), ctx.t('col.reason')], rows.map((r) => [r.importId, r.line, r.field, r.reason])) : ctx.t('msg.none')));
    }));

  inventory.command('export-rejected').description(t('cmd.inventory.exportRejected'))
    .argument('<case>').option('-o, --output <path>', t('opt.output'))
    .action(run(async (ctx, id: string, flags: { output?: string }) => {
      const { data, response } = await callWithResponse(ctx, ctx.client.GET('/v1/cases/{id}/inventory/rejected/export', { params: { path: { id } }, parseAs: 'stream' }));
      const password = response.headers.get('handover-export-password') ?? '';
      const rows = Number(response.headers.get('handover-export-rows') ?? 0);
      // A ZIP is not for a terminal: to the named file, else rejected-<case>.zip here.
      const output = flags.output ?? `rejected-${id}.zip`;
      const bytes = await writeStream(Readable.fromWeb(data as import('node:stream/web').ReadableStream<Uint8Array>), output);
      ctx.print({ path: output, bytes, rows, password }, () => ctx.t('msg.rejectedExported', { rows, path: output, password }));
    }));

  inventory.command('piia').description(t('cmd.inventory.piia'))
    .argument('<case>').option('--format <format>', 'json | html', 'json').option('-o, --output <path>', t('opt.output'))
    .action(run(async (ctx, id: string, flags: { format: string; output?: string }) => {
      const format = flags.format === 'html' ? 'html' : 'json';
      const text = await call(ctx, ctx.client.GET('/v1/cases/{id}/piia', { params: { path: { id }, query: { format } }, parseAs: 'text' }));
      await saveText(ctx, text, flags.output);
    }));
}

