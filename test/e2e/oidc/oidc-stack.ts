import { adminToken, testEnv } from '@handover/testing';
import { freePort, startAdminApiWithOidc, startOidcProvider, type Started, type TestUser } from './oidc-fixture';

export const PASSWORD = 'correct horse battery staple';

/** What every OpenID test starts: the provider, an admin API configured for it, two teams and a case in each. */
export interface OidcStack {
  provider: Started;
  api: Started;
  teams: { own: { id: string; name: string }; other: { id: string; name: string } };
  cases: { own: string; other: string };
  stop(): Promise<void>;
}

/**
 * `providerHost: 'localhost'` puts the provider on another site than the API (127.0.0.1), as in a
 * deployment: the browser then comes back to /auth/callback from a cross-site page.
 *
 * Users of the provider (by username): `manager` a case manager of the own team (claim: the team's
 * id), `named` a case manager whose team claim is the team's name, `stranger` a role this service
 * does not know, `lost` a team that does not exist, `admin` an admin without a team.
 */
export async function startOidcStack(label: string, options: { providerHost?: string } = {}): Promise<OidcStack> {
  const env = testEnv();
  const stamp = `${label}-${Date.now().toString(36)}`;
  const admin = { authorization: `Bearer ${adminToken()}`, 'content-type': 'application/json' };
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const res = await fetch(`${env.adminUrl}${path}`, { method: 'POST', headers: admin, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const team = async (name: string) => ({ id: (await post<{ id: string }>('/v1/teams', { name })).id, name });
  const own = await team(`oidc-own-${stamp}`);
  const other = await team(`oidc-other-${stamp}`);
  const openCase = (team: string) =>
    post<{ id: string }>('/v1/cases', {
      kind: 'merger',
      team,
      transferor: { name: '登录测试有限公司', contact: '010-12345678' },
      recipient: { name: '承接方有限公司', contact: '021-87654321', email: `dpo.${stamp}@buyer.example`, country: 'CN' },
      manager: { name: '王经理', email: `oidc.mgr.${stamp}@example.cn` },
      policy: { waitingPeriod: 'P30D', consentDeadline: 'P30D' },
    });
  const cases = { own: (await openCase(own.id)).id, other: (await openCase(other.id)).id };

  const port = await freePort();
  const redirect = `http://127.0.0.1:${port}/auth/callback`;
  const client = { id: `handover-${stamp}`, secret: `secret-${stamp}-0123456789` };
  const user = (claims: Record<string, string>): TestUser => ({ password: PASSWORD, claims });
  const provider = await startOidcProvider({
    ...(options.providerHost !== undefined && { host: options.providerHost }),
    client: { ...client, redirectUris: [redirect] },
    users: {
      manager: user({ handover_role: 'case-manager', handover_team: own.id }),
      named: user({ handover_role: 'case-manager', handover_team: own.name }),
      stranger: user({ handover_role: 'superuser', handover_team: own.id }),
      lost: user({ handover_role: 'case-manager', handover_team: 'tm_nosuchteam00000000' }),
      admin: user({ handover_role: 'admin' }),
    },
  });
  let api: Started;
  try {
    api = await startAdminApiWithOidc(port, {
      OIDC_ISSUER: provider.url,
      OIDC_CLIENT_ID: client.id,
      OIDC_CLIENT_SECRET: client.secret,
      OIDC_REDIRECT_URL: redirect,
      OIDC_SCOPES: 'openid handover',
    });
  } catch (error) {
    await provider.stop();
    throw error;
  }
  return {
    provider,
    api,
    teams: { own, other },
    cases,
    stop: async () => {
      await api.stop();
      await provider.stop();
    },
  };
}
