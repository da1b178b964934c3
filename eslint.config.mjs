// Lint: typed rules (no floating promises), Nx module boundaries by project tags, and workflow
// sandbox rules (no Node built-ins, no non-workflow Temporal packages in workflow code).
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/**', '.data/**', 'dist/**', '.nx/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  {
    files: ['**/*.ts'],
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
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='bulkWrite']",
          message: 'bulkWrite sends one multi-statement command, which wedges FerretDB v1 from ~50 statements: use updateEach (@handover/persistence), insertMany or a filtered updateMany',
        },
      ],
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
