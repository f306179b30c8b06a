import { randomUUID } from 'node:crypto';
import { awaitRecordedUpdate, escalationWorkflowId } from '../../workflows/escalation/escalation.contract';
import type { escalationWorkflow } from '../../workflows/escalation/escalation.workflow';
import { escalationInput } from '../support/escalation-fixtures';
import { eventually } from '../support/eventually';
import { createIntegrationContext, type IntegrationContext } from '../support/harness';

/**
 * Routing end to end: cases created one after another against a roster land on the right people
 * (most free capacity first, ties to whoever waited longest), never on someone out of office, at
 * capacity or without the skills; with no one left, the case waits in the queue and the manager is told.
 */
describe('assignment of new cases against the roster (real Temporal, real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  const team = `routing-${randomUUID().slice(0, 8)}`;
  const skills = (marketplaces: string[]) => JSON.stringify({ kinds: ['escalation'], marketplaces, languages: ['en'] });

  beforeAll(async () => {
    ctx = await createIntegrationContext();
    const members: Array<[string, string, number, string, Date | null]> = [
      [`${team}-amy`, 'specialist', 3, skills(['DE']), null],
      [`${team}-bo`, 'senior_specialist', 2, skills(['DE', 'FR']), null],
      [`${team}-cy`, 'specialist', 9, skills(['DE']), new Date(Date.now() + 7 * 86_400_000)], // out of office
      [`${team}-di`, 'specialist', 0, skills(['DE']), null], // no capacity
      [`${team}-ed`, 'specialist', 9, skills(['FR']), null], // no DE skill
      [`${team}-mo`, 'manager', 0, skills([]), null],
    ];
    for (const [userId, role, capacity, s, ooo] of members) {
      await ctx.dataSource.query(
        `INSERT INTO roster_members (user_id, display_name, role, team, skills, capacity, out_of_office_until)
         VALUES ($1, $1, $2, $3, $4, $5, $6)`,
        [userId, role, team, s, capacity, ooo],
      );
    }
  });
  afterAll(() => ctx.close());

  async function create() {
    const input = escalationInput({ severity: 'medium', marketplace: 'DE', team });
    const handle = await ctx.client.workflow.start<typeof escalationWorkflow>('escalationWorkflow', {
      taskQueue: ctx.taskQueue,
      workflowId: escalationWorkflowId(input.caseId),
      args: [input],
    });
    return handle.executeUpdate(awaitRecordedUpdate);
  }

  it('fills the most free capacity first, breaks ties fairly, then queues and tells the manager', async () => {
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await create());
    expect(results.map((v) => v.assigneeId)).toEqual([
      `${team}-amy`, // free 3 vs 2
      `${team}-bo`, // 2 vs 2: bo was never assigned
      `${team}-amy`, // 2 vs 1
      `${team}-bo`, // 1 vs 1: bo waited longer
      `${team}-amy`, // 1 vs 0
      null, // everyone eligible is full
    ]);
    const queued = results[5];
    expect(queued.state).toBe('queued');
    expect(queued.openTasks).toEqual([expect.objectContaining({ kind: 'queue', team, assigneeId: null })]);
    // The manager is told just after the case is recorded.
    const told = await eventually(
      () =>
        ctx.dataSource.query(`SELECT user_id FROM notifications WHERE case_id = $1 AND template = 'case_queued_no_one_eligible'`, [
          queued.caseId,
        ]),
      (rows) => rows.length > 0,
    );
    expect(told).toEqual([{ user_id: `${team}-mo` }]);
    const [{ reason }] = await ctx.dataSource.query(`SELECT reason FROM case_events WHERE case_id = $1 AND action = 'queued'`, [
      queued.caseId,
    ]);
    expect(reason).toMatch(/no eligible/i);
    for (const v of results) await ctx.client.workflow.getHandle(v.workflowId).terminate('test finished');
  });
});
