import type { Config } from 'jest';

/** Path aliases of tsconfig.json, for Jest's module resolution. */
const moduleNameMapper = {
  '^@social-posts/event-sourcing/testing$': '<rootDir>/libs/event-sourcing/src/testing',
  '^@social-posts/(.*)$': '<rootDir>/libs/$1/src',
  '^@test/support/(.*)$': '<rootDir>/test/support/$1',
};

// Type checking is `tsc --noEmit` in `npm run lint`; Jest only transpiles, file by file.
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }],
} satisfies Config['transform'];

const common = { rootDir: '.', testEnvironment: 'node', moduleNameMapper, transform };

const config: Config = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/**/*.unit.spec.ts', '<rootDir>/test/*.unit.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: [
        '<rootDir>/{apps,libs}/**/*.int.spec.ts',
        '<rootDir>/test/**/*.e2e.spec.ts',
        '<rootDir>/test/faults/*.faults.spec.ts',
        // The one scale-out scenario within CI's budget (a three-broker cluster starts first).
        '<rootDir>/test/faults/cluster/leader-failover.faults.spec.ts',
      ],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/integration-setup.ts'],
    },
    {
      // The scale-out suite (`npm run faults -- --cluster`): a three-broker Kafka cluster and
      // several instances of each service, every scenario (npm test runs the first only).
      ...common,
      displayName: 'scale-out',
      testMatch: ['<rootDir>/test/faults/cluster/*.faults.spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/integration-setup.ts'],
    },
  ],
};

export default config;
