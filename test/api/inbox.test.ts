import { createIntegrationContext, type IntegrationContext } from '../support/harness';
import { apiClient, eventually } from './escalation-api.helpers';

interface InboxItem {
  id: string;
  kind: string;
  assigneeId: string | null;
  team: string;
  dueAt: string | null;
  case: { id: string; sellerId: string; severity: string; state: string; summary: string } | null;
}
interface InboxPage {
  items: InboxItem[];
  total: number;
  limit: number;
  offset: number;
}

describe('inbox: my tasks and my team queue (real Temporal, real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
    api = apiClient(ctx);
  });
  afterAll(() => ctx.close());

  const inbox = async (userId: string, path = '/inbox', query = 'limit=100') =>
    (await api.as(userId).get(`${path}?${query}`).expect(200)).body as InboxPage;
  const dueOrder = (items: InboxItem[]) => {
    const due = items.map((i) => (i.dueAt ? Date.parse(i.dueAt) : Infinity));
    return due.every((d, i) => i === 0 || due[i - 1] <= d);
  };

  it("ana's inbox holds the work tasks of her cases, with the case summary, soonest due first", async () => {
    const critical = await api.caseWorkedBy('ana', { severity: 'critical', summary: 'Account takeover suspected' });
    const low = await api.caseWorkedBy('ana', { severity: 'low' });
    const page = await inbox('ana');
    expect(page.items.every((i) => i.assigneeId === 'ana')).toBe(true);
    expect(dueOrder(page.items)).toBe(true);
    const mine = page.items.filter((i) => i.case && [critical.id, low.id].includes(i.case.id));
    expect(mine.map((i) => i.case!.id)).toEqual([critical.id, low.id]);
    expect(mine[0]).toMatchObject({
      kind: 'work',
      team: 'seller-risk-eu',
      dueAt: expect.any(String),
      case: { id: critical.id, severity: 'critical', state: 'in_progress', summary: 'Account takeover suspected', sellerId: critical.sellerId },
    });
    // Not in chloe's inbox.
    expect((await inbox('chloe')).items.some((i) => i.case?.id === critical.id)).toBe(false);
  });

  it("the team queue holds unassigned work of the caller's team; another team does not see it", async () => {
    const queued = await api.queuedCase({ summary: 'Waiting in the queue' });
    const team = await inbox('ana', '/inbox/team');
    const item = team.items.find((i) => i.case?.id === queued.id);
    expect(item).toMatchObject({ kind: 'queue', assigneeId: null, team: 'seller-risk-eu', case: { state: 'queued' } });
    expect(team.items.every((i) => i.assigneeId === null && i.team === 'seller-risk-eu')).toBe(true);
    expect(dueOrder(team.items)).toBe(true);
    expect((await inbox('chloe', '/inbox/team')).items.map((i) => i.case?.id)).toContain(queued.id);
    expect((await inbox('ben', '/inbox/team')).items.map((i) => i.case?.id)).not.toContain(queued.id);

    // Claimed: it leaves the queue and lands in the claimer's own inbox.
    await api.action('ana', queued.id, 'claim');
    expect((await inbox('ana', '/inbox/team')).items.map((i) => i.case?.id)).not.toContain(queued.id);
    expect((await inbox('ana')).items.find((i) => i.case?.id === queued.id)).toMatchObject({ kind: 'work', assigneeId: 'ana' });
  });

  it("a handoff lands in the addressed team's queue", async () => {
    const c = await api.caseWorkedBy('ana');
    await api.action('ana', c.id, 'handoffs', { team: 'customer_trust', question: 'Refund the buyers?' });
    const item = await eventually(
      async () => (await inbox('cora', '/inbox/team')).items.find((i) => i.case?.id === c.id),
      "the handoff in customer trust's queue",
    );
    expect(item).toMatchObject({ kind: 'handoff', team: 'customer_trust', assigneeId: null, dueAt: expect.any(String) });
  });

  it('pages with limit and offset, and refuses bad paging', async () => {
    await api.caseWorkedBy('ana');
    await api.caseWorkedBy('ana');
    const all = await inbox('ana');
    expect(all.total).toBeGreaterThanOrEqual(2);
    const first = await inbox('ana', '/inbox', 'limit=1');
    const second = await inbox('ana', '/inbox', 'limit=1&offset=1');
    expect(first).toMatchObject({ total: all.total, limit: 1, offset: 0 });
    expect([first.items[0].id, second.items[0].id]).toEqual(all.items.slice(0, 2).map((i) => i.id));
    const bad = await api.as('ana').get('/inbox?limit=0').expect(400);
    expect(bad.body.details.fields[0].field).toBe('limit');
    await api.as('ana').get('/inbox/team?offset=-1').expect(400);
  });
});
