import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createCaseProjectionActivities } from '../../activities/case-projection.activities';
import { fillReadModel } from '../../bench/read-fill';
import type { Actor } from '../../workflows/common/actor';
import type { CaseRow, HandoffRow } from '../../workflows/common/case-projection';
import type { SlaClock } from '../../workflows/common/sla-clock';
import { createScratchDatabase } from '../support/scratch-database';

const HOUR = 3_600_000;
const TEAMS = ['seller-risk-eu', 'seller-risk-us'];
const COUNT = 400;

/**
 * The read benchmark's fill (bench/read-fill.ts) from four template cases the real projection wrote:
 * every planned case is there with its rows, its escalation's category copied on the case row as the
 * projection would write it, and each table laid out in the order its rows were last written (as a
 * live read model lies; written in plan order, a team's index range switched visibility-map pages for
 * most of its entries).
 */
describe('bench:read fill (real PostgreSQL)', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ dataSource: ds, drop } = await createScratchDatabase('read_fill'));
    const project = createCaseProjectionActivities({ dataSource: ds }).projectCase;
    const t0 = Date.now() - 10 * HOUR;
    const actor: Actor = { userId: 'ana', role: 'specialist', team: TEAMS[0] };
    const templates = [0, 1, 2, 3].map(() => randomUUID());
    for (const [i, caseId] of templates.entries()) {
      const resolved = i === 3;
      const row: CaseRow = {
        caseId, kind: 'escalation', workflowId: `template-${caseId}`, sellerId: 'seller-t', marketplace: 'DE', severity: 'high', summary: 'template',
        state: resolved ? 'resolved' : 'in_progress', open: !resolved, team: TEAMS[0], assigneeId: 'ana', breached: false, dueAt: null, createdBy: 'ana',
        createdAt: t0, updatedAt: t0 + (i + 1) * HOUR, resolvedAt: resolved ? t0 + 4 * HOUR : null, closedAt: null, snapshot: {},
        details: {
          kind: 'escalation', taxonomyVersion: 2, category: 'fraud', source: null, trigger: null, enforcementType: null, language: 'en',
          resolutionCode: resolved ? 'seller_remediated' : null, rootCause: resolved ? 'seller_error' : null, upstreamTeam: null, reopenCount: 0,
        },
      };
      const clock = (id: 'first_response' | 'resolution', stoppedAt: number | null) =>
        ({
          id, kind: id, calendarId: 'always-on', status: stoppedAt === null ? 'running' : 'met', budgetMs: 8 * HOUR, consumedMs: 0, startedAt: t0,
          deadlineAt: t0 + 8 * HOUR, warnAt: t0 + 6 * HOUR, warningFraction: 0.75, warned: false, pauses: [], extensions: [],
          ...(stoppedAt === null ? { runningSince: t0 } : { stoppedAt, metAt: stoppedAt, stopOutcome: 'met' }),
        }) as unknown as SlaClock;
      const handoff: HandoffRow = {
        id: `${caseId}:h1`, caseId, caseKind: 'escalation', workflowId: `handoff-${caseId}`, team: 'legal', question: 'q', context: {}, blocking: true,
        status: 'open', requestedBy: 'ana', requestedAt: t0 + 2 * HOUR, dueAt: null, warnAt: null, remindedAt: null, escalatedAt: null, breached: false,
        outcome: null, notes: null, citation: null, answeredBy: null, answeredAt: null,
      };
      await project({
        row, projectionSeq: 1,
        events: [
          { seq: 0, actor, action: 'created', fromState: null, toState: 'new', at: t0 },
          { seq: 1, actor, action: 'claimed', fromState: 'new', toState: 'in_progress', at: t0 + HOUR },
        ],
        tasks: [{ id: `${caseId}:work`, caseId, caseKind: 'escalation', kind: 'work', title: 'work', assigneeId: 'ana', team: TEAMS[0], status: resolved ? 'done' : 'open', dueAt: null, createdAt: t0, completedAt: resolved ? t0 + 4 * HOUR : null }],
        clocks: [clock('first_response', t0 + HOUR), clock('resolution', resolved ? t0 + 4 * HOUR : null)],
        newHandoffs: i >= 2 ? [handoff] : [],
      });
    }
    await fillReadModel(ds, { open: templates.slice(0, 3), closed: templates[3] }, { count: COUNT, openEvery: 20, teams: TEAMS, membersPerTeam: 3, sellers: 50 }, () => undefined);
  }, 120_000);
  afterAll(() => drop?.());

  it('fills every planned case with its rows, the category copied on the case row', async () => {
    const [{ cases, open, escalations, differing }] = await ds.query(
      `SELECT count(*)::int AS cases, count(*) FILTER (WHERE c.is_open)::int AS open, count(e.case_id)::int AS escalations,
              count(*) FILTER (WHERE c.escalation_category IS DISTINCT FROM e.category OR c.escalation_root_cause IS DISTINCT FROM e.root_cause)::int AS differing
         FROM cases c LEFT JOIN escalation_cases e ON e.case_id = c.id WHERE c.workflow_id LIKE 'bench-fill/%'`,
    );
    expect({ cases, open, escalations, differing }).toEqual({ cases: COUNT, open: COUNT / 20, escalations: COUNT, differing: 0 });
    const [{ clocks, events }] = await ds.query(
      `SELECT (SELECT count(*)::int FROM sla_clocks s JOIN cases c ON c.id = s.case_id WHERE c.workflow_id LIKE 'bench-fill/%') AS clocks,
              (SELECT count(*)::int FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.workflow_id LIKE 'bench-fill/%') AS events`,
    );
    expect([clocks, events]).toEqual([2 * COUNT, 2 * COUNT]);
  });

  it("copies each case's live resolution clock as the trigger would compute it from the cloned clocks, and leaves the trigger on", async () => {
    const [{ live, differing }] = await ds.query(
      `SELECT count(k.case_id)::int AS live,
              count(*) FILTER (WHERE c.resolution_clock_status IS DISTINCT FROM k.status OR c.resolution_deadline_at IS DISTINCT FROM k.deadline_at)::int AS differing
         FROM cases c
         LEFT JOIN LATERAL (
           SELECT s.case_id, s.status, s.deadline_at FROM sla_clocks s
            WHERE s.case_id = c.id AND s.kind = 'resolution' AND s.stopped_at IS NULL AND s.status IN ('running', 'paused', 'breached')
            ORDER BY s.started_at DESC, s.clock_id COLLATE "C" DESC LIMIT 1) k ON true
        WHERE c.workflow_id LIKE 'bench-fill/%'`,
    );
    // The open cases come from templates with a running resolution clock; the closed from a resolved one.
    expect({ live, differing }).toEqual({ live: COUNT / 20, differing: 0 });
    const [{ tgenabled }] = await ds.query(`SELECT tgenabled FROM pg_trigger WHERE tgname = 'tr_sla_clocks_copy_resolution_clock'`);
    expect(tgenabled).toBe('O');
  });

  it.each([
    ['cases', 'GREATEST(t.updated_at, t.closed_at)', 't.id'],
    ['case_events', 't.occurred_at', 't.case_id'],
    ['tasks', 'COALESCE(t.completed_at, t.created_at)', 't.case_id'],
    ['sla_clocks', 'COALESCE(t.breached_at, t.stopped_at, t.started_at)', 't.case_id'],
    ['handoffs', 'COALESCE(t.answered_at, t.requested_at)', 't.case_id'],
  ])('lays %s out in the order its rows were last written', async (table, lastWritten, caseId) => {
    const [{ n, out_of_order }] = await ds.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE at < previous)::int AS out_of_order
         FROM (SELECT ${lastWritten} AS at, lag(${lastWritten}) OVER (ORDER BY t.ctid) AS previous
                 FROM ${table} t JOIN cases c ON c.id = ${caseId} WHERE c.workflow_id LIKE 'bench-fill/%') rows`,
    );
    expect(n).toBeGreaterThan(0);
    expect(out_of_order).toBe(0);
  });
});
