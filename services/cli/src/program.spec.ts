import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { langFromArgv, runCli } from './program';
import { EXIT } from './exit-codes';
import type { CliIo } from './context';

/** A fake terminal or pipe, and a fetch that answers from a table. */
function io(env: Record<string, string> = {}, answer?: (url: string, init: Request) => Response) {
  const out: string[] = [];
  const err: string[] = [];
  const requests: Request[] = [];
  const value: CliIo = {
    env,
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text), isTTY: false },
    fetch: (async (input: Request) => {
      requests.push(input);
      return answer ? answer(input.url, input) : new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch,
  };
  return { io: value, out: () => out.join(''), err: () => err.join(''), requests };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const connection = { HANDOVER_API_URL: 'http://api.test', HANDOVER_TOKEN: 'tok_0123456789abcdef' };

describe('runCli', () => {
  it('prints help with exit 0, in Chinese with --lang zh-CN or a zh locale', async () => {
    const en = io();
    expect(await runCli(['--help'], en.io)).toBe(EXIT.ok);
    expect(en.out()).toContain('Command-line client of the Handover admin API');
    const zh = io({ LANG: 'zh_CN.UTF-8' });
    expect(await runCli(['--help'], zh.io)).toBe(EXIT.ok);
    expect(zh.out()).toContain('Handover 管理 API 的命令行客户端');
    const flag = io({ LANG: 'zh_CN.UTF-8' });
    expect(await runCli(['--lang', 'en', 'keys', '--help'], flag.io)).toBe(EXIT.ok);
    expect(flag.out()).toContain('API keys (never their tokens)');
  });

  it('exits 1 on usage errors: unknown command, missing argument, bad number, unknown language, no URL', async () => {
    expect(await runCli(['nope'], io().io)).toBe(EXIT.usage);
    expect(await runCli(['cases', 'status'], io(connection).io)).toBe(EXIT.usage);
    expect(await runCli(['inventory', 'rejected', 'cs_1', '--limit', 'ten'], io(connection).io)).toBe(EXIT.usage);
    expect(await runCli(['--lang', 'fr', 'keys', 'list'], io(connection).io)).toBe(EXIT.usage);
    const none = io({ HANDOVER_CONFIG_DIR: '/nonexistent/handover-test' });
    expect(await runCli(['cases', 'status', 'cs_1'], none.io)).toBe(EXIT.usage);
    expect(none.err()).toContain('HANDOVER_API_URL');
  });

  it('sends the bearer token and prints a table, or JSON with --json', async () => {
    const view = {
      id: 'cs_1', status: 'running', phase: 'inventory', source: 'workflow',
      gates: [{ name: 'inventory', state: 'pending' }],
      counters: { customers: 3, notified: 0 },
    };
    const human = io(connection, () => json(view));
    expect(await runCli(['cases', 'status', 'cs_1'], human.io)).toBe(EXIT.ok);
    expect(human.requests[0]!.url).toBe('http://api.test/v1/cases/cs_1');
    expect(human.requests[0]!.headers.get('authorization')).toBe('Bearer tok_0123456789abcdef');
    expect(human.out()).toMatch(/inventory\s+pending/);
    expect(human.out()).toMatch(/customers\s+3/);
    const script = io(connection, () => json(view));
    expect(await runCli(['--json', 'cases', 'status', 'cs_1'], script.io)).toBe(EXIT.ok);
    expect(JSON.parse(script.out())).toEqual(view);
  });

  it('maps API answers to exit codes: 4xx → 2 (with the code and fields), 5xx and no answer → 3', async () => {
    const refused = io(connection, () => json({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'invalid request: kind', fields: [{ field: 'kind', reason: 'must be one of …' }] }, 400));
    expect(await runCli(['cases', 'open', '--kind', 'fire-sale'], refused.io)).toBe(EXIT.refused);
    expect(refused.err()).toContain('VALIDATION_FAILED');
    expect(refused.err()).toContain('kind (must be one of …)');
    const failed = io(connection, () => json({ statusCode: 500, code: 'INTERNAL', message: 'internal error' }, 500));
    expect(await runCli(['keys', 'list'], failed.io)).toBe(EXIT.unavailable);
    const down = io(connection, () => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    });
    expect(await runCli(['keys', 'list'], down.io)).toBe(EXIT.unavailable);
    expect(down.err()).toContain('ECONNREFUSED');
  });

  it('cases cancel posts the reason, prints the phase, and a 409 is exit 2 with its code; --reason is required', async () => {
    const done = io(connection, () => json({ id: 'cs_1', status: 'cancelled', phase: 'consent', cancelledAt: '2026-12-05T05:00:00.000Z' }));
    expect(await runCli(['cases', 'cancel', 'cs_1', '--reason', '债权人否决'], done.io)).toBe(EXIT.ok);
    expect(done.requests[0]!.method).toBe('POST');
    expect(done.requests[0]!.url).toBe('http://api.test/v1/cases/cs_1/cancel');
    expect(await done.requests[0]!.json()).toEqual({ reason: '债权人否决' });
    expect(done.out()).toContain('consent');
    const late = io(connection, () => json({ statusCode: 409, code: 'CASE_HANDED_OVER', message: 'the handover gate is approved' }, 409));
    expect(await runCli(['cases', 'cancel', 'cs_1', '--reason', 'x'], late.io)).toBe(EXIT.refused);
    expect(late.err()).toContain('CASE_HANDED_OVER');
    expect(await runCli(['cases', 'cancel', 'cs_1'], io(connection).io)).toBe(EXIT.usage);
  });

  it('gates reject posts the reason to the gate and prints the phase the case is in', async () => {
    const done = io(connection, () => json({ gate: 'notices', state: 'waiting', phase: 'inventory', rejectedAt: '2026-12-05T05:00:00.000Z' }));
    expect(await runCli(['gates', 'reject', 'cs_1', 'notices', '--reason', '依据需复核'], done.io)).toBe(EXIT.ok);
    expect(done.requests[0]!.url).toBe('http://api.test/v1/cases/cs_1/gates/notices/reject');
    expect(await done.requests[0]!.json()).toEqual({ reason: '依据需复核' });
    expect(done.out()).toContain('inventory');
    expect(await runCli(['gates', 'reject', 'cs_1', 'notices'], io(connection).io)).toBe(EXIT.usage);
  });

  it('handover override posts the reason; before the escalation the 409 is exit 2 with its code', async () => {
    const done = io(connection, () => json({ id: 'cs_1', phase: 'handover', overriddenAt: '2026-12-05T05:00:00.000Z' }));
    expect(await runCli(['handover', 'override', 'cs_1', '--reason', '书面确认'], done.io)).toBe(EXIT.ok);
    expect(done.requests[0]!.url).toBe('http://api.test/v1/cases/cs_1/handover/override');
    expect(await done.requests[0]!.json()).toEqual({ reason: '书面确认' });
    const early = io(connection, () => json({ statusCode: 409, code: 'ACKNOWLEDGEMENT_NOT_OVERDUE', message: 'not overdue' }, 409));
    expect(await runCli(['handover', 'override', 'cs_1', '--reason', 'x'], early.io)).toBe(EXIT.refused);
    expect(early.err()).toContain('ACKNOWLEDGEMENT_NOT_OVERDUE');
  });

  it('keys master shows the uses per master key id; keys rotate-master posts and prints the counts', async () => {
    const view = { activeKeyId: 'k2', keys: [{ keyId: 'k1', active: false, wrappedKeys: 0, removable: true }, { keyId: 'k2', active: true, wrappedKeys: 7, removable: false }], unknown: [] };
    const shown = io(connection, () => json(view));
    expect(await runCli(['--lang', 'en', 'keys', 'master'], shown.io)).toBe(EXIT.ok);
    expect(shown.requests[0]!.url).toBe('http://api.test/v1/keys/master');
    expect(shown.out()).toMatch(/k1\s+no\s+0\s+yes/);
    const rotated = io(connection, () => json({ activeKeyId: 'k2', examined: 7, rewrapped: 6, alreadyActive: 1, changedMeanwhile: 0, failed: 0 }));
    expect(await runCli(['--lang', 'en', 'keys', 'rotate-master'], rotated.io)).toBe(EXIT.ok);
    expect(rotated.requests[0]!.method).toBe('POST');
    expect(rotated.requests[0]!.url).toBe('http://api.test/v1/keys/master/rotate');
    expect(rotated.out()).toContain('under master key k2: 6 re-wrapped, 1 already, 0 changed meanwhile, 0 failed');
  });

  it('builds the case body from flags over a JSON file', async () => {
    const call = io(connection, () => json({ id: 'cs_9', status: 'draft' }, 201));
    const code = await runCli(
      ['cases', 'open', '--kind', 'merger', '--transferor-name', 'A 公司', '--transferor-contact', '010-1', '--manager-name', '王', '--manager-email', 'w@example.cn', '--policy', '{"waitingPeriod":"P30D"}'],
      call.io,
    );
    expect(code).toBe(EXIT.ok);
    expect(await call.requests[0]!.json()).toEqual({
      kind: 'merger',
      transferor: { name: 'A 公司', contact: '010-1' },
      manager: { name: '王', email: 'w@example.cn' },
      policy: { waitingPeriod: 'P30D' },
    });
    expect(call.out()).toContain('handover cases start cs_9');
  });

  it('login writes the URL and token to a file of mode 0600 that later commands read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'handover-cli-'));
    try {
      const env = { HANDOVER_CONFIG_DIR: join(dir, 'cfg') };
      expect(await runCli(['login', '--api-url', 'http://stored.test', '--token', 'tok_stored_0123456789'], io(env).io)).toBe(EXIT.ok);
      expect(statSync(join(dir, 'cfg', 'config.json')).mode & 0o777).toBe(0o600);
      const later = io(env, () => json([]));
      expect(await runCli(['keys', 'list'], later.io)).toBe(EXIT.ok);
      expect(later.requests[0]!.url).toBe('http://stored.test/v1/keys');
      expect(later.requests[0]!.headers.get('authorization')).toBe('Bearer tok_stored_0123456789');
      const flagWins = io({ ...env, HANDOVER_TOKEN: 'tok_env_0123456789' }, () => json([]));
      expect(await runCli(['--token', 'tok_flag_0123456789', 'keys', 'list'], flagWins.io)).toBe(EXIT.ok);
      expect(flagWins.requests[0]!.headers.get('authorization')).toBe('Bearer tok_flag_0123456789');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cases watch draws the mailing (messages of customers) during the notification phase on a terminal', async () => {
    const counters = (notified: number) => ({ customers: 20, notified, bounced: notified >= 10 ? 1 : 0 });
    const views = [
      { phase: 'legal-basis', counters: counters(0) },
      { phase: 'notification', counters: counters(0) },
      { phase: 'notification', counters: counters(6) },
      { phase: 'notification', counters: counters(12) },
      { phase: 'consent', counters: counters(19) },
    ].map((v) => ({ id: 'cs_1', status: 'running', source: 'workflow', gates: [], ...v }));
    let next = 0;
    const tty = io(connection, () => json(views[Math.min(next++, views.length - 1)]));
    tty.io.stderr.isTTY = true;
    expect(await runCli(['cases', 'watch', 'cs_1', '--until-phase', 'consent', '--interval', '0'], tty.io)).toBe(EXIT.ok);
    const mailing = [...tty.err().matchAll(/mailing \[[#-]+\]\s+(\d+)% (\d+)\/20/g)].map((m) => Number(m[2]));
    expect(mailing).toEqual([0, 6, 13]);
    expect(tty.err()).toMatch(/phase \[[#-]+\]\s+\d+% 5\/9/);
  });

  it('reports a broken audit chain with exit 5', async () => {
    const broken = io(connection, () => json({ valid: false, events: 9, firstBrokenAt: 4 }));
    expect(await runCli(['audit', 'verify', 'cs_1'], broken.io)).toBe(EXIT.failed);
    expect(broken.err()).toContain('broken at event 4');
  });
});

describe('langFromArgv', () => {
  it('finds --lang X and --lang=X before a --', () => {
    expect(langFromArgv(['--lang', 'zh-CN', 'keys'])).toBe('zh-CN');
    expect(langFromArgv(['keys', '--lang=en'])).toBe('en');
    expect(langFromArgv(['--', '--lang', 'en'])).toBeUndefined();
    expect(langFromArgv(['keys'])).toBeUndefined();
  });
});
