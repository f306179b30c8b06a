import { randomUUID } from 'node:crypto';
import { handoffWorkflowId } from '../../workflows/handoff/handoff.contract';
import { createIntegrationContext, type IntegrationContext } from '../support/harness';
import { apiClient, eventually, type CaseBody } from './escalation-api.helpers';

interface HandoffBody {
  id: string;
  caseId: string;
  team: string;
  status: string;
  answer: { outcome: string; notes: string; citation: string | null; answeredBy: string } | null;
  case?: { id: string };
}

describe('handoffs: the answering team lists and answers (real Temporal, real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
    api = apiClient(ctx);
  });
  afterAll(() => ctx.close());

  const path = (handoffId: string) => `/handoffs/${encodeURIComponent(handoffId)}/answer`;
  const openFor = async (userId: string) => (await api.as(userId).get('/handoffs?status=open&limit=100').expect(200)).body.items as HandoffBody[];
  /** The handoff workflow writes its row a moment after the case's update answers. */
  const listed = (userId: string, handoffId: string) =>
    eventually(async () => (await openFor(userId)).find((h) => h.id === handoffId), `${handoffId} in ${userId}'s list`);
  const caseRow = async (id: string) => (await api.as('max').get(`/escalations/${id}`).expect(200)).body;

  /** A case in progress with ana, with a blocking policy handoff and a non-blocking legal one. */
  async function caseWithHandoffs(): Promise<{ c: CaseBody; policy: string; legal: string }> {
    const c = await api.caseWorkedBy('ana');
    await api.action('ana', c.id, 'handoffs', { team: 'policy', question: 'Is this listing prohibited?', blocking: true });
    const after = await api.action('ana', c.id, 'handoffs', { team: 'legal', question: 'Is the claim enforceable?', blocking: false });
    expect(after.state).toBe('waiting_on_handoff');
    return { c, policy: `${c.id}/handoff/1`, legal: `${c.id}/handoff/2` };
  }

  it("lists open handoffs for the caller's team only, with the case", async () => {
    const { c, policy, legal } = await caseWithHandoffs();
    const paul = await listed('paul', policy);
    expect(paul).toMatchObject({ caseId: c.id, team: 'policy', status: 'open', answer: null, case: { id: c.id } });
    expect((await openFor('paul')).every((h) => h.team === 'policy')).toBe(true);
    await listed('lea', legal);
    expect((await openFor('lea')).map((h) => h.id)).not.toContain(policy);
    expect((await openFor('cora')).map((h) => h.id)).not.toContain(legal);
    // The asking team sees what its cases asked.
    expect((await openFor('ana')).map((h) => h.id)).toEqual(expect.arrayContaining([policy, legal]));
    expect((await openFor('ben')).map((h) => h.id)).not.toContain(policy);
  });

  it('a policy answer reaches the case: the blocking handoff is answered and the case is back in progress', async () => {
    const { c, policy } = await caseWithHandoffs();
    await listed('paul', policy);
    const res = await api
      .as('paul')
      .post(path(policy))
      .send({ outcome: 'reject', notes: 'Not prohibited in DE', citation: 'Policy 4.2' })
      .expect(200);
    expect(res.body).toMatchObject({
      id: policy,
      status: 'answered',
      answer: { outcome: 'reject', notes: 'Not prohibited in DE', citation: 'Policy 4.2', answeredBy: 'paul' },
    });

    // The answer travels to the case by a signal; its read model catches up shortly after.
    const settled = await eventually(async () => {
      const row = await caseRow(c.id);
      return row.state === 'in_progress' ? row : undefined;
    }, 'the case to leave waiting_on_handoff');
    expect(settled.handoffs.find((h: HandoffBody) => h.id === policy)).toMatchObject({ status: 'answered', outcome: 'reject', answeredBy: 'paul' });
    expect(settled.timeline.map((e: { action: string }) => e.action)).toContain('handoff_answered');
    expect((await openFor('paul')).map((h) => h.id)).not.toContain(policy);
    const answered = (await api.as('paul').get('/handoffs?status=answered&limit=100').expect(200)).body.items as HandoffBody[];
    expect(answered.find((h) => h.id === policy)).toMatchObject({ answer: { citation: 'Policy 4.2' } });
  });

  it('403 when legal answers a policy handoff, or customer trust a legal one; nothing is recorded', async () => {
    const { policy, legal } = await caseWithHandoffs();
    await listed('paul', policy);
    await listed('lea', legal);
    const lea = await api.as('lea').post(path(policy)).send({ outcome: 'approve', notes: 'Fine by legal' }).expect(403);
    expect(lea.body).toMatchObject({ error: 'forbidden', details: { denial: 'wrong_handoff_team' } });
    expect(lea.body.message).toBe('role legal answers only legal handoffs; this handoff is addressed to policy');
    await api.as('cora').post(path(legal)).send({ outcome: 'approve', notes: 'x' }).expect(403);
    await api.as('ana').post(path(legal)).send({ outcome: 'approve', notes: 'x' }).expect(403);
    const [row] = await ctx.dataSource.query(`SELECT status FROM handoffs WHERE id = $1`, [policy]);
    expect(row.status).toBe('open');
  });

  it('a replayed answer returns the first result and is applied once; a second answer is a 409', async () => {
    const { c, legal } = await caseWithHandoffs();
    await listed('lea', legal);
    const key = `answer-${randomUUID()}`;
    const send = (k: string, notes: string) => api.as('leo').post(path(legal)).set('Idempotency-Key', k).send({ outcome: 'advise', notes });
    const first = await send(key, 'Enforceable with a court order').expect(200);
    // Replayed after the handoff workflow has finished, the hardest case for a retry.
    await eventually(async () => {
      const { status } = await ctx.client.workflow.getHandle(handoffWorkflowId(legal)).describe();
      return status.name === 'COMPLETED' ? true : undefined;
    }, 'the handoff workflow to complete');
    const replay = await send(key, 'Enforceable with a court order').expect(200);
    expect(replay.body).toEqual(first.body);

    const again = await send(`answer-${randomUUID()}`, 'Changed my mind').expect(409);
    expect(again.body.error).toBe('invalid_transition');
    await eventually(async () => {
      const row = await caseRow(c.id);
      return row.timeline.some((e: { action: string }) => e.action === 'handoff_answered') ? row : undefined;
    }, 'the answer to reach the case');
    const [{ count }] = await ctx.dataSource.query(
      `SELECT count(*)::int AS count FROM case_events WHERE case_id = $1 AND action = 'handoff_answered'`,
      [c.id],
    );
    expect(count).toBe(1);
  });

  it('400 for a bad answer, 404 for an unknown handoff, 400 for a bad list query', async () => {
    const { policy } = await caseWithHandoffs();
    await listed('paul', policy);
    const bad = await api.as('paul').post(path(policy)).send({ outcome: 'maybe', notes: '' }).expect(400);
    expect(bad.body.details.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['outcome', 'notes']));
    const unknown = await api.as('paul').post(path(`${randomUUID()}/handoff/1`)).send({ outcome: 'approve', notes: 'x' }).expect(404);
    expect(unknown.body.error).toBe('not_found');
    const list = await api.as('paul').get('/handoffs?status=pending').expect(400);
    expect(list.body.details.fields[0].field).toBe('status');
  });
});
