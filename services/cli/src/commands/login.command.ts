import type { Command } from 'commander';
import { CliError } from '../cli-error';
import { EXIT } from '../exit-codes';
import type { CommandDeps } from '../runner';
import { configFile, removeLogin, writeLogin } from '../settings';

export function registerLogin(program: Command, { t, run }: CommandDeps): void {
  program
    .command('login')
    .description(t('cmd.login'))
    .action(
      run(async (ctx) => {
        const apiUrl = ctx.flags.apiUrl ?? ctx.io.env['HANDOVER_API_URL'];
        const token = ctx.flags.token ?? ctx.io.env['HANDOVER_TOKEN'];
        if (!apiUrl) throw new CliError(ctx.t('err.missingFlag', { flag: '--api-url' }), EXIT.usage);
        if (!token) throw new CliError(ctx.t('err.missingFlag', { flag: '--token' }), EXIT.usage);
        const path = writeLogin(ctx.io.env, { apiUrl, token });
        ctx.print({ path }, () => ctx.t('msg.loggedIn', { path }));
      }),
    );

  program
    .command('logout')
    .description(t('cmd.logout'))
    .action(
      run(async (ctx) => {
        const path = removeLogin(ctx.io.env);
        ctx.print({ path: path ?? null }, () => (path ? ctx.t('msg.loggedOut', { path }) : ctx.t('msg.notLoggedIn', { path: configFile(ctx.io.env) })));
      }),
    );
}
