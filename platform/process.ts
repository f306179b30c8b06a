import { ConfigError } from '../config/env';

/**
 * Runs a process's main function: a ConfigError or start-up failure exits with a readable message
 * (no stack trace for configuration mistakes), and SIGINT/SIGTERM run the returned cleanup once.
 */
export function runMain(main: () => Promise<(() => Promise<void>) | void>): void {
  let cleanup: (() => Promise<void>) | void;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received, shutting down...`);
    try {
      await cleanup?.();
      process.exit(0);
    } catch (err) {
      console.error('Error during shutdown:', err);
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  main().then(
    (c) => {
      cleanup = c;
    },
    (err: unknown) => {
      console.error(err instanceof ConfigError ? err.message : err);
      process.exit(1);
    },
  );
}
