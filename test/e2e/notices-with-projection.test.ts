import { randomUUID } from 'node:crypto';
import { temporal } from '@temporalio/proto';
import { createCaseProjectionActivities } from '../../activities/case-projection.activities';
import type { ProjectCaseInput } from '../../workflows/common/case-projection';
import { NOTICES_IN_PROJECTION_PATCH } from '../../workflows/common/runtime/patch-ids';
import { awaitRecordedUpdate, escalationWorkflowId } from '../../workflows/escalation/escalation.contract';
import type { escalationWorkflow } from '../../workflows/escalation/escalation.workflow';
import { escalationInput } from '../support/escalation-fixtures';
import { createIntegrationContext, type IntegrationContext } from '../support/harness';
import { patchMarkers } from '../support/history-markers';

const EventType = temporal.api.enums.v1.EventType;

/**
 * Runs started after the `case-notices-in-projection` patch write their notifications in the
 * projection's own transaction (issue 13). What a person sees must not
 * change: the manager of a team with no one free is told, exactly once, and now no later than the
 * case is in the read model. Real Temporal, real PostgreSQL.
 */
describe('notifications written with the projection (real Temporal, real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  const team = `local-${randomUUID().slice(0, 8)}`;
  const manager = `${team}-mo`;

  beforeAll(async () => {
    ctx = await createIntegrationContext();
    // A team whose only specialist has no capacity: every new case is queued and the manager told.
    await ctx.dataSource.query(
      `INSERT INTO roster_members (user_id, display_name, role, team, skills, capacity)
       VALUES ($1, $1, 'specialist', $3, $4, 0), ($2, $2, 'manager', $3, $4, 0)`,
      [`${team}-full`, manager, team, JSON.stringify({ kinds: ['escalation'], marketplaces: ['DE'], languages: ['en'] })],
    );
  });
  afterAll(() => ctx.close());

  it("a new case's notifications are written before the create answers, and routing is the only activity task in its history", async () => {
    const input = escalationInput({ severity: 'medium', marketplace: 'DE', team });
    const handle = await ctx.client.workflow.start<typeof escalationWorkflow>('escalationWorkflow', {
      taskQueue: ctx.taskQueue,
      workflowId: escalationWorkflowId(input.caseId),
      args: [input],
    });
    const view = await handle.executeUpdate(awaitRecordedUpdate);
    expect(view.state).toBe('queued');

    // No waiting: the notification went in with the case's row.
    const told = await ctx.dataSource.query(`SELECT user_id, template FROM notifications WHERE case_id = $1 ORDER BY template, user_id`, [
      input.caseId,
    ]);
    expect(told).toEqual([
      { user_id: `${team}-full`, template: 'case_queued' },
      { user_id: manager, template: 'case_queued' },
      { user_id: manager, template: 'case_queued_no_one_eligible' },
    ]);

    const { events } = await handle.fetchHistory();
    const scheduled = (events ?? []).filter((e) => e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
    expect(scheduled.map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name)).toEqual(['assignCase']);
    const markers = (events ?? []).filter((e) => e.eventType === EventType.EVENT_TYPE_MARKER_RECORDED).map((e) => e.markerRecordedEventAttributes?.markerName);
    expect(markers).toContain('core_local_activity');
    expect(patchMarkers({ events })).toContain(NOTICES_IN_PROJECTION_PATCH);
    await handle.terminate('test finished');
  });

  describe('the projection write with notices', () => {
    const caseId = randomUUID();
    const at = Date.now();
    const input = (projectionSeq: number, overrides: Partial<ProjectCaseInput['row']> = {}): ProjectCaseInput => ({
      row: {
        caseId, kind: 'escalation', workflowId: `escalation-${caseId}`, sellerId: 'seller-1', marketplace: 'DE', severity: 'medium',
        summary: 'a case', state: 'queued', open: true, team, assigneeId: null, breached: false, dueAt: null, createdBy: 'someone',
        snapshot: {}, createdAt: at, updatedAt: at, resolvedAt: null, closedAt: null,
        details: { kind: 'none' },
        ...overrides,
      },
      projectionSeq,
      events: [],
      tasks: [],
      clocks: [],
      notices: [{ id: `escalation-${caseId}:notice:0`, caseId, to: { kind: 'managers', team }, template: 'case_queued_no_one_eligible', params: {}, at }],
    });

    it('is written once however often the write is retried', async () => {
      const { projectCase } = createCaseProjectionActivities({ dataSource: ctx.dataSource });
      await projectCase(input(1));
      await projectCase(input(1));
      await projectCase(input(2));
      const rows = await ctx.dataSource.query(`SELECT id, user_id FROM notifications WHERE case_id = $1`, [caseId]);
      expect(rows).toEqual([{ id: `escalation-${caseId}:notice:0:${manager}`, user_id: manager }]);
    });

    it('is not written when the case write is refused (one transaction)', async () => {
      const { projectCase } = createCaseProjectionActivities({ dataSource: ctx.dataSource });
      const refused = { ...input(1, { caseId: randomUUID(), severity: 'not-a-severity' as never }) };
      refused.notices = [{ ...refused.notices![0], id: `refused:notice:0`, caseId: refused.row.caseId }];
      await expect(projectCase(refused)).rejects.toThrow();
      expect(await ctx.dataSource.query(`SELECT id FROM notifications WHERE case_id = $1`, [refused.row.caseId])).toEqual([]);
    });
  });
});
