import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { Actor, Role } from '../../workflows/common/actor';
import { DEFAULT_SAMPLING_POLICY } from '../../workflows/common/quality/sampling-policy';
import { getQaReviewQuery, qaReviewWorkflowId, type QaStatementRequest } from '../../workflows/qa-review/qa-review.contract';
import type { qaReviewWorkflow } from '../../workflows/qa-review/qa-review.workflow';
import { eventually } from './eventually';
import { createScratchDatabase } from './scratch-database';
import { createTimeSkippingContext, type TimeSkippingContext } from './time-skipping';

/**
 * What the pre-release QA hold workflow tests (test/workflows/*-qa-hold.test.ts) share: the QA settings
 * a case starts with, a maker inside the new-starter window (sampled at 100% and held), roster actors,
 * the review's statements, the review once routed, and a time-skipping bed on a database of its own.
 */
const HOUR = 3_600_000;

/** The default sampling policy, with the hold's reminder at 4 h and escalation at 8 h. */
export const QA_HOLD_SETTINGS = { policy: DEFAULT_SAMPLING_POLICY, hold: { remindAfterMs: 4 * HOUR, escalateAfterMs: 8 * HOUR } };

/** A start date inside the policy's new-starter window: the maker's decision is sampled at 100% and held. */
export const newStarterDate = () => new Date(Date.now() - 7 * 24 * HOUR).toISOString().slice(0, 10);

/** A roster member as the actor of `team`, with the role the roster gives them. */
export async function memberActor(ds: DataSource, userId: string, team: string): Promise<Actor> {
  const [row] = await ds.query(`SELECT role FROM roster_members WHERE user_id = $1`, [userId]);
  return { userId, role: row.role as Role, team };
}

export const qaStatement = (actor: Actor, decision: string, reason: string): QaStatementRequest => ({ actor, decision, reason, processError: false, notes: `by ${actor.userId}` });

/** The QA review of a held decision, once routing has given it a reviewer or queued it. */
export async function routedQaReview(client: Client, reviewId: string) {
  const review = client.workflow.getHandle<typeof qaReviewWorkflow>(qaReviewWorkflowId(reviewId));
  const routed = await eventually(() => review.query(getQaReviewQuery), (v) => v.reviewerId !== null || v.queuedReason !== null, { timeoutMs: 40_000 });
  return { review, routed };
}

/**
 * A time-skipping context on a database of its own: the demo roster plus a second manager of `team`
 * (nora), so a disagreement one manager reviewed can be adjudicated by the other.
 */
export async function createQaHoldBed(name: string, team: string): Promise<{ ctx: TimeSkippingContext; close(): Promise<void> }> {
  const scratch = await createScratchDatabase(name);
  await scratch.dataSource.query(
    `INSERT INTO roster_members (user_id, display_name, role, team, skills, capacity, started_on) VALUES ('nora', 'Nora Manager', 'manager', $1, $2, 0, '2022-03-01')`,
    [team, JSON.stringify({ kinds: [], marketplaces: [], languages: [] })],
  );
  const ctx = await createTimeSkippingContext({ dataSource: scratch.dataSource });
  return {
    ctx,
    async close() {
      await ctx.close();
      await scratch.drop();
    },
  };
}
