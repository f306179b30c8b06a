import { ApplicationFailure, condition, defineSignal, setHandler } from '@temporalio/workflow';

export const releaseProbe = defineSignal('releaseProbe');

/**
 * Waits inside a named function, so the stack-trace query has a frame of ours to show, then fails
 * from another, so the failure's stack has one too (test/workflows/stack-frames.test.ts).
 */
export async function stackFramesProbe(): Promise<void> {
  let released = false;
  setHandler(releaseProbe, () => {
    released = true;
  });
  await waitUntilReleased(() => released);
  failFromProbe();
}

async function waitUntilReleased(released: () => boolean): Promise<void> {
  await condition(released);
}

function failFromProbe(): never {
  throw ApplicationFailure.nonRetryable('the probe fails on purpose');
}
