import type { DataSource } from 'typeorm';
import type { ProjectCaseInput } from '../workflows/common/case-projection';

export interface CaseProjectionDeps {
  dataSource: DataSource;
}

/**
 * Writes a case workflow's state into the read model. Idempotent: the case row only moves forward
 * (projection_seq guards against a late retry overwriting a newer state) and audit events are keyed
 * by (case_id, seq), so a retried activity never duplicates a row.
 */
export function createCaseProjectionActivities({ dataSource }: CaseProjectionDeps) {
  return {
    async projectCase({ row, projectionSeq, events }: ProjectCaseInput): Promise<void> {
      await dataSource.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO cases (id, kind, workflow_id, seller_id, marketplace, severity, category, summary, state,
                              team, assignee_id, breached, created_by, snapshot, projection_seq, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
           ON CONFLICT (id) DO UPDATE SET
             state = EXCLUDED.state, team = EXCLUDED.team, assignee_id = EXCLUDED.assignee_id,
             severity = EXCLUDED.severity, breached = cases.breached OR EXCLUDED.breached,
             snapshot = EXCLUDED.snapshot, projection_seq = EXCLUDED.projection_seq, updated_at = EXCLUDED.updated_at
           WHERE cases.projection_seq < EXCLUDED.projection_seq`,
          [
            row.caseId, row.kind, row.workflowId, row.sellerId, row.marketplace, row.severity, row.category,
            row.summary, row.state, row.team, row.assigneeId, row.breached, row.createdBy, JSON.stringify(row.snapshot),
            projectionSeq, new Date(row.createdAt), new Date(row.updatedAt),
          ],
        );
        for (const e of events) {
          await tx.query(
            `INSERT INTO case_events (case_id, seq, actor_id, actor_role, action, from_state, to_state, reason, details, occurred_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (case_id, seq) DO NOTHING`,
            [
              row.caseId, e.seq, e.actor.userId, e.actor.role, e.action, e.fromState, e.toState, e.reason ?? null,
              JSON.stringify(e.details ?? {}), new Date(e.at),
            ],
          );
        }
      });
    },
  };
}
