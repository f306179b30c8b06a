import {
  extendSlaUpdate,
  getEscalationQuery,
  resolveUpdate,
} from '../../workflows/escalation/escalation.contract';
import { actors, escalationInput, startAcknowledgedCase } from '../support/escalation-fixtures';
import { eventually } from '../support/eventually';
import { createTimeSkippingContext, type TimeSkippingContext } from '../support/time-skipping';

describe('continue-as-new (time-skipping server, real PostgreSQL)', () => {
  let ctx: TimeSkippingContext;
  beforeAll(async () => {
    ctx = await createTimeSkippingContext();
  });
  afterAll(() => ctx.close());

  it('carries the whole case over to a new run: state, clocks, extensions, audit numbering', async () => {
    await ctx.run(async (taskQueue) => {
      // A tiny history budget forces continue-as-new after a few actions instead of thousands.
      const input = escalationInput({ severity: 'high', settings: { continueAsNewAfterEvents: 40 } });
      const { handle, holder: assignee } = await startAcknowledgedCase(ctx.env.client, taskQueue, input);
      const firstRunId = (await handle.describe()).runId;

      const extend = (i: number) =>
        handle.executeUpdate(extendSlaUpdate, {
          args: [{ actor: actors.max, clock: 'resolution', byMs: 60_000, reason: `extension ${i}` }],
          updateId: `extension-${input.caseId}-${i}`,
        });
      for (let i = 1; i <= 8; i++) await extend(i);
      const later = await eventually(() => handle.describe(), (d) => d.runId !== firstRunId && d.status.name === 'RUNNING');
      expect(later.runId).not.toBe(firstRunId);

      const view = await handle.query(getEscalationQuery);
      expect(view).toMatchObject({ state: 'in_progress', assigneeId: assignee.userId, caseId: input.caseId });
      expect(view.clocks.find((c) => c.kind === 'resolution')?.extensions).toHaveLength(8);
      expect(view.case.counters.slaExtensions).toBe(8);

      // A client retrying an update it sent before the continue-as-new gets an answer, not a second extension.
      const retried = await extend(1);
      expect(retried.case.counters.slaExtensions).toBe(8);

      const resolved = await handle.executeUpdate(resolveUpdate, {
        args: [{ actor: assignee, resolutionCode: 'no_violation_found', rootCause: 'automation_false_positive', upstreamTeam: 'tsi' }],
      });
      expect(resolved.state).toBe('resolved');
      const seqs: Array<{ seq: number }> = await ctx.dataSource.query(
        `SELECT seq FROM case_events WHERE case_id = $1 ORDER BY seq`,
        [input.caseId],
      );
      // created, triage, assigned, acknowledged, 8 extensions, resolved: numbered without gaps or repeats.
      expect(seqs.map((r) => r.seq)).toEqual(Array.from({ length: 13 }, (_, i) => i));
      await handle.terminate('scenario finished');
    });
  });
});
