import { randomUUID } from 'node:crypto';
import { createIntegrationContext, type IntegrationContext } from '../support/harness';
import {
  acknowledgeUpdate,
  awaitRecordedUpdate,
  escalationStartOptions,
  extendSlaUpdate,
} from '../../workflows/escalation/escalation.contract';
import { actors, escalationInput } from '../support/escalation-fixtures';
import { apiClient, eventually, type CaseBody } from './escalation-api.helpers';

interface Page {
  items: CaseBody[];
  total: number;
  nextCursor: string | null;
}

describe('escalation queries: detail, list, history (real Temporal, real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
    api = apiClient(ctx);
  });
  afterAll(() => ctx.close());

  describe('GET /escalations/:id', () => {
    it('returns the case with its clocks, tasks, handoffs and timeline', async () => {
      const c = await api.caseWorkedBy('ana', { language: 'de' });
      await api.action('ana', c.id, 'handoffs', { team: 'legal', question: 'Is the trademark claim valid?' });

      const res = await api.as('ana').get(`/escalations/${c.id}`).expect(200);
      expect(res.body).toMatchObject({ id: c.id, state: 'waiting_on_handoff', assigneeId: 'ana', team: 'seller-risk-eu', language: 'de' });
      const clocks = Object.fromEntries(res.body.clocks.map((k: { id: string; status: string }) => [k.id, k.status]));
      expect(clocks).toMatchObject({ first_response: 'met', resolution: 'running' });
      // Both the work task and Legal's task are open; which is due first depends on the time of day.
      const work = res.body.tasks.find((t: { kind: string }) => t.kind === 'work');
      expect(work).toMatchObject({ kind: 'work', status: 'open', assigneeId: 'ana', dueAt: expect.any(String) });
      const open = res.body.tasks.filter((t: { status: string }) => t.status === 'open').map((t: { dueAt: string }) => t.dueAt);
      expect(open).toEqual([...open].sort());
      expect(res.body.handoffs).toEqual([expect.objectContaining({ id: `${c.id}/handoff/1`, team: 'legal', status: 'open' })]);

      const seqs = res.body.timeline.map((e: { seq: number }) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a: number, b: number) => a - b));
      expect(res.body.timeline[0]).toMatchObject({ seq: 0, action: 'created', actorId: 'ana' });
      expect(res.body.timeline.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['triage_started', 'handed_off']));
    });

    it('is visible to the team, an operator and a handoff team with a handoff; not to another team', async () => {
      const c = await api.caseWorkedBy('ana');
      await api.as('chloe').get(`/escalations/${c.id}`).expect(200);
      await api.as('olga').get(`/escalations/${c.id}`).expect(200);
      const ben = await api.as('ben').get(`/escalations/${c.id}`).expect(403);
      expect(ben.body.details.denial).toBe('wrong_team');
      const before = await api.as('paul').get(`/escalations/${c.id}`).expect(403);
      expect(before.body.details.denial).toBe('wrong_handoff_team');

      await api.action('ana', c.id, 'handoffs', { team: 'policy', question: 'Prohibited?' });
      // The handoff's row is written by the handoff workflow, a moment after the case's.
      await eventually(async () => ((await api.as('paul').get(`/escalations/${c.id}`)).status === 200 ? true : undefined), 'paul to see the case');
      await api.as('lea').get(`/escalations/${c.id}`).expect(403);
    });
  });

  describe('GET /escalations', () => {
    // Four cases of one seller, created one after another: the list filters on that seller.
    const sellerId = `seller-list-${randomUUID().slice(0, 8)}`;
    let cases: CaseBody[];
    let startedAt: string;
    beforeAll(async () => {
      startedAt = new Date(Date.now() - 1000).toISOString();
      cases = [];
      for (const severity of ['low', 'high', 'critical']) cases.push(await api.createCase({ sellerId, severity }));
      cases.push(await api.queuedCase({ sellerId, severity: 'medium' }));
    });

    const list = async (userId: string, query: string) => (await api.as(userId).get(`/escalations?sellerId=${sellerId}&${query}`).expect(200)).body as Page;

    it('lists newest first with the total', async () => {
      const page = await list('max', '');
      expect(page.total).toBe(4);
      expect(page.items.map((c) => c.id)).toEqual([...cases].reverse().map((c) => c.id));
      expect(page.nextCursor).toBeNull();
    });

    it('pages with a cursor: no case twice, none skipped', async () => {
      const first = await list('max', 'limit=3');
      expect(first.items).toHaveLength(3);
      expect(first.total).toBe(4);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await list('max', `limit=3&cursor=${first.nextCursor}`);
      expect(second.items).toHaveLength(1);
      expect(second.nextCursor).toBeNull();
      expect([...first.items, ...second.items].map((c) => c.id)).toEqual([...cases].reverse().map((c) => c.id));
    });

    it('filters by state, severity, assignee, team, breached and created range', async () => {
      expect((await list('max', 'severity=low,critical')).items.map((c) => c.severity).sort()).toEqual(['critical', 'low']);
      expect((await list('max', 'state=queued')).items.map((c) => c.id)).toContain(cases[3].id);
      expect((await list('max', 'state=queued')).items.every((c) => c.state === 'queued')).toBe(true);
      expect((await list('max', 'assigneeId=none')).items.every((c) => c.assigneeId === null)).toBe(true);
      const assigned = cases.find((c) => c.assigneeId !== null);
      if (assigned) {
        const mine = await list('max', `assigneeId=${assigned.assigneeId}`);
        expect(mine.items.map((c) => c.id)).toContain(assigned.id);
        expect(mine.items.every((c) => c.assigneeId === assigned.assigneeId)).toBe(true);
      }
      expect((await list('max', 'team=seller-risk-eu')).total).toBe(4);
      expect((await list('max', 'team=seller-risk-us')).total).toBe(0);
      expect((await list('max', 'breached=false')).total).toBe(4);
      expect((await list('max', 'breached=true')).total).toBe(0);
      expect((await list('max', `createdFrom=${startedAt}`)).total).toBe(4);
      expect((await list('max', `createdTo=${startedAt}`)).total).toBe(0);
    });

    it('shows each caller only what they may view', async () => {
      expect((await list('ana', '')).total).toBe(4);
      expect((await list('olga', '')).total).toBe(4);
      expect((await list('ben', '')).total).toBe(0);
      expect((await list('mia', '')).total).toBe(0);
      expect((await list('lea', '')).total).toBe(0);
      const withLegal = cases.find((c) => c.assigneeId !== null) ?? cases[0];
      const worked = withLegal.state === 'in_progress' ? withLegal : await api.caseWorkedBy('ana', { sellerId });
      await api.action(worked.assigneeId!, worked.id, 'handoffs', { team: 'legal', question: 'Enforceable?' });
      const lea = await eventually(async () => {
        const page = await list('lea', '');
        return page.total > 0 ? page : undefined;
      }, 'the legal handoff to show in lea\'s list');
      expect(lea.items.map((c) => c.id)).toEqual([worked.id]);
    });

    it.each([
      ['state', 'state=done'],
      ['severity', 'severity=urgent'],
      ['breached', 'breached=maybe'],
      ['createdFrom', 'createdFrom=yesterday'],
      ['limit', 'limit=0'],
      ['limit', 'limit=101'],
      ['cursor', 'cursor=bm90LWEtY3Vyc29y'],
      ['assigneeId', 'assigneeId=a%20b'],
      ['unexpected', 'unexpected=1'],
      ['createdFrom', 'createdFrom=2026-02-01T00:00:00Z&createdTo=2026-01-01T00:00:00Z'],
    ])('400 naming %s for %s', async (field, query) => {
      const res = await api.as('max').get(`/escalations?${query}`).expect(400);
      expect(res.body.error).toBe('validation_failed');
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    });
  });

  describe('GET /escalations/:id/history', () => {
    it('renders the Temporal history with update, activity and workflow names, decoded, beside the audit trail', async () => {
      const c = await api.caseWorkedBy('ana');
      await api.action('ana', c.id, 'escalate', { reason: 'Needs a manager' });
      const res = await api.as('olga').get(`/escalations/${c.id}/history`).expect(200);
      const events = res.body.events as { eventId: number; type: string; time: string; name: string | null; args?: unknown[] }[];

      expect(events[0]).toMatchObject({ eventId: 1, type: 'WORKFLOW_EXECUTION_STARTED', name: 'escalationWorkflow' });
      expect(events[0].args).toEqual([expect.objectContaining({ caseId: c.id, team: 'seller-risk-eu' })]);
      expect(Date.parse(events[0].time)).not.toBeNaN();
      const accepted = events.filter((e) => e.type === 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED');
      expect(accepted.map((e) => e.name)).toEqual(expect.arrayContaining(['awaitRecorded', 'escalate']));
      // Routing assigned the case (then ana acknowledged it) or queued it (then ana claimed it).
      expect(accepted.some((e) => e.name === 'acknowledge' || e.name === 'claim')).toBe(true);
      const escalate = accepted.find((e) => e.name === 'escalate')!;
      expect(escalate.args).toEqual([{ actor: { userId: 'ana', role: 'specialist', team: 'seller-risk-eu' }, reason: 'Needs a manager' }]);
      const completed = events.filter((e) => e.type === 'WORKFLOW_EXECUTION_UPDATE_COMPLETED').map((e) => e.name);
      expect(completed).toContain('escalate');
      const activities = events.filter((e) => e.type === 'ACTIVITY_TASK_SCHEDULED').map((e) => e.name);
      expect(activities).toEqual(expect.arrayContaining(['assignCase']));
      // The read model is written by local activities: their markers are named by activity type.
      const local = events.filter((e) => e.type === 'MARKER_RECORDED').map((e) => e.name);
      expect(local).toContain('projectCase');
      expect(events.filter((e) => e.type === 'ACTIVITY_TASK_COMPLETED').every((e) => e.name !== null)).toBe(true);

      expect(res.body.audit.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['created', 'escalated']));
    });

    it('compact leaves out workflow-task events; handoffs=true adds the handoff workflows', async () => {
      const c = await api.caseWorkedBy('ana');
      await api.action('ana', c.id, 'handoffs', { team: 'customer_trust', question: 'Refund the buyers?' });
      const res = await api.as('max').get(`/escalations/${c.id}/history?compact=true&handoffs=true`).expect(200);
      expect(res.body.events.some((e: { type: string }) => e.type.startsWith('WORKFLOW_TASK_'))).toBe(false);
      const initiated = res.body.events.find((e: { type: string }) => e.type === 'START_CHILD_WORKFLOW_EXECUTION_INITIATED');
      expect(initiated).toMatchObject({ name: 'handoffWorkflow', workflowId: expect.stringContaining('handoff-') });
      expect(res.body.handoffs).toEqual([
        expect.objectContaining({ handoffId: `${c.id}/handoff/1`, events: expect.arrayContaining([expect.objectContaining({ name: 'handoffWorkflow' })]) }),
      ]);
    });

    it('shows every run of a case that continued as new, oldest first, each event marked with its run', async () => {
      // A tiny history budget forces continue-as-new after a few actions (the API's cases use Temporal's suggestion).
      const input = escalationInput({ severity: 'high', settings: { continueAsNewAfterEvents: 40 } });
      const handle = await ctx.client.workflow.start('escalationWorkflow', escalationStartOptions(input, ctx.taskQueue));
      const created = await handle.executeUpdate(awaitRecordedUpdate);
      const holder = created.assigneeId === 'ana' ? actors.ana : actors.chloe;
      if (created.assigneeId) await handle.executeUpdate(acknowledgeUpdate, { args: [{ actor: holder }] });
      const firstRun = handle.firstExecutionRunId;
      for (let i = 1; i <= 8; i++) {
        await handle.executeUpdate(extendSlaUpdate, { args: [{ actor: actors.max, clock: 'resolution', byMs: 60_000, reason: `extension ${i}` }] });
      }
      await eventually(async () => ((await handle.describe()).runId !== firstRun ? true : undefined), 'the case to continue as new');

      const res = await api.as('olga').get(`/escalations/${input.caseId}/history?compact=true`).expect(200);
      const runs = res.body.runs as Array<{ run: number; runId: string; status: string; eventCount: number; closedAt: string | null }>;
      expect(runs.length).toBeGreaterThanOrEqual(2);
      expect(runs[0]).toMatchObject({ run: 1, runId: firstRun, status: 'CONTINUED_AS_NEW', closedAt: expect.any(String) });
      expect(runs[runs.length - 1]).toMatchObject({ run: runs.length, status: 'RUNNING', closedAt: null });
      const events = res.body.events as Array<{ run: number; eventId: number; type: string; name: string | null }>;
      expect(events.map((e) => e.run)).toEqual([...events.map((e) => e.run)].sort((a, b) => a - b));
      expect(events.filter((e) => e.type === 'WORKFLOW_EXECUTION_STARTED').map((e) => e.run)).toEqual(runs.map((r) => r.run));
      expect(events.find((e) => e.run === 1 && e.type === 'WORKFLOW_EXECUTION_CONTINUED_AS_NEW')).toBeDefined();
      // The whole story: the first run's creation and the later runs' extensions.
      expect(events.some((e) => e.run === 1 && e.name === 'awaitRecorded')).toBe(true);
      expect(events.filter((e) => e.type === 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED' && e.name === 'extendSla').length).toBe(8);
      await handle.terminate('scenario finished');
    });

    it('is for managers of the team and operators only', async () => {
      const c = await api.caseWorkedBy('ana');
      const ana = await api.as('ana').get(`/escalations/${c.id}/history`).expect(403);
      expect(ana.body.message).toBe('role specialist may not view the history of escalation cases');
      await api.as('mia').get(`/escalations/${c.id}/history`).expect(403);
      await api.as('max').get(`/escalations/${randomUUID()}/history`).expect(404);
    });
  });
});
