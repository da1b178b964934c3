import type { Command } from 'commander';
import type { Schemas } from '@handover/api-client';
import { call } from '../api-call';
import { table } from '../format';
import { defined, list, readJsonObject, wholeNumber } from '../options';
import type { CommandDeps } from '../runner';

interface OpenIncidentFlags {
  file?: string;
  title?: string;
  case?: string;
  detectedAt?: string;
  categories?: string[];
  severity?: string;
  drill?: boolean;
  affectedEstimate?: number;
}

export function registerIncidents(program: Command, { t, run }: CommandDeps): void {
  const incidents = program.command('incidents').description(t('cmd.incidents'));

  incidents.command('open').description(t('cmd.incidents.open'))
    .option('-f, --file <path>', t('opt.file')).option('--title <title>').option('--case <case>', 'the transfer case whose inventory is affected')
    .option('--detected-at <time>', 'ISO 8601').option('--categories <list>', 'comma-separated data categories', list)
    .option('--severity <severity>', 'low | medium | high').option('--drill', 'a drill: internal addresses only')
    .option('--affected-estimate <n>', 'people affected when there is no case', wholeNumber)
    .action(run(async (ctx, flags: OpenIncidentFlags) => {
      const body = {
        ...readJsonObject(flags.file, ctx.t),
        ...defined({
          title: flags.title,
          caseId: flags.case,
          detectedAt: flags.detectedAt,
          categories: flags.categories,
          severity: flags.severity,
          drill: flags.drill,
          affectedEstimate: flags.affectedEstimate,
        }),
      } as unknown as Schemas['OpenIncidentDto'];
      const created = await call(ctx, ctx.client.POST('/v1/incidents', { body }));
      ctx.print(created, () => ctx.t('msg.incidentOpened', { id: created.id }));
    }));

  incidents.command('show').description(t('cmd.incidents.show')).argument('<incident>')
    .action(run(async (ctx, id: string) => {
      const view = await call(ctx, ctx.client.GET('/v1/incidents/{id}', { params: { path: { id } } }));
      ctx.print(view, () =>
        [
          table([ctx.t('col.id'), ctx.t('col.status'), 'tier', 'affected'], [[view.id, view.status, view.tier, view.affected]]),
          table(
            [ctx.t('col.deadline'), ctx.t('col.task'), ctx.t('col.due'), ctx.t('col.met'), ctx.t('col.missed')],
            view.deadlines.map((d) => [d.name, d.taskId, d.dueAt, d.metAt, d.missed ? ctx.t('yes') : ctx.t('no')]),
          ),
          table([ctx.t('col.task'), ctx.t('col.owner'), ctx.t('col.state'), ctx.t('col.due')], view.tasks.map((task) => [task.id, task.ownerRole, task.state, task.dueAt])),
        ].join('\n\n'),
      );
    }));

  incidents.command('report').description(t('cmd.incidents.report')).argument('<incident>')
    .action(run(async (ctx, id: string) => {
      const report = await call(ctx, ctx.client.GET('/v1/incidents/{id}/report', { params: { path: { id } } }));
      // The drafts are nested documents: JSON is the readable form for people too.
      ctx.io.stdout.write(JSON.stringify(report, null, 2) + '\n');
    }));

  incidents.command('complete').description(t('cmd.incidents.complete'))
    .argument('<incident>').argument('<task>', 'contain | assess | report-to-authority | notify-individuals | remediate | summary-report | review')
    .option('--note <text>', t('opt.note'))
    .action(run(async (ctx, id: string, taskId: string, flags: { note?: string }) => {
      const task = await call(
        ctx,
        ctx.client.POST('/v1/incidents/{id}/tasks/{taskId}/complete', { params: { path: { id, taskId: taskId as Schemas['IncidentTaskDto']['id'] } }, body: flags.note ? { note: flags.note } : {} }),
      );
      ctx.print(task, () => ctx.t('msg.taskCompleted', { id, task: taskId, state: task.state }));
    }));
}
