import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

/**
 * A real OpenID provider for the tests (the `oidc-provider` package), run as its own process:
 * `node -r infra/register.js test/e2e/oidc/oidc-provider.main.ts` with OIDC_TEST_PROVIDER (JSON:
 * the client and the users) in its environment. It listens on a free port of 127.0.0.1 and
 * prints `{"issuer": …}` on one line when it is ready. Its own pages: a login form, a consent
 * form, and the device flow's code entry and confirmation, plain HTML without outside resources.
 */
interface ProviderSetup {
  /** The issuer's host name (default 127.0.0.1; `localhost` puts the provider on another site than the API). */
  host?: string;
  client: { id: string; secret: string; redirectUris: string[] };
  users: Record<string, { password: string; claims: Record<string, string> }>;
}

const setup = JSON.parse(process.env['OIDC_TEST_PROVIDER'] ?? '{}') as ProviderSetup;

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title: string, body: string): string =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

const loginForm = (uid: string, error?: string): string =>
  page(
    'Sign in to the test provider',
    `${error ? `<p role="alert">${escape(error)}</p>` : ''}<form method="post" action="/interaction/${uid}/login">` +
      '<label for="username">Username</label><input id="username" name="username" autocomplete="username">' +
      '<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password">' +
      '<button type="submit">Sign in</button></form>',
  );

const consentForm = (uid: string, client: string, scopes: string): string =>
  page('Allow access', `<p>${escape(client)} asks for: ${escape(scopes)}</p><form method="post" action="/interaction/${uid}/confirm"><button type="submit">Allow</button></form>`);

async function main(): Promise<void> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://${setup.host ?? '127.0.0.1'}:${(server.address() as AddressInfo).port}`;

  const configuration: Configuration = {
    clients: [
      {
        client_id: setup.client.id,
        client_secret: setup.client.secret,
        redirect_uris: setup.client.redirectUris,
        grant_types: ['authorization_code', 'urn:ietf:params:oauth:grant-type:device_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    scopes: ['openid', 'handover'],
    claims: { openid: ['sub'], handover: ['handover_role', 'handover_team'] },
    async findAccount(_ctx, accountId) {
      const user = setup.users[accountId];
      if (!user) return undefined;
      return { accountId, claims: async () => ({ sub: accountId, ...user.claims }) };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['handover-test-provider-cookie-key'] },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      deviceFlow: {
        enabled: true,
        userCodeInputSource(ctx: KoaContextWithOIDC, form: string, _out, err) {
          ctx.body = page('Enter the code', `${err ? '<p role="alert">That code was not accepted</p>' : ''}${form}<button type="submit" form="op.deviceInputForm">Continue</button>`);
        },
        userCodeConfirmSource(ctx: KoaContextWithOIDC, form: string, _client, _info, userCode: string) {
          ctx.body = page('Confirm the device', `<p>Code <code>${escape(userCode)}</code></p>${form}<button type="submit" form="op.deviceConfirmForm">Continue</button>`);
        },
        successSource(ctx: KoaContextWithOIDC) {
          ctx.body = page('Device signed in', '<p>You can close this page.</p>');
        },
      },
    },
  };
  const provider = new Provider(issuer, configuration);
  const handle = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) return send(res, 400, page('Wrong interaction', ''));
    if (req.method === 'GET' && action === undefined) {
      if (details.prompt.name === 'login') return send(res, 200, loginForm(uid));
      return send(res, 200, consentForm(uid, String(details.params['client_id']), String(details.params['scope'])));
    }
    if (req.method === 'POST' && action === 'login') {
      const form = await formBody(req);
      const username = form.get('username') ?? '';
      const user = setup.users[username];
      if (!user || user.password !== form.get('password')) return send(res, 200, loginForm(uid, 'Wrong username or password'));
      return provider.interactionFinished(req, res, { login: { accountId: username } }, { mergeWithLastSubmission: false });
    }
    if (req.method === 'POST' && action === 'confirm') {
      const accountId = details.session?.accountId;
      const clientId = String(details.params['client_id']);
      const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId, clientId });
      if (!grant) return send(res, 400, page('No grant', ''));
      const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      const grantId = await grant.save();
      return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    }
    send(res, 404, page('Not found', ''));
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/favicon.ico') return void res.writeHead(204).end();
    const match = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|confirm))?$/.exec((req.url ?? '').split('?')[0] ?? '');
    if (!match) return void handle(req, res);
    interaction(req, res, match[1] ?? '', match[2]).catch((error: unknown) => {
      console.error('interaction failed:', error);
      if (!res.headersSent) send(res, 500, page('Interaction failed', ''));
    });
  });
  process.stdout.write(JSON.stringify({ issuer }) + '\n');
}

main().catch((error: unknown) => {
  console.error('test OpenID provider failed to start:', error);
  process.exit(1);
});
