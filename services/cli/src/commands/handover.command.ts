import type { Command } from 'commander';
import { call } from '../api-call';
import { formatBytes, table } from '../format';
import type { CommandDeps } from '../runner';
import { saveStream, saveText } from './save';

export function registerHandover(program: Command, { t, run }: CommandDeps): void {
  const handover = program.command('handover').description(t('cmd.handover'));

  handover.command('package').description(t('cmd.handover.package')).argument('<case>')
    .action(run(async (ctx, id: string) => {
      const manifest = await call(ctx, ctx.client.GET('/v1/cases/{id}/handover/package', { params: { path: { id } } }));
      ctx.print(manifest, () =>
        [
          `${manifest.packageId}: ${manifest.records} records, ${manifest.createdAt}`,
          table([ctx.t('col.file'), ctx.t('col.bytes'), ctx.t('col.sha256')], manifest.files.map((f) => [f.name, formatBytes(f.bytes), f.sha256])),
        ].join('\n\n'),
      );
    }));

  handover.command('download').description(t('cmd.handover.download'))
    .argument('<case>').argument('<file>', 'e.g. customers.ndjson.enc').requiredOption('-o, --output <path>', t('opt.output'))
    .action(run(async (ctx, id: string, name: string, flags: { output: string }) => {
      const stream = await call(ctx, ctx.client.GET('/v1/cases/{id}/handover/package/files/{name}', { params: { path: { id, name } }, parseAs: 'stream' }));
      await saveStream(ctx, stream, flags.output);
    }));

  handover.command('private-key').description(t('cmd.handover.privateKey')).argument('<case>').option('-o, --output <path>', t('opt.output'))
    .action(run(async (ctx, id: string, flags: { output?: string }) => {
      const key = await call(ctx, ctx.client.GET('/v1/cases/{id}/handover/private-key', { params: { path: { id } } }));
      if (ctx.json && !flags.output) return ctx.print(key, () => '');
      await saveText(ctx, key.privateKey, flags.output);
    }));

  handover.command('override').description(t('cmd.handover.override')).argument('<case>').requiredOption('--reason <text>', t('opt.reason'))
    .action(run(async (ctx, id: string, flags: { reason: string }) => {
      const overridden = await call(ctx, ctx.client.POST('/v1/cases/{id}/handover/override', { params: { path: { id } }, body: { reason: flags.reason } }));
      ctx.print(overridden, () => ctx.t('msg.acknowledgementOverridden', { id }));
    }));
}
