import type { Command } from 'commander';
import type { Schemas } from '@handover/api-client';
import { call } from '../api-call';
import { openCaseBody, type OpenCaseFlags } from '../case-body';
import type { CliContext } from '../context';
import { table } from '../format';
import { addWaitOptions, readJsonObject, wholeNumber, type WaitFlags } from '../options';
import { poll } from '../poll';
import { ProgressBar } from '../progress-bar';
import type { CommandDeps } from '../runner';

type CaseStatus = Schemas['CaseStatusDto'];

/** The phases in order (the API's enum), for the watch bar. */
const PHASES: ReadonlyArray<CaseStatus['phase']> = ['opened', 'inventory', 'legal-basis', 'notification', 'consent', 'handover', 'deletion', 'closure', 'closed'];

export async function readCase(ctx: CliContext, id: string): Promise<CaseStatus> {
  return call(ctx, ctx.client.GET('/v1/cases/{id}', { params: { path: { id } } }));
}

export function caseStatusText(ctx: CliContext, view: CaseStatus): string {
  const { t } = ctx;
  const parts = [
    table([t('col.id'), t('col.status'), t('col.phase')], [[view.id, view.status, view.phase]]),
    table([t('col.gate'), t('col.state'), t('col.approved')], view.gates.map((g) => [g.name, g.state, g.approvedAt])),
    table([t('col.counter'), t('col.value')], Object.entries(view.counters)),
  ];
  if (view.routes) parts.push(table([t('col.route'), t('col.customers')], Object.entries(view.routes.byRoute)));
  return parts.join('\n\n');
}

export interface WatchTarget {
  untilPhase?: string;
  untilGate?: string;
}

/** Reached when the case is closed, at or past the phase, or the gate is pending (or approved). */
export function watchReached(view: CaseStatus, target: WatchTarget): boolean {
  if (view.status === 'closed' || view.status === 'cancelled') return true;
  if (target.untilGate) return view.gates.some((g) => g.name === target.untilGate && g.state !== 'waiting');
  if (target.untilPhase) return PHASES.indexOf(view.phase) >= PHASES.indexOf(target.untilPhase as CaseStatus['phase']);
  return false;
}

async function watch(ctx: CliContext, id: string, target: WatchTarget, flags: WaitFlags): Promise<CaseStatus> {
  const bars = new CaseBars(ctx);
  try {
    return await poll(ctx, {
      read: () => readCase(ctx, id),
      done: (view) => watchReached(view, target),
      onValue: (view) => bars.show(view),
      intervalMs: flags.interval * 1000,
      timeoutMs: flags.timeout * 1000,
    });
  } finally {
    bars.done();
  }
}

/**
 * One line at a time: during the notification phase the mailing (messages sent or bounced of the
 * customers), otherwise the phase (its rank among the phases).
 */
class CaseBars {
  private readonly phase: ProgressBar;
  private readonly mailing: ProgressBar;
  private current?: ProgressBar;

  constructor(ctx: CliContext) {
    this.phase = new ProgressBar(ctx.io.stderr, ctx.t('label.phase'), 'count', ctx.progress);
    this.mailing = new ProgressBar(ctx.io.stderr, ctx.t('label.mailing'), 'count', ctx.progress);
  }

  show(view: CaseStatus): void {
    const mailing = view.phase === 'notification';
    const bar = mailing ? this.mailing : this.phase;
    if (bar !== this.current) this.current?.done();
    this.current = bar;
    if (mailing) bar.update(view.counters.notified + view.counters.bounced, view.counters.customers);
    else bar.update(PHASES.indexOf(view.phase) + 1, PHASES.length);
  }

  done(): void {
    this.current?.done();
  }
}

export function registerCases(program: Command, { t, run }: CommandDeps): void {
  const cases = program.command('cases').description(t('cmd.cases'));

  cases.command('open').description(t('cmd.cases.open'))
    .option('-f, --file <path>', t('opt.file'))
    .option('--kind <kind>', 'bankruptcy | merger | division | dissolution | asset-sale | equity-transfer | branch-deregistration')
    .option('--jurisdiction <jurisdiction>', 'CN-PIPL | EU-GDPR').option('--transferor-name <name>').option('--transferor-contact <contact>')
    .option('--recipient-name <name>').option('--recipient-contact <contact>').option('--recipient-email <email>')
    .option('--recipient-country <code>', 'ISO 3166-1 alpha-2')
    .option('--recipient-same-legal-entity', 'the recipient is the same legal entity (a branch deregistration returning data to its head office)')
    .option('--no-recipient-same-legal-entity', 'the recipient is another company').option('--manager-name <name>').option('--manager-email <email>')
    .option('--purpose-change <text>')
    .option('--policy <json>', 'policy fields as JSON, e.g. {"waitingPeriod":"P30D"}', (value: string) => JSON.parse(value) as Record<string, unknown>)
    .action(run(async (ctx, flags: OpenCaseFlags & { file?: string }) => {
      const body = openCaseBody(readJsonObject(flags.file, ctx.t), flags);
      const created = await call(ctx, ctx.client.POST('/v1/cases', { body }));
      ctx.print(created, () => ctx.t('msg.caseOpened', { id: created.id }));
    }));

  addWaitOptions(cases.command('start').description(t('cmd.cases.start')).argument('<case>'), t).action(
    run(async (ctx, id: string, flags: WaitFlags) => {
      const started = await call(ctx, ctx.client.POST('/v1/cases/{id}/start', { params: { path: { id } } }));
      if (flags.wait) {
        const view = await watch(ctx, id, { untilGate: 'inventory' }, flags);
        ctx.print(view, () => `${ctx.t('msg.caseStarted', { id })}\n\n${caseStatusText(ctx, view)}`);
        return;
      }
      ctx.print(started, () => ctx.t('msg.caseStarted', { id }));
    }),
  );

  cases.command('cancel').description(t('cmd.cases.cancel')).argument('<case>').requiredOption('--reason <text>', t('opt.reason'))
    .action(run(async (ctx, id: string, flags: { reason: string }) => {
      const cancelled = await call(ctx, ctx.client.POST('/v1/cases/{id}/cancel', { params: { path: { id } }, body: { reason: flags.reason } }));
      ctx.print(cancelled, () => ctx.t('msg.caseCancelled', { id, phase: cancelled.phase }));
    }));

  cases.command('cross-border').description(t('cmd.cases.crossBorder')).argument('<case>')
    .requiredOption('--mechanism <mechanism>', t('opt.mechanism')).requiredOption('--reference <text>', t('opt.reference'))
    .action(run(async (ctx, id: string, flags: { mechanism: string; reference: string }) => {
      // The API validates the mechanism (400 naming the field): the CLI passes it through.
      const body = { mechanism: flags.mechanism as Schemas['RecordCrossBorderDto']['mechanism'], reference: flags.reference };
      const recorded = await call(ctx, ctx.client.PUT('/v1/cases/{id}/cross-border', { params: { path: { id } }, body }));
      ctx.print(recorded, () => ctx.t('msg.crossBorderRecorded', { id, mechanism: recorded.mechanism, reference: recorded.reference }));
    }));

  cases.command('list').description(t('cmd.cases.list'))
    .option('--status <status>', 'draft | running | closed | cancelled').option('--kind <kind>').option('--phase <phase>', PHASES.join(' | '))
    .option('-q, --query <text>', 'case id prefix or part of a company name').option('--cursor <cursor>', 'nextCursor of the previous page')
    .option('--limit <n>', 'cases per page (at most 500)', wholeNumber)
    .action(run(async (ctx, flags: { status?: string; kind?: string; phase?: string; query?: string; cursor?: string; limit?: number }) => {
      const query = {
        ...(flags.status && { status: flags.status as CaseStatus['status'] }),
        ...(flags.kind && { kind: flags.kind }),
        ...(flags.phase && { phase: flags.phase as CaseStatus['phase'] }),
        ...(flags.query && { q: flags.query }),
        ...(flags.cursor && { cursor: flags.cursor }),
        ...(flags.limit && { limit: flags.limit }),
      };
      const page = await call(ctx, ctx.client.GET('/v1/cases', { params: { query: query as never } }));
      ctx.print(page, () => {
        if (page.items.length === 0) return ctx.t('msg.none');
        const rows = page.items.map((c) => [c.id, c.kind, c.status, c.phase, c.transferor.name, c.counters?.customers ?? '', c.nextDeadline ?? '']);
        const text = table([ctx.t('col.id'), 'kind', ctx.t('col.status'), ctx.t('col.phase'), 'transferor', 'customers', ctx.t('col.due')], rows);
        return page.nextCursor ? `${text}\n${page.total} · ${ctx.t('msg.nextPage', { cursor: page.nextCursor })}` : `${text}\n${page.total}`;
      });
    }));

  cases.command('certificates').description(t('cmd.cases.certificates'))
    .argument('<case>').option('--cursor <cursor>', 'nextCursor of the previous page').option('--limit <n>', 'certificates per page (at most 500)', wholeNumber)
    .action(run(async (ctx, id: string, flags: { cursor?: string; limit?: number }) => {
      const query = { ...(flags.cursor && { cursor: flags.cursor }), ...(flags.limit && { limit: flags.limit }) };
      const page = await call(ctx, ctx.client.GET('/v1/cases/{id}/certificates', { params: { path: { id }, query } }));
      ctx.print(page, () => {
        if (page.items.length === 0) return ctx.t('msg.none');
        const rows = page.items.map((c) => [c.stage, c.count, c.at, c.method, c.recordsDigest.slice(0, 16)]);
        const text = table(['stage', 'count', 'at', 'method', ctx.t('col.sha256')], rows);
        return page.nextCursor ? `${text}\n${page.total} · ${ctx.t('msg.nextPage', { cursor: page.nextCursor })}` : `${text}\n${page.total}`;
      });
    }));

  cases.command('status').description(t('cmd.cases.status')).argument('<case>')
    .action(run(async (ctx, id: string) => {
      const view = await readCase(ctx, id);
      ctx.print(view, () => caseStatusText(ctx, view));
    }));

  addWaitOptions(cases.command('watch').description(t('cmd.cases.watch')).argument('<case>'), t, 3600)
    .option('--until-phase <phase>', PHASES.join(' | '))
    .option('--until-gate <gate>', 'inventory | notices | handover | closure')
    .action(
      run(async (ctx, id: string, flags: WaitFlags & WatchTarget) => {
        const view = await watch(ctx, id, flags, flags);
        ctx.print(view, () => `${ctx.t('msg.watchReached', { id, state: view.status === 'closed' ? 'closed' : view.phase })}\n\n${caseStatusText(ctx, view)}`);
      }),
    );
}

/** `handover gates approve <case> <gate>`, `handover gates reject <case> <gate> --reason`. */
export function registerGates(program: Command, { t, run }: CommandDeps): void {
  const gates = program.command('gates').description(t('cmd.gates'));
  gates.command('approve').description(t('cmd.gates.approve'))
    .argument('<case>').argument('<gate>', 'inventory | notices | handover | closure').option('--note <text>', t('opt.note'))
    .action(run(async (ctx, id: string, gate: string, flags: { note?: string }) => {
      const approved = await call(
        ctx,
        ctx.client.POST('/v1/cases/{id}/gates/{gate}/approve', {
          params: { path: { id, gate: gate as Schemas['GateDto']['name'] } },
          body: flags.note ? { note: flags.note } : {},
    }));
        ctx.print(approved, () => ctx.t('msg.gateApproved', { id, gate }));
      }),
    );

  gates.command('reject').description(t('cmd.gates.reject'))
    .argument('<case>').argument('<gate>', 'inventory | notices').requiredOption('--reason <text>', t('opt.reason'))
    .action(run(async (ctx, id: string, gate: string, flags: { reason: string }) => {
      const rejected = await call(
        ctx,
        ctx.client.POST('/v1/cases/{id}/gates/{gate}/reject', {
          params: { path: { id, gate: gate as Schemas['GateDto']['name'] } },
          body: { reason: flags.reason },
    }));
        ctx.print(rejected, () => ctx.t('msg.gateRejected', { id, gate, phase: rejected.phase }));
      }),
    );
}
