import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../../activities';
import type { CallableActivity } from './case-kind';

/**
 * How long the runtime lets each kind of side effect retry. Activities mark failures that cannot
 * succeed (bad data, a broken constraint) non-retryable, so those fail at once; the rest retry on a
 * bounded schedule, after which the runtime decides (see case-runtime.ts).
 */

/** Writes to the read model: an update waits on these, so they give up quickly and are retried later by the case. */
export const projection = proxyActivities<Pick<Activities, 'projectCase' | 'projectHandoff' | 'projectQaDecision'>>({
  startToCloseTimeout: '10 seconds',
  scheduleToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '5 seconds' },
});

/**
 * The same writes as local activities: run by the worker that holds the workflow task, recorded as a
 * marker when the task completes, with no activity task queued, polled and reported through the
 * server. Runs that start after the `case-projection-local` patch use these (see case-runtime.ts).
 */
export const localProjection = proxyLocalActivities<Pick<Activities, 'projectCase' | 'projectHandoff' | 'projectQaDecision'>>({
  startToCloseTimeout: '10 seconds',
  scheduleToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '5 seconds' },
});

/** Routing reads the roster; if it cannot, the case goes to its team's queue rather than waiting. */
export const routing = proxyActivities<Pick<Activities, 'assignCase'>>({
  startToCloseTimeout: '10 seconds',
  scheduleToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});

/** Notifications hold nobody up, so they may keep trying through a long outage. */
export const messaging = proxyActivities<Pick<Activities, 'notify'>>({
  startToCloseTimeout: '10 seconds',
  scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * Activities a machine calls for an answer (`call` effects, e.g. a risk assessment). A person usually
 * waits on the update that asked, so they give up within two minutes; the machine then learns of the
 * failure and the case goes on.
 */
export const calls = proxyActivities<Pick<Activities, CallableActivity>>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '15 seconds' },
});
