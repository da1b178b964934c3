import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { waitUntil } from '@handover/testing';

const ROOT = join(__dirname, '..', '..', '..');

export interface Started {
  url: string;
  /** What the process printed (shown when a test fails). */
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function startProcess(script: string, env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'infra', 'register.js'), join(ROOT, script)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  return { child, output: () => log };
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Another admin API of the running stack (same database, Temporal and secrets unless `env` says
 * otherwise) in a process of its own on `port`, resolved once it answers /health.
 */
export function startAdminApi(port: number, env: Record<string, string>, label = 'the admin API'): Promise<Started> {
  return startHttpService('services/admin-api/src/main.ts', port, { ...process.env, ADMIN_PORT: String(port), ADMIN_METRICS_PORT: '0', LOG_LEVEL: 'warn', ...env }, label);
}

/** A service with an HTTP port (`services/admin-api/src/main.ts`, `services/portal/src/main.ts`) in its own process, once it answers /health. */
export async function startHttpService(script: string, port: number, env: NodeJS.ProcessEnv, label: string): Promise<Started> {
  const { child, output } = startProcess(script, env);
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(
    async () => (child.exitCode !== null ? 'exited' : await fetch(`${url}/health`).then((res) => res.status, () => 0)),
    (status) => status === 200 || status === 'exited',
    120_000,
    `${label} to answer /health`,
    500,
  );
  if (child.exitCode !== null) throw new Error(`${label} exited: ${output()}`);
  return { url, output, stop: () => stopProcess(child) };
}
