import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { RUNTIME_PATCHES } from '../../workflows/common/runtime/patch-ids';
import { TEAM_AND_DEADLINE_PATCH } from '../../workflows/common/search-attributes';
import {
  awaitRecordedUpdate,
  ESCALATION_PATCHES,
  ESCALATION_PATCHES_AT_START,
  escalationStartOptions,
  escalationWorkflowId,
  getEscalationQuery,
  handOffUpdate,
  resolveUpdate,
  acknowledgeUpdate,
  type EscalationInput,
} from '../../workflows/escalation/escalation.contract';
import { answerHandoffUpdate, HANDOFF_PATCHES, HANDOFF_PATCHES_AT_START, handoffWorkflowId } from '../../workflows/handoff/handoff.contract';
import type { escalationWorkflow } from '../../workflows/escalation/escalation.workflow';
import { actors, escalationInput } from '../support/escalation-fixtures';
import { eventually } from '../support/eventually';
import { patchMarkers } from '../support/history-markers';
import { PATCHES_AT_START_SET, recordHistory } from '../support/record-history';
import { required, TEST_ENV } from '../support/env';
import { createTimeSkippingContext, type TimeSkippingContext } from '../support/time-skipping';

const EventType = temporal.api.enums.v1.EventType;
type History = temporal.api.history.v1.IHistory;

/** The search attributes each upsert set, by name, TemporalChangeVersion (the SDK's, per patch) apart. */
function upserts(history: History): { changeVersion: number; riskdesk: string[][] } {
  const all = (history.events ?? [])
    .filter((e) => e.eventType === EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)
    .map((e) => Object.keys(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}).sort());
  return { changeVersion: all.filter((keys) => keys.includes('TemporalChangeVersion')).length, riskdesk: all.filter((keys) => !keys.includes('TemporalChangeVersion')) };
}

function activities(history: History): string[] {
  return (history.events ?? []).filter((e) => e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED).map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? '');
}

/**
 * A case started with the patches in force listed in its input (`escalationStartOptions`, as the API
 * and the benchmarks start one) runs with every one of them and records no marker for them; a case
 * whose input has no list (one started before it, whose history is recorded) asks `patched()` as
 * before. Everything else in the two runs is the same: the activities, the Riskdesk search attributes,
 * the audit trail, the answers. Both histories replay against the current code.
 */
describe('patches in force at start (time-skipping server, real PostgreSQL)', () => {
  let ctx: TimeSkippingContext;
  beforeAll(async () => {
    ctx = await createTimeSkippingContext();
  });
  afterAll(() => ctx.close());

  /** Created, acknowledged, handed to Legal, answered, resolved: the lifecycle the benchmark runs. */
  async function lifecycle(taskQueue: string, input: EscalationInput, start: 'start options' | 'input without the list') {
    const handle: WorkflowHandle<typeof escalationWorkflow> =
      start === 'start options'
        ? await ctx.env.client.workflow.start<typeof escalationWorkflow>('escalationWorkflow', escalationStartOptions(input, taskQueue))
        : await ctx.env.client.workflow.start<typeof escalationWorkflow>('escalationWorkflow', { taskQueue, workflowId: escalationWorkflowId(input.caseId), args: [input] });
    const created = await handle.executeUpdate(awaitRecordedUpdate);
    const holder = created.assigneeId === 'ana' ? actors.ana : actors.chloe;
    await handle.executeUpdate(acknowledgeUpdate, { args: [{ actor: holder }] });
    const waiting = await handle.executeUpdate(handOffUpdate, { args: [{ actor: holder, team: 'legal', question: 'May we suspend?' }] });
    const handoff = ctx.env.client.workflow.getHandle(handoffWorkflowId(waiting.case.handoffs[0].id));
    await handoff.executeUpdate(answerHandoffUpdate, { args: [{ actor: actors.lea, outcome: 'approve', notes: 'Proportionate' }] });
    await eventually(() => handle.query(getEscalationQuery), (v) => v.state === 'in_progress');
    const resolved = await handle.executeUpdate(resolveUpdate, { args: [{ actor: holder, resolutionCode: 'enforcement_upheld', rootCause: 'seller_bad_faith' }] });
    expect(resolved.state).toBe('resolved');
    const trail = await ctx.dataSource.query(`SELECT action FROM case_events WHERE case_id = $1 ORDER BY seq`, [input.caseId]);
    return {
      case: await handle.fetchHistory(),
      handoff: await handoff.fetchHistory(),
      handoffId: handoff.workflowId,
      workflowId: handle.workflowId,
      trail: trail.map((r: { action: string }) => r.action),
      resolved,
    };
  }

  it('lists the runtime patches and the kind patches each starter passes', () => {
    expect(ESCALATION_PATCHES_AT_START).toEqual([...RUNTIME_PATCHES, ...Object.values(ESCALATION_PATCHES)]);
    expect(HANDOFF_PATCHES_AT_START).toEqual([...RUNTIME_PATCHES, ...Object.values(HANDOFF_PATCHES)]);
    expect(RUNTIME_PATCHES).toContain(TEAM_AND_DEADLINE_PATCH);
    const input = escalationInput({ severity: 'high' });
    expect(escalationStartOptions(input, 'q').args[0]).toEqual({ ...input, patchesAtStart: ESCALATION_PATCHES_AT_START });
    expect(input).not.toHaveProperty('patchesAtStart');
  });

  it('runs a case started with the list with every patch and no marker, and one without it as before', async () => {
    await ctx.run(async (taskQueue) => {
      const listed = await lifecycle(taskQueue, escalationInput({ severity: 'high' }), 'start options');
      const unlisted = await lifecycle(taskQueue, escalationInput({ severity: 'high' }), 'input without the list');

      // The listed case: no marker and no TemporalChangeVersion upsert, in the case or in its handoff.
      expect(patchMarkers(listed.case)).toEqual([]);
      expect(upserts(listed.case).changeVersion).toBe(0);
      expect(patchMarkers(listed.handoff)).toEqual([]);
      // The case without the list asks as before: a marker and an upsert for each patch its run met.
      expect(patchMarkers(unlisted.case).sort()).toEqual(
        ['case-projection-local', 'case-notices-in-projection', 'escalation-lease-renewal', 'escalation-qa-hold', TEAM_AND_DEADLINE_PATCH].sort(),
      );
      expect(upserts(unlisted.case).changeVersion).toBe(5);
      // Its handoff was started by the runtime, which lists the handoff's patches whatever the parent's input.
      expect(patchMarkers(unlisted.handoff)).toEqual([]);

      // The same behaviour: routing the one activity (projection and notices local, with the batch),
      // the team and deadline attributes upserted, the same audit trail and answer.
      expect(activities(listed.case)).toEqual(['assignCase']);
      expect(activities(unlisted.case)).toEqual(['assignCase']);
      expect(upserts(listed.case).riskdesk).toEqual(upserts(unlisted.case).riskdesk);
      expect(upserts(listed.case).riskdesk.some((keys) => keys.includes('RiskdeskTeam'))).toBe(true);
      expect(listed.trail).toEqual(unlisted.trail);
      expect(listed.trail).toEqual(['created', 'triage_started', 'assigned', 'acknowledged', 'handed_off', 'handoff_answered', 'resolved']);

      for (const run of [listed, unlisted]) {
        for (const [history, id] of [[run.case, run.workflowId], [run.handoff, run.handoffId]] as const) {
          await expect(Worker.runReplayHistory({ workflowBundle: { codePath: required(TEST_ENV.workflowBundle) } }, history, id)).resolves.toBeUndefined();
        }
      }
      await recordHistory(ctx.env.client, PATCHES_AT_START_SET, 'escalation-full-lifecycle', listed.workflowId);
      await recordHistory(ctx.env.client, PATCHES_AT_START_SET, 'handoff-answered', listed.handoffId);
    });
  });
});
