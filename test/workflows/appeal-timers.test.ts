import type { WorkflowHandle } from '@temporalio/client';
import { days } from '../../workflows/appeal/appeal.contract';
import * as c from '../../workflows/appeal/appeal.contract';
import type { appealWorkflow } from '../../workflows/appeal/appeal.workflow';
import { appealActors as a, appealInput } from '../support/appeal-fixtures';
import { eventually } from '../support/eventually';
import { createTimeSkippingContext, type TimeSkippingContext } from '../support/time-skipping';

/**
 * The appeal's timers on Temporal's time-skipping server (real PostgreSQL for the read model): the
 * seller's deadline reminds before it and abandons the appeal when it passes; after a reinstatement the
 * 90-day window closes the appeal clean, or a restumble signalled within it closes it with the days
 * since reinstatement.
 */
describe('appeal timers (time-skipping server, real PostgreSQL)', () => {
  let ctx: TimeSkippingContext;
  beforeAll(async () => {
    ctx = await createTimeSkippingContext();
  });
  afterAll(() => ctx.close());

  type Handle = WorkflowHandle<typeof appealWorkflow>;

  /** Started against mia's enforcement and in review with dana (routing's choice, or reassigned to her). */
  async function inReview(taskQueue: string): Promise<Handle> {
    const input = appealInput();
    const handle = await ctx.env.client.workflow.start<typeof appealWorkflow>(c.APPEAL_WORKFLOW_TYPE, { taskQueue, workflowId: c.appealWorkflowId(input.caseId), args: [input] });
    const created = await handle.executeUpdate(c.awaitAppealRecordedUpdate);
    if (created.state === 'queued') await handle.executeUpdate(c.claimAppealUpdate, { args: [{ actor: a.dana }] });
    else {
      if (created.assigneeId !== 'dana') await handle.executeUpdate(c.reassignAppealUpdate, { args: [{ actor: a.mia, assigneeId: 'dana' }] });
      await handle.executeUpdate(c.acknowledgeAppealUpdate, { args: [{ actor: a.dana }] });
    }
    return handle;
  }

  /** Reinstated by dana and approved by sam, another senior specialist of the team (mia decided the enforcement). */
  async function monitoring(handle: Handle) {
    await handle.executeUpdate(c.decideAppealUpdate, { args: [{ actor: a.dana, decision: 'reinstate', reasonCode: 'plan_of_action_accepted', rationale: 'Plan complete' }] });
    await handle.executeUpdate(c.approveReinstatementUpdate, { args: [{ actor: { userId: 'sam', role: 'senior_specialist', team: 'seller-risk-us' } }] });
    return eventually(() => handle.query(c.getAppealQuery), (v) => v.state === 'monitoring');
  }

  const notices = (caseId: string, template: string) =>
    ctx.dataSource.query(`SELECT user_id, created_at FROM notifications WHERE case_id = $1 AND template = $2 ORDER BY user_id`, [caseId, template]) as Promise<Array<{ user_id: string }>>;

  it('reminds the seller three days before the deadline and abandons the appeal when it passes', async () => {
    await ctx.run(async (taskQueue) => {
      const handle = await inReview(taskQueue);
      const asked = await handle.executeUpdate(c.requestAppealInfoUpdate, { args: [{ actor: a.dana, question: 'Send the listing audit' }] });
      const { caseId, sellerId } = asked;
      expect(asked.appeal.infoRequests[0].deadlineAt - asked.appeal.infoRequests[0].requestedAt).toBe(days(17));

      await ctx.env.sleep(days(13));
      expect(await notices(caseId, 'appeal_info_reminder')).toEqual([]);
      await ctx.env.sleep(days(1) + 60_000);
      const reminded = await eventually(() => notices(caseId, 'appeal_info_reminder'), (rows) => rows.length > 0);
      expect(reminded.map((r) => r.user_id)).toEqual([`seller:${sellerId}`]);
      expect((await handle.query(c.getAppealQuery)).state).toBe('waiting_on_seller');

      await ctx.env.sleep(days(3));
      const result = await handle.result();
      expect(result).toMatchObject({ state: 'closed', appeal: { outcome: 'abandoned', infoRequests: [{ status: 'expired' }] } });
      const [row] = await ctx.dataSource.query(`SELECT c.state, c.is_open AS open, a.outcome, a.is_active FROM cases c JOIN appeals a ON a.case_id = c.id WHERE c.id = $1`, [caseId]);
      expect(row).toEqual({ state: 'closed', open: false, outcome: 'abandoned', is_active: false });
      expect((await notices(caseId, 'appeal_abandoned')).map((r) => r.user_id)).toEqual(['dana', `seller:${sellerId}`]);
    });
  });

  it('closes clean when the 90-day window passes without a new enforcement', async () => {
    await ctx.run(async (taskQueue) => {
      const handle = await inReview(taskQueue);
      const watched = await monitoring(handle);
      expect(watched.appeal.monitoring!.until - watched.appeal.monitoring!.startedAt).toBe(days(90));
      await ctx.env.sleep(days(89));
      expect((await handle.query(c.getAppealQuery)).state).toBe('monitoring');
      await ctx.env.sleep(days(1) + 60_000);
      const result = await handle.result();
      expect(result).toMatchObject({ state: 'closed', appeal: { outcome: 'reinstated', monitoring: { result: 'clean', restumble: null } } });
      const [row] = await ctx.dataSource.query(`SELECT monitoring_result, restumbled_at FROM appeals WHERE case_id = $1`, [result.caseId]);
      expect(row).toEqual({ monitoring_result: 'clean', restumbled_at: null });
    });
  });

  it('records a restumble 30 days after reinstatement, with the reinstating specialist', async () => {
    await ctx.run(async (taskQueue) => {
      const handle = await inReview(taskQueue);
      await monitoring(handle);
      await ctx.env.sleep(days(30) + 60_000);
      await handle.signal(c.restumbleSignal, { actor: { userId: 'enforcer', role: 'enforcement_system', team: 'enforcement' }, enforcementRef: 'ext-new', source: 'external', enforcementType: 'suspension', reason: 'counterfeit again' });
      const result = await handle.result();
      expect(result).toMatchObject({ state: 'closed', appeal: { outcome: 'reinstated', monitoring: { result: 'restumbled', restumble: { daysSinceReinstatement: 30, reinstatedBy: 'dana', enforcementRef: 'ext-new' } } } });
      const [row] = await ctx.dataSource.query(`SELECT monitoring_result, restumble_days, reinstated_by FROM appeals WHERE case_id = $1`, [result.caseId]);
      expect(row).toEqual({ monitoring_result: 'restumbled', restumble_days: 30, reinstated_by: 'dana' });
    });
  });
});
