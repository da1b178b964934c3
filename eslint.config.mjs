// Lint: typed rules (no floating promises), Nx module boundaries by project tags, and workflow
// sandbox rules (no Node built-ins, no non-workflow Temporal packages in workflow code).
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

// FerretDB v1 (PostgreSQL backend) holds a pooled connection per statement of an update command
// until the command ends: 50 statements in one bulkWrite wedge the server for good.
const BULK_WRITE = {
  selector: "CallExpression[callee.property.name='bulkWrite']",
  message: 'bulkWrite sends one multi-statement command, which wedges FerretDB v1 from ~50 statements: use updateEach (@handover/persistence), insertMany or a filtered updateMany',
};
const BOUNDARY = 'only libs/persistence reaches the database: add a repository method there and inject the repository';
const PERSISTENCE_BOUNDARY = [
  { selector: "CallExpression[callee.property.name='collection']", message: `.collection(): ${BOUNDARY}` },
  { selector: "MemberExpression[property.name='db'][object.type!='ThisExpression']", message: `connection.db: ${BOUNDARY}` },
  { selector: "MemberExpression[property.name='db'][object.type='ThisExpression']", message: `this.db: ${BOUNDARY}` },
  { selector: "Decorator CallExpression[callee.name='Inject'] > Identifier[name=/CONNECTION/]", message: `a raw connection injected: ${BOUNDARY}` },
  { selector: "Decorator CallExpression[callee.name='InjectConnection']", message: `a raw connection injected: ${BOUNDARY}` },
];
const NEW_REPOSITORY = {
  selector: "NewExpression[callee.name=/(Repository|NotificationStore|DispositionStore|CaseKeyService)$/]",
  message: 'repositories are provided once by PersistenceModule (the worker wiring builds the activities\' set): inject it instead of constructing it',
};
const MONGO_IMPORTS = { group: ['mongoose', 'mongodb', '@nestjs/mongoose'], message: BOUNDARY };

export default tseslint.config(
  { ignores: ['node_modules/**', '.data/**', 'dist/**', '.nx/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx, '@typescript-eslint': tseslint.plugin },
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // Dead imports and variables after a refactor: an error, not a reader's puzzle.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:domain'] },
            { sourceTag: 'type:workflow', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:domain', 'type:contracts'] },
            { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:lib', 'type:domain', 'type:contracts'] },
            { sourceTag: 'type:activity', onlyDependOnLibsWithTags: ['type:lib', 'type:data', 'type:domain', 'type:contracts'] },
            { sourceTag: 'scope:api', notDependOnLibsWithTags: ['type:activity', 'type:workflow'] },
            { sourceTag: 'scope:portal', notDependOnLibsWithTags: ['type:activity', 'type:workflow'] },
            { sourceTag: 'type:app', notDependOnLibsWithTags: ['type:app'] },
            // The CLI is a client of the admin API: it reaches the server only through the typed client.
            { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: ['scope:client'] },
            { sourceTag: 'scope:client', onlyDependOnLibsWithTags: [] },
            // The console is a browser client of the admin API: only the typed client.
            { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['scope:client'] },
          ],
        },
      ],
    },
  },
  {
    // FerretDB v1 (PostgreSQL backend) holds a pooled connection per statement of an update
    // command until the command ends: 50 statements in one bulkWrite wedge the server for good.
    files: ['libs/**/*.ts', 'activities/**/*.ts', 'services/**/*.ts', 'bench/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts'],
    rules: {
      'no-restricted-syntax': ['error', BULK_WRITE],
    },
  },
  {
    // The persistence boundary: only libs/persistence reaches MongoDB. Everything else receives
    // repositories (by injection in the Nest services, from the worker's wiring in activities), so
    // a query lives next to its indexes and its FerretDB caveats, and a use case can be given a fake.
    files: ['services/**/*.ts', 'activities/**/*.ts', 'workflows/**/*.ts', 'libs/**/*.ts'],
    ignores: ['libs/persistence/**', '**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/testing/**', '**/*.test-helpers.ts'],
    rules: {
      'no-restricted-syntax': ['error', BULK_WRITE, ...PERSISTENCE_BOUNDARY, NEW_REPOSITORY],
      'no-restricted-imports': ['error', { patterns: [MONGO_IMPORTS] }],
    },
  },
  {
    // The worker's wiring builds the activities' repositories itself (no Nest injection there).
    files: ['services/worker/src/activities.factory.ts', 'services/worker/src/worker-host.ts'],
    rules: {
      'no-restricted-syntax': ['error', BULK_WRITE, ...PERSISTENCE_BOUNDARY],
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox.
    files: ['workflows/src/**/*.ts', 'libs/domain/src/**/*.ts', 'libs/contracts/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'workflow code may not use Node built-ins' })),
          patterns: [
            { group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing'], message: 'workflow code may import only @temporalio/workflow' },
            { group: ['mongoose', 'mongodb', 'nodemailer', '@nestjs/*'], message: 'workflow code does no I/O' },
          ],
        },
      ],
    },
  },
);
