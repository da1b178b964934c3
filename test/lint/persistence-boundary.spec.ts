import { ESLint } from 'eslint';
import { join } from 'node:path';

/**
 * The persistence boundary rule (eslint.config.mjs): one planted violation of each kind it names,
 * in a use case of the admin API, must be rejected; the same code inside libs/persistence passes,
 * and the worker's wiring may construct repositories.
 */
describe('persistence boundary lint rule', () => {
  const root = join(__dirname, '..', '..');
  // Untyped linting of planted text: the typed rules and the project graph are not what is tested here.
  const eslint = new ESLint({
    cwd: root,
    overrideConfig: {
      languageOptions: { parserOptions: { projectService: false, project: null } },
      rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off', '@nx/enforce-module-boundaries': 'off' },
    },
  });

  const messagesFor = async (code: string, file: string): Promise<string[]> => {
    const [result] = await eslint.lintText(code, { filePath: join(root, file) });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax' || m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  const planted: Array<[kind: string, code: string, expected: RegExp]> = [
    ['a mongoose import', "import type { Connection } from 'mongoose';\nexport type C = Connection;\n", /'mongoose' import is restricted/],
    ['a mongodb import', "import { ObjectId } from 'mongodb';\nexport const id = new ObjectId();\n", /'mongodb' import is restricted/],
    ['a .collection() call', "declare const c: { collection(name: string): unknown };\nexport const customers = c.collection('customers');\n", /\.collection\(\)/],
    ['connection.db', 'declare const connection: { db: unknown };\nexport const db = connection.db;\n', /connection\.db/],
    [
      'a raw connection injected',
      "import { Inject, Injectable } from '@nestjs/common';\nconst MONGO_CONNECTION = Symbol('c');\n@Injectable()\nexport class Planted {\n  constructor(@Inject(MONGO_CONNECTION) readonly c: unknown) {}\n}\n",
      /a raw connection injected/,
    ],
    ['a repository constructed', 'declare class CaseRepository { constructor(c: unknown) }\nexport const cases = new CaseRepository({});\n', /inject it instead of constructing it/],
  ];

  it.each(planted)('rejects %s in a use case', async (_kind, code, expected) => {
    const messages = await messagesFor(code, 'services/admin-api/src/cases/planted.use-case.ts');
    expect(messages.some((m) => expected.test(m))).toBe(true);
  });

  it('rejects each kind in an activity too', async () => {
    for (const [, code, expected] of planted) {
      const messages = await messagesFor(code, 'activities/src/cases/planted.ts');
      expect(messages.some((m) => expected.test(m))).toBe(true);
    }
  });

  it('lets libs/persistence reach the database', async () => {
    for (const [, code] of planted) expect(await messagesFor(code, 'libs/persistence/src/cases/planted.ts')).toEqual([]);
  });

  it('lets the worker wiring construct repositories, but not reach collections', async () => {
    expect(await messagesFor(planted[5]![1], 'services/worker/src/activities.factory.ts')).toEqual([]);
    expect((await messagesFor(planted[2]![1], 'services/worker/src/activities.factory.ts')).length).toBeGreaterThan(0);
  });
});
