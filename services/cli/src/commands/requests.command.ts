import type { Command } from 'commander';
import type { Schemas } from '@handover/api-client';
import { call } from '../api-call';
import { table } from '../format';
import { defined } from '../options';
import type { CommandDeps } from '../runner';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerRequests(program: Command, { t, run }: CommandDeps): void {
  const requests = program.command('requests').description(t('cmd.requests'));

  requests.command('list').description(t('cmd.requests.list')).option('--case <case>', 'one case (filing order); without it every case you reach, soonest due first').option('--status <status>', 'open | resolved')
    .action(run(async (ctx, flags: { case?: string; status?: string }) => {
      const query = { ...(flags.case ? { caseId: flags.case } : {}), ...(flags.status ? { status: flags.status as Schemas['RequestSummaryDto']['status'] } : {}) };
      const page = await call(ctx, ctx.client.GET('/v1/requests', { params: { query } }));
      const rows = page.items;
      const byCase = flags.case === undefined;
      ctx.print(page, () =>
        rows.length
          ? table(
              [ctx.t('col.id'), ...(byCase ? [ctx.t('col.case')] : []), ctx.t('col.customer'), ctx.t('col.type'), ctx.t('col.status'), ctx.t('col.filedBy'), ctx.t('col.due'), ctx.t('col.late')],
              rows.map((r) => [r.id, ...(byCase ? [r.caseId] : []), r.customerRef, r.type, r.outcome ? `${r.status} (${r.outcome})` : r.status, r.filedBy, r.dueDate, r.late ? ctx.t('yes') : ctx.t('no')]),
            )
          : ctx.t('msg.none'),
      );
    }));

  requests.command('show').description(t('cmd.requests.show')).argument('<request>')
    .action(run(async (ctx, id: string) => {
      const detail = await call(ctx, ctx.client.GET('/v1/requests/{id}', { params: { path: { id } } }));
      ctx.print(detail, () => table([ctx.t('col.field'), ctx.t('col.value')], Object.entries(detail).map(([key, value]) => [key, typeof value === 'object' ? JSON.stringify(value) : (value as string)])));
    }));

  requests.command('file').description(t('cmd.requests.file'))
    .requiredOption('--case <case>').requiredOption('--type <type>', 'access | copy | correct | delete | withdraw | object | explanation | complaint')
    .option('--customer-id <id>', "the customer id in the transferor's inventory").option('--customer-ref <ref>', "the case's reference of the customer")
    .option('--message <text>')
    .action(run(async (ctx, flags: { case: string; type: string; customerId?: string; customerRef?: string; message?: string }) => {
      const body = {
        caseId: flags.case,
        type: flags.type as Schemas['FileRequestDto']['type'],
        ...defined({ customerId: flags.customerId, customerRef: flags.customerRef, message: flags.message }),
      };
      const filed = await call(ctx, ctx.client.POST('/v1/requests', { body }));
      ctx.print(filed, () => ctx.t('msg.requestFiled', { id: filed.id, due: filed.dueDate }));
    }));

  requests.command('resolve').description(t('cmd.requests.resolve'))
    .argument('<request>').requiredOption('--outcome <outcome>', 'done | refused').option('--reasons <text>', 'why it was refused (required with refused)')
    .option('--complaint-route <route>', 'a route of complaint (repeatable)', collect)
    .action(run(async (ctx, id: string, flags: { outcome: string; reasons?: string; complaintRoute?: string[] }) => {
      const body = { outcome: flags.outcome as Schemas['ResolveRequestDto']['outcome'], ...defined({ reasons: flags.reasons, complaintRoutes: flags.complaintRoute }) };
      const resolved = await call(ctx, ctx.client.POST('/v1/requests/{id}/resolve', { params: { path: { id } }, body }));
      ctx.print(resolved, () => ctx.t('msg.requestResolved', { id, outcome: resolved.outcome }));
    }));

  requests.command('extend').description(t('cmd.requests.extend')).argument('<request>').requiredOption('--reason <text>')
    .action(run(async (ctx, id: string, flags: { reason: string }) => {
      const extended = await call(ctx, ctx.client.POST('/v1/requests/{id}/extend', { params: { path: { id } }, body: { reason: flags.reason } }));
      ctx.print(extended, () => ctx.t('msg.requestExtended', { id, due: extended.dueDate }));
    }));
}
