import type { Command } from 'commander';
import { createAdminApiClient } from '@handover/api-client';
import { call } from '../api-call';
import { CliError } from '../cli-error';
import type { CliContext } from '../context';
import { EXIT } from '../exit-codes';
import { poll } from '../poll';
import type { CommandDeps } from '../runner';
import { configFile, removeLogin, writeLogin } from '../settings';

export function registerLogin(program: Command, { t, run }: CommandDeps): void {
  program
    .command('login')
    .description(t('cmd.login'))
    .action(
      run(async (ctx) => {
        const token = ctx.flags.token ?? ctx.io.env['HANDOVER_TOKEN'];
        const apiUrl = ctx.flags.apiUrl ?? ctx.io.env['HANDOVER_API_URL'];
        if (token !== undefined) {
          if (!apiUrl) throw new CliError(ctx.t('err.missingFlag', { flag: '--api-url' }), EXIT.usage);
          const path = writeLogin(ctx.io.env, { apiUrl, token });
          ctx.print({ path }, () => ctx.t('msg.loggedIn', { path }));
          return;
        }
        await deviceLogin(ctx);
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

/**
 * Without a token: the OpenID device flow, brokered by the admin API (POST /auth/device). The person
 * opens the URL in any browser and enters the code; the CLI polls until the API hands over an
 * expiring API key with the person's role and team, and stores it like a token given by hand.
 * The prompt goes to standard error, so `--json` keeps standard output for the result.
 */
async function deviceLogin(ctx: CliContext): Promise<void> {
  const apiUrl = ctx.apiUrl;
  const client = createAdminApiClient({ baseUrl: apiUrl, userAgent: 'handover-cli/0.1.0', ...(ctx.io.fetch ? { fetch: ctx.io.fetch } : {}) });
  const methods = await call(ctx, client.GET('/auth/methods'));
  if (!methods.oidc) throw new CliError(ctx.t('err.noOidc'), EXIT.usage);
  const device = await call(ctx, client.POST('/auth/device'));
  ctx.io.stderr.write(ctx.t('msg.deviceOpen', { url: device.verificationUri, code: device.userCode }) + '\n');
  if (device.verificationUriComplete) ctx.io.stderr.write(ctx.t('msg.deviceDirect', { url: device.verificationUriComplete }) + '\n');
  const result = await poll(ctx, {
    read: () => call(ctx, client.POST('/auth/device/token', { body: { deviceCode: device.deviceCode } })),
    done: (answer) => answer.status === 'complete',
    intervalMs: Math.max(1, device.interval) * 1000,
    timeoutMs: device.expiresIn * 1000,
  });
  if (!result.token) throw new CliError(ctx.t('err.noOidc'), EXIT.failed);
  const path = writeLogin(ctx.io.env, { apiUrl, token: result.token });
  const summary = { path, keyId: result.keyId, role: result.role, team: result.team ?? null, expiresAt: result.expiresAt };
  ctx.print(summary, () => ctx.t('msg.deviceLoggedIn', { path, role: result.role ?? '', team: result.team ?? '-', expiresAt: result.expiresAt ?? '' }));
}
