import type { Command } from 'commander';
import { call } from '../api-call';
import type { CliContext } from '../context';
import type { CommandDeps } from '../runner';
import { saveStream, saveText } from './save';

const readReport = (ctx: CliContext, id: string, format: 'json' | 'html') =>
  call(ctx, ctx.client.GET('/v1/cases/{id}/report', { params: { path: { id }, query: { format } }, parseAs: 'text' }));

const readPdf = (ctx: CliContext, id: string) =>
  call(ctx, ctx.client.GET('/v1/cases/{id}/report', { params: { path: { id }, query: { format: 'pdf' } }, parseAs: 'stream' }));

export function registerReport(program: Command, { t, run }: CommandDeps): void {
  const report = program.command('report').description(t('cmd.report'));

  report.command('show').description(t('cmd.report.show')).argument('<case>')
    .action(run(async (ctx, id: string) => {
      const text = await readReport(ctx, id, 'json');
      ctx.io.stdout.write(JSON.stringify(JSON.parse(text) as unknown, null, 2) + '\n');
    }));

  report.command('download').description(t('cmd.report.download'))
    .argument('<case>').option('--format <format>', 'json | html | pdf', 'html').option('-o, --output <path>', t('opt.output'))
    .option('--pdf <path>', t('opt.pdf'))
    .action(run(async (ctx, id: string, flags: { format: string; output?: string; pdf?: string }) => {
      if (flags.pdf || flags.format === 'pdf') {
        await saveStream(ctx, await readPdf(ctx, id), flags.pdf ?? flags.output);
        return;
      }
      await saveText(ctx, await readReport(ctx, id, flags.format === 'json' ? 'json' : 'html'), flags.output);
    }));
}
