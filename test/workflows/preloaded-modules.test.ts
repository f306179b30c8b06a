import { createTimeSkippingContext, type TimeSkippingContext } from '../support/time-skipping';
import type { preloadProbe } from './preloaded-modules/probe.workflow';

/**
 * The worker's bundle preloads the workflows entry and the interceptors (worker/worker.ts, issue 13):
 * every module they reach is evaluated once per workflow thread and shared, instead of once per
 * workflow the worker starts or replays. This runs workflows on a real (time-skipping) server with the
 * bundle the worker builds and asks what they see: the libraries, our own modules and the workflow's
 * module itself shared and frozen, and each workflow's own input its own.
 */
describe('modules preloaded into the workflow sandbox (time-skipping server)', () => {
  let ctx: TimeSkippingContext;
  beforeAll(async () => {
    ctx = await createTimeSkippingContext({ workflowsPath: require.resolve('./preloaded-modules/probe.workflow') });
  });
  afterAll(() => ctx.close());

  it('gives every workflow the shared, frozen modules and its own state', async () => {
    await ctx.run(async (taskQueue) => {
      for (const n of [1, 2]) {
        const seen = await ctx.env.client.workflow.execute<typeof preloadProbe>('preloadProbe', {
          taskQueue,
          workflowId: `preload-probe-${n}-${Date.now()}`,
          args: [`run ${n}`],
        });
        expect(seen).toEqual({ luxon: true, noble: true, timeZones: true, businessCalendar: true, workflowModules: true, label: `run ${n}` });
      }
    });
  });
});
