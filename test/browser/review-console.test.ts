import { eventually } from '../api/escalation-api.helpers';
import { appealClient, enforcementAccount, sellerWithAccount } from '../api/appeal-api.helpers';
import { insertSeller, reviewClient, type ReviewBody } from '../api/review-api.helpers';
import { consoleInBrowser } from '../support/console-browser';

/**
 * A strategic review's maker-checker step through the web console in Chromium, against the real API,
 * Temporal and PostgreSQL: the maker is offered no approval of their own proposal; the checker rejects
 * it (the API's field problem shown first), the maker proposes again, and the checker approves; the
 * page then shows the enforcement and the statement of reasons.
 */
jest.setTimeout(180_000);

describe('a strategic review in the browser (real API, Temporal and PostgreSQL)', () => {
  const web = consoleInBrowser();
  let ctx: typeof web.ctx;
  let api: ReturnType<typeof reviewClient>;
  let base: string;
  const signedIn = (userId: string) => web.signedIn(userId);

  beforeAll(() => {
    ({ ctx, base } = web);
    api = reviewClient(ctx);
  });

  const proposal = { decision: 'listing_restriction', reasonCode: 'counterfeit_goods', policyCitation: 'Seller Code of Conduct §5', rationale: 'Test buys confirmed counterfeits', durationDays: 30 };

  it('the maker cannot check; a checker rejects with reasons, then approves the new proposal, and the statement of reasons appears', async () => {
    const seller = await insertSeller(ctx.dataSource, { annualSales: 7_000_000, strategic: false, accountManagerId: null, legalName: 'Browser Bazaar Inc.' });
    const r = await api.checksDone('ben', await api.reviewInReview(seller.id));
    await api.act('ben', r.id, 'decision', proposal);

    // Ben, the maker: the page shows what the approval still needs and offers him no approval.
    const ben = await signedIn('ben');
    await ben.page.goto(`${base}/console/cases/${r.id}`);
    await ben.page.locator('.case-page[data-kind="strategic_review"][data-case-state="pending_approval"]').waitFor();
    await ben.page.locator('#decision', { hasText: 'needs 1 more approval, from a senior_specialist or above' }).waitFor();
    await ben.page.locator('#risk', { hasText: 'rules-2026.1' }).waitFor();
    const benActions = await ben.page.locator('.case-actions .action-toggle').allTextContents();
    expect(benActions).not.toContain('Approve decision');
    expect(benActions).toContain('Withdraw decision');
    await ben.screenshot('review-pending-approval');

    // Dana, the checker: rejects, first without reasons (the API names the field), then with them.
    const dana = await signedIn('dana');
    await dana.page.goto(`${base}/console/cases/${r.id}`);
    await dana.page.locator('.case-page[data-case-state="pending_approval"]').waitFor();
    expect(await dana.page.locator('.case-actions .action-toggle').allTextContents()).toEqual(expect.arrayContaining(['Approve decision', 'Reject decision']));
    dana.expectHttpError(/\/decision\/reject$/);
    await dana.page.getByRole('button', { name: 'Reject decision', exact: true }).click();
    const reject = dana.page.locator('form[data-action="reject_decision"]');
    await reject.getByRole('button', { name: 'Reject' }).click();
    await reject.locator('[data-field-error$="-reasons"]').waitFor();
    await reject.getByLabel('Reasons').fill('Name the listings: the scope must be the counterfeit ones only');
    await reject.getByRole('button', { name: 'Reject' }).click();
    await dana.page.getByRole('status').filter({ hasText: 'Rejected.' }).waitFor();
    await dana.page.locator('.case-page[data-case-state="in_review"]').waitFor();

    // Ben proposes again, narrower; Dana approves in the console.
    await api.act('ben', r.id, 'decision', { ...proposal, scope: 'the 14 listings of the test buys' });
    await dana.page.reload();
    await dana.page.locator('.case-page[data-case-state="pending_approval"]').waitFor();
    await dana.page.getByRole('button', { name: 'Approve decision', exact: true }).click();
    const approve = dana.page.locator('form[data-action="approve_decision"]');
    await approve.getByLabel('Note (optional)').fill('Scope is right now');
    await approve.getByRole('button', { name: 'Approve' }).click();
    await dana.page.getByRole('status').filter({ hasText: 'Approved.' }).waitFor();

    await eventually(async () => {
      const b = (await api.as('ben').get(`/reviews/${r.id}`)).body as ReviewBody;
      return b.state === 'closed' ? b : undefined;
    }, 'the enforcement to finish');
    await ben.page.reload();
    await ben.page.locator('.case-page[data-case-state="closed"]').waitFor();
    await ben.page.locator('#statement', { hasText: 'the 14 listings of the test buys' }).waitFor();
    await ben.page.locator('#decision details', { hasText: 'Earlier proposals (1)' }).waitFor();
    await ben.screenshot('review-closed');

    // The cases list shows reviews by kind.
    await ben.page.goto(`${base}/console/cases`);
    await ben.page.getByLabel('Kind').selectOption('strategic_review');
    await ben.page.getByLabel('Seller').fill(seller.id);
    await ben.page.getByRole('button', { name: 'Search' }).click();
    await ben.page.locator(`#cases tr[data-case="${r.id}"]`, { hasText: 'strategic review' }).waitFor();

    // A specialist has no history link; the team's manager opens the review's workflow history, with the
    // enforcement saga it started as a child workflow.
    await ben.page.goto(`${base}/console/cases/${r.id}`);
    await ben.page.locator('.case-page[data-case-state="closed"]').waitFor();
    expect(await ben.page.getByRole('link', { name: 'Workflow history' }).count()).toBe(0);
    const mia = await signedIn('mia');
    await mia.page.goto(`${base}/console/cases/${r.id}`);
    await mia.page.getByRole('link', { name: 'Workflow history' }).click();
    await mia.page.getByRole('heading', { name: 'Workflow history' }).waitFor();
    await mia.page.locator('#events td', { hasText: 'WORKFLOW_EXECUTION_STARTED' }).first().waitFor();
    await mia.page.locator('#events details.child-history summary', { hasText: 'enforcementWorkflow' }).waitFor();
  });

  it('works an appeal in the console: the reviewer acknowledges and decides to reinstate (naming the upstream error), a manager approves', async () => {
    const appeals = appealClient(ctx);
    const seller = await sellerWithAccount(ctx.dataSource);
    const { appealId } = await appeals.appealExternal(await enforcementAccount(ctx.dataSource), seller);
    const reviewer = await eventually(async () => {
      const a = (await appeals.as('mia').get(`/appeals/${appealId}`)).body as { assigneeId: string | null };
      return a.assigneeId ? a : undefined;
    }, 'the appeal to be assigned');

    const w = await signedIn(reviewer.assigneeId!);
    await w.page.goto(`${base}/console/cases/${appealId}`);
    await w.page.locator('.case-page[data-kind="appeal"][data-case-state="assigned"]').waitFor();
    expect(await w.page.locator('h1').textContent()).toBe(`Appeal of a suspension · seller ${seller.sellerId}`);
    await w.page.locator('#plan', { hasText: 'Root cause' }).waitFor();
    await w.page.locator('#summary', { hasText: 'identity documents did not match' }).waitFor();
    await w.page.locator('#decision', { hasText: 'Not decided yet.' }).waitFor();
    expect(await w.page.locator('.case-actions .action-toggle').allTextContents()).toEqual(expect.arrayContaining(['Acknowledge']));
    await w.screenshot('appeal-assigned');

    await w.page.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await w.page.locator('form[data-action="acknowledge"]').getByRole('button', { name: 'Acknowledge' }).click();
    await w.page.getByRole('status').filter({ hasText: 'Acknowledged.' }).waitFor();
    await w.page.locator('.case-page[data-case-state="in_review"]').waitFor();

    // The appeal's own decision form; a reinstatement naming the upstream team that got it wrong.
    await w.page.getByRole('button', { name: 'Decide', exact: true }).click();
    const decide = w.page.locator('form[data-action="decide"]');
    await decide.getByLabel('Decision').selectOption('reinstate');
    await decide.getByLabel('Reason', { exact: true }).selectOption('enforcement_error');
    await decide.getByLabel('Rationale').fill('The passport was valid; the check misread it');
    await decide.getByLabel(/^The enforcement was wrong/).selectOption('SPIV');
    await decide.getByLabel('What the upstream team got wrong').fill('The ID check misread a valid passport');
    await decide.getByRole('button', { name: 'Decide' }).click();
    await w.page.getByRole('status').filter({ hasText: 'Decided.' }).waitFor();
    await w.page.locator('.case-page[data-case-state="pending_approval"]').waitFor();
    expect(await w.page.locator('.case-actions .action-toggle').allTextContents()).not.toContain('Approve reinstatement');

    const mia = await signedIn('mia');
    await mia.page.goto(`${base}/console/cases/${appealId}`);
    await mia.page.locator('.case-page[data-case-state="pending_approval"]').waitFor();
    await mia.page.getByRole('button', { name: 'Approve reinstatement', exact: true }).click();
    await mia.page.locator('form[data-action="approve_reinstatement"]').getByRole('button', { name: 'Approve' }).click();
    await mia.page.getByRole('status').filter({ hasText: 'Reinstatement approved.' }).waitFor();
    const decided = await eventually(async () => {
      const a = (await appeals.as('mia').get(`/appeals/${appealId}`)).body as { state: string; decision: { decision: string } };
      return a.state === 'monitoring' ? a : undefined;
    }, 'the reinstatement to apply');
    expect(decided.decision).toMatchObject({ decision: 'reinstate' });
    // The nested enforcementError fields reached the API: the false-positive record names SPIV.
    const [row] = await ctx.dataSource.query(`SELECT enforcement_error, error_upstream_team, error_note FROM appeals WHERE case_id = $1`, [appealId]);
    expect(row).toEqual({ enforcement_error: true, error_upstream_team: 'SPIV', error_note: 'The ID check misread a valid passport' });
    await mia.page.reload();
    await mia.page.locator('.case-page[data-case-state="monitoring"]').waitFor();
    await mia.page.locator('#monitoring', { hasText: 'Watching' }).waitFor();
    await mia.screenshot('appeal-monitoring');
  });
});
