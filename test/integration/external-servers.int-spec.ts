import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { testEnv } from '@handover/testing';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');

/**
 * A port nobody listens on now, below Linux's ephemeral range (32768–60999): the Temporal dev server
 * takes random ephemeral ports for its HTTP and metrics listeners while it starts, so a port picked
 * from that range could be taken before FerretDB or the mail sink binds it.
 */
async function freePort(): Promise<number> {
  for (;;) {
    const candidate = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((done) => {
      const server = createServer();
      server.once('error', () => done(false));
      server.listen(candidate, '127.0.0.1', () => server.close(() => done(true)));
    });
    if (free) return candidate;
  }
}

type External = 'TEMPORAL_ADDRESS' | 'MONGODB_URI' | 'SMTP_URL';

/**
 * `infra/up.sh` (what `npm start` and `npm test` run first) with exactly one of the three server
 * variables pointing at a server that already runs (the test stack's): it must use that one,
 * start the two others embedded, and succeed. Before the fix, SMTP_URL alone made it exit with
 * status 1 and no message.
 */
describe('npm start with one server of your own', () => {
  const env = testEnv();
  const given: Record<External, string> = { TEMPORAL_ADDRESS: env.temporalAddress, MONGODB_URI: env.mongoUri, SMTP_URL: env.smtpUrl };

  it.each<External>(['SMTP_URL', 'MONGODB_URI', 'TEMPORAL_ADDRESS'])(
    'with only %s set, the other servers start embedded',
    async (variable) => {
      const dataDir = await mkdtemp(join(tmpdir(), 'handover-external-'));
      const childEnv: NodeJS.ProcessEnv = { ...process.env, HANDOVER_DATA_DIR: dataDir, HANDOVER_PG_DB: 'handover_it_external' };
      for (const name of ['TEMPORAL_ADDRESS', 'MONGODB_URI', 'SMTP_URL', 'MAIL_SINK_API'] as const) delete childEnv[name];
      childEnv[variable] = given[variable];
      Object.assign(childEnv, {
        TEMPORAL_PORT: String(await freePort()),
        MONGO_PORT: String(await freePort()),
        MAIL_SINK_PORT: String(await freePort()),
        MAIL_SINK_HTTP_PORT: String(await freePort()),
      });
      try {
        await run('bash', [join(ROOT, 'infra/up.sh')], { env: childEnv, cwd: ROOT, timeout: 170_000 });
        const written = await readFile(join(dataDir, 'run', 'env'), 'utf8');
        expect(written).toContain(`export ${variable}="${given[variable]}"`);
        const others = (['TEMPORAL_ADDRESS', 'MONGODB_URI', 'SMTP_URL'] as const).filter((name) => name !== variable);
        for (const other of others) expect(written).toMatch(new RegExp(`export ${other}="[^"]*127\\.0\\.0\\.1:${other === 'TEMPORAL_ADDRESS' ? childEnv['TEMPORAL_PORT'] : other === 'MONGODB_URI' ? childEnv['MONGO_PORT'] : childEnv['MAIL_SINK_PORT']}`));
        // Exactly the two embedded servers were started (their pid files), not the one given.
        const pidOf = { TEMPORAL_ADDRESS: 'temporal', MONGODB_URI: 'ferretdb', SMTP_URL: 'mail-sink' } as const;
        const { stdout } = await run('ls', [join(dataDir, 'run')]);
        expect(stdout).not.toContain(`${pidOf[variable]}.pid`);
        for (const other of others) expect(stdout).toContain(`${pidOf[other]}.pid`);
      } finally {
        await run('bash', [join(ROOT, 'infra/down.sh')], { env: childEnv, cwd: ROOT }).catch(() => undefined);
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
