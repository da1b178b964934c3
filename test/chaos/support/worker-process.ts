import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

/** The product's services that a chaos suite runs in processes of their own. */
export type ServiceName = 'worker' | 'admin-api' | 'portal';

/** What each service prints once it serves: the worker polls its task queue, the APIs listen. */
const READY_LINE: Record<ServiceName, string> = {
  worker: 'worker ready',
  'admin-api': 'admin API listening on',
  portal: 'portal listening on',
};

/**
 * A real service (services/<name>/src/main.ts) in a process of its own, so that a test can
 * SIGKILL it the way an OOM killer or a power cut would: no shutdown hook runs, in-flight
 * activities, requests and SMTP sessions just stop.
 */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> | undefined;
  private output = '';

  constructor(
    readonly service: ServiceName,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  /** Starts the service and resolves once it prints its ready line. */
  async start(timeoutMs = 120_000): Promise<void> {
    if (this.child) throw new Error(`${this.service} already running`);
    this.output = '';
    const child = spawn(process.execPath, ['-r', './infra/register.js', `services/${this.service}/src/main.ts`], {
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
      const timer = setTimeout(() => reject(new Error(`${this.service} not ready after ${timeoutMs} ms:\n${this.output}`)), timeoutMs);
      const onData = (chunk: Buffer): void => {
        if (chunk.toString('utf8').includes(READY_LINE[this.service])) {
          clearTimeout(timer);
          child.stdout?.off('data', onData);
          resolveReady();
        }
      };
      child.stdout?.on('data', onData);
      void this.exited?.then((code) => {
        clearTimeout(timer);
        reject(new Error(`${this.service} exited (${code}) during start-up:\n${this.output}`));
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

  /** SIGTERM (the service drains), SIGKILL if it is still there after `graceMs`. */
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

/** The real worker in a process of its own (ready once it polls its task queue). */
export class WorkerProcess extends ServiceProcess {
  constructor(env: NodeJS.ProcessEnv) {
    super('worker', env);
  }
}
