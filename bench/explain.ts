import { performance } from 'node:perf_hooks';
import type { DataSource, EntitySubscriberInterface, QueryRunner } from 'typeorm';

/** A query the API ran, with its parameters, as TypeORM sent it. */
export interface CapturedQuery {
  sql: string;
  parameters: unknown[];
}

/**
 * The queries `ds` runs while `work` runs (the bench makes one request at a time, so they are that
 * request's): TypeORM reports every query to its logger, which is wrapped for the duration.
 */
export async function captureQueries(ds: DataSource, work: () => Promise<unknown>): Promise<CapturedQuery[]> {
  const logger = ds.logger as { logQuery: (q: string, p?: unknown[], ...rest: unknown[]) => unknown };
  const original = logger.logQuery;
  const captured: CapturedQuery[] = [];
  logger.logQuery = function (this: unknown, sql: string, parameters?: unknown[], ...rest: unknown[]) {
    captured.push({ sql, parameters: parameters ?? [] });
    return original.call(this, sql, parameters, ...rest);
  };
  try {
    await work();
  } finally {
    logger.logQuery = original;
  }
  return captured;
}

/**
 * Wall time of the statements `ds` runs, each from being sent on its pooled connection to its result
 * being back in the API (so an event-loop stall while the answer waits counts too), summed until
 * `take()`: how much of a request was spent on SQL, set against its latency to see whether a slow
 * request was slow in the database. `detach()` removes the hook.
 */
export function timeQueries(ds: DataSource): { take(): number; detach(): void } {
  const started = new Map<QueryRunner, number>();
  let total = 0;
  const subscriber: EntitySubscriberInterface = {
    beforeQuery: (e) => void started.set(e.queryRunner, performance.now()),
    afterQuery: (e) => {
      const t0 = started.get(e.queryRunner);
      started.delete(e.queryRunner);
      if (t0 !== undefined) total += performance.now() - t0;
    },
  };
  ds.subscribers.push(subscriber);
  return {
    take: () => {
      const t = total;
      total = 0;
      return t;
    },
    detach: () => {
      const at = ds.subscribers.indexOf(subscriber);
      if (at >= 0) ds.subscribers.splice(at, 1);
    },
  };
}

const PLAN_NODE = /(Scan|Sort|Aggregate|Limit|Join|Nested Loop|Hash|Gather|Unique|Append|Execution Time|Rows Removed|Buffers|Heap Fetches)/;

/**
 * EXPLAIN (ANALYZE, BUFFERS) of each read the route ran, compacted to the nodes that say how rows were
 * found (which index or a sequential scan, sorts, rows thrown away, pages found in shared buffers or
 * read) and the execution time. A query already explained with the same parameters is not explained
 * again; the same SQL with other parameters (`state=closed` after `state=in_progress`) is.
 */
export async function explainQueries(ds: DataSource, queries: CapturedQuery[], seen = new Set<string>()): Promise<string[]> {
  const out: string[] = [];
  for (const q of queries) {
    if (!/^\s*(SELECT|WITH)/i.test(q.sql)) continue;
    const head = q.sql.replace(/\s+/g, ' ').slice(0, 160);
    // The sign-in's roster lookup and other queries every route shares: their plan once.
    const key = `${q.sql}\n${JSON.stringify(q.parameters)}`;
    if (seen.has(key)) {
      out.push(`  ${head.slice(0, 100)}... (plan above)`);
      continue;
    }
    seen.add(key);
    try {
      const plan: Array<{ 'QUERY PLAN': string }> = await ds.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.parameters);
      const lines = plan.map((r) => r['QUERY PLAN']).filter((l) => PLAN_NODE.test(l));
      out.push(`  ${head}${q.sql.length > 160 ? '...' : ''}`, ...lines.map((l) => `    ${l.replace(/\(cost=[^)]*\)\s*/, '').trimEnd()}`));
    } catch (err) {
      out.push(`  ${head}`, `    (could not explain: ${(err as Error).message})`);
    }
  }
  return out;
}
