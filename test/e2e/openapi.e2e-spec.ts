import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { testEnv } from '@handover/testing';

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

/**
 * The committed docs/openapi.json is what the typed client (libs/api-client) and the CLI are built
 * from: it must be the document the running admin API serves, and clean under Redocly's rules.
 */
describe('the committed OpenAPI document', () => {
  const committed = JSON.parse(readFileSync(join(ROOT, 'docs', 'openapi.json'), 'utf8')) as Record<string, unknown>;

  it('equals the document the running admin API serves at /docs-json (else: npm run openapi)', async () => {
    const res = await fetch(`${testEnv().adminUrl}/docs-json`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(committed);
  });

  it("passes Redocly's recommended rules with zero errors (redocly.yaml)", async () => {
    const { stdout } = await run('npx', ['redocly', 'lint', '--format=json'], {
      cwd: ROOT,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 16 * 1024 * 1024,
    });
    const report = JSON.parse(stdout) as { totals: { errors: number; warnings: number }; problems: Array<{ ruleId: string; severity: string }> };
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(report.totals.errors).toBe(0);
    // The one accepted warning: no licence URL (the project is UNLICENSED and has no licence page).
    expect(report.problems.map((p) => p.ruleId)).toEqual(['info-license-strict']);
  });
});
