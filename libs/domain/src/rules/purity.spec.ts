import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

// rules/, incidents/, requests/ and time/ are bundled into Temporal workflows: relative imports
// inside libs/domain/src only, no Node built-ins or globals, no clock reads.
const ROOT = resolve(__dirname, '..');
const FOLDERS = ['rules', 'rules/packs', 'incidents', 'requests', 'time'];
const IMPORT_RE = /^\s*(?:import|export)\b[^;]*?\bfrom\s+['"]([^'"]+)['"]/gm;

const sources = FOLDERS.flatMap((folder) =>
  readdirSync(join(ROOT, folder))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
    .map((f) => `${folder}/${f}`),
);

describe('domain purity (rules, incidents, requests, time)', () => {
  it('finds the sources', () => {
    expect(sources).toEqual(expect.arrayContaining(['rules/decide-route.ts', 'rules/packs/cn-pipl.pack.ts', 'incidents/grade-incident.ts', 'requests/due-date.ts', 'time/duration.ts']));
  });

  it.each(sources)('%s imports only relative modules inside the domain and uses no Node globals or clock', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const [, specifier = ''] of text.matchAll(IMPORT_RE)) {
      expect(specifier).toMatch(/^\.\.?\//);
      expect(resolve(ROOT, file, '..', specifier).startsWith(ROOT)).toBe(true);
    }
    expect(text).not.toMatch(/\b(Buffer|process|require|__dirname|setTimeout|Date\.now)\b/);
    expect(text).not.toMatch(/new Date\(\)/);
  });
});
