import { LIFECYCLES_SET, recordHistory } from '../support/record-history';
import * as c from '../../workflows/appeal/appeal.contract';
import type { appealWorkflow } from '../../workflows/appeal/appeal.workflow';
import { appealActors as a, appealInput, sellerActor } from '../support/appeal-fixtures';
import { eventually } from '../support/eventually';
import { createTimeSkippingContext, type TimeSkippingContext } from '../support/time-skipping';

/**
 * Representative appeal lifecycles, checked here and, with RECORD_HISTORIES=1, written to
 * test/replay/histories/<LIFECYCLES_SET> for the replay test (see record-histories.test.ts for the rules).
 */

describe('appeal lifecycles (recorded as replay histories on demand)', () => {
  let ctx: TimeSkippingContext;
  beforeAll(async () => {
    ctx = await createTimeSkippingContext();
  });
  afterAll(() => ctx.close());

  const save = (name: string, workflowId: string) => recordHistory(ctx.env.client, LIFECYCLES_SET, name, workflowId);

  async function start(taskQueue: string) {
    const input = appealInput();
    const handle = await ctx.env.client.workflow.start<typeof appealWorkflow>(c.APPEAL_WORKFLOW_TYPE, { taskQueue, workflowId: c.appealWorkflowId(input.caseId), args: [input] });
    const created = await handle.executeUpdate(c.awaitAppealRecordedUpdate);
    if (created.state === 'queued') await handle.executeUpdate(c.claimAppealUpdate, { args: [{ actor: a.dana }] });
    else {
      if (created.assigneeId !== 'dana') await handle.executeUpdate(c.reassignAppealUpdate, { args: [{ actor: a.mia, assigneeId: 'dana' }] });
      await handle.executeUpdate(c.acknowledgeAppealUpdate, { args: [{ actor: a.dana }] });
    }
    return { handle, input };
  }

  it('information requested and answered, then denied with a statement of reasons', async () => {
    await ctx.run(async (taskQueue) => {
      const { handle, input } = await start(taskQueue);
      await handle.executeUpdate(c.addAppealNoteUpdate, { args: [{ actor: a.dana, text: 'Invoices look genuine' }] });
      await handle.executeUpdate(c.requestAppealInfoUpdate, { args: [{ actor: a.dana, question: 'Send the audit', deadlineDays: 5 }] });
      await handle.executeUpdate(c.sellerRespondUpdate, { args: [{ actor: sellerActor(input.seller.sellerId), answer: 'Attached', evidence: ['audit.pdf'] }] });
      await handle.executeUpdate(c.decideAppealUpdate, { args: [{ actor: a.dana, decision: 'deny', reasonCode: 'evidence_insufficient', rationale: 'Partial audit', facts: 'The audit covers one market' }] });
      const result = await handle.result();
      expect(result.appeal).toMatchObject({ outcome: 'denied', statement: { decidedByHuman: true } });
      await save('appeal-info-answered-denied', handle.workflowId);
    });
  });

  it('reinstated through approval and the saga, then a restumble in the window', async () => {
    await ctx.run(async (taskQueue) => {
      const { handle } = await start(taskQueue);
      await handle.executeUpdate(c.decideAppealUpdate, {
        args: [{ actor: a.dana, decision: 'reinstate', reasonCode: 'enforcement_error', rationale: 'Valid passport', enforcementError: { upstreamTeam: 'SPIV', note: 'misread' } }],
      });
      await handle.executeUpdate(c.rejectReinstatementUpdate, { args: [{ actor: { userId: 'sam', role: 'senior_specialist', team: 'seller-risk-us' }, reasons: 'Attach the ID check' }] });
      await handle.executeUpdate(c.decideAppealUpdate, { args: [{ actor: a.dana, decision: 'reinstate', reasonCode: 'plan_of_action_accepted', rationale: 'Plan complete' }] });
      await handle.executeUpdate(c.approveReinstatementUpdate, { args: [{ actor: { userId: 'sam', role: 'senior_specialist', team: 'seller-risk-us' } }] });
      const watched = await eventually(() => handle.query(c.getAppealQuery), (v) => v.state === 'monitoring');
      await ctx.env.sleep(7 * 86_400_000);
      await handle.signal(c.restumbleSignal, { actor: { userId: 'enforcer', role: 'enforcement_system', team: 'enforcement' }, enforcementRef: 'ext-9', source: 'external', enforcementType: 'warning', reason: 'again' });
      const result = await handle.result();
      expect(result.appeal.monitoring).toMatchObject({ result: 'restumbled', restumble: { daysSinceReinstatement: 7 } });
      await save('appeal-reinstated-restumbled', handle.workflowId);
      await save('reinstatement-saga-applied', watched.appeal.reinstatements[0].workflowId);
    });
  });
});
