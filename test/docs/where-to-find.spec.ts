import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// docs/architecture.md, "Where to find": one row per phase, each cell a list of `path`s relative to
// the repository root. A path that no longer exists (a file moved or renamed) fails this test.

const ROOT = resolve(__dirname, '../..');
const HEADING = '## Where to find';
const COLUMNS = ['phase', 'workflow', 'activities', 'rules (`libs/domain`)', 'repositories (`libs/persistence`)', 'endpoints'];
const PHASES = ['opened', 'inventory', 'legal-basis', 'notification', 'consent', 'handover', 'deletion', 'closure', 'requests', 'incidents', 'third parties'];
/** Where each column's paths must live ('' = the column holds no paths). */
const PREFIXES = ['', 'workflows/src/', 'activities/src/', 'libs/domain/src/', 'libs/persistence/src/', 'services/'];

interface TourRow {
  phase: string;
  /** The paths of each column after the phase, in column order. */
  paths: string[][];
}

const cellsOf = (line: string): string[] => line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((cell) => cell.trim());
const pathsIn = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? '');

/** The header and the rows of the first table under `## Where to find`. */
function parseTour(markdown: string): { header: string[]; rows: TourRow[] } {
  const start = markdown.indexOf(`\n${HEADING}\n`);
  if (start < 0) throw new Error(`no "${HEADING}" section`);
  const rest = markdown.slice(start + HEADING.length + 2);
  const end = rest.search(/^## /m);
  const lines = (end < 0 ? rest : rest.slice(0, end)).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  if (first < 0) throw new Error(`no table under "${HEADING}"`);
  const table: string[] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break;
    table.push(line);
  }
  const [header, separator, ...body] = table;
  if (!header || !separator || !/^\|[-|\s:]+\|$/.test(separator.trim())) throw new Error('the table has no separator row');
  return {
    header: cellsOf(header),
    rows: body.map((line) => {
      const [phase, ...cells] = cellsOf(line);
      return { phase: phase ?? '', paths: cells.map(pathsIn) };
    }),
  };
}

/** Every problem with the tour's rows: paths that do not exist or sit in the wrong column, empty cells. */
function tourProblems(rows: readonly TourRow[], root: string): string[] {
  const problems: string[] = [];
  for (const { phase, paths } of rows) {
    paths.forEach((cellPaths, index) => {
      const column = COLUMNS[index + 1] ?? `column ${index + 2}`;
      const prefix = PREFIXES[index + 1] ?? '';
      // Rules may be "—" (a phase with no rule of its own); every other column names a file.
      if (cellPaths.length === 0 && !column.startsWith('rules')) problems.push(`${phase}: ${column} names no file`);
      for (const path of cellPaths) {
        if (!path.startsWith(prefix)) problems.push(`${phase}: ${column}: ${path} is not under ${prefix}`);
        if (!existsSync(join(root, path))) problems.push(`${phase}: ${column}: ${path} does not exist`);
      }
    });
  }
  return problems;
}

describe('docs/architecture.md "Where to find"', () => {
  const tour = parseTour(readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8'));

  it('has one row per phase and the agreed columns', () => {
    expect(tour.header).toEqual(COLUMNS);
    expect(tour.rows.map((row) => row.phase)).toEqual(PHASES);
    for (const row of tour.rows) expect(row.paths).toHaveLength(COLUMNS.length - 1);
  });

  it('points only at files that exist, each in its own column', () => {
    expect(tourProblems(tour.rows, ROOT)).toEqual([]);
  });

  it('reports a path that does not exist, one in the wrong column and an empty cell', () => {
    const markdown = [
      '# Doc',
      '',
      HEADING,
      '',
      `| ${COLUMNS.join(' | ')} |`,
      '|---|---|---|---|---|---|',
      '| opened | `workflows/src/gone.workflow.ts` | `activities/src/index.ts` | — | `services/portal/src/main.ts` | |',
      '',
      '## Next',
      '| other | `nowhere/at-all.ts` |',
    ].join('\n');
    const { rows } = parseTour(markdown);
    expect(rows).toHaveLength(1);
    expect(tourProblems(rows, ROOT)).toEqual([
      'opened: workflow: workflows/src/gone.workflow.ts does not exist',
      'opened: repositories (`libs/persistence`): services/portal/src/main.ts is not under libs/persistence/src/',
      'opened: endpoints names no file',
    ]);
  });
});
