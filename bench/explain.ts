import type { DataSource } from 'typeorm';

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

const PLAN_NODE = /(Scan|Sort|Aggregate|Limit|Join|Nested Loop|Hash|Gather|Unique|Append|Execution Time|Rows Removed)/;

/**
 * EXPLAIN ANALYZE of each read the route ran, compacted to the nodes that say how rows were found
 * (which index or a sequential scan, sorts, rows thrown away) and the execution time.
 */
export async function explainQueries(ds: DataSource, queries: CapturedQuery[], seen = new Set<string>()): Promise<string[]> {
  const out: string[] = [];
  for (const q of queries) {
    if (!/^\s*(SELECT|WITH)/i.test(q.sql)) continue;
    const head = q.sql.replace(/\s+/g, ' ').slice(0, 160);
    // The sign-in's roster lookup and other queries every route shares: their plan once.
    if (seen.has(q.sql)) {
      out.push(`  ${head.slice(0, 100)}... (plan above)`);
      continue;
    }
    seen.add(q.sql);
    try {
      const plan: Array<{ 'QUERY PLAN': string }> = await ds.query(`EXPLAIN (ANALYZE, BUFFERS OFF) ${q.sql}`, q.parameters);
      const lines = plan.map((r) => r['QUERY PLAN']).filter((l) => PLAN_NODE.test(l));
      out.push(`  ${head}${q.sql.length > 160 ? '...' : ''}`, ...lines.map((l) => `    ${l.replace(/\(cost=[^)]*\)\s*/, '').trimEnd()}`));
    } catch (err) {
      out.push(`  ${head}`, `    (could not explain: ${(err as Error).message})`);
    }
  }
  return out;
}
