import type { DataSource } from 'typeorm';

/**
 * Fills the read model with `count` cases in bulk SQL (generate_series), cloned from a few template
 * cases that real workflows wrote through the API: every row a mapper reads is one the projection
 * really writes, only the ids, owners and times differ. One in `openEvery` cases is open (created in
 * the last 30 days, in a template's open state); the rest are closed, spread over three years.
 */

export interface FillTemplates {
  /** Open templates (queued, in progress, waiting on a handoff), cycled over the open cases. */
  open: string[];
  /** A resolved case, for the closed ones. */
  closed: string;
}

export interface FillShape {
  count: number;
  openEvery: number;
  /** Seller-risk teams the cases are spread over, and members per team (`fill-<team>-<k>`). */
  teams: string[];
  membersPerTeam: number;
  sellers: number;
}

/** Template columns copied as they are, unless overridden here; timestamps move with the case's creation. */
type Overrides = Record<string, string>;

export const fillMemberId = (team: string, k: number) => `fill-${team}-${k}`;

/** Each filled escalation's category, spread over five. */
const CATEGORY = `(ARRAY['counterfeit','fraud','prohibited_item','ip_complaint','account_takeover'])[1 + f.n % 5]`;

export async function fillReadModel(ds: DataSource, t: FillTemplates, shape: FillShape, log: (msg: string) => void): Promise<void> {
  const time = async (what: string, sql: string, params: unknown[] = []) => {
    const t0 = Date.now();
    await ds.query(sql, params);
    log(`${what} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };
  await time(
    'roster',
    `INSERT INTO roster_members (user_id, display_name, email, role, team, skills, capacity, active, team_lead)
     SELECT 'fill-' || team || '-' || k, 'Fill ' || k, 'fill-' || team || '-' || k || '@bench.riskdesk.example', 'specialist', team,
            '{"kinds":["escalation"],"marketplaces":[],"languages":["en"]}'::jsonb, 0, true, false
       FROM unnest($1::text[]) team CROSS JOIN generate_series(0, $2 - 1) k`,
    [shape.teams, shape.membersPerTeam],
  );
  // One row per new case: its id, template, owner and creation time; the tables below join it.
  // Consecutive open cases go to each team in turn with the same template, so every team gets every open state.
  await time(
    `plan of ${shape.count} cases`,
    `CREATE UNLOGGED TABLE bench_fill AS
     SELECT g AS n, gen_random_uuid() AS id, open,
            CASE WHEN open THEN ($1::uuid[])[1 + (g / ($3 * cardinality($5::text[]))) % cardinality($1::uuid[])] ELSE $2::uuid END AS tpl,
            ($5::text[])[1 + g % cardinality($5::text[])] AS team,
            abs(hashint4(g)) % $6 AS member,
            CASE WHEN open THEN now() - make_interval(mins => (g % 43200)::int)
                 ELSE now() - interval '31 days' - make_interval(mins => ((g::bigint * 1532160) / $4)::int) END AS created_at
       FROM generate_series(1, $4) g, LATERAL (SELECT g % $3 = 0 AS open) o`,
    [t.open, t.closed, shape.openEvery, shape.count, shape.teams, shape.membersPerTeam],
  );
  await ds.query(`CREATE INDEX ON bench_fill (tpl)`);
  const assignee = (col: string) => `CASE WHEN t.${col} IS NULL THEN NULL ELSE 'fill-' || f.team || '-' || f.member END`;
  await clone(ds, time, 'cases', 'id', {
    id: 'f.id',
    workflow_id: `'bench-fill/' || f.id`,
    seller_id: `'fill-seller-' || (f.n % ${shape.sellers})`,
    team: 'f.team',
    assignee_id: assignee('assignee_id'),
    // Hashed, not f.n % 4: the open cases are every `openEvery`-th, and a modulus would give them all one severity.
    severity: `(ARRAY['low','medium','high','critical'])[1 + abs(hashint4(f.n + 1)) % 4]`,
    state: `CASE WHEN f.open THEN t.state ELSE 'closed' END`,
    is_open: 'f.open',
    breached: 'abs(hashint4(f.n + 2)) % 17 = 0',
    closed_at: `CASE WHEN f.open THEN NULL ELSE f.created_at + interval '20 days' END`,
    // The case row's copy of its category (as the projection writes it): the trigger then finds it equal and writes nothing.
    escalation_category: CATEGORY,
  }, 'GREATEST(updated_at, closed_at)');
  // Written with its case row, whose creation is the one instant it has.
  await clone(ds, time, 'escalation_cases', 'case_id', { case_id: 'f.id', category: CATEGORY }, '(SELECT c.updated_at FROM cases c WHERE c.id = cloned.case_id)');
  await clone(ds, time, 'case_events', 'case_id', { case_id: 'f.id', actor_id: `CASE WHEN t.actor_role = 'specialist' THEN 'fill-' || f.team || '-' || f.member ELSE t.actor_id END` }, 'occurred_at');
  await clone(ds, time, 'tasks', 'case_id', {
    id: `f.id || ':' || t.id`,
    case_id: 'f.id',
    assignee_id: assignee('assignee_id'),
    team: `CASE WHEN t.team = tc.team THEN f.team ELSE t.team END`,
    status: `CASE WHEN NOT f.open AND t.status = 'open' THEN 'done' ELSE t.status END`,
  }, 'COALESCE(completed_at, created_at)');
  // Each case row already carries its live resolution clock, copied from its template's row with the
  // times moved like the clocks' (closed cases come from a resolved template, whose clocks are stopped):
  // the trigger that keeps that copy (migration 1764169200000) would look each clock's case up to find
  // it equal, a million lookups, so it is off while the clocks are cloned.
  await ds.query(`ALTER TABLE sla_clocks DISABLE TRIGGER tr_sla_clocks_copy_resolution_clock`);
  try {
    await clone(ds, time, 'sla_clocks', 'case_id', {
      case_id: 'f.id',
      status: `CASE WHEN NOT f.open AND t.status IN ('running', 'paused') THEN 'met' ELSE t.status END`,
    }, 'COALESCE(breached_at, stopped_at, started_at)');
  } finally {
    await ds.query(`ALTER TABLE sla_clocks ENABLE TRIGGER tr_sla_clocks_copy_resolution_clock`);
  }
  await clone(ds, time, 'handoffs', 'case_id', {
    id: `f.id || ':' || t.id`,
    case_id: 'f.id',
    workflow_id: `'bench-fill/' || f.id || '/' || t.id`,
  }, 'COALESCE(answered_at, requested_at)');
  await ds.query(`DROP TABLE bench_fill`);
  await time('VACUUM ANALYZE', `VACUUM ANALYZE`);
  // An index-only scan reads the table's page for every row on a page VACUUM has not marked all-visible,
  // so how much of each table is marked decides whether the metric plans below are index-only in fact.
  const marked: Array<{ relname: string; pages: number; visible: number }> = await ds.query(
    `SELECT relname, relpages AS pages, relallvisible AS visible FROM pg_class WHERE relname = ANY($1::text[]) AND relkind = 'r' ORDER BY relname`,
    [['cases', 'escalation_cases', 'case_events', 'case_first_events', 'tasks', 'sla_clocks', 'handoffs']],
  );
  log(`pages marked all-visible: ${marked.map((r) => `${r.relname} ${r.visible}/${r.pages}`).join(', ')}`);
  // The fill leaves gigabytes written but not yet on disk (2 GB dirty in the page cache when the timing
  // began at a million cases, written out during the first routes): a checkpoint writes them out first,
  // so the routes are timed on a read model at rest. It needs a superuser or pg_checkpoint.
  try {
    await time('CHECKPOINT', 'CHECKPOINT');
  } catch (err) {
    log(`no CHECKPOINT (${(err as Error).message}): the first routes may be timed while the fill is written out`);
  }
}

/**
 * INSERT ... SELECT of every template row of `table` once per planned case: overridden columns take
 * their expression, timestamp columns move by the case's new creation time, the rest are copied
 * (except those the database generates). Rows go in in the order of `lastWritten` (an expression of
 * the new row's columns: when the projection last wrote it), so the table lies as a live read model's
 * does, where a row's current version was written at its latest change: written in plan order, one
 * team's clocks decided in 12 weeks lay in two halves of the table and their index range switched
 * visibility-map pages 32,022 times for 42,659 entries (31,347 buffers for an index-only scan).
 */
async function clone(
  ds: DataSource,
  time: (what: string, sql: string) => Promise<void>,
  table: string,
  caseColumn: string,
  overrides: Overrides,
  lastWritten: string,
): Promise<void> {
  const columns: Array<{ column_name: string; data_type: string }> = await ds.query(
    // Columns the database fills itself (case_events.feed_id, GENERATED ALWAYS AS IDENTITY) take no value.
    `SELECT column_name, data_type FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = $1 AND identity_generation IS DISTINCT FROM 'ALWAYS' AND is_generated = 'NEVER'
      ORDER BY ordinal_position`,
    [table],
  );
  const select = columns.map(({ column_name: c, data_type: type }) => {
    if (c in overrides) return overrides[c];
    if (type === 'timestamp with time zone') return `f.created_at + (t.${c} - tc.created_at)`;
    return `t.${c}`;
  });
  const names = columns.map((c) => c.column_name).join(', ');
  await time(
    `${table}`,
    `INSERT INTO ${table} (${names})
     SELECT ${names} FROM (
       SELECT ${select.map((expr, i) => `${expr} AS ${columns[i].column_name}`).join(', ')}
         FROM bench_fill f JOIN ${table} t ON t.${caseColumn} = f.tpl JOIN cases tc ON tc.id = f.tpl
     ) cloned ORDER BY ${lastWritten}`,
  );
  // Statistics for the table as it now is, as autovacuum would gather them on a growing table (it is off
  // on some machines). ANALYZE also drops plans cached for the table when it held the four templates:
  // the activities' connections ran the triggers then, and a cached plan of the escalation trigger's
  // lookup in `cases` by id, made for four rows, sequentially scanned a million for each escalation.
  await time(`ANALYZE ${table}`, `ANALYZE ${table}`);
}
