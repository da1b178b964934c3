import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { TRACING_WORKFLOW_MODULE } from '@handover/tracing';

const ROOT = resolve(__dirname, '../../..');
const WORKFLOW_ENTRY = join(ROOT, 'workflows/src/index.ts');
/** Runs the TypeScript sources (the child process that bundles requires this file). */
const REGISTER = join(ROOT, 'infra/register.js');
/** The libraries workflow code may import (enforced by lint); their sources key the cache. */
const WORKFLOW_SOURCES = ['workflows/src', 'libs/contracts/src', 'libs/domain/src'];
const ALIASES: Record<string, string> = {
  '@handover/contracts': join(ROOT, 'libs/contracts/src/index.ts'),
  '@handover/domain': join(ROOT, 'libs/domain/src/index.ts'),
};

/** Bundle options: `tracing` adds libs/tracing's workflow interceptors (a bundle of its own). */
export interface WorkflowBundleOptions {
  tracing?: boolean;
}

function sourceHash(options: WorkflowBundleOptions): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) hash.update(path).update(readFileSync(path));
    }
  };
  for (const dir of WORKFLOW_SOURCES) walk(join(ROOT, dir));
  if (options.tracing) hash.update(TRACING_WORKFLOW_MODULE).update(readFileSync(TRACING_WORKFLOW_MODULE));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Bundles the workflow code once per source version and caches it under the data dir: webpack
 * takes tens of seconds on two cores and every test suite and worker start would pay it again.
 * On a cache miss the bundling runs in a child process (unless `inProcess`): webpack leaves
 * ~90 MB in the RSS of the process that ran it, which a worker would keep for good.
 *
 * With `tracing` the bundle includes the tracing workflow interceptors (libs/tracing), cached
 * apart: without tracing they are not in the bundle at all, so no workflow task pays for them.
 */
export async function loadWorkflowBundle(cacheDir: string, options: WorkflowBundleOptions & { inProcess?: boolean } = {}): Promise<{ code: string }> {
  const bundling = { tracing: options.tracing ?? false };
  const file = bundleFile(cacheDir, bundling);
  if (!existsSync(file)) {
    if (options.inProcess) await buildWorkflowBundle(cacheDir, bundling);
    else await bundleInChildProcess(cacheDir, bundling);
  }
  return { code: readFileSync(file, 'utf8') };
}

function bundleFile(cacheDir: string, options: WorkflowBundleOptions): string {
  return join(resolve(cacheDir), 'bundles', `workflows-${options.tracing ? 'traced-' : ''}${sourceHash(options)}.js`);
}

/** Bundles the workflow code in this process and writes it to the cache (atomically). */
export async function buildWorkflowBundle(cacheDir: string, options: WorkflowBundleOptions = {}): Promise<void> {
  const file = bundleFile(cacheDir, options);
  const bundle = await bundleWorkflowCode({
    workflowsPath: WORKFLOW_ENTRY,
    ...(options.tracing && { workflowInterceptorModules: [TRACING_WORKFLOW_MODULE] }),
    webpackConfigHook: (config) => {
      config.resolve = { ...config.resolve, alias: { ...(config.resolve?.alias as Record<string, string>), ...ALIASES } };
      return config;
    },
    logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} } as never,
  });
  mkdirSync(join(resolve(cacheDir), 'bundles'), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, bundle.code);
  renameSync(tmp, file);
}

/**
 * Runs buildWorkflowBundle in a child Node process. Its heap flags are given on the command line
 * (they win over NODE_OPTIONS): the worker's memory bounds, inherited through NODE_OPTIONS, are too
 * tight for webpack.
 */
async function bundleInChildProcess(cacheDir: string, options: WorkflowBundleOptions): Promise<void> {
  const script =
    `require(${JSON.stringify(__filename)}).buildWorkflowBundle(${JSON.stringify(cacheDir)}, ${JSON.stringify(options)})` +
    '.then(() => process.exit(0), (e) => { console.error(e); process.exit(1); })';
  await new Promise<void>((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=2048', '--max-semi-space-size=16', '-r', REGISTER, '-e', script], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`bundling the workflow code failed (child process ${signal ?? `exit code ${code}`})`));
    });
  });
}
