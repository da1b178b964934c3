import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

/**
 * The real worker (services/worker/src/main.ts) in a process of its own, so that a test can
 * SIGKILL it the way an OOM killer or a power cut would: no shutdown hook runs, in-flight
 * activities and SMTP sessions just stop.
 */
export class WorkerProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> | undefined;
  private output = '';

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the worker and resolves once it polls its task queue ("worker ready"). */
  async start(timeoutMs = 120_000): Promise<void> {
    if (this.child) throw new Error('worker already running');
    this.output = '';
    const child = spawn(process.execPath, ['-r', './infra/register.js', 'services/worker/src/main.ts'], {
      cwd: ROOT,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code)));
    const keep = (chunk: Buffer): void => {
      // The last few KB only, for the error message of a failed start.
      this.output = (this.output + chunk.toString('utf8')).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    await new Promise<void>((resolveReady, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker not ready after ${timeoutMs} ms:\n${this.output}`)), timeoutMs);
      const onData = (chunk: Buffer): void => {
        if (chunk.toString('utf8').includes('worker ready')) {
          clearTimeout(timer);
          child.stdout?.off('data', onData);
          resolveReady();
        }
      };
      child.stdout?.on('data', onData);
      void this.exited?.then((code) => {
        clearTimeout(timer);
        reject(new Error(`worker exited (${code}) during start-up:\n${this.output}`));
      });
    });
  }

  /** SIGKILL: no drain, no goodbye. Resolves when the process is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGKILL');
    await this.exited;
    this.child = undefined;
  }

  /** SIGTERM (the worker drains), SIGKILL if it is still there after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
    this.child = undefined;
  }
}
