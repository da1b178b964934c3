import { waitUntil } from '@handover/testing';
import { startAdminApi, startProcess, stopProcess, type Started } from '../support/service-process';

export { freePort, type Started } from '../support/service-process';

/** A user of the test provider: the password of its login form and the claims it releases. */
export interface TestUser {
  password: string;
  claims: Record<string, string>;
}

/** The real OpenID provider (oidc-provider) in its own process on a free port, with one client and these users. */
export async function startOidcProvider(setup: { host?: string; client: { id: string; secret: string; redirectUris: string[] }; users: Record<string, TestUser> }): Promise<Started> {
  const { child, output } = startProcess('test/e2e/oidc/oidc-provider.main.ts', { ...process.env, OIDC_TEST_PROVIDER: JSON.stringify(setup) });
  const issuer = await waitUntil(
    async () => /\{"issuer":"([^"]+)"\}/.exec(output())?.[1] ?? (child.exitCode !== null ? `exited: ${output()}` : undefined),
    (found) => found !== undefined,
    60_000,
    'the test OpenID provider to listen',
    200,
  );
  if (!issuer?.startsWith('http')) throw new Error(`the test OpenID provider did not start: ${issuer}`);
  return { url: issuer, output, stop: () => stopProcess(child) };
}

/**
 * A second admin API of the running stack (same database, Temporal and secrets) on a free port,
 * with OpenID Connect configured: the stack's own admin API keeps the token sign-in only.
 */
export function startAdminApiWithOidc(port: number, oidc: Record<string, string>): Promise<Started> {
  return startAdminApi(port, oidc, 'the OIDC admin API');
}

/** A browser without a browser: a cookie jar per origin, redirects followed by hand, forms filled and sent. */
export class HttpAgent {
  private readonly jar = new Map<string, Map<string, string>>();

  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(origin)?.get(name);
  }

  /** One request, cookies sent and stored, no redirect followed. */
  async request(url: string, init: { method?: string; body?: URLSearchParams; accept?: string } = {}): Promise<Response> {
    const target = new URL(url);
    const cookies = [...(this.jar.get(target.origin) ?? new Map<string, string>())].map(([name, value]) => `${name}=${value}`).join('; ');
    const headers: Record<string, string> = { accept: init.accept ?? 'text/html', ...(cookies && { cookie: cookies }) };
    if (init.body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(url, { method: init.method ?? 'GET', headers, redirect: 'manual', ...(init.body && { body: init.body.toString() }) });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const jar = this.jar.get(target.origin) ?? new Map<string, string>();
      const value = pair.slice(at + 1);
      if (/max-age=0/i.test(line) || value === '') jar.delete(pair.slice(0, at));
      else jar.set(pair.slice(0, at), value);
      this.jar.set(target.origin, jar);
    }
    return res;
  }

  /** Follows redirects until an answer that is not one, or until `stopAt` says to stop at a URL (not requested). */
  async follow(url: string, init: { method?: string; body?: URLSearchParams } = {}, stopAt: (url: URL) => boolean = () => false): Promise<{ url: string; res?: Response }> {
    let current = url;
    let res = await this.request(current, init);
    for (let hops = 0; hops < 20 && res.status >= 300 && res.status < 400; hops++) {
      current = new URL(res.headers.get('location') ?? '', current).href;
      if (stopAt(new URL(current))) return { url: current };
      res = await this.request(current);
    }
    return { url: current, res };
  }

  /** The page's one form (or the one whose action matches), filled with `fields`, sent; redirects followed. */
  async submit(pageUrl: string, html: string, fields: Record<string, string>, stopAt?: (url: URL) => boolean, actionLike?: RegExp): Promise<{ url: string; res?: Response }> {
    const forms = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)];
    const form = forms.find((f) => !actionLike || actionLike.test(attribute(f[1] ?? '', 'action') ?? '')) ?? forms[0];
    if (!form) throw new Error(`no form on ${pageUrl}: ${html.slice(0, 500)}`);
    const body = new URLSearchParams();
    for (const input of (form[2] ?? '').matchAll(/<input\b([^>]*)>/gi)) {
      const name = attribute(input[1] ?? '', 'name');
      if (name) body.set(name, attribute(input[1] ?? '', 'value') ?? '');
    }
    for (const [name, value] of Object.entries(fields)) body.set(name, value);
    const action = new URL(decodeEntities(attribute(form[1] ?? '', 'action') ?? pageUrl), pageUrl).href;
    return this.follow(action, { method: (attribute(form[1] ?? '', 'method') ?? 'get').toUpperCase(), body }, stopAt);
  }
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i').exec(tag);
  return match ? decodeEntities(match[1] ?? match[2] ?? '') : undefined;
}

const decodeEntities = (text: string): string =>
  text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

/**
 * Signs a person in at the provider, from its authorization (or device) page on: the login form,
 * then the consent form (or the device confirmation), then whatever the provider redirects to, up
 * to a URL `stopAt` accepts (`html`: the last page read, when the walk ended on a page without a form).
 */
export async function signInAtProvider(agent: HttpAgent, start: { url: string; res?: Response }, user: { username: string; password: string }, stopAt: (url: URL) => boolean): Promise<{ url: string; res?: Response; html?: string }> {
  let step = start;
  for (let forms = 0; forms < 6 && step.res; forms++) {
    const html = await step.res.text();
    if (!/<form/i.test(html)) return { url: step.url, html };
    const isLogin = /name="password"/.test(html);
    step = await agent.submit(step.url, html, isLogin ? { username: user.username, password: user.password } : {}, stopAt);
  }
  return step;
}
