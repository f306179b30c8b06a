import { Client, Connection, WorkflowFailedError, WorkflowUpdateFailedError, type WorkflowClientInterceptor } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import { actorProofInterceptor, actorProofKeys } from '../../platform/actor-proof-client';
import { ACTOR_PROOF_HEADER, signMessage, proofKey } from '../../workflows/common/actor-proof/actor-proof';
import {
  acknowledgeUpdate,
  awaitRecordedUpdate,
  escalationWorkflowId,
  getEscalationQuery,
  handOffUpdate,
} from '../../workflows/escalation/escalation.contract';
import type { escalationWorkflow } from '../../workflows/escalation/escalation.workflow';
import { answerHandoffUpdate, handoffAnsweredSignal, handoffWorkflowId } from '../../workflows/handoff/handoff.contract';
import { workflowInterceptorModules, workflowsEntry } from '../../worker/worker';
import { actors, escalationInput } from '../support/escalation-fixtures';
import { eventually } from '../support/eventually';
import { required, TEST_ACTOR_PROOF_SECRET, TEST_ENV } from '../support/env';
import { createIntegrationContext, type IntegrationContext } from '../support/harness';

/**
 * Somebody with raw access to Temporal (no API, no secret) cannot act, start a case or answer a
 * handoff under anybody's name: every start, update and signal must carry the API's HMAC proof
 * (workflows/common/actor-proof). The worker bundle of this run holds TEST_ACTOR_PROOF_SECRET.
 */
describe('actor proofs: messages sent straight to Temporal without the secret are refused', () => {
  let ctx: IntegrationContext;
  let connection: Connection;
  /** An attacker's client: Temporal access, no secret. */
  let raw: Client;
  const clientWith = (interceptor: WorkflowClientInterceptor) => new Client({ connection, namespace: 'default', interceptors: { workflow: [interceptor] } });

  beforeAll(async () => {
    ctx = await createIntegrationContext();
    connection = await Connection.connect({ address: required(TEST_ENV.temporalAddress) });
    raw = new Client({ connection, namespace: 'default' });
  });
  afterAll(async () => {
    await connection.close();
    await ctx.close();
  });

  async function caseInProgress() {
    const input = escalationInput({ severity: 'high' });
    const handle = await ctx.client.workflow.start<typeof escalationWorkflow>('escalationWorkflow', {
      taskQueue: ctx.taskQueue,
      workflowId: escalationWorkflowId(input.caseId),
      args: [input],
    });
    const view = await handle.executeUpdate(awaitRecordedUpdate);
    const holder = view.assigneeId === 'ana' ? actors.ana : actors.chloe;
    await handle.executeUpdate(acknowledgeUpdate, { args: [{ actor: holder }] });
    return { input, handle, holder };
  }

  const refusal = (err: unknown) => (err instanceof WorkflowUpdateFailedError ? err.cause : err);

  it('refuses an update without a proof, with a wrong key, altered after signing, or too old; the case is unchanged', async () => {
    const { input, holder } = await caseInProgress();
    const id = escalationWorkflowId(input.caseId);
    const before = await ctx.client.workflow.getHandle(id).query(getEscalationQuery);
    const handOff = { actor: holder, team: 'legal' as const, question: 'Enforceable?', blocking: true };

    const unsigned = await raw.workflow.getHandle(id).executeUpdate(handOffUpdate, { args: [handOff] }).catch(refusal);
    expect(unsigned).toMatchObject({ type: 'forbidden', message: expect.stringMatching(/carries no proof that it comes from the Riskdesk API/) });

    const otherKey = clientWith(actorProofInterceptor(actorProofKeys('an-attacker-guess-at-the-secret-0123456789')));
    const wrongKey = await otherKey.workflow.getHandle(id).executeUpdate(handOffUpdate, { args: [handOff] }).catch(refusal);
    expect(wrongKey).toMatchObject({ type: 'forbidden', message: expect.stringMatching(/key this worker does not hold/) });

    // A proof the API made for one message, replayed on another (someone else as the actor).
    const key = proofKey(TEST_ACTOR_PROOF_SECRET);
    const altered = clientWith({
      startUpdate: (inp, next) => {
        const proof = signMessage(key, { kind: 'update', name: inp.updateName, workflowId: inp.workflowExecution.workflowId, args: inp.args }, Date.now());
        return next({ ...inp, args: [{ ...(inp.args[0] as object), actor: actors.max }], headers: { [ACTOR_PROOF_HEADER]: defaultPayloadConverter.toPayload(proof)! } });
      },
    });
    const tampered = await altered.workflow.getHandle(id).executeUpdate(handOffUpdate, { args: [handOff] }).catch(refusal);
    expect(tampered).toMatchObject({ type: 'forbidden', message: expect.stringMatching(/does not match the message/) });

    const stale = clientWith({
      startUpdate: (inp, next) => {
        const m = { kind: 'update' as const, name: inp.updateName, workflowId: inp.workflowExecution.workflowId, args: inp.args };
        return next({ ...inp, headers: { [ACTOR_PROOF_HEADER]: defaultPayloadConverter.toPayload(signMessage(key, m, Date.now() - 10 * 60_000))! } });
      },
    });
    const old = await stale.workflow.getHandle(id).executeUpdate(handOffUpdate, { args: [handOff] }).catch(refusal);
    expect(old).toMatchObject({ type: 'forbidden', message: expect.stringMatching(/older than 5 minutes/) });

    const after = await ctx.client.workflow.getHandle(id).query(getEscalationQuery);
    expect(after.case.counters.transitions).toBe(before.case.counters.transitions);
    expect(after.state).toBe('in_progress');
  });

  it('refuses to start a case without a proof: the workflow fails at once and nothing reaches the read model', async () => {
    const input = escalationInput({ severity: 'low', createdBy: actors.max });
    const handle = await raw.workflow.start<typeof escalationWorkflow>('escalationWorkflow', {
      taskQueue: ctx.taskQueue,
      workflowId: escalationWorkflowId(input.caseId),
      args: [input],
    });
    const err = await handle.result().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect((err as WorkflowFailedError).cause?.message).toMatch(/refused to start escalationWorkflow: it carries no proof/);
    const rows = await ctx.dataSource.query('SELECT id FROM cases WHERE id = $1', [input.caseId]);
    expect(rows).toEqual([]);
    await expectReplays(handle.workflowId);
  });

  it('drops a forged handoff answer signal; the real answer, signed by the handoff workflow, still reaches the case; both replay', async () => {
    const { input, handle, holder } = await caseInProgress();
    const view = await handle.executeUpdate(handOffUpdate, { args: [{ actor: holder, team: 'legal', question: 'Is it enforceable?', blocking: true }] });
    const handoffId = view.case.handoffs[0].id;
    expect(view.state).toBe('waiting_on_handoff');

    await raw.workflow.getHandle(handle.workflowId).signal(handoffAnsweredSignal, {
      handoffId,
      outcome: 'approve',
      notes: 'Forged: approved by "legal"',
      citation: null,
      answeredBy: actors.lea,
      answeredAt: Date.now(),
    });
    // The forged signal is processed (and dropped) before this query is answered: signals are handled in order.
    const afterForgery = await handle.query(getEscalationQuery);
    expect(afterForgery.state).toBe('waiting_on_handoff');
    expect(afterForgery.case.handoffs[0].status).toBe('open');

    await ctx.client.workflow.getHandle(handoffWorkflowId(handoffId)).executeUpdate(answerHandoffUpdate, {
      args: [{ actor: actors.lea, outcome: 'advise', notes: 'Enforceable in DE', citation: 'MarkenG §14' }],
    });
    const answered = await eventually(() => handle.query(getEscalationQuery), (v) => v.state === 'in_progress');
    expect(answered.case.handoffs[0]).toMatchObject({ status: 'answered', answeredBy: 'lea', outcome: 'advise' });
    await expectReplays(handle.workflowId);
    await handle.terminate('test finished');
    expect(input.caseId).toBeTruthy();
  });

  /** Replaying the recorded history with the interceptors (and no keys at all) re-judges nothing and diverges nowhere. */
  async function expectReplays(workflowId: string): Promise<void> {
    const history = await ctx.client.workflow.getHandle(workflowId).fetchHistory();
    await expect(
      Worker.runReplayHistory({ workflowsPath: workflowsEntry(), interceptors: { workflowModules: workflowInterceptorModules() } }, history, workflowId),
    ).resolves.toBeUndefined();
  }
});
