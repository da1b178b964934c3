import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminToken, MailSinkClient, testEnv, waitUntil, writeInventoryCsv, type InventoryCsvSummary } from '@handover/testing';

const ROOT = join(__dirname, '..', '..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The CLI as a user runs it: `npx handover …` in child processes, against the running admin API.
 * No HTTP from the test itself except reading the mail sink.
 */
describe('the handover CLI drives a case (npx handover …)', () => {
  const env = testEnv();
  const work = mkdtempSync(join(tmpdir(), 'handover-cli-e2e-'));
  // The login file goes to a folder of this test; no token in the environment: the file must serve.
  const cliEnv: NodeJS.ProcessEnv = { ...process.env, HANDOVER_CONFIG_DIR: join(work, 'config'), LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
  delete cliEnv['HANDOVER_TOKEN'];
  delete cliEnv['HANDOVER_API_URL'];

  const spawnRun = (command: string, args: string[]): Promise<Run> =>
    new Promise((resolve, reject) => {
      const child = spawn(command, args, { cwd: ROOT, env: cliEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  const handover = (...args: string[]) => spawnRun('npx', ['handover', ...args]);
  const ok = async <T>(...args: string[]): Promise<T> => {
    const run = await handover('--json', ...args);
    if (run.code !== 0) throw new Error(`handover ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
    return JSON.parse(run.stdout) as T;
  };
  const managerEmail = `e2e.cli.${Date.now()}@example.cn`;
  const openCase = () =>
    ok<{ id: string; status: string }>(
      'cases', 'open', '--kind', 'bankruptcy',
      '--transferor-name', '某某珠宝有限公司', '--transferor-contact', '0755-12345678',
      '--recipient-name', '承接方有限公司', '--recipient-contact', '021-87654321', '--recipient-email', 'dpo@buyer.example', '--recipient-country', 'CN',
      '--manager-name', '陈清算', '--manager-email', managerEmail,
      '--policy', '{"waitingPeriod":"PT5S"}',
    );

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('shows its help (exit 0) and refuses an unknown command with exit 1', async () => {
    const help = await handover('--help');
    expect(help.code).toBe(0);
    for (const command of ['login', 'cases', 'gates', 'inventory', 'third-parties', 'requests', 'incidents', 'keys', 'audit', 'report']) expect(help.stdout).toContain(command);
    const zh = await handover('--lang', 'zh-CN', 'cases', '--help');
    expect(zh.stdout).toContain('启动案件流程');
    expect((await handover('no-such-command')).code).toBe(1);
  });

  it('logs in: the URL and token go to a file only its owner can read; a wrong token is exit 2', async () => {
    const login = await handover('login', '--api-url', env.adminUrl, '--token', adminToken());
    expect(login.code).toBe(0);
    const file = join(work, 'config', 'config.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await handover('--token', 'hov_wrong_token_value_000000', 'keys', 'list')).code).toBe(2);
    expect((await handover('cases', 'status', 'cs_doesnotexist')).code).toBe(2);
  });

  it('opens, starts, loads and approves a case; status --json shows the figures', async () => {
    const inventory: InventoryCsvSummary = await writeInventoryCsv({ rows: 40, path: join(work, 'inventory.csv'), encoding: 'utf8', seed: 1404, invalidRatio: 0.1 });
    expect(inventory.invalid).toBeGreaterThan(0);

    const created = await openCase();
    expect(created).toMatchObject({ status: 'draft' });
    expect(created.id).toMatch(/^cs_/);
    const found = await ok<{ items: Array<{ id: string; status: string; counters?: { customers: number } }>; total: number }>('cases', 'list', '-q', created.id);
    expect(found.items).toEqual([expect.objectContaining({ id: created.id, status: 'draft', counters: expect.objectContaining({ customers: 0 }) })]);
    expect(found.total).toBe(1);

    const started = await ok<{ status: string; phase: string; gates: Array<{ name: string; state: string }> }>('cases', 'start', created.id, '--wait', '--timeout', '90');
    expect(started.status).toBe('running');
    expect(started.gates.find((g) => g.name === 'inventory')?.state).toBe('pending');

    const imported = await ok<{ status: string; processed: number; accepted: number; rejected: number }>('inventory', 'upload', created.id, inventory.path, '--wait', '--timeout', '120');
    expect(imported).toMatchObject({ status: 'done', processed: inventory.rows, accepted: inventory.valid, rejected: inventory.invalid });

    const rejected = (await ok<{ items: Array<{ line: number; field: string }>; total: number }>('inventory', 'rejected', created.id)).items;
    expect(rejected).toHaveLength(inventory.invalid);

    const gate = await ok<{ name: string; state: string }>('gates', 'approve', created.id, 'inventory', '--note', 'checked by the CLI test');
    expect(gate).toMatchObject({ name: 'inventory', state: 'approved' });

    // The status shows the sealed routes once the workflow has fixed them (seconds after the approval).
    type Status = { id: string; phase: string; counters: { customers: number }; gates: Array<{ name: string; state: string }>; routes?: { customers: number; sealed: boolean } };
    const status = await waitUntil(() => ok<Status>('cases', 'status', created.id), (view) => view.routes?.sealed === true, 60_000, 'routes sealed in the status');
    expect(status.id).toBe(created.id);
    expect(status.counters.customers).toBe(inventory.valid);
    expect(status.gates.find((g) => g.name === 'inventory')?.state).toBe('approved');
    expect(status.routes).toMatchObject({ customers: inventory.valid, sealed: true });

    const table = await handover('--lang', 'zh-CN', 'cases', 'status', created.id);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('阶段');
    expect(table.stdout).toContain(created.id);

    const verify = await ok<{ valid: boolean; events: number }>('audit', 'verify', created.id);
    expect(verify.valid).toBe(true);
    expect(verify.events).toBeGreaterThan(0);

    const mails = await new MailSinkClient(env.mailSinkApi).waitFor(managerEmail, 1, 60_000);
    expect(mails[0]!.Subject).toContain(created.id);
  }, 240_000);

  it('draws progress bars under a pseudo-terminal, an upload and a mailing, each with at least three increasing values', async () => {
    const big = await writeInventoryCsv({ rows: 4000, path: join(work, 'big.csv'), encoding: 'utf8', seed: 1405, invalidRatio: 0 });
    expect(big.bytes).toBeGreaterThan(4 * 64 * 1024);
    const created = await openCase();
    await ok('cases', 'start', created.id, '--wait', '--timeout', '90');

    const run = await spawnRun('script', ['-qec', `npx handover inventory upload ${created.id} ${big.path}`, '/dev/null']);
    expect(run.code).toBe(0);
    const percents = [...run.stdout.matchAll(/upload \[[#-]+\]\s+(\d+)%/g)].map((m) => Number(m[1]));
    const increasing = percents.filter((p, i) => i === 0 || p > percents[i - 1]!);
    expect(increasing.length).toBeGreaterThanOrEqual(3);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents[percents.length - 1]).toBe(100);
    expect(run.stdout).toMatch(/uploaded .* import /);

    // The mailing: `cases watch` draws the notices sent (or bounced) of the customers while the
    // notification phase runs, redrawn in place on the terminal.
    const importId = /import (\S+)/.exec(run.stdout)?.[1];
    expect(importId).toBeDefined();
    await ok('inventory', 'progress', created.id, importId!.replace(/[^\w-]/g, ''), '--wait', '--timeout', '120');
    await ok('gates', 'approve', created.id, 'inventory');
    await ok('cases', 'watch', created.id, '--until-gate', 'notices', '--wait', '--timeout', '120');
    await ok('gates', 'approve', created.id, 'notices');
    const watched = await spawnRun('script', ['-qec', `npx handover cases watch ${created.id} --until-phase consent --timeout 300`, '/dev/null']);
    expect(watched.code).toBe(0);
    const mailed = [...watched.stdout.matchAll(/mailing \[[#-]+\]\s+(\d+)%/g)].map((m) => Number(m[1]));
    const rising = mailed.filter((p, i) => i === 0 || p > mailed[i - 1]!);
    expect(rising.length).toBeGreaterThanOrEqual(3);
    expect(mailed).toEqual([...mailed].sort((a, b) => a - b));
  }, 420_000);
});
