import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { wilsonInterval } from '../../api/quality/stats/proportion';
import { createIntegrationContext, type IntegrationContext } from '../support/harness';
import { appealClient, enforcementAccount, sellerWithAccount, type AppealBody } from './appeal-api.helpers';
import { eventually } from './escalation-api.helpers';
import { addMember } from './metrics-fixtures';

/**
 * A specialist's reinstatement and restumble rates from real appeals, driven through the API on the
 * real worker: one reinstatement whose seller restumbles, one denial, one reinstatement still watched.
 * The specialist is this file's own (in the demo team seller-risk-us, not routed appeals: they claim
 * them from the queue), so other files' appeals do not count.
 */
jest.setTimeout(120_000);

describe('scorecard: reinstatement and restumble rates from appeals', () => {
  let ctx: IntegrationContext;
  let ds: DataSource;
  let api: ReturnType<typeof appealClient>;
  let enforcer: string;
  const specialist = `sc-spec-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
    ds = ctx.dataSource;
    api = appealClient(ctx);
    enforcer = await enforcementAccount(ds);
    await addMember(ds, { userId: specialist, role: 'specialist', team: 'seller-risk-us' });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  /** An external enforcement decided by dana (so routing finds nobody), appealed, and claimed by the specialist. */
  async function claimed() {
    const seller = await sellerWithAccount(ds);
    const { appealId } = await api.appealExternal(enforcer, seller, ['dana']);
    await api.act(specialist, appealId, 'claim');
    return { seller, appealId };
  }
  const stateOf = (appealId: string, state: string) =>
    eventually(async () => {
      const a = (await api.as('mia').get(`/appeals/${appealId}`)).body as AppealBody;
      return a.state === state ? a : undefined;
    }, `appeal ${appealId} to be ${state}`);
  async function reinstated(appealId: string) {
    await api.act(specialist, appealId, 'decision', { decision: 'reinstate', reasonCode: 'plan_of_action_accepted', rationale: 'The plan covers the cause' });
    await api.act('mia', appealId, 'decision/approve', { note: 'Agreed' });
    return stateOf(appealId, 'monitoring');
  }

  it('counts the reinstatements among their appeal decisions and the restumbles among the sellers they reinstated', async () => {
    const before = (await api.as(specialist).get(`/quality/scorecards/${specialist}`)).body;
    expect(before).toMatchObject({ reinstatementRate: null, restumbleRate: null, reinstatement: { decided: 0 }, restumble: { reinstatedSellers: 0 } });

    const restumbling = await claimed();
    await reinstated(restumbling.appealId);
    const report = await api.as(enforcer).post('/enforcements/inbound').send({
      enforcementId: `again-${restumbling.appealId}`, sellerId: restumbling.seller.sellerId, type: 'listing_restriction', upstreamTeam: 'TSI', reason: 'counterfeit again',
    });
    expect(report.body.signalledAppeals).toEqual([restumbling.appealId]);
    expect((await stateOf(restumbling.appealId, 'closed')).monitoring).toMatchObject({ result: 'restumbled', reinstatedBy: specialist });

    const denied = await claimed();
    await api.act(specialist, denied.appealId, 'decision', { decision: 'deny', reasonCode: 'evidence_insufficient', rationale: 'No invoices', facts: 'The plan names no supplier' });

    const watched = await claimed();
    await reinstated(watched.appealId);

    const rows = await ds.query(`SELECT decision, monitoring_result FROM appeals WHERE decided_by = $1 ORDER BY decided_at`, [specialist]);
    expect(rows).toEqual([
      { decision: 'reinstate', monitoring_result: 'restumbled' },
      { decision: 'deny', monitoring_result: null },
      { decision: 'reinstate', monitoring_result: null },
    ]);

    const card = (await api.as(specialist).get(`/quality/scorecards/${specialist}`).expect(200)).body;
    expect(card).toMatchObject({
      userId: specialist,
      volume: 3,
      reinstatement: { decided: 3, reinstated: 2, interval: wilsonInterval(2, 3) },
      restumble: { reinstatedSellers: 2, watching: 1, observed: 1, restumbled: 1, interval: wilsonInterval(1, 1) },
      restumbleRate: 1,
    });
    expect(card.reinstatementRate).toBeCloseTo(2 / 3, 12);
    expect(card.reinstatement.interval.low).toBeCloseTo(0.2077, 4);
    expect(card.restumble.interval.low).toBeCloseTo(0.2065, 4);
    // Today's week holds all three decisions; earlier weeks none.
    const thisWeek = card.weeks.at(-1);
    expect(thisWeek).toMatchObject({ reinstatement: { decided: 3, reinstated: 2 }, restumble: { observed: 1, restumbled: 1 } });
    expect(card.weeks.slice(0, -1).every((w: { reinstatementRate: number | null }) => w.reinstatementRate === null)).toBe(true);

    // Their manager reads the same card; another specialist may not.
    expect((await api.as('mia').get(`/quality/scorecards/${specialist}`).expect(200)).body.reinstatement).toEqual(card.reinstatement);
    expect((await api.as('ben').get(`/quality/scorecards/${specialist}`)).status).toBe(403);
  });

  it("reads a member's appeal decisions by an index, not a scan of every appeal", async () => {
    const plan = await ds.transaction(async (tx) => {
      // The test table is small enough for the planner to prefer a scan; forbid it to see whether the index serves the read.
      await tx.query(`SET LOCAL enable_seqscan = off`);
      const rows: Array<{ 'QUERY PLAN': string }> = await tx.query(
        `EXPLAIN SELECT decided_at, decision, reinstated_at IS NOT NULL AS reinstated, monitoring_result
           FROM appeals WHERE decided_by = $1 AND decided_at >= $2 AND decided_at < $3`,
        [specialist, new Date(Date.now() - 86_400_000), new Date()],
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('ix_appeals_decided_by');
  });
});
