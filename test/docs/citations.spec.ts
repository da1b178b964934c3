import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';

// Comments, tests and docs cite the project's own contract and legal rules: `docs/api.md "Heading"`
// and `docs/legal.md §N` (also `§N–M`, `§N, §M`, `§1 modifier 5`, `§1 "Outcomes"`). A quoted text
// right after a citation is a heading of that document (under §N when one is given). This suite
// fails when a cited section, heading or modifier does not exist, and when anything still cites the
// documents that live outside the repository.

const ROOT = resolve(__dirname, '../..');
const SELF = relative(ROOT, __filename);
const SCANNED_DIRS = ['activities', 'bench', 'docs', 'infra', 'libs', 'services', 'test', 'workflows'];
const SCANNED_FILES = ['README.md', 'CHANGELOG.md', 'eslint.config.mjs', 'jest.config.js', 'jest.paths.js', 'redocly.yaml', 'docs/openapi.json'];
const EXTENSIONS = new Set(['.ts', '.tsx', '.js', '.mjs', '.cjs', '.md', '.sh', '.yaml', '.yml']);
const SKIPPED_DIRS = new Set(['node_modules', '.data', 'dist', '.nx']);

/** The out-of-repo contract and legal notes, by their old names (upper case: `docs/api.md` is fine). */
const OLD_NAMES = /\b(?:API|LEGAL)\.md\b|legal-notes/;

interface Section {
  headings: Set<string>;
  /** The highest number of an ordered-list item in the section (`1.`, `2.` …). */
  listItems: number;
}

interface DocIndex {
  /** Every heading's text, with a leading `N. ` removed. */
  headings: Set<string>;
  /** `## N. Title` sections with the headings and ordered-list items under them. */
  sections: Map<number, Section>;
}

function indexDoc(markdown: string): DocIndex {
  const index: DocIndex = { headings: new Set(), sections: new Map() };
  let current: Section | undefined;
  for (const line of markdown.split('\n')) {
    const heading = /^(#{2,6})\s+(.+?)\s*$/.exec(line);
    if (heading) {
      const [, hashes = '', text = ''] = heading;
      const numbered = /^(\d+)\.\s+(.+)$/.exec(text);
      const title = numbered?.[2] ?? text;
      index.headings.add(title);
      if (hashes === '##') {
        current = numbered ? { headings: new Set([title]), listItems: 0 } : undefined;
        if (numbered && current) index.sections.set(Number(numbered[1]), current);
      } else if (current) {
        current.headings.add(title);
      }
      continue;
    }
    const item = /^(\d+)\.\s/.exec(line);
    if (item && current) current.listItems = Math.max(current.listItems, Number(item[1]));
  }
  return index;
}

/** `docs/<doc>.md`, then optional `§N[–M]` (repeated), `modifier(s) N[–M]`, `"Heading"`. */
const CITATION =
  /docs\/(api|legal)\.md((?:\s*,?\s*§\s*\d+(?:\s*[–-]\s*\d+)?)*)(?:\s+modifiers?\s+(\d+)(?:\s*[–-]\s*(\d+))?)?(?:\s+"([^"\n]+)")?/g;

/** Comment continuations (` * `, `// `) folded, so a citation broken over two lines reads as one. */
const foldComments = (text: string): string => text.replace(/\n[ \t]*(?:\*(?!\/)|\/\/|#)?[ \t]*/g, ' ');

/** The section numbers of `§1, §4–6` (ranges expanded: 1, 4, 5, 6). */
const numbersIn = (sections: string): number[] =>
  [...sections.matchAll(/§\s*(\d+)(?:\s*[–-]\s*(\d+))?/g)].flatMap(([, from, to]) => {
    const first = Number(from);
    const last = Math.min(Number(to ?? from), first + 50);
    return Array.from({ length: Math.max(last - first + 1, 1) }, (_, i) => first + i);
  });

/** Problems with the citations in one file's text: each names the file and the citation. */
function citationProblems(file: string, text: string, docs: Readonly<Record<'api' | 'legal', DocIndex>>): string[] {
  const problems: string[] = [];
  for (const match of foldComments(text).matchAll(CITATION)) {
    const [cited = '', name, sections = '', modifierFrom, modifierTo, heading] = match;
    const doc = docs[name as 'api' | 'legal'];
    const where = `${file}: "${cited.trim()}"`;
    const numbers = numbersIn(sections);
    for (const number of numbers) {
      if (!doc.sections.has(number)) problems.push(`${where}: docs/${name}.md has no §${number}`);
    }
    const section = numbers.length === 1 ? doc.sections.get(numbers[0] ?? 0) : undefined;
    if (modifierFrom !== undefined) {
      const highest = Math.max(Number(modifierFrom), Number(modifierTo ?? modifierFrom));
      if (!section || section.listItems < highest) problems.push(`${where}: docs/${name}.md has no modifier ${highest} there`);
    }
    if (heading !== undefined) {
      const headings = numbers.length === 1 ? section?.headings : doc.headings;
      if (!headings?.has(heading)) problems.push(`${where}: docs/${name}.md has no heading "${heading}"${numbers.length === 1 ? ` under §${numbers[0]}` : ''}`);
    }
  }
  return problems;
}

/** Lines that still cite the out-of-repo documents. */
function oldNameProblems(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, i) => (OLD_NAMES.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
}

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : filesUnder(path);
    return entry.isFile() && EXTENSIONS.has(extname(entry.name)) ? [path] : [];
  });
}

const scannedFiles = (): string[] => [...new Set([...SCANNED_DIRS.flatMap(filesUnder), ...SCANNED_FILES])].filter((file) => file !== SELF).sort();

const docsIndex = (): Record<'api' | 'legal', DocIndex> => ({
  api: indexDoc(readFileSync(join(ROOT, 'docs/api.md'), 'utf8')),
  legal: indexDoc(readFileSync(join(ROOT, 'docs/legal.md'), 'utf8')),
});

describe('citations of docs/api.md and docs/legal.md', () => {
  const files = scannedFiles().map((file) => ({ file, text: readFileSync(join(ROOT, file), 'utf8') }));
  const docs = docsIndex();

  it('reads the code and the docs, and finds the citations the code is known to make', () => {
    const paths = files.map((f) => f.file);
    expect(paths).toEqual(expect.arrayContaining(['libs/domain/src/rules/modifiers.ts', 'services/portal/src/customers/answer.dto.ts', 'README.md', 'docs/openapi.json']));
    const cited = files.flatMap(({ text }) => [...foldComments(text).matchAll(CITATION)].map((m) => m[0]));
    expect(cited).toEqual(expect.arrayContaining(['docs/legal.md §1 modifiers 1-6', 'docs/legal.md §1 "Outcomes"', 'docs/api.md "Portal"', 'docs/api.md "Inventory columns"']));
    expect(cited.filter((c) => c.startsWith('docs/legal.md §')).length).toBeGreaterThan(30);
  });

  it('keeps the section numbers the code cites: §1–§8, each with its subject', () => {
    const titles = [...docs.legal.sections.entries()].map(([n, s]) => `${n}. ${[...s.headings][0] ?? ''}`);
    expect(titles.slice(0, 8)).toEqual([
      '1. Route of each customer record',
      '2. What a notice must say',
      '3. Consent',
      '4. Third parties',
      '5. Impact assessment and records',
      '6. Requests and complaints',
      '7. Incidents',
      '8. Penalties worth showing a case manager',
    ]);
    expect(docs.legal.sections.get(1)?.listItems).toBe(6);
  });

  it('cites only sections, headings and modifiers that exist', () => {
    expect(files.flatMap(({ file, text }) => citationProblems(file, text, docs))).toEqual([]);
  });

  it('no longer cites the contract and legal notes kept outside the repository', () => {
    expect(files.flatMap(({ file, text }) => oldNameProblems(file, text))).toEqual([]);
  });

  it('reports a missing section, heading or modifier and an old name', () => {
    const legal = indexDoc(['# Legal', '## 1. Routes', '### Outcomes', '1. first', '2. second', '## 2. Notices', '## Notes'].join('\n'));
    const api = indexDoc(['# API', '## Portal', '### Customer JSON'].join('\n'));
    const source = [
      '/** Fine: docs/legal.md §1, §2; docs/legal.md §1–2; docs/legal.md §1 modifier 2; docs/legal.md §1 "Outcomes". */',
      '/** Fine: docs/api.md "Portal", docs/api.md "Customer JSON", docs/api.md alone. */',
      '/** Broken: docs/legal.md §3 and docs/legal.md §1–4. */',
      '/**',
      ' * docs/legal.md',
      ' * §2 modifier 1, docs/legal.md §2 "Outcomes", docs/api.md "Portals", docs/api.md §1.',
      ' */',
      `// ${['LEGAL', 'md'].join('.')} §1 and ${['API', 'md'].join('.')}`,
    ].join('\n');
    expect(citationProblems('x.ts', source, { api, legal })).toEqual([
      'x.ts: "docs/legal.md §3": docs/legal.md has no §3',
      'x.ts: "docs/legal.md §1–4": docs/legal.md has no §3',
      'x.ts: "docs/legal.md §1–4": docs/legal.md has no §4',
      'x.ts: "docs/legal.md §2 modifier 1": docs/legal.md has no modifier 1 there',
      'x.ts: "docs/legal.md §2 "Outcomes"": docs/legal.md has no heading "Outcomes" under §2',
      'x.ts: "docs/api.md "Portals"": docs/api.md has no heading "Portals"',
      'x.ts: "docs/api.md §1": docs/api.md has no §1',
    ]);
    expect(oldNameProblems('x.ts', source)).toEqual([`x.ts:8: // ${['LEGAL', 'md'].join('.')} §1 and ${['API', 'md'].join('.')}`]);
  });
});
