import type { DataSource, EntityManager } from 'typeorm';
import type { CaseDetailsRow, HandoffRow, ProjectCaseInput, ProjectHandoffInput, TaskRow } from '../workflows/common/case-projection';
import type { SlaClock } from '../workflows/common/sla-clock';
import { classified } from './failures';
import { writeNotices } from './notification.activities';

export interface CaseProjectionDeps {
  dataSource: DataSource;
}

const ts = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms));

/**
 * Writes case workflows' state into the read model. Idempotent: rows only move forward
 * (projection_seq guards against a late retry overwriting a newer state), and audit events are keyed
 * by (case_id, seq), so a retried activity never duplicates a row. Failures are classified (failures.ts):
 * a write the database refuses fails at once, a lost connection retries.
 */
export function createCaseProjectionActivities({ dataSource }: CaseProjectionDeps) {
  return {
    projectCase: ({ row, projectionSeq, events, tasks, clocks, newHandoffs = [], notices }: ProjectCaseInput): Promise<void> =>
      classified(() => dataSource.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO cases (id, kind, workflow_id, seller_id, marketplace, severity, summary, state, is_open,
                              team, assignee_id, breached, due_at, created_by, snapshot, projection_seq, created_at, updated_at,
                              resolved_at, closed_at, escalation_category, escalation_root_cause,
                              resolution_clock_status, resolution_deadline_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)
           ON CONFLICT (id) DO UPDATE SET
             state = EXCLUDED.state, is_open = EXCLUDED.is_open, team = EXCLUDED.team, assignee_id = EXCLUDED.assignee_id,
             severity = EXCLUDED.severity, breached = cases.breached OR EXCLUDED.breached, due_at = EXCLUDED.due_at,
             snapshot = EXCLUDED.snapshot, projection_seq = EXCLUDED.projection_seq, updated_at = EXCLUDED.updated_at,
             resolved_at = EXCLUDED.resolved_at, closed_at = EXCLUDED.closed_at,
             escalation_category = EXCLUDED.escalation_category, escalation_root_cause = EXCLUDED.escalation_root_cause,
             resolution_clock_status = EXCLUDED.resolution_clock_status, resolution_deadline_at = EXCLUDED.resolution_deadline_at
           WHERE cases.projection_seq < EXCLUDED.projection_seq`,
          [
            row.caseId, row.kind, row.workflowId, row.sellerId, row.marketplace, row.severity, row.summary, row.state, row.open,
            row.team, row.assigneeId, row.breached, ts(row.dueAt), row.createdBy, JSON.stringify(row.snapshot),
            projectionSeq, ts(row.createdAt), ts(row.updatedAt), ts(row.resolvedAt), ts(row.closedAt), ...escalationLabels(row.details),
            ...liveResolutionClock(clocks),
          ],
        );
        await upsertDetails(tx, row.caseId, row.details, projectionSeq);
        for (const e of events) {
          await tx.query(
            `INSERT INTO case_events (case_id, seq, actor_id, actor_role, action, from_state, to_state, reason, details, occurred_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (case_id, seq) DO NOTHING`,
            [
              row.caseId, e.seq, e.actor.userId, e.actor.role, e.action, e.fromState, e.toState, e.reason ?? null,
              JSON.stringify(e.details ?? {}), ts(e.at),
            ],
          );
        }
        for (const h of newHandoffs) await insertHandoff(tx, h, 0, 'DO NOTHING');
        await upsertTasks(tx, tasks, projectionSeq);
        for (const c of clocks) {
          await tx.query(
            `INSERT INTO sla_clocks (case_id, clock_id, kind, status, calendar_id, budget_ms, started_at, warn_at, deadline_at,
                                     warned, breached_at, stopped_at, clock, projection_seq)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
             ON CONFLICT (case_id, clock_id) DO UPDATE SET
               status = EXCLUDED.status, budget_ms = EXCLUDED.budget_ms, warn_at = EXCLUDED.warn_at,
               deadline_at = EXCLUDED.deadline_at, warned = EXCLUDED.warned, breached_at = EXCLUDED.breached_at,
               stopped_at = EXCLUDED.stopped_at, clock = EXCLUDED.clock, projection_seq = EXCLUDED.projection_seq
             WHERE sla_clocks.projection_seq < EXCLUDED.projection_seq`,
            [
              row.caseId, c.id, c.kind, c.status, c.calendarId, c.budgetMs, ts(c.startedAt), ts(c.warnAt), ts(c.deadlineAt),
              c.warned, ts(c.breachedAt), ts(c.stoppedAt), JSON.stringify(c), projectionSeq,
            ],
          );
        }
        await writeNotices(tx, notices);
      })),

    projectHandoff: ({ row, projectionSeq, tasks, notices }: ProjectHandoffInput): Promise<void> =>
      classified(() => dataSource.transaction(async (tx) => {
        await insertHandoff(tx, row, projectionSeq, 'UPDATE');
        await upsertTasks(tx, tasks, projectionSeq);
        await writeNotices(tx, notices);
      })),
  };
}

/**
 * The escalation's category and root cause the case row carries for the volume metric (migration
 * 1764165600000), written with the case row so it is not written twice; null for the other kinds.
 */
function escalationLabels(details: CaseDetailsRow): [category: string | null, rootCause: string | null] {
  return details.kind === 'escalation' ? [details.category, details.rootCause] : [null, null];
}

/**
 * The case's live resolution clock (migration 1764169200000), from every clock the workflow holds (each
 * kind projects all of its clocks): the latest started resolution clock not stopped and running,
 * paused or breached, the clock id breaking a tie; the same rule as the trigger on sla_clocks, which
 * then finds the case row equal and writes nothing. [status, deadline], or two nulls without one.
 */
export function liveResolutionClock(clocks: readonly SlaClock[]): [status: string | null, deadlineAt: Date | null] {
  let live: SlaClock | null = null;
  for (const c of clocks) {
    if (c.kind !== 'resolution' || c.stoppedAt != null || !LIVE_STATUSES.includes(c.status)) continue;
    if (!live || c.startedAt > live.startedAt || (c.startedAt === live.startedAt && c.id > live.id)) live = c;
  }
  return live ? [live.status, new Date(live.deadlineAt)] : [null, null];
}

const LIVE_STATUSES: readonly string[] = ['running', 'paused', 'breached'];

/** The kind's own row, in its own table, moved forward under the same sequence guard as the case. */
async function upsertDetails(tx: EntityManager, caseId: string, details: CaseDetailsRow, projectionSeq: number) {
  switch (details.kind) {
    case 'escalation':
      await tx.query(
        `INSERT INTO escalation_cases (case_id, taxonomy_version, category, source, trigger, enforcement_type, language,
                                       resolution_code, root_cause, upstream_team, reopen_count, projection_seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (case_id) DO UPDATE SET
           category = EXCLUDED.category, language = EXCLUDED.language, resolution_code = EXCLUDED.resolution_code,
           root_cause = EXCLUDED.root_cause, upstream_team = EXCLUDED.upstream_team, reopen_count = EXCLUDED.reopen_count,
           projection_seq = EXCLUDED.projection_seq
         WHERE escalation_cases.projection_seq < EXCLUDED.projection_seq`,
        [
          caseId, details.taxonomyVersion, details.category, details.source, details.trigger, details.enforcementType, details.language,
          details.resolutionCode, details.rootCause, details.upstreamTeam, details.reopenCount, projectionSeq,
        ],
      );
      return;
    case 'strategic_review':
      // The API reserved the row (seller, tier, playbook) before the workflow started; insert covers a review started otherwise.
      await tx.query(
        `INSERT INTO strategic_reviews (case_id, seller_id, tier, playbook_id, playbook_version, risk_score, risk_band, risk_model_version,
                                        decision, decision_status, outcome, is_open, statement_of_reasons, projection_seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (case_id) DO UPDATE SET
           risk_score = EXCLUDED.risk_score, risk_band = EXCLUDED.risk_band, risk_model_version = EXCLUDED.risk_model_version,
           decision = EXCLUDED.decision, decision_status = EXCLUDED.decision_status, outcome = EXCLUDED.outcome, is_open = EXCLUDED.is_open,
           statement_of_reasons = EXCLUDED.statement_of_reasons, projection_seq = EXCLUDED.projection_seq
         WHERE strategic_reviews.projection_seq < EXCLUDED.projection_seq`,
        [
          caseId, details.sellerId, details.tier, details.playbookId, details.playbookVersion, details.riskScore, details.riskBand,
          details.riskModelVersion, details.decision, details.decisionStatus, details.outcome, details.open,
          details.statementOfReasons ? JSON.stringify(details.statementOfReasons) : null, projectionSeq,
        ],
      );
      for (const g of details.policyGaps) {
        await tx.query(
          `INSERT INTO policy_gaps (id, case_id, case_kind, team, tag, question, status, flagged_by, flagged_at, due_at, decision, precedent,
                                    decided_by, decided_at, projection_seq)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
           ON CONFLICT (id) DO UPDATE SET
             team = EXCLUDED.team, status = EXCLUDED.status, due_at = EXCLUDED.due_at, decision = EXCLUDED.decision, precedent = EXCLUDED.precedent,
             decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at, projection_seq = EXCLUDED.projection_seq
           WHERE policy_gaps.projection_seq < EXCLUDED.projection_seq`,
          [
            g.id, g.caseId, g.caseKind, g.team, g.tag, g.question, g.status, g.flaggedBy, ts(g.flaggedAt), ts(g.dueAt), g.decision, g.precedent,
            g.decidedBy, ts(g.decidedAt), projectionSeq,
          ],
        );
      }
      return;
    case 'appeal':
      // The API reserved the row (seller, enforcement) before the workflow started; insert covers an appeal started otherwise.
      await tx.query(
        `INSERT INTO appeals (case_id, seller_id, enforcement_source, enforcement_ref, enforcement_type, enforcement_team, original_decision_makers,
                              is_active, decision, decision_status, reason_code, decided_by, decided_at, decided_by_human, enforcement_error,
                              error_upstream_team, error_note, outcome, info_requests, reinstated_at, reinstated_by, monitoring_until,
                              monitoring_result, restumbled_at, restumble_days, projection_seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)
         ON CONFLICT (case_id) DO UPDATE SET
           is_active = EXCLUDED.is_active, decision = EXCLUDED.decision, decision_status = EXCLUDED.decision_status, reason_code = EXCLUDED.reason_code,
           decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at, decided_by_human = EXCLUDED.decided_by_human,
           enforcement_error = EXCLUDED.enforcement_error, error_upstream_team = EXCLUDED.error_upstream_team, error_note = EXCLUDED.error_note,
           outcome = EXCLUDED.outcome, info_requests = EXCLUDED.info_requests, reinstated_at = EXCLUDED.reinstated_at, reinstated_by = EXCLUDED.reinstated_by,
           monitoring_until = EXCLUDED.monitoring_until, monitoring_result = EXCLUDED.monitoring_result, restumbled_at = EXCLUDED.restumbled_at,
           restumble_days = EXCLUDED.restumble_days, projection_seq = EXCLUDED.projection_seq
         WHERE appeals.projection_seq < EXCLUDED.projection_seq`,
        [
          caseId, details.sellerId, details.enforcementSource, details.enforcementRef, details.enforcementType, details.enforcementTeam,
          details.originalDecisionMakers, details.active, details.decision, details.decisionStatus, details.reasonCode, details.decidedBy,
          ts(details.decidedAt), details.decidedByHuman, details.enforcementError, details.errorUpstreamTeam, details.errorNote, details.outcome,
          details.infoRequests, ts(details.reinstatedAt), details.reinstatedBy, ts(details.monitoringUntil), details.monitoringResult,
          ts(details.restumbledAt), details.restumbleDays, projectionSeq,
        ],
      );
      return;
    case 'none':
      return;
  }
}

/** Inserts a handoff row; on conflict either leaves the existing row or moves it forward (seq-guarded). */
async function insertHandoff(tx: EntityManager, row: HandoffRow, projectionSeq: number, onConflict: 'DO NOTHING' | 'UPDATE') {
  const conflict =
    onConflict === 'DO NOTHING'
      ? 'DO NOTHING'
      : `DO UPDATE SET
           status = EXCLUDED.status, due_at = EXCLUDED.due_at, warn_at = EXCLUDED.warn_at, reminded_at = EXCLUDED.reminded_at,
           escalated_at = EXCLUDED.escalated_at, breached = handoffs.breached OR EXCLUDED.breached,
           outcome = EXCLUDED.outcome, notes = EXCLUDED.notes, citation = EXCLUDED.citation,
           answered_by = EXCLUDED.answered_by, answered_at = EXCLUDED.answered_at, projection_seq = EXCLUDED.projection_seq
         WHERE handoffs.projection_seq < EXCLUDED.projection_seq`;
  await tx.query(
    `INSERT INTO handoffs (id, case_id, case_kind, workflow_id, team, question, context, blocking, status, requested_by,
                           requested_at, due_at, reminded_at, escalated_at, breached, outcome, notes, citation,
                           answered_by, answered_at, projection_seq, warn_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
     ON CONFLICT (id) ${conflict}`,
    [
      row.id, row.caseId, row.caseKind, row.workflowId, row.team, row.question, JSON.stringify(row.context), row.blocking,
      row.status, row.requestedBy, ts(row.requestedAt), ts(row.dueAt), ts(row.remindedAt), ts(row.escalatedAt),
      row.breached, row.outcome, row.notes, row.citation, row.answeredBy, ts(row.answeredAt), projectionSeq, ts(row.warnAt),
    ],
  );
}

export async function upsertTasks(tx: EntityManager, tasks: TaskRow[], projectionSeq: number): Promise<void> {
  for (const t of tasks) {
    await tx.query(
      `INSERT INTO tasks (id, case_id, case_kind, kind, title, assignee_id, team, status, due_at, created_at, completed_at, projection_seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (id) DO UPDATE SET
         title = EXCLUDED.title, assignee_id = EXCLUDED.assignee_id, team = EXCLUDED.team, status = EXCLUDED.status,
         due_at = EXCLUDED.due_at, completed_at = EXCLUDED.completed_at, projection_seq = EXCLUDED.projection_seq
       WHERE tasks.projection_seq < EXCLUDED.projection_seq`,
      [
        t.id, t.caseId, t.caseKind, t.kind, t.title, t.assigneeId, t.team, t.status, ts(t.dueAt), ts(t.createdAt),
        ts(t.completedAt), projectionSeq,
      ],
    );
  }
}
