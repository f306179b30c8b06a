import { WorkflowUpdateFailedError } from '@temporalio/client';
import {
  acknowledgeUpdate,
  awaitRecordedUpdate,
  escalationWorkflowId,
  reassignUpdate,
  resolveUpdate,
} from '../../workflows/escalation/escalation.contract';
import type { escalationWorkflow } from '../../workflows/escalation/escalation.workflow';
import { SYSTEM_ACTOR } from '../../workflows/common/actor';
import { actors, escalationInput } from '../support/escalation-fixtures';
import { createIntegrationContext, type IntegrationContext } from '../support/harness';

/**
 * The workflow re-checks the permission table in its update validators: an update that reaches
 * Temporal without going through the API is refused all the same, and leaves the case unchanged.
 */
describe('permissions enforced inside the workflow (updates sent straight to Temporal)', () => {
  let ctx: IntegrationContext;
  beforeAll(async () => {
    ctx = await createIntegrationContext();
  });
  afterAll(() => ctx.close());

  it.each([
    ['legal acknowledging a case', acknowledgeUpdate, actors.lea, 'forbidden'],
    ['a specialist of another team acknowledging', acknowledgeUpdate, actors.ben, 'forbidden'],
    ['the operator acknowledging', acknowledgeUpdate, actors.olga, 'forbidden'],
    ['someone posing as the system', acknowledgeUpdate, SYSTEM_ACTOR, 'forbidden'],
  ] as const)('refuses %s', async (_what, update, actor, type) => {
    const input = escalationInput({ severity: 'high' });
    const handle = await ctx.client.workflow.start<typeof escalationWorkflow>('escalationWorkflow', {
      taskQueue: ctx.taskQueue,
      workflowId: escalationWorkflowId(input.caseId),
      args: [input],
    });
    const before = await handle.executeUpdate(awaitRecordedUpdate);
    const err = await handle.executeUpdate(update, { args: [{ actor }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((err as WorkflowUpdateFailedError).cause).toMatchObject({ type });
    const after = await handle.executeUpdate(awaitRecordedUpdate);
    expect(after.case.counters.transitions).toBe(before.case.counters.transitions);
    await handle.terminate('test finished');
  });

  it('refuses a specialist reassigning, and a resolve from a state that does not allow it, with reasons', async () => {
    const input = escalationInput({ severity: 'high' });
    const handle = await ctx.client.workflow.start<typeof escalationWorkflow>('escalationWorkflow', {
      taskQueue: ctx.taskQueue,
      workflowId: escalationWorkflowId(input.caseId),
      args: [input],
    });
    const view = await handle.executeUpdate(awaitRecordedUpdate);
    const me = view.assigneeId === 'ana' ? actors.ana : actors.chloe;

    const reassign = await handle
      .executeUpdate(reassignUpdate, { args: [{ actor: me, assigneeId: 'ana' }] })
      .catch((e: WorkflowUpdateFailedError) => e.cause);
    expect(reassign).toMatchObject({ type: 'forbidden', message: expect.stringMatching(/may not reassign/) });

    const resolve = await handle
      .executeUpdate(resolveUpdate, { args: [{ actor: me, resolutionCode: 'duplicate', rootCause: 'not_applicable' }] })
      .catch((e: WorkflowUpdateFailedError) => e.cause);
    expect(resolve).toMatchObject({ type: 'invalid_transition', message: expect.stringMatching(/not allowed while the case is assigned/) });
    await handle.terminate('test finished');
  });
});
