import { proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { getHandBackQuery, OUT_OF_OFFICE_REASON, type HandBackInput, type HandBackProgress } from './hand-back.contract';

const { openCasesAssignedTo } = proxyActivities<Pick<Activities, 'openCasesAssignedTo'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** A release waits for the case to record it; a case whose worker is gone is reported after a bounded wait, not waited on forever. */
const { releaseCase } = proxyActivities<Pick<Activities, 'releaseCase'>>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '10 minutes',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Hands each open case of an absent member back to the queue, one at a time (each is an update to the
 * case's own workflow, which re-checks the marker's permission and records the release under their
 * name). A refused or unreachable case is reported and does not stop the others.
 */
export async function handBackWorkflow(input: HandBackInput): Promise<HandBackProgress> {
  const reason = `${OUT_OF_OFFICE_REASON} (marked by ${input.markedBy.userId})`;
  const progress: HandBackProgress = {
    handBackId: workflowInfo().workflowId,
    userId: input.userId,
    markedBy: input.markedBy.userId,
    reason,
    status: 'listing',
    total: 0,
    released: [],
    notReleased: [],
    startedAt: Date.now(),
    finishedAt: null,
  };
  setHandler(getHandBackQuery, () => progress);

  const cases = await openCasesAssignedTo(input.userId);
  progress.total = cases.length;
  progress.status = 'releasing';
  for (const c of cases) {
    const updateId = `${progress.handBackId}:${c.caseId}`;
    try {
      const outcome = await releaseCase({ target: c, actor: input.markedBy, reason, updateId, userId: input.userId });
      if (outcome.outcome === 'released') progress.released.push(outcome);
      else progress.notReleased.push(outcome);
    } catch (err) {
      progress.notReleased.push({ ...c, outcome: 'not_released', code: 'unavailable', reason: `the case could not be reached: ${(err as Error).message}` });
    }
  }
  progress.status = 'done';
  progress.finishedAt = Date.now();
  return progress;
}
