import { WorkflowUpdateFailedError } from '@temporalio/client';
import {
  getEscalationQuery,
  requestInfoUpdate,
} from '../../workflows/escalation/escalation.contract';
import { escalationInput, startAcknowledgedCase } from '../support/escalation-fixtures';
import { eventually } from '../support/eventually';
import { createTimeSkippingContext, type TimeSkippingContext } from '../support/time-skipping';

const HOUR = 3_600_000;

/**
 * A read model that refuses a case's write (here a trigger raising a check violation, in the real
 * database) must not leave an update hanging: it answers `not_recorded` at once, the case keeps the
 * change, and once the database accepts the write again the case records it by itself, exactly once.
 */
describe('a projection that fails for good (time-skipping server, real PostgreSQL)', () => {
  let ctx: TimeSkippingContext;
  beforeAll(async () => {
    ctx = await createTimeSkippingContext();
  });
  afterAll(() => ctx.close());

  it('answers not_recorded within the bound, keeps the change, and records it once the database takes it', async () => {
    await ctx.run(async (taskQueue) => {
      const input = escalationInput({ severity: 'high' });
      const { handle, holder: me } = await startAcknowledgedCase(ctx.env.client, taskQueue, input);

      const name = `refuse_${input.caseId.replace(/-/g, '')}`;
      await ctx.dataSource.query(`
        CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.id = '${input.caseId}' THEN RAISE EXCEPTION 'refused by the test' USING ERRCODE = '23514'; END IF;
          RETURN NEW;
        END $$`);
      await ctx.dataSource.query(`CREATE TRIGGER ${name} BEFORE UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION ${name}()`);
      try {
        const request = { actor: me, question: 'Invoices, please', deadline: (await ctx.env.currentTimeMs()) + 48 * HOUR };
        const startedAt = Date.now();
        const failed = await handle.executeUpdate(requestInfoUpdate, { args: [request], updateId: `info-${input.caseId}` }).catch((e: unknown) => e);
        // Bounded: the write's schedule gives up after 30 s at most; a refused write fails at once.
        expect(Date.now() - startedAt).toBeLessThan(30_000);
        expect(failed).toBeInstanceOf(WorkflowUpdateFailedError);
        expect((failed as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'not_recorded', message: expect.stringContaining('refused by the test') });

        // The case itself took the action; the read model has not.
        expect((await handle.query(getEscalationQuery)).state).toBe('waiting_on_seller');
        const [before] = await ctx.dataSource.query(`SELECT state FROM cases WHERE id = $1`, [input.caseId]);
        expect(before.state).toBe('in_progress');
      } finally {
        await ctx.dataSource.query(`DROP TRIGGER ${name} ON cases`);
        await ctx.dataSource.query(`DROP FUNCTION ${name}()`);
      }

      // The case retries on its own schedule (15 s after the first failure).
      await ctx.env.sleep(20_000);
      await eventually(
        () => ctx.dataSource.query(`SELECT state FROM cases WHERE id = $1`, [input.caseId]),
        (rows) => rows[0]?.state === 'waiting_on_seller',
      );
      // A client retry with the same id applies nothing twice.
      await handle
        .executeUpdate(requestInfoUpdate, {
          args: [{ actor: me, question: 'Invoices, please', deadline: (await ctx.env.currentTimeMs()) + 48 * HOUR }],
          updateId: `info-${input.caseId}`,
        })
        .catch(() => undefined);
      expect((await handle.query(getEscalationQuery)).case.counters.infoRequests).toBe(1);
      const audit = await ctx.dataSource.query(`SELECT action FROM case_events WHERE case_id = $1 AND action = 'info_requested'`, [input.caseId]);
      expect(audit).toHaveLength(1);
      await handle.terminate('scenario finished');
    });
  });
});
