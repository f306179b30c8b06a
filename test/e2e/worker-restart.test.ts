import {
  recordSellerResponseUpdate,
  requestInfoUpdate,
  resolveUpdate,
} from '../../workflows/escalation/escalation.contract';
import { startAcknowledgedCase } from '../support/escalation-fixtures';
import { createIntegrationContext, type IntegrationContext } from '../support/harness';

describe('a worker restart in the middle of a case (real Temporal dev server, real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  beforeAll(async () => {
    ctx = await createIntegrationContext();
  });
  afterAll(() => ctx.close());

  it('loses nothing: the case waits, a new worker picks it up, the pending answer is applied once', async () => {
    const { handle, holder: me, input } = await startAcknowledgedCase(ctx.client, ctx.taskQueue);
    await handle.executeUpdate(requestInfoUpdate, {
      args: [{ actor: me, question: 'Proof of purchase', deadline: Date.now() + 72 * 3_600_000 }],
    });

    await ctx.stopWorker();
    // The seller answers while no worker runs: the update waits in Temporal, not in our process.
    const answer = handle.executeUpdate(recordSellerResponseUpdate, {
      args: [{ actor: me, summary: 'Receipts uploaded' }],
      updateId: `seller-response-${input.caseId}`,
    });
    await ctx.startWorker();
    const resumed = await answer;
    expect(resumed.state).toBe('in_progress');

    // A retry of the same request (same update id) is not applied twice.
    const again = await handle.executeUpdate(recordSellerResponseUpdate, {
      args: [{ actor: me, summary: 'Receipts uploaded' }],
      updateId: `seller-response-${input.caseId}`,
    });
    expect(again.case.counters.transitions).toBe(resumed.case.counters.transitions);

    const resolved = await handle.executeUpdate(resolveUpdate, {
      args: [{ actor: me, resolutionCode: 'seller_remediated', rootCause: 'seller_error' }],
    });
    expect(resolved.state).toBe('resolved');
    const [row] = await ctx.dataSource.query(
      `SELECT c.state, e.resolution_code FROM cases c JOIN escalation_cases e ON e.case_id = c.id WHERE c.id = $1`,
      [input.caseId],
    );
    expect(row).toEqual({ state: 'resolved', resolution_code: 'seller_remediated' });
    const actions = await ctx.dataSource.query(`SELECT action FROM case_events WHERE case_id = $1 ORDER BY seq`, [input.caseId]);
    expect(actions.map((a: { action: string }) => a.action)).toEqual([
      'created', 'triage_started', 'assigned', 'acknowledged', 'info_requested', 'seller_responded', 'resolved',
    ]);
    await handle.terminate('test finished');
  });
});
