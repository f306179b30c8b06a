import { temporal } from '@temporalio/proto';
import { SIGNALS_BEFORE_UPDATES_PATCH } from '../../workflows/common/runtime/patch-ids';
import {
  getEscalationQuery,
  handOffUpdate,
  resolveUpdate,
} from '../../workflows/escalation/escalation.contract';
import { handoffAnsweredSignal } from '../../workflows/handoff/handoff.contract';
import { actors, startAcknowledgedCase } from '../support/escalation-fixtures';
import { eventually } from '../support/eventually';
import { createIntegrationContext, type IntegrationContext } from '../support/harness';
import { patchMarkers } from '../support/history-markers';
import { recordHistory, SIGNALS_FIRST_SET } from '../support/record-history';

const EventType = temporal.api.enums.v1.EventType;

/**
 * A handoff's answer (a signal) and the holder's next action (an update) delivered in one workflow
 * task, as happens when they arrive while no worker holds the case (a worker restarting, or busy):
 * the update is judged on the case with the answer applied, as the holder saw it in the read model.
 * Before `case-signals-before-updates`, the answer waited for the runtime's loop and the update's
 * validator refused the resolution as if the case still waited on the handoff (the fault test's 409).
 */
describe('a signal and an update in one workflow task (real Temporal and PostgreSQL)', () => {
  let ctx: IntegrationContext;

  beforeAll(async () => {
    ctx = await createIntegrationContext();
  });
  afterAll(() => ctx?.close());

  it('applies the handoff answer before judging the resolution that follows it', async () => {
    const { handle, holder, input } = await startAcknowledgedCase(ctx.client, ctx.taskQueue);
    const waiting = await handle.executeUpdate(handOffUpdate, { args: [{ actor: holder, team: 'legal', question: 'Is the notice valid?' }] });
    expect(waiting.state).toBe('waiting_on_handoff');
    const handoffId = waiting.case.handoffs[0].id;

    // No worker: the answer and the resolution both wait on the server for the next workflow task.
    await ctx.stopWorker();
    await handle.signal(handoffAnsweredSignal, {
      handoffId, outcome: 'approve', notes: 'Valid notice', citation: null, answeredBy: actors.lea, answeredAt: Date.now(),
    });
    const resolution = handle.executeUpdate(resolveUpdate, {
      args: [{ actor: holder, resolutionCode: 'enforcement_upheld', rootCause: 'seller_bad_faith' }],
    });
    resolution.catch(() => undefined);
    // The update is admitted when the server has it; give it a moment before a worker polls again.
    await new Promise((r) => setTimeout(r, 1500));
    await ctx.startWorker();

    const resolved = await resolution;
    expect(resolved.state).toBe('resolved');
    expect((await handle.query(getEscalationQuery)).case.handoffs[0]).toMatchObject({ status: 'answered', answeredBy: 'lea' });

    // The scenario did put both in one workflow task: no task completed between the signal and the
    // update's acceptance (otherwise this test would prove nothing).
    const { events } = await handle.fetchHistory();
    const types = events!.map((e) => e.eventType);
    const signalled = types.indexOf(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED);
    const accepted = types.lastIndexOf(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED);
    expect(signalled).toBeGreaterThan(0);
    expect(accepted).toBeGreaterThan(signalled);
    const completedBetween = types.slice(signalled, accepted).filter((t) => t === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
    expect(completedBetween).toHaveLength(1);

    expect(patchMarkers({ events })).toContain(SIGNALS_BEFORE_UPDATES_PATCH);

    const trail = await eventually(
      () => ctx.dataSource.query(`SELECT action FROM case_events WHERE case_id = $1 ORDER BY seq`, [input.caseId]),
      (rows: { action: string }[]) => rows.some((r) => r.action === 'resolved'),
    );
    const actions = trail.map((r: { action: string }) => r.action);
    expect(actions.indexOf('handoff_answered')).toBeLessThan(actions.indexOf('resolved'));
    await recordHistory(ctx.client, SIGNALS_FIRST_SET, 'escalation-answer-and-resolution-in-one-task', handle.workflowId);
  });
});
