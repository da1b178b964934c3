// Three jest projects: unit (no servers), integration (the real Temporal dev server, the
// MongoDB-compatible server and the mail sink over sockets), e2e (the running services over HTTP).
// infra/test.sh starts what integration and e2e need and exports their addresses.
const { pathsToModuleNameMapper } = require('./jest.paths');

const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    },
  ],
};

const common = {
  transform,
  moduleNameMapper: pathsToModuleNameMapper(),
  testEnvironment: 'node',
  rootDir: __dirname,
  modulePathIgnorePatterns: ['<rootDir>/.data/', '<rootDir>/dist/'],
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{libs,services,activities,workflows}/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{libs,services,activities,workflows,test}/**/*.int-spec.ts', '<rootDir>/test/chaos/**/*.chaos-spec.ts'],
      setupFiles: ['<rootDir>/test/setup/require-infra.js'],
      // Real servers on a two-core machine: hooks and tests get a minute unless they say more.
      testTimeout: 60_000,
      slowTestThreshold: 30,
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts', '<rootDir>/test/browser/**/*.browser-spec.ts'],
      setupFiles: ['<rootDir>/test/setup/require-infra.js'],
      testTimeout: 60_000,
      slowTestThreshold: 60,
    },
  ],
};
