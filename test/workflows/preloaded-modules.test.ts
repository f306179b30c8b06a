import { createTimeSkippingContext, type TimeSkippingContext } from '../support/time-skipping';
import type { preloadProbe } from './preloaded-modules/probe.workflow';

/**
 * The worker's bundle preloads luxon, noble's hashes, the time-zone memo and the business calendars
 * (worker/worker.ts, issue 13): evaluated once per workflow thread and shared, instead of once per
 * workflow the worker starts or replays. Webpack drops a require() whose result is unused from a
 * package that declares no side effects (luxon and noble do), which would leave the preload empty;
 * this runs a workflow on a real (time-skipping) server and asks what it sees.
 */
describe('modules preloaded into the workflow sandbox (time-skipping server)', () => {
  let ctx: TimeSkippingContext;
  beforeAll(async () => {
    ctx = await createTimeSkippingContext({ workflowsPath: require.resolve('./preloaded-modules/probe.workflow') });
  });
  afterAll(() => ctx.close());

  it('gives every workflow the shared, frozen modules, and its own copy of the others', async () => {
    await ctx.run(async (taskQueue) => {
      for (const n of [1, 2]) {
        const seen = await ctx.env.client.workflow.execute<typeof preloadProbe>('preloadProbe', { taskQueue, workflowId: `preload-probe-${n}-${Date.now()}` });
        expect(seen).toEqual({ luxon: true, noble: true, timeZones: true, businessCalendar: true, notPreloaded: false });
      }
    });
  });
});
