import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from '@handover/contracts';

/** docs/api.md lists every code of the catalogue (libs/contracts/src/error-codes.ts), and only those UPPER_SNAKE. */
describe('error code catalogue', () => {
  const api = readFileSync(join(__dirname, '..', '..', 'docs', 'api.md'), 'utf8');

  it('has each code once, in one casing', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const code of ERROR_CODES) expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
  });

  it('documents each code in docs/api.md', () => {
    expect(ERROR_CODES.filter((code) => !api.includes(`\`${code}\``))).toEqual([]);
  });
});
