import type { Command } from 'commander';
import { call } from '../api-call';
import { CliError } from '../cli-error';
import { EXIT } from '../exit-codes';
import type { CommandDeps } from '../runner';
import { saveStream } from './save';

export function registerAudit(program: Command, { t, run }: CommandDeps): void {
  const audit = program.command('audit').description(t('cmd.audit'));

  audit.command('verify').description(t('cmd.audit.verify')).argument('<case>', 'case id, or global')
    .action(run(async (ctx, id: string) => {
      const result = await call(ctx, ctx.client.GET('/v1/cases/{id}/audit/verify', { params: { path: { id } } }));
      if (!result.valid) {
        if (ctx.json) ctx.print(result, () => '');
        throw new CliError(ctx.t('err.chainBroken', { id, seq: result.firstBrokenAt ?? '?' }), EXIT.failed);
      }
      ctx.print(result, () => ctx.t('msg.chainValid', { id, events: result.events }));
    }));

  audit.command('export').description(t('cmd.audit.export')).argument('<case>', 'case id, or global').option('-o, --output <path>', t('opt.output'))
    .action(run(async (ctx, id: string, flags: { output?: string }) => {
      const stream = await call(ctx, ctx.client.GET('/v1/cases/{id}/audit/export', { params: { path: { id } }, parseAs: 'stream' }));
      await saveStream(ctx, stream, flags.output);
    }));
}
