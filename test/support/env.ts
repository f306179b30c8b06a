/**
 * Where the global setup leaves the shared test infrastructure for the test files: environment
 * variables, because jest runs the setup and the tests in different module registries.
 */
export const TEST_ENV = {
  databaseUrl: 'RISKDESK_TEST_DATABASE_URL',
  temporalAddress: 'RISKDESK_TEST_TEMPORAL_ADDRESS',
  workflowBundle: 'RISKDESK_TEST_WORKFLOW_BUNDLE',
} as const;

export function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run integration tests through jest's global setup (npm test)`);
  return v;
}

/**
 * The capacity the global setup gives the demo specialists: test files share one database and rarely
 * close their cases, so the seeded 4-6 would fill up. Tests of capacity limits seed teams of their own.
 */
export const TEST_DEMO_CAPACITY = 500;

/** The actor-proof secret the run's workflow bundle is built with and the test clients sign with. */
export const TEST_ACTOR_PROOF_SECRET = 'test-actor-proof-secret-that-is-long-enough-0123';
