import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

const ROOT = resolve(__dirname, '../../..');
const WORKFLOW_ENTRY = join(ROOT, 'workflows/src/index.ts');
/** The libraries workflow code may import (enforced by lint); their sources key the cache. */
const WORKFLOW_SOURCES = ['workflows/src', 'libs/contracts/src', 'libs/domain/src'];
const ALIASES: Record<string, string> = {
  '@handover/contracts': join(ROOT, 'libs/contracts/src/index.ts'),
  '@handover/domain': join(ROOT, 'libs/domain/src/index.ts'),
};

function sourceHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) hash.update(path).update(readFileSync(path));
    }
  };
  for (const dir of WORKFLOW_SOURCES) walk(join(ROOT, dir));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Bundles the workflow code once per source version and caches it under the data dir: webpack
 * takes tens of seconds on two cores and every test suite and worker start would pay it again.
 */
export async function loadWorkflowBundle(cacheDir: string): Promise<{ code: string }> {
  const file = join(resolve(cacheDir), 'bundles', `workflows-${sourceHash()}.js`);
  if (existsSync(file)) return { code: readFileSync(file, 'utf8') };
  const bundle = await bundleWorkflowCode({
    workflowsPath: WORKFLOW_ENTRY,
    webpackConfigHook: (config) => {
      config.resolve = { ...config.resolve, alias: { ...(config.resolve?.alias as Record<string, string>), ...ALIASES } };
      return config;
    },
    logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} } as never,
  });
  mkdirSync(join(resolve(cacheDir), 'bundles'), { recursive: true });
  writeFileSync(`${file}.tmp`, bundle.code);
  writeFileSync(file, bundle.code);
  return bundle;
}
