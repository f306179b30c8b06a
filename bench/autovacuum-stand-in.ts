import type { DataSource } from 'typeorm';

/** Autovacuum's own pace: its launcher wakes every minute (`autovacuum_naptime`); half that here. */
export const STAND_IN_ANALYZE_EVERY_MS = 30_000;

/**
 * PostgreSQL plans a statement a connection runs again and again (the foreign-key checks of every
 * child row, a trigger's queries) once, and keeps the plan until the table's statistics change. On a
 * server with autovacuum, its ANALYZE changes them as a table grows. Without it, a plan made while
 * `cases` held a few rows (a sequential scan) stays for the connection's life, and reads every case on
 * each use. A `bench:scale` run of 100,000 on 6 December 2026 did this: 20,534 sequential scans of
 * `cases` (67 million rows read) by its 8,000th case, until an ANALYZE by hand stopped them.
 *
 * This machine's server runs with autovacuum off (for the tests), production's does not, so
 * `bench:scale` runs ANALYZE itself when the server's autovacuum is off. Returns how to stop, and
 * whether it runs (the benchmark prints it); a failed ANALYZE is reported, not thrown.
 */
export async function analyzeWhereAutovacuumIsOff(
  ds: DataSource,
  log: (msg: string) => void,
  everyMs = STAND_IN_ANALYZE_EVERY_MS,
): Promise<{ running: boolean; stop(): Promise<void> }> {
  const [{ autovacuum }]: Array<{ autovacuum: string }> = await ds.query(`SELECT current_setting('autovacuum') AS autovacuum`);
  if (autovacuum === 'on') return { running: false, stop: async () => undefined };
  let current: Promise<void> | undefined;
  const timer = setInterval(() => {
    // One at a time: a tick that finds the last ANALYZE still running skips.
    current ??= ds
      .query('ANALYZE')
      .then(() => undefined)
      .catch((err: unknown) => log(`ANALYZE (standing in for autovacuum) failed: ${(err as Error).message}`))
      .finally(() => (current = undefined));
  }, everyMs);
  return {
    running: true,
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}
