// Jest projects: unit (no servers), integration (the real Temporal dev server, the
// MongoDB-compatible server and the mail sink over sockets), e2e (the running services over HTTP),
// and slow (long, load-sensitive suites: `npm run test:slow`). infra/test.sh starts what the
// server-backed projects need and exports their addresses.
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

/** Suites that belong to the `slow` project only. */
const SLOW_SUITES = [
  'activities/src/notification/notification.int-spec.ts',
  'test/e2e/notification.e2e-spec.ts',
  // A whole case to closed through reminders, an escalation and an override (issue 14): about a minute.
  'test/e2e/acknowledgement-override.e2e-spec.ts',
  // Certificates, PDF (Chromium), interim report, evidence, PIIA versions, announcement of one small closed case (issue 14).
  'test/e2e/served.e2e-spec.ts',
  // Each case kind, CN and EU, to closed through the API, the portal and the mail (issue 14, Must show 1): sixteen small cases, four at a time.
  'test/e2e/case-kinds.e2e-spec.ts',
  // Master-key rotation while a case runs, its processes restarted twice, to closed (issue 15, Must show 5): about two minutes.
  'test/e2e/master-key-rotation.e2e-spec.ts',
];

const common = {
  transform,
  moduleNameMapper: pathsToModuleNameMapper(),
  testEnvironment: 'node',
  rootDir: __dirname,
  modulePathIgnorePatterns: ['<rootDir>/.data/', '<rootDir>/dist/'],
};

const withServers = { setupFiles: ['<rootDir>/test/setup/require-infra.js'] };

module.exports = {
  // A global option (ignored inside projects): integration and e2e suites talk to real servers on
  // a two-core machine, so hooks and tests get a minute unless they ask for more.
  testTimeout: 60_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      // test/docs: checks of the project's own docs against the tree (no servers).
      testMatch: ['<rootDir>/{libs,services,activities,workflows}/**/*.spec.ts', '<rootDir>/test/docs/**/*.spec.ts', '<rootDir>/test/lint/**/*.spec.ts'],
    },
    {
      ...common,
      ...withServers,
      displayName: 'integration',
      testMatch: ['<rootDir>/{libs,services,activities,workflows,test}/**/*.int-spec.ts'],
      testPathIgnorePatterns: SLOW_SUITES,
      slowTestThreshold: 30,
    },
    {
      ...common,
      ...withServers,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: SLOW_SUITES,
      slowTestThreshold: 60,
    },
    {
      // The notification phase end to end (hundreds to thousands of customers through FerretDB),
      // the browser test and the chaos test: minutes long and load-sensitive on two cores.
      ...common,
      ...withServers,
      displayName: 'slow',
      testMatch: [
        '<rootDir>/test/chaos/**/*.chaos-spec.ts',
        '<rootDir>/test/browser/**/*.browser-spec.ts',
        ...SLOW_SUITES.map((path) => `<rootDir>/${path}`),
      ],
    },
  ],
};
