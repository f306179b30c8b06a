import type { DataSource } from 'typeorm';
import type { ProjectQaDecisionInput } from '../workflows/common/quality/qa-decision-row';
import { upsertTasks } from './case-projection.activities';
import { classified } from './failures';
import { writeNotices } from './notification.activities';

const ts = (ms: number | null) => (ms === null ? null : new Date(ms));
const json = (v: unknown) => (v === null ? null : JSON.stringify(v));

/** Writes a QA review's row and its tasks; rows only move forward (projection_seq), like every projection. */
export function createQaProjectionActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    projectQaDecision: ({ row, projectionSeq, tasks, notices }: ProjectQaDecisionInput): Promise<void> =>
      classified(() =>
        dataSource.transaction(async (tx) => {
          await tx.query(
            `INSERT INTO qa_decisions (id, case_id, decision_kind, team, maker_id, reviewer_id, mode, stratum, rate, sampled, status,
                                       maker_decision, reviewer_decision, correct_decision, error_types, adjudicated_by, decided_at, closed_at, projection_seq)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
             ON CONFLICT (id) DO UPDATE SET
               reviewer_id = EXCLUDED.reviewer_id, status = EXCLUDED.status, reviewer_decision = EXCLUDED.reviewer_decision,
               correct_decision = EXCLUDED.correct_decision, error_types = EXCLUDED.error_types, adjudicated_by = EXCLUDED.adjudicated_by,
               closed_at = EXCLUDED.closed_at, projection_seq = EXCLUDED.projection_seq
             WHERE qa_decisions.projection_seq < EXCLUDED.projection_seq`,
            [
              row.id, row.caseId, row.decisionKind, row.team, row.makerId, row.reviewerId, row.mode, row.stratum, row.rate, row.sampled, row.status,
              json(row.makerDecision), json(row.reviewerDecision), json(row.correctDecision), row.errorTypes, row.adjudicatedBy,
              ts(row.decidedAt), ts(row.closedAt), projectionSeq,
            ],
          );
          await upsertTasks(tx, tasks, projectionSeq);
          await writeNotices(tx, notices);
        }),
      ),
  };
}
