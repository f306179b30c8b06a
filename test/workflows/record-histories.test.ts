import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import fs from 'node:fs';
import path from 'node:path';
import { answerHandoffUpdate, handoffWorkflowId } from '../../workflows/handoff/handoff.contract';
import {
  acknowledgeUpdate,
  assignUpdate,
  awaitRecordedUpdate,
  escalationWorkflowId,
  getEscalationQuery,
  handOffUpdate,
  recordSellerResponseUpdate,
  renewLeaseUpdate,
  reopenUpdate,
  requestInfoUpdate,
  resolveUpdate,
  retriageUpdate,
} from '../../workflows/escalation/escalation.contract';
import type { escalationWorkflow } from '../../workflows/escalation/escalation.workflow';
import { HAND_BACK_WORKFLOW_TYPE, handBackWorkflowId } from '../../workflows/hand-back/hand-back.contract';
import type { handBackWorkflow } from '../../workflows/hand-back/hand-back.workflow';
import { actors, escalationInput } from '../support/escalation-fixtures';
import { eventually } from '../support/eventually';
import { createTimeSkippingContext, type TimeSkippingContext } from '../support/time-skipping';

/**
 * Runs representative case lifecycles and checks their outcomes. With RECORD_HISTORIES=1 it also
 * writes their event histories to test/replay/histories/, which the replay test replays against the
 * current workflow code: a change that breaks determinism for a recorded history fails `npm test`.
 * Re-record only for a deliberate, versioned change (see README: Changing a workflow).
 */
/**
 * Each recording is a new set beside the older ones, which stay and keep replaying. Bump this when a
 * deliberate change of the workflows calls for new histories (the older sets prove it was patched).
 */
const RECORDING_SET = '02-identity-risk-taxonomy';
const HISTORY_DIR = path.resolve(__dirname, '../replay/histories', RECORDING_SET);
const HOUR = 3_600_000;

describe('representative lifecycles (recorded as replay histories on demand)', () => {
  let ctx: TimeSkippingContext;
  beforeAll(async () => {
    ctx = await createTimeSkippingContext();
  });
  afterAll(() => ctx.close());

  async function save(name: string, workflowId: string) {
    if (process.env.RECORD_HISTORIES !== '1') return;
    const history = await ctx.env.client.workflow.getHandle(workflowId).fetchHistory();
    fs.mkdirSync(HISTORY_DIR, { recursive: true });
    fs.writeFileSync(path.join(HISTORY_DIR, `${name}.json`), JSON.stringify(JSON.parse(historyToJSON(history)), null, 1));
  }

  it('full lifecycle: assign, acknowledge, seller info, handoff answered, resolve, reopen, resolve, close', async () => {
    await ctx.run(async (taskQueue) => {
      const input = escalationInput({ severity: 'high', settings: { reopenWindowMs: 24 * HOUR } });
      const workflowId = escalationWorkflowId(input.caseId);
      const handle = await ctx.env.client.workflow.start<typeof escalationWorkflow>('escalationWorkflow', { taskQueue, workflowId, args: [input] });
      const created = await handle.executeUpdate(awaitRecordedUpdate);
      const me = created.assigneeId === 'ana' ? actors.ana : actors.chloe;
      await handle.executeUpdate(acknowledgeUpdate, { args: [{ actor: me }] });
      const now = await ctx.env.currentTimeMs();
      await handle.executeUpdate(requestInfoUpdate, { args: [{ actor: me, question: 'Invoices please', deadline: now + 48 * HOUR }] });
      await ctx.env.sleep(2 * HOUR);
      await handle.executeUpdate(recordSellerResponseUpdate, { args: [{ actor: me, summary: 'Invoices attached' }] });
      const handedOff = await handle.executeUpdate(handOffUpdate, { args: [{ actor: me, team: 'legal', question: 'Valid?' }] });
      const handoffId = handedOff.case.handoffs[0].id;
      await ctx.env.client.workflow
        .getHandle(handoffWorkflowId(handoffId))
        .executeUpdate(answerHandoffUpdate, { args: [{ actor: actors.lea, outcome: 'advise', notes: 'Ask for a plan', citation: 'Policy 7' }] });
      await eventually(() => handle.query(getEscalationQuery), (v) => v.state === 'in_progress');
      await handle.executeUpdate(resolveUpdate, { args: [{ actor: me, resolutionCode: 'seller_remediated', rootCause: 'seller_error' }] });
      await handle.executeUpdate(reopenUpdate, { args: [{ actor: me, reason: 'Seller relisted the items' }] });
      await handle.executeUpdate(acknowledgeUpdate, { args: [{ actor: me }] });
      await handle.executeUpdate(resolveUpdate, { args: [{ actor: me, resolutionCode: 'enforcement_upheld', rootCause: 'seller_bad_faith' }] });
      await ctx.env.sleep(25 * HOUR);
      const final = await handle.result();
      expect(final.state).toBe('closed');
      expect(final.case.reopenCount).toBe(1);
      await save('escalation-full-lifecycle', workflowId);
      await save('handoff-answered', handoffWorkflowId(handoffId));
    });
  });

  it('SLA breach: warning, automatic escalation, manager resolution', async () => {
    await ctx.run(async (taskQueue) => {
      const input = escalationInput({ severity: 'critical', settings: { reopenWindowMs: HOUR } });
      const workflowId = escalationWorkflowId(input.caseId);
      const handle = await ctx.env.client.workflow.start<typeof escalationWorkflow>('escalationWorkflow', { taskQueue, workflowId, args: [input] });
      await handle.executeUpdate(awaitRecordedUpdate);
      await ctx.env.sleep(2 * HOUR);
      const escalated = await handle.query(getEscalationQuery);
      expect(escalated.state).toBe('escalated_to_manager');
      await handle.executeUpdate(resolveUpdate, { args: [{ actor: actors.max, resolutionCode: 'enforcement_upheld', rootCause: 'seller_bad_faith' }] });
      await ctx.env.sleep(2 * HOUR);
      const final = await handle.result();
      expect(final.state).toBe('closed');
      expect(final.breached).toBe(true);
      await save('escalation-sla-breach', workflowId);
    });
  });

  it('unanswered handoff: reminder, escalation to the lead, cancelled when the case resolves', async () => {
    await ctx.run(async (taskQueue) => {
      // A lease longer than the wait: this scenario is about the handoff, not the holder's lease.
      const input = escalationInput({ severity: 'medium', settings: { reopenWindowMs: HOUR, claimLeaseMs: 7 * 24 * HOUR } });
      const workflowId = escalationWorkflowId(input.caseId);
      const handle = await ctx.env.client.workflow.start<typeof escalationWorkflow>('escalationWorkflow', { taskQueue, workflowId, args: [input] });
      const created = await handle.executeUpdate(awaitRecordedUpdate);
      const me = created.assigneeId === 'ana' ? actors.ana : actors.chloe;
      await handle.executeUpdate(acknowledgeUpdate, { args: [{ actor: me }] });
      const view = await handle.executeUpdate(handOffUpdate, {
        args: [{ actor: me, team: 'customer_trust', question: 'Buyer impact?', blocking: false }],
      });
      const handoffId = view.case.handoffs[0].id;
      await ctx.env.sleep(4 * 24 * HOUR);
      await handle.executeUpdate(resolveUpdate, { args: [{ actor: me, resolutionCode: 'no_violation_found', rootCause: 'automation_false_positive', upstreamTeam: 'spiv' }] });
      const child = await ctx.env.client.workflow.getHandle(handoffWorkflowId(handoffId)).result();
      expect(child.status).toBe('cancelled');
      expect(child.escalatedAt).not.toBeNull();
      await ctx.env.sleep(2 * HOUR);
      await handle.result();
      await save('escalation-handoff-cancelled', workflowId);
      await save('handoff-escalated-cancelled', handoffWorkflowId(handoffId));
    });
  });

  it('out-of-office hand-back: the absent member\'s case goes back to the queue in the manager\'s name', async () => {
    await ctx.run(async (taskQueue) => {
      const input = escalationInput({ severity: 'low' });
      const handle = await ctx.env.client.workflow.start<typeof escalationWorkflow>('escalationWorkflow', {
        taskQueue,
        workflowId: escalationWorkflowId(input.caseId),
        args: [input],
      });
      const created = await handle.executeUpdate(awaitRecordedUpdate);
      const holder = created.assigneeId!;
      const until = (await ctx.env.currentTimeMs()) + 48 * HOUR;
      const workflowId = handBackWorkflowId(holder, until);
      const progress = await ctx.env.client.workflow.execute<typeof handBackWorkflow>(HAND_BACK_WORKFLOW_TYPE, {
        taskQueue,
        workflowId,
        args: [{ userId: holder, markedBy: actors.max, outOfOfficeUntil: until, markedAt: until - 48 * HOUR }],
      });
      expect(progress.released).toEqual(expect.arrayContaining([expect.objectContaining({ caseId: input.caseId, state: 'queued' })]));
      const view = await handle.query(getEscalationQuery);
      expect(view).toMatchObject({ state: 'queued', assigneeId: null });
      await save('hand-back', workflowId);
      await handle.terminate('scenario finished');
    });
  });

  it('identity-risk case: queued, assigned by the manager, lease renewed then lapsed, re-triaged, resolved with the upstream team', async () => {
    await ctx.run(async (taskQueue) => {
      // A team with nobody on the roster: routing queues the case and only its manager can give it out.
      const team = 'identity-desk';
      const mo = { userId: 'mo', role: 'manager', team } as const;
      const ivy = { userId: 'ivy', role: 'specialist', team } as const;
      const input = escalationInput({
        team, severity: 'high', category: 'identity_verification_failure', source: 'account_management',
        trigger: 'automated_detection', enforcementType: 'verification_block', createdBy: mo,
        settings: { reopenWindowMs: HOUR, claimLeaseMs: 2 * HOUR },
      });
      const workflowId = escalationWorkflowId(input.caseId);
      const handle = await ctx.env.client.workflow.start<typeof escalationWorkflow>('escalationWorkflow', { taskQueue, workflowId, args: [input] });
      expect((await handle.executeUpdate(awaitRecordedUpdate)).state).toBe('queued');
      expect((await handle.executeUpdate(assignUpdate, { args: [{ actor: mo, assigneeId: 'ivy', reason: 'knows the seller' }] })).assigneeId).toBe('ivy');
      await handle.executeUpdate(acknowledgeUpdate, { args: [{ actor: ivy }] });
      await ctx.env.sleep(HOUR + HOUR / 2);
      await handle.executeUpdate(renewLeaseUpdate, { args: [{ actor: ivy }] });
      await ctx.env.sleep(HOUR);
      expect((await handle.query(getEscalationQuery)).assigneeId).toBe('ivy');
      await ctx.env.sleep(2 * HOUR);
      await eventually(async () => (await handle.query(getEscalationQuery)).state, (state) => state === 'queued');
      const retriaged = await handle.executeUpdate(retriageUpdate, { args: [{ actor: mo, severity: 'critical', reason: 'funds of 40 buyers at stake' }] });
      expect(retriaged.severity).toBe('critical');
      await handle.executeUpdate(assignUpdate, { args: [{ actor: mo, assigneeId: 'ivy' }] });
      await handle.executeUpdate(acknowledgeUpdate, { args: [{ actor: ivy }] });
      await handle.executeUpdate(resolveUpdate, {
        args: [{ actor: ivy, resolutionCode: 'enforcement_reversed', rootCause: 'automation_false_positive', upstreamTeam: 'spiv' }],
      });
      await ctx.env.sleep(2 * HOUR);
      const final = await handle.result();
      expect(final).toMatchObject({ state: 'closed', severity: 'critical', breached: false });
      await save('escalation-identity-risk', workflowId);
    });
  });
});
