import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createCaseProjectionActivities } from '../../activities/case-projection.activities';
import { migrate, MIGRATIONS } from '../../db/data-source';
import { MetricCaseDimensions1764158400000 } from '../../db/migrations/1764158400000-metric-case-dimensions';
import type { CaseRow, HandoffRow, ProjectCaseInput } from '../../workflows/common/case-projection';
import type { SlaClock } from '../../workflows/common/sla-clock';
import { createScratchDatabase } from '../support/scratch-database';

const HOUR = 3_600_000;

/**
 * The case's team, kind and severity each SLA clock and handoff carries for the metrics (migration
 * 1764158400000) through the real projection activities: equal to the case row as it stands after
 * every write, also when a retried write arrives late with an older team and severity.
 */
describe('case dimensions on clocks and handoffs (real PostgreSQL)', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  const t0 = Date.UTC(2026, 10, 2, 9);

  beforeAll(async () => {
    ({ dataSource: ds, drop } = await createScratchDatabase('case_dims'));
  });
  afterAll(() => drop?.());

  const caseId = randomUUID();
  const row = (team: string, severity: string, state: string): CaseRow => ({
    caseId, kind: 'appeal', workflowId: `appeal-${caseId}`, sellerId: 'seller-dims', marketplace: 'DE', severity, summary: 'dims',
    state, open: state !== 'closed', team, assigneeId: null, breached: false, dueAt: null, createdBy: 'dims', createdAt: t0, updatedAt: t0,
    resolvedAt: null, closedAt: state === 'closed' ? t0 + 2 * HOUR : null, snapshot: {}, details: { kind: 'none' },
  });
  const clock = (status: 'running' | 'met'): SlaClock => ({
    id: 'resolution', kind: 'resolution', calendarId: 'always-on', status, budgetMs: 8 * HOUR, consumedMs: 0, startedAt: t0, deadlineAt: t0 + 8 * HOUR,
    warnAt: t0 + 6 * HOUR, warningFraction: 0.75, warned: false, pauses: [], extensions: [],
    ...(status === 'met' ? { stoppedAt: t0 + 2 * HOUR, metAt: t0 + 2 * HOUR, stopOutcome: 'met' } : { runningSince: t0 }),
  }) as unknown as SlaClock;
  const handoff: HandoffRow = {
    id: `${caseId}:h1`, caseId, caseKind: 'appeal', workflowId: `handoff-${caseId}`, team: 'legal', question: 'q', context: {}, blocking: true,
    status: 'open', requestedBy: 'dims', requestedAt: t0 + HOUR, dueAt: null, warnAt: null, remindedAt: null, escalatedAt: null, breached: false,
    outcome: null, notes: null, citation: null, answeredBy: null, answeredAt: null,
  };
  const write = (input: Partial<ProjectCaseInput> & Pick<ProjectCaseInput, 'row' | 'projectionSeq'>) =>
    createCaseProjectionActivities({ dataSource: ds }).projectCase({ events: [], tasks: [], clocks: [], ...input });
  const dims = async () => {
    const [c] = await ds.query(`SELECT team, kind, severity FROM cases WHERE id = $1`, [caseId]);
    const clocks = await ds.query(`SELECT case_team AS team, case_kind AS kind, case_severity AS severity FROM sla_clocks WHERE case_id = $1`, [caseId]);
    const handoffs = await ds.query(`SELECT case_team AS team FROM handoffs WHERE case_id = $1`, [caseId]);
    return { c, clocks, handoffs };
  };

  it('copies the case row to its clocks and handoffs when they are written', async () => {
    await write({ row: row('team-a', 'high', 'in_progress'), projectionSeq: 1, clocks: [clock('running')], newHandoffs: [handoff] });
    expect(await dims()).toEqual({
      c: { team: 'team-a', kind: 'appeal', severity: 'high' },
      clocks: [{ team: 'team-a', kind: 'appeal', severity: 'high' }],
      handoffs: [{ team: 'team-a' }],
    });
  });

  it('follows a change of team and severity, and keeps it when an older write is retried late', async () => {
    await write({ row: row('team-b', 'critical', 'closed'), projectionSeq: 3, clocks: [clock('met')] });
    // The write of projection 2 arrives after 3 (a retry): the case row and the clock stay as 3 left them.
    await write({ row: row('team-a', 'low', 'in_progress'), projectionSeq: 2, clocks: [clock('running')] });
    expect(await dims()).toEqual({
      c: { team: 'team-b', kind: 'appeal', severity: 'critical' },
      clocks: [{ team: 'team-b', kind: 'appeal', severity: 'critical' }],
      handoffs: [{ team: 'team-b' }],
    });
    // The handoff workflow's own write of its row does not move it either.
    await createCaseProjectionActivities({ dataSource: ds }).projectHandoff({ row: { ...handoff, status: 'answered', outcome: 'approve', answeredBy: 'lea', answeredAt: t0 + 2 * HOUR }, projectionSeq: 2, tasks: [] });
    expect((await dims()).handoffs).toEqual([{ team: 'team-b' }]);
  });

  it("keeps each case's first response and first resolution when the events arrive out of order", async () => {
    const id = randomUUID();
    const other = { ...row('team-c', 'high', 'in_progress'), caseId: id, workflowId: `appeal-${id}` };
    const actor = { userId: 'spec', role: 'specialist' as const, team: 'team-c' };
    const event = (seq: number, action: string, toState: string, hours: number) => ({ seq, actor, action, fromState: null, toState, at: t0 + hours * HOUR });
    // The write with the later events lands first; the retried earlier write brings the first ones after it.
    await write({ row: other, projectionSeq: 5, events: [event(4, 'acknowledged', 'in_progress', 6), event(5, 'resolved', 'resolved', 8)] });
    await write({
      row: other,
      projectionSeq: 4,
      events: [event(0, 'created', 'new', 0), event(1, 'claimed', 'in_progress', 1), event(2, 'resolved', 'qa_hold', 3), event(3, 'qa_released', 'resolved', 5)],
    });
    const firsts = () =>
      ds.query(`SELECT metric, seq, occurred_at, case_team, case_kind, case_created_at FROM case_first_events WHERE case_id = $1 ORDER BY metric`, [id]);
    expect(await firsts()).toEqual([
      { metric: 'first_response', seq: 1, occurred_at: new Date(t0 + HOUR), case_team: 'team-c', case_kind: 'appeal', case_created_at: new Date(t0) },
      // The resolution held for QA (seq 2, left in qa_hold) is not one; its release (seq 3) is.
      { metric: 'resolution', seq: 3, occurred_at: new Date(t0 + 5 * HOUR), case_team: 'team-c', case_kind: 'appeal', case_created_at: new Date(t0) },
    ]);
    await write({ row: { ...other, team: 'team-d' }, projectionSeq: 6 });
    expect((await firsts()).map((f: { case_team: string }) => f.case_team)).toEqual(['team-d', 'team-d']);
  });

  it('backfills the rows written before the migration, and its down drops the copies', async () => {
    // Undo down to (and including) this migration; the ones after it come back with it.
    const later = MIGRATIONS.slice(MIGRATIONS.indexOf(MetricCaseDimensions1764158400000)).map((m) => m.name);
    for (let i = 0; i < later.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    const columns = async () =>
      (await ds.query(
        `SELECT table_name || '.' || column_name AS c FROM information_schema.columns
          WHERE table_schema = current_schema() AND (table_name, column_name) IN (('sla_clocks', 'case_team'), ('sla_clocks', 'case_kind'), ('sla_clocks', 'case_severity'), ('handoffs', 'case_team'))
          ORDER BY 1`,
      )).map((r: { c: string }) => r.c);
    expect(await columns()).toEqual([]);
    expect(await migrate(ds)).toEqual(later);
    expect(await columns()).toEqual(['handoffs.case_team', 'sla_clocks.case_kind', 'sla_clocks.case_severity', 'sla_clocks.case_team']);
    expect(await dims()).toEqual({
      c: { team: 'team-b', kind: 'appeal', severity: 'critical' },
      clocks: [{ team: 'team-b', kind: 'appeal', severity: 'critical' }],
      handoffs: [{ team: 'team-b' }],
    });
  });

  it('does not take a value written to the copies directly', async () => {
    await ds.query(`UPDATE sla_clocks SET case_team = 'elsewhere' WHERE case_id = $1`, [caseId]);
    await ds.query(`UPDATE handoffs SET case_team = 'elsewhere' WHERE case_id = $1`, [caseId]);
    expect(await dims()).toMatchObject({ clocks: [{ team: 'team-b' }], handoffs: [{ team: 'team-b' }] });
  });
});
