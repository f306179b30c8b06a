import { WorkflowFailedError } from '@temporalio/client';
import { createTimeSkippingContext, type TimeSkippingContext } from '../support/time-skipping';
import type { stackFramesProbe } from './stack-frames/probe.workflow';

interface SeenStacks {
  /** The `__stack_trace` query's answer while the probe waits. */
  query: string;
  /** The stack the probe's failure carried to the client. */
  failure: string;
}

/** Runs the probe to its failure on a worker whose bundle has `stackFrames`, and returns what an operator sees. */
async function stacksSeen(stackFrames: number | undefined): Promise<SeenStacks> {
  const ctx: TimeSkippingContext = await createTimeSkippingContext({
    workflowsPath: require.resolve('./stack-frames/probe.workflow'),
    bundleSettings: { stackFrames },
  });
  try {
    return await ctx.run(async (taskQueue) => {
      const handle = await ctx.env.client.workflow.start<typeof stackFramesProbe>('stackFramesProbe', {
        taskQueue,
        workflowId: `stack-frames-${stackFrames}-${Date.now()}`,
      });
      const query = await handle.query<string>('__stack_trace');
      await handle.signal('releaseProbe');
      const failed = await handle.result().then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(failed).toBeInstanceOf(WorkflowFailedError);
      const cause = (failed as WorkflowFailedError).cause;
      expect(cause?.message).toBe('the probe fails on purpose');
      return { query, failure: cause?.stack ?? '' };
    });
  } finally {
    await ctx.close();
  }
}

/**
 * WORKER_WORKFLOW_STACK_FRAMES (workflows/common/sandbox-stack-frames.ts, issue 13): the worker's
 * bundle compiles in how many frames the workflow sandbox captures. None by default, which spares the
 * SDK's promise hook a stack trace per promise; an operator who sets it sees where a workflow waits
 * and where it failed. Real workflows on a real (time-skipping) server.
 */
describe('the workflow sandbox stack frames (time-skipping server)', () => {
  it('captures none by default: the stack-trace query shows no frame and a failure keeps its message only', async () => {
    const seen = await stacksSeen(undefined);
    expect(seen.query).not.toMatch(/^\s+at /m);
    expect(seen.failure).not.toMatch(/^\s+at /m);
  });

  it('shows where the workflow waits and where it failed when set', async () => {
    const seen = await stacksSeen(10);
    expect(seen.query).toMatch(/^\s+at waitUntilReleased \(.*probe\.workflow\.ts:\d+:\d+\)$/m);
    expect(seen.failure).toMatch(/^\s+at failFromProbe \(.*probe\.workflow\.ts:\d+:\d+\)$/m);
  });
});
