import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { readOnlyTransaction } from '../../db/read-only-transaction';
import type { ReadModelSnapshot } from './read-model-gauges';

/**
 * The counts behind the Prometheus gauges, in one read-only transaction under a statement timeout.
 * Each query is an index-only or small partial-index scan (ix_cases_kind_state, ix_cases_open_breached,
 * ix_sla_clocks_unstopped, ix_handoffs_team_open), so a scrape stays cheap on a large read model.
 */
@Injectable()
export class ReadModelRepository {
  constructor(private readonly dataSource: DataSource) {}

  snapshot(timeoutMs: number): Promise<ReadModelSnapshot> {
    return readOnlyTransaction(this.dataSource, timeoutMs, async (query) => {
      const cases: Array<{ kind: string; state: string; n: number }> = await query(
        `SELECT kind, state, count(*)::int AS n FROM cases GROUP BY kind, state`,
      );
      const openBreached: Array<{ kind: string; n: number }> = await query(
        `SELECT kind, count(*)::int AS n FROM cases WHERE is_open AND breached GROUP BY kind`,
      );
      const clocks: Array<{ clock: string; status: string; n: number; overdue: number }> = await query(
        `SELECT kind AS clock, status, count(*)::int AS n, count(*) FILTER (WHERE status = 'running' AND deadline_at < now())::int AS overdue
           FROM sla_clocks WHERE stopped_at IS NULL GROUP BY kind, status`,
      );
      const handoffs: Array<{ team: string; n: number; overdue: number }> = await query(
        `SELECT team, count(*)::int AS n, count(*) FILTER (WHERE due_at < now())::int AS overdue FROM handoffs WHERE status = 'open' GROUP BY team`,
      );
      const qa: Array<{ decision_kind: string; status: string; n: number }> = await query(
        `SELECT decision_kind, status, count(*)::int AS n FROM qa_decisions GROUP BY decision_kind, status`,
      );
      return {
        cases: cases.map((r) => ({ kind: r.kind, state: r.state, count: r.n })),
        openBreached: openBreached.map((r) => ({ kind: r.kind, count: r.n })),
        clocks: clocks.map((r) => ({ clock: r.clock, status: r.status, count: r.n, overdue: r.overdue })),
        handoffs: handoffs.map((r) => ({ team: r.team, open: r.n, overdue: r.overdue })),
        qa: qa.map((r) => ({ decisionKind: r.decision_kind, status: r.status, count: r.n })),
      };
    });
  }
}
