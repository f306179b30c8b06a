import { DefaultLogger, Runtime } from '@temporalio/worker';

// Worker state changes are INFO logs: useful in a terminal, noise in test output.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // Already installed by an earlier test file in this process.
}
