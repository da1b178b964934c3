import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// This folder is bundled into Temporal workflows: only relative imports, no Node built-ins, no Buffer.
const IMPORT_RE = /^\s*(?:import|export)\b[^;]*?\bfrom\s+['"]([^'"]+)['"]/gm;

function importsOf(file: string): string[] {
  const text = readFileSync(join(__dirname, file), 'utf8');
  return [...text.matchAll(IMPORT_RE)].map((m) => m[1] ?? '');
}

describe('inventory domain purity', () => {
  const sources = readdirSync(__dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));

  it('finds the sources and their imports', () => {
    expect(sources).toEqual(
      expect.arrayContaining(['columns.ts', 'validators.ts', 'row-validation.ts', 'classification.ts', 'index.ts']),
    );
    expect(importsOf('row-validation.ts')).toEqual(expect.arrayContaining(['./classification', './columns']));
  });

  it.each(sources)('%s imports only sibling modules and uses no Node globals', (file) => {
    for (const specifier of importsOf(file)) expect(specifier).toMatch(/^\.\/[a-z-]+$/);
    const text = readFileSync(join(__dirname, file), 'utf8');
    expect(text).not.toMatch(/^\s*import\s+['"]/m);
    expect(text).not.toMatch(/\b(Buffer|process|require|__dirname|setTimeout)\b/);
  });
});
