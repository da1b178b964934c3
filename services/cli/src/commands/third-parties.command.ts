import type { Command } from 'commander';
import { call } from '../api-call';
import { table } from '../format';
import { list } from '../options';
import type { CommandDeps } from '../runner';

export function registerThirdParties(program: Command, { t, run }: CommandDeps): void {
  const thirdParties = program.command('third-parties').description(t('cmd.thirdParties'));

  thirdParties.command('add').description(t('cmd.thirdParties.add'))
    .argument('<case>').requiredOption('--name <name>').requiredOption('--email <email>')
    .requiredOption('--categories <list>', 'comma-separated data categories', list)
    .action(run(async (ctx, id: string, flags: { name: string; email: string; categories: string[] }) => {
      const created = await call(ctx, ctx.client.POST('/v1/cases/{id}/third-parties', { params: { path: { id } }, body: flags }));
      ctx.print(created, () => ctx.t('msg.thirdPartyAdded', { id: created.id }));
    }));

  thirdParties.command('list').description(t('cmd.thirdParties.list')).argument('<case>')
    .action(run(async (ctx, id: string) => {
      const page = await call(ctx, ctx.client.GET('/v1/cases/{id}/third-parties', { params: { path: { id } } }));
      const rows = page.items;
      ctx.print(page, () =>
        rows.length
          ? table(
              [ctx.t('col.id'), ctx.t('col.name'), ctx.t('col.status'), ctx.t('col.due'), ctx.t('col.answer'), ctx.t('col.late')],
              rows.map((p) => [p.id, p.name, p.status, p.dueAt, p.answerKind, p.late ? ctx.t('yes') : ctx.t('no')]),
            )
          : ctx.t('msg.none'),
      );
    }));
}
