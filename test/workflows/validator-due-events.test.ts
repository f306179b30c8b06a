import { temporal } from '@temporalio/proto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { getEscalationQuery, resolveUpdate } from '../../workflows/escalation/escalation.contract';
import { escalationInput, startAcknowledgedCase } from '../support/escalation-fixtures';
import { createIntegrationContext, type IntegrationContext } from '../support/harness';

const EventType = temporal.api.enums.v1.EventType;
const LEASE_MS = 4_000;

/**
 * An update judged at an instant when something is due that no workflow task has applied yet: the
 * holder's lease lapses while no worker holds the case, and the holder's resolution arrives after. The
 * validator judges the case with what is due applied (the lease lapsed: the case is back in the
 * queue), as the handler would, so the update is rejected before it is accepted: nothing of it is in
 * the history. Before, the validator judged the case without it, accepted, and the handler refused.
 */
describe('an update judged after what is due (real Temporal and PostgreSQL)', () => {
  let ctx: IntegrationContext;

  beforeAll(async () => {
    ctx = await createIntegrationContext();
  });
  afterAll(() => ctx?.close());

  it('rejects the holder\'s resolution after the lease lapsed unseen, without accepting it first', async () => {
    const { handle, holder } = await startAcknowledgedCase(ctx.client, ctx.taskQueue, escalationInput({ severity: 'high', settings: { claimLeaseMs: LEASE_MS } }));
    const acknowledgedAt = Date.now();
    await ctx.stopWorker();
    const stoppedAt = Date.now();
    // Past the lease, with no worker to see it lapse.
    await new Promise((r) => setTimeout(r, Math.max(0, acknowledgedAt + LEASE_MS + 1_000 - Date.now())));
    const resolution = handle.executeUpdate(resolveUpdate, { args: [{ actor: holder, resolutionCode: 'enforcement_upheld', rootCause: 'seller_bad_faith' }] });
    resolution.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 1_500));
    await ctx.startWorker();

    const refusal = await resolution.then(() => null, (err: unknown) => err);
    expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
    const view = await handle.query(getEscalationQuery);
    expect(view.state).toBe('queued');
    expect(view.case.assigneeId).toBeNull();

    const { events } = await handle.fetchHistory();
    const at = (e: temporal.api.history.v1.IHistoryEvent) => Number(e.eventTime!.seconds) * 1000 + Math.floor((e.eventTime!.nanos ?? 0) / 1e6);
    // The lease's timer fired while the worker was stopped (otherwise the case was queued before the update came, and this proves nothing).
    const leaseFired = events!.filter((e) => e.eventType === EventType.EVENT_TYPE_TIMER_FIRED).map(at);
    expect(leaseFired.some((t) => t > stoppedAt)).toBe(true);
    // Accepted: only the two updates of startAcknowledgedCase (awaitRecorded, acknowledge); the resolution never was.
    expect(events!.filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)).toHaveLength(2);
  });
});
