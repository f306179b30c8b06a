'use strict';
/**
 * One jest run holds unit, workflow, API, replay and e2e tests; the folder under test/ says what a
 * test needs. The code is CommonJS (the Temporal SDK is CommonJS); NestJS 12 ships ES modules only,
 * and jest 30 on Node 20 cannot require() ES modules, so @swc/jest transforms those packages too.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|uuid|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@noble)/)'],
  setupFiles: ['reflect-metadata'],
};

module.exports = {
  testTimeout: 60_000,
  projects: [
    // Pure functions: no servers, run in a second.
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/test/{unit,replay,deploy}/**/*.test.ts'] },
    // Real Temporal server and real PostgreSQL, started (or reused) once per run by the global setup.
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/{workflows,api,e2e,browser}/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFiles: [...shared.setupFiles, '<rootDir>/test/support/quiet-runtime.ts'],
    },
  ],
};
