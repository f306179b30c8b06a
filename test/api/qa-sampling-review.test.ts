import { eventually } from '../support/eventually';
import { createIntegrationContext, type IntegrationContext } from '../support/harness';
import { insertSeller, reviewClient } from './review-api.helpers';

/**
 * With QA_SAMPLING=on, a new strategic review samples its maker's proposal when it is made: the outcome
 * is recorded whether or not it is sampled (the report's population), in the stratum of the seller's
 * tier and the maker's tenure, and a sampled proposal gets its post-release review as a task.
 */
describe('QA sampling of strategic-review decisions (QA_SAMPLING=on)', () => {
  let ctx: IntegrationContext;
  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true, env: { QA_SAMPLING: 'on' } });
  });
  afterAll(() => ctx.close());

  it("records the proposal's sampling outcome in its stratum, and reviews it when sampled", async () => {
    const api = reviewClient(ctx);
    const seller = await insertSeller(ctx.dataSource, { annualSales: 7_000_000, strategic: false, accountManagerId: null });
    const r = await api.checksDone('dana', await api.reviewInReview(seller.id, 'dana'));
    const proposed = await api.act('dana', r.id, 'decision', api.enforcement);
    expect(proposed.state).toBe('pending_approval');

    const [row] = await eventually(
      (): Promise<Array<{ id: string; sampled: boolean; status: string; stratum: string; mode: string; maker_id: string }>> =>
        ctx.dataSource.query(`SELECT id, sampled, status, stratum, mode, maker_id FROM qa_decisions WHERE case_id = $1`, [r.id]),
      (rows) => rows.length === 1,
      { timeoutMs: 20_000 },
    );
    // dana has been on the team since 2024 (established); a 7 M seller is tier_3; listing restrictions sample at 10%.
    expect(row).toMatchObject({ id: `${r.id}:strategic_review_decision:1`, maker_id: 'dana', mode: 'post_release', stratum: 'strategic_review_decision|tier=tier_3|decision=listing_restriction|tenure=established' });
    const [event] = await ctx.dataSource.query(`SELECT details FROM case_events WHERE case_id = $1 AND action = 'decision_proposed'`, [r.id]);
    expect(event.details.qaSampled).toBe(row.sampled);
    if (row.sampled) {
      await eventually(
        () => ctx.dataSource.query(`SELECT 1 FROM tasks WHERE case_id = $1 AND kind = 'qa_review'`, [r.id]),
        (rows: unknown[]) => rows.length === 1,
        { timeoutMs: 20_000 },
      );
    } else {
      expect(row.status).toBe('not_sampled');
    }
  });
});
