import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError, type QueryDefinition, type UpdateDefinition } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import type { Actor, CaseKind } from '../workflows/common/actor';
import { NOT_RECORDED } from '../workflows/common/refusal';
import { getEscalationQuery, releaseUpdate, type ReleaseRequest } from '../workflows/escalation/escalation.contract';
import type { CaseToRelease, ReleaseOutcome } from '../workflows/hand-back/hand-back.contract';
import { getReviewQuery, releaseReviewUpdate } from '../workflows/strategic-review/review.contract';
import { classified } from './failures';

export interface CaseReleaseDeps {
  dataSource: DataSource;
  temporal: Client;
}

/** Each kind's release message (the update that puts a case back in its team's queue) and its view. */
const RELEASES: Partial<Record<CaseKind, { update: UpdateDefinition<{ state: string }, [ReleaseRequest]>; view: QueryDefinition<{ state: string }> }>> = {
  escalation: { update: releaseUpdate, view: getEscalationQuery },
  strategic_review: { update: releaseReviewUpdate, view: getReviewQuery },
};

export interface ReleaseCaseInput {
  target: CaseToRelease;
  actor: Actor;
  reason: string;
  /** Idempotency: the same hand-back releasing the same case again is applied once. */
  updateId: string;
  /** Release only while the case is still theirs (it may have changed hands since it was listed). */
  userId: string;
}

/** What the out-of-office hand-back needs: the absent member's open cases, and one release at a time. */
export function createCaseReleaseActivities({ dataSource, temporal }: CaseReleaseDeps) {
  return {
    openCasesAssignedTo: (userId: string): Promise<CaseToRelease[]> =>
      classified(async () => {
        const rows: Array<{ id: string; kind: CaseKind; workflow_id: string }> = await dataSource.query(
          `SELECT id, kind, workflow_id FROM cases WHERE assignee_id = $1 AND is_open ORDER BY created_at, id`,
          [userId],
        );
        return rows.map((r) => ({ caseId: r.id, kind: r.kind, workflowId: r.workflow_id }));
      }),

    /**
     * Sends the case's release under the marker's identity. A refusal by the case (no permission, wrong
     * state, now held by someone else) is an outcome, not a failure; an unreachable case throws, so the
     * activity retries on the hand-back's bounded schedule.
     */
    async releaseCase({ target, actor, reason, updateId, userId }: ReleaseCaseInput): Promise<ReleaseOutcome> {
      const release = RELEASES[target.kind];
      if (!release) return { ...target, outcome: 'not_released', code: 'invalid_transition', reason: `${target.kind} cases cannot be released yet` };
      const handle = temporal.workflow.getHandle(target.workflowId);
      try {
        const view = await handle.executeUpdate(release.update, { args: [{ actor, reason, holder: userId }], updateId });
        return { ...target, outcome: 'released', state: view.state };
      } catch (err) {
        if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
          // Applied, and the case will record it by itself: released, as its own view says.
          if (err.cause.type === NOT_RECORDED) return { ...target, outcome: 'released', state: (await handle.query(release.view)).state };
          return { ...target, outcome: 'not_released', code: err.cause.type ?? 'conflict', reason: err.cause.message };
        }
        if (err instanceof WorkflowNotFoundError) return { ...target, outcome: 'not_released', code: 'not_found', reason: 'the case has no running workflow' };
        throw err;
      }
    },
  };
}
