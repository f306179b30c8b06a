import { allHandlersFinished, ApplicationFailure, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import {
  cancelBulkUpdate,
  getBulkQuery,
  pauseBulkUpdate,
  resumeBulkUpdate,
  type BulkCaseRef,
  type BulkCaseResult,
  type BulkCommand,
  type BulkCommandRequest,
  type BulkOperationInput,
  type BulkState,
  type BulkView,
} from './bulk-operation.contract';
import { applyCommand, initialBulkState, nextChunk, recordResults, shouldContinueAsNew, viewOf } from './bulk-operation.machine';

const { recordBulkOperation } = proxyActivities<Pick<Activities, 'recordBulkOperation'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** One case's update waits for the case to record it; a case that cannot be reached is reported after a bounded wait. */
const { applyBulkAction } = proxyActivities<Pick<Activities, 'applyBulkAction'>>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '10 minutes',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Sends each selected case its normal update, a few at a time, recording each answer (done, or refused
 * with the case's reason); pause stops before the next chunk, resume goes on, cancel leaves the rest
 * unsent. Every change is written to the read model (bulk_operations), which the API reads. Long
 * batches continue as new with everything carried.
 */
export async function bulkOperationWorkflow(input: BulkOperationInput, carried?: BulkState): Promise<BulkView> {
  let state = carried ?? initialBulkState(Date.now());

  const command = (name: BulkCommand) => ({
    validator: (req: BulkCommandRequest) => {
      const outcome = applyCommand(input, state, name, req.actor, Date.now(), req.reason);
      if (!outcome.ok) throw ApplicationFailure.create({ type: outcome.code, message: outcome.reason, nonRetryable: true });
    },
    handler: (req: BulkCommandRequest): BulkView => {
      const outcome = applyCommand(input, state, name, req.actor, Date.now(), req.reason);
      if (!outcome.ok) throw ApplicationFailure.create({ type: outcome.code, message: outcome.reason, nonRetryable: true });
      state = outcome.state;
      return viewOf(input, state);
    },
  });
  for (const [def, name] of [[pauseBulkUpdate, 'pause'], [resumeBulkUpdate, 'resume'], [cancelBulkUpdate, 'cancel']] as const) {
    const { handler, validator } = command(name);
    setHandler(def, handler, { validator });
  }
  setHandler(getBulkQuery, () => viewOf(input, state));

  // -1: the first pass always records the batch, so the first case is sent in a later workflow task.
  // A pause or cancel that reached Temporal with the start (both in the first task) is then applied
  // before any case is sent, instead of after the first chunk the main loop had already begun.
  let projected = -1;
  const project = async () => {
    if (projected === state.version) return;
    const version = state.version;
    await recordBulkOperation({ view: viewOf(input, state), version });
    projected = version;
  };

  let handled = 0;
  for (;;) {
    await project();
    if (state.status === 'paused') {
      await condition(() => state.status !== 'paused' || state.version !== projected);
      continue;
    }
    if (state.status !== 'running') break;
    const chunk = nextChunk(input, state);
    const results = await Promise.all(chunk.map((target) => applyOne(input, target)));
    state = recordResults(input, state, results, Date.now());
    handled += chunk.length;
    if (shouldContinueAsNew(state, handled, workflowInfo().continueAsNewSuggested, input.casesPerRun)) {
      await project();
      await condition(allHandlersFinished);
      return continueAsNew<typeof bulkOperationWorkflow>(input, state);
    }
  }
  await project();
  await condition(allHandlersFinished);
  return viewOf(input, state);
}

async function applyOne(input: BulkOperationInput, target: BulkCaseRef): Promise<BulkCaseResult> {
  try {
    return await applyBulkAction({ operationId: input.operationId, actor: input.actor, action: input.action, target });
  } catch (err) {
    const reason = `the case could not be reached: ${(err as Error).message}`;
    return { caseId: target.caseId, kind: target.kind, outcome: 'refused', code: 'unavailable', reason, state: null, at: Date.now() };
  }
}
