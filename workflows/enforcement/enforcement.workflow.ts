import { ActivityFailure, ApplicationFailure, getExternalWorkflowHandle, log, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { getEnforcementQuery, type EnforcementInput, type EnforcementResult, type EnforcementStepResult } from './enforcement.contract';
import { COMPENSATIONS } from './enforcement-plan';

/**
 * A step the gateway refuses for good (non-retryable) or that keeps failing for ten minutes fails the
 * saga: the steps already applied are undone. The enforcement system is the marketplace's own, so a
 * short outage is ridden out rather than undoing a decision.
 */
const apply = proxyActivities<Pick<Activities, 'applyEnforcementStep'>>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Undoing must happen: it retries for a day before the saga reports the step it could not undo. */
const undo = proxyActivities<Pick<Activities, 'compensateEnforcementStep'>>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

function failureMessage(err: unknown): string {
  if (err instanceof ActivityFailure && err.cause) return err.cause.message;
  return err instanceof Error ? err.message : String(err);
}

/**
 * The enforcement saga: each step of the decision's plan through the enforcement gateway, in order,
 * each with its own idempotency key (`<enforcementId>/<step>`), so a retried activity or a replayed
 * saga never applies a step twice. When a step fails for good, the applied steps are compensated in
 * reverse order. The outcome is signalled to the case that started it.
 */
export async function enforcementWorkflow(input: EnforcementInput): Promise<EnforcementResult> {
  if (!input?.enforcementId || !Array.isArray(input.steps) || !input.parentWorkflowId) {
    throw ApplicationFailure.nonRetryable('refused to start the enforcement: enforcementId, steps and parentWorkflowId are required', 'invalid_input');
  }
  const steps: EnforcementStepResult[] = input.steps.map((s) => ({ step: s.step, status: 'pending', actionId: null, error: null, at: null }));
  setHandler(getEnforcementQuery, () => steps);
  let failure: string | null = null;

  for (const [i, planned] of input.steps.entries()) {
    try {
      const action = await apply.applyEnforcementStep({
        idempotencyKey: `${input.enforcementId}/${planned.step}`,
        enforcementId: input.enforcementId,
        caseId: input.caseId,
        sellerId: input.sellerId,
        marketplace: input.marketplace,
        decision: input.decision,
        step: planned.step,
        params: planned.params,
        requestedBy: input.requestedBy,
        ...(planned.step === 'notify_seller' ? { statement: input.statement } : {}),
      });
      steps[i] = { ...steps[i], status: 'applied', actionId: action.actionId, at: Date.now() };
    } catch (err) {
      failure = `${planned.step} failed: ${failureMessage(err)}`;
      steps[i] = { ...steps[i], status: 'failed', error: failureMessage(err), at: Date.now() };
      break;
    }
  }

  if (failure) {
    for (let i = steps.length - 1; i >= 0; i--) {
      const done = steps[i];
      if (done.status !== 'applied' || !done.actionId) continue;
      if (COMPENSATIONS[done.step] === null) continue;
      try {
        await undo.compensateEnforcementStep({ actionId: done.actionId, idempotencyKey: `${done.actionId}/compensate`, reason: failure });
        steps[i] = { ...done, status: 'compensated', at: Date.now() };
      } catch (err) {
        log.error('an enforcement step could not be undone', { actionId: done.actionId, error: failureMessage(err) });
        steps[i] = { ...done, status: 'compensation_failed', error: failureMessage(err), at: Date.now() };
      }
    }
  }

  const result: EnforcementResult = { enforcementId: input.enforcementId, outcome: failure ? 'compensated' : 'applied', steps, failure };
  await getExternalWorkflowHandle(input.parentWorkflowId).signal(input.resultSignalName, result);
  return result;
}
