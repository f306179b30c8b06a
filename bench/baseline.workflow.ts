import type { UpdateDefinition } from '@temporalio/common';
import { allHandlersFinished, condition, defineUpdate, setHandler } from '@temporalio/workflow';

/**
 * The benchmark's yardstick: a workflow that takes the same updates as an escalation's lifecycle (the
 * create-time read, then claim, hand off, answer, resolve), with requests and replies of the same size,
 * and does nothing else: no activities, no timers, no child workflow. What Riskdesk costs beyond this is
 * the cost of its own work, measured on the same server and worker in the same run.
 */

export const BASELINE_WORKFLOW_TYPE = 'baselineWorkflow';

/** The four actions, each taking the same request as the escalation's update; `resolve` ends the workflow. */
export const BASELINE_ACTIONS = ['claim', 'handOff', 'answer', 'resolve'] as const;
export type BaselineAction = (typeof BASELINE_ACTIONS)[number];
/** `recorded` stands for the escalation's awaitRecorded, sent right after the start. */
export const BASELINE_STEPS = ['recorded', ...BASELINE_ACTIONS] as const;
export type BaselineStep = (typeof BASELINE_STEPS)[number];

export interface BaselineInput {
  /** Approximate JSON size of each reply, copied from Riskdesk's replies to the same step. */
  replyBytes: Record<BaselineStep, number>;
  /** Unused text as long as an escalation's input, so both starts carry as many bytes. */
  ballast: string;
}

export interface BaselineReply {
  step: BaselineStep;
  pad: string;
}

export const baselineRecordedUpdate = defineUpdate<BaselineReply>('baseline.recorded');
export const baselineActionUpdates = Object.fromEntries(
  BASELINE_ACTIONS.map((action) => [action, defineUpdate<BaselineReply, [unknown]>(`baseline.${action}`)]),
) as Record<BaselineAction, UpdateDefinition<BaselineReply, [unknown]>>;

/** `{"step":"","pad":""}` around the step name and the padding. */
const REPLY_OVERHEAD = 20;

export async function baselineWorkflow(input: BaselineInput): Promise<void> {
  let resolved = false;
  const reply = (step: BaselineStep): BaselineReply => ({
    step,
    pad: 'x'.repeat(Math.max(0, (input.replyBytes[step] ?? 0) - REPLY_OVERHEAD - step.length)),
  });
  setHandler(baselineRecordedUpdate, () => reply('recorded'));
  for (const action of BASELINE_ACTIONS) {
    setHandler(baselineActionUpdates[action], () => {
      if (action === 'resolve') resolved = true;
      return reply(action);
    });
  }
  await condition(() => resolved);
  await condition(allHandlersFinished);
}
