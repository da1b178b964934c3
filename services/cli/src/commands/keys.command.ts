import type { Command } from 'commander';
import type { Schemas } from '@handover/api-client';
import { call } from '../api-call';
import { table } from '../format';
import type { CommandDeps } from '../runner';

export function registerKeys(program: Command, { t, run }: CommandDeps): void {
  const keys = program.command('keys').description(t('cmd.keys'));

  keys
    .command('create')
    .description(t('cmd.keys.create'))
    .requiredOption('--name <name>')
    .requiredOption('--role <role>', 'admin | case-manager | incident-responder | auditor')
    .option('--team <team>', t('opt.keyTeam'))
    .option('--expires-at <time>', t('opt.expiresAt'))
    .action(
      run(async (ctx, flags: { name: string; role: string; team?: string; expiresAt?: string }) => {
        const body: Schemas['CreateApiKeyDto'] = {
          name: flags.name,
          role: flags.role as Schemas['CreateApiKeyDto']['role'],
          ...(flags.team !== undefined && { team: flags.team }),
          ...(flags.expiresAt !== undefined && { expiresAt: flags.expiresAt }),
        };
        const created = await call(ctx, ctx.client.POST('/v1/keys', { body }));
        ctx.print(created, () => ctx.t('msg.keyCreated', { id: created.id, token: created.token }));
      }),
    );

  keys
    .command('list')
    .description(t('cmd.keys.list'))
    .action(
      run(async (ctx) => {
        const rows = await call(ctx, ctx.client.GET('/v1/keys'));
        ctx.print(rows, () =>
          rows.length
            ? table(
                [ctx.t('col.id'), ctx.t('col.name'), ctx.t('col.role'), ctx.t('col.created'), ctx.t('col.lastUsed'), ctx.t('col.revoked'), ctx.t('col.expires')],
                rows.map((k) => [k.id, k.name, k.role, k.createdAt, k.lastUsedAt, k.revokedAt, k.expiresAt]),
              )
            : ctx.t('msg.none'),
        );
      }),
    );

  keys.command('revoke').description(t('cmd.keys.revoke')).argument('<key>')
    .action(run(async (ctx, id: string) => {
      await call(ctx, ctx.client.DELETE('/v1/keys/{id}', { params: { path: { id } } }));
      ctx.print({ id, revoked: true }, () => ctx.t('msg.keyRevoked', { id }));
    }));

  keys.command('master').description(t('cmd.keys.master'))
    .action(run(async (ctx) => {
      const view = await call(ctx, ctx.client.GET('/v1/keys/master'));
      ctx.print(view, () => [
        table(
          [ctx.t('col.id'), ctx.t('col.active'), ctx.t('col.wrappedKeys'), ctx.t('col.removable')],
          view.keys.map((k) => [k.keyId, k.active ? ctx.t('yes') : ctx.t('no'), String(k.wrappedKeys), k.removable ? ctx.t('yes') : ctx.t('no')]),
        ),
        ...(view.unknown.length ? [ctx.t('msg.masterUnknown', { ids: view.unknown.map((u) => `${u.keyId} (${u.wrappedKeys})`).join(', ') })] : []),
      ].join('\n'));
    }));

  keys.command('rotate-master').description(t('cmd.keys.rotateMaster'))
    .action(run(async (ctx) => {
      const counts = await call(ctx, ctx.client.POST('/v1/keys/master/rotate'));
      ctx.print(counts, () => ctx.t('msg.masterRotated', {
        active: counts.activeKeyId, rewrapped: counts.rewrapped, alreadyActive: counts.alreadyActive, changedMeanwhile: counts.changedMeanwhile, failed: counts.failed,
      }));
    }));
}
