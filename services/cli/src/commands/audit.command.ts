import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ExportFormatError } from '@handover/audit-proof';
import { call } from '../api-call';
import { CliError } from '../cli-error';
import { EXIT } from '../exit-codes';
import type { CommandDeps } from '../runner';
import { saveStream } from './save';
import { parseCheckpointFile, parsePublicKey, PublicKeyFormatError, verifyExportText } from './audit-file';

export function registerAudit(program: Command, { t, run }: CommandDeps): void {
  const audit = program.command('audit').description(t('cmd.audit'));

  audit.command('verify').description(t('cmd.audit.verify')).argument('<case>', 'case id, or global')
    .action(run(async (ctx, id: string) => {
      const result = await call(ctx, ctx.client.GET('/v1/cases/{id}/audit/verify', { params: { path: { id } } }));
      if (!result.valid) {
        if (ctx.json) ctx.print(result, () => '');
        const message = result.kind
          ? ctx.t('err.chainTampered', { id, kind: result.kind, seq: result.firstBrokenAt ?? '?' })
          : ctx.t('err.chainBroken', { id, seq: result.firstBrokenAt ?? '?' });
        throw new CliError(message, EXIT.failed);
      }
      ctx.print(result, () => ctx.t('msg.chainValid', { id, events: result.events }));
    }));

  audit.command('export').description(t('cmd.audit.export')).argument('<case>', 'case id, or global').option('-o, --output <path>', t('opt.output'))
    .action(run(async (ctx, id: string, flags: { output?: string }) => {
      const stream = await call(ctx, ctx.client.GET('/v1/cases/{id}/audit/export', { params: { path: { id } }, parseAs: 'stream' }));
      await saveStream(ctx, stream, flags.output);
    }));

  audit.command('verify-file').description(t('cmd.audit.verifyFile')).argument('<export>', 'NDJSON file of `handover audit export`')
    .requiredOption('--public-key <file-or-pem>', t('opt.publicKey'))
    .option('--checkpoint <file>', t('opt.checkpoint'))
    .action(run(async (ctx, path: string, flags: { publicKey: string; checkpoint?: string }) => {
      const read = (file: string): string => {
        try {
          return readFileSync(file, 'utf8');
        } catch (error) {
          throw new CliError(ctx.t('err.readFile', { path: file, reason: (error as NodeJS.ErrnoException).code ?? String(error) }), EXIT.usage);
        }
      };
      let result;
      try {
        const key = parsePublicKey(flags.publicKey, read);
        const extra = flags.checkpoint ? [parseCheckpointFile(read(flags.checkpoint))] : [];
        result = verifyExportText(read(path), key, extra);
      } catch (error) {
        if (error instanceof PublicKeyFormatError) throw new CliError(ctx.t('err.badPublicKey', { source: error.message }), EXIT.usage);
        if (error instanceof ExportFormatError) throw new CliError(ctx.t('err.badExport', { path, reason: error.message }), EXIT.usage);
        throw error;
      }
      const id = result.scope;
      if (!result.valid) {
        if (ctx.json) ctx.print(result, () => '');
        throw new CliError(ctx.t('err.chainTampered', { id, kind: result.kind ?? 'broken', seq: result.firstBrokenAt ?? '?' }), EXIT.failed);
      }
      ctx.print(result, () => ctx.t('msg.exportValid', { id, events: result.events, seq: result.checkpoint?.seq ?? 0 }));
    }));
}
