import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ALWAYS_ON } from '../../workflows/common/business-calendar';
import { qaReviewWorkflowId, type QaReviewInput } from '../../workflows/qa-review/qa-review.contract';
import { addCase, addMember } from '../api/metrics-fixtures';
import { consoleInBrowser } from '../support/console-browser';
import { eventually } from '../support/eventually';
import { bearer } from '../support/harness';

/**
 * The decision-quality pages in Chromium against the real API, Temporal worker and PostgreSQL, in a
 * team of this file's own: the routed reviewer reviews blind and disagrees, the manager adjudicates
 * seeing both decisions, then reads the maker's scorecard; a participant answers a calibration session
 * in the browser and the manager closes it and reads the report.
 */
jest.setTimeout(180_000);

describe('decision quality in the browser (real API, Temporal and PostgreSQL)', () => {
  const web = consoleInBrowser();
  const suffix = randomUUID().slice(0, 8);
  const team = `qc-${suffix}`;
  const maker = `qc-maker-${suffix}`;
  const reviewer = `qc-rev-${suffix}`;
  const manager = `qc-mgr-${suffix}`;
  let reviewId: string;

  beforeAll(async () => {
    const ds = web.ctx.dataSource;
    await addMember(ds, { userId: maker, role: 'specialist', team });
    await addMember(ds, { userId: reviewer, role: 'senior_specialist', team });
    await addMember(ds, { userId: manager, role: 'manager', team });
    const caseId = await addCase(ds, { kind: 'escalation', team, severity: 'high', state: 'resolved', open: false, createdAt: Date.now() - 3_600_000, resolvedAt: Date.now() });
    reviewId = `${caseId}:escalation_resolution:1`;
    const input: QaReviewInput = {
      reviewId,
      caseId,
      caseKind: 'escalation',
      decisionKind: 'escalation_resolution',
      team,
      marketplace: 'DE',
      maker: { userId: maker, role: 'specialist', startedOn: null },
      makerDecision: { decision: 'enforcement_upheld', reason: null },
      evidence: { summary: 'Counterfeit listings reported twice by test buyers' },
      mode: 'post_release',
      stratum: 'escalation_resolution|tier=-|decision=enforcement_upheld|tenure=unknown',
      rate: 0.1,
      decidedAt: Date.now(),
      hold: { remindAfterMs: 4 * 3_600_000, escalateAfterMs: 8 * 3_600_000 },
      calendar: ALWAYS_ON,
    };
    await web.ctx.client.workflow.start('qaReviewWorkflow', { taskQueue: web.ctx.taskQueue, workflowId: qaReviewWorkflowId(reviewId), args: [input] });
    await eventually(
      () => ds.query(`SELECT reviewer_id FROM qa_decisions WHERE id = $1`, [reviewId]),
      (rows: Array<{ reviewer_id: string | null }>) => rows[0]?.reviewer_id === reviewer,
      { timeoutMs: 20_000 },
    );
  });

  it("the reviewer reviews blind and disagrees; the manager adjudicates seeing both decisions, then reads the maker's scorecard", async () => {
    const rev = await web.signedIn(reviewer);
    // My work lists the task with a link to the review, not to the case (whose page shows the decision).
    const task = rev.page.locator('#inbox tr', { hasText: 'Blind peer review' });
    await task.waitFor();
    expect(await task.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([`/console/qa-reviews/${reviewId}`]);
    await rev.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quality' }).click();
    await rev.page.locator('#qa-reviews').getByRole('link', { name: /Blind peer review/ }).click();
    await rev.page.locator('[data-qa-status="awaiting_review"]').waitFor();
    await rev.page.locator('#evidence', { hasText: 'Counterfeit listings reported twice' }).waitFor();
    await rev.page.locator('#decisions [data-blind="true"]').waitFor();
    expect(await rev.page.locator('#summary a').count()).toBe(0);
    expect(await rev.page.locator('#summary, #evidence, #decisions').allTextContents()).not.toEqual(expect.arrayContaining([expect.stringMatching(/enforcement upheld/)]));
    await rev.screenshot('qa-review-blind');

    const form = rev.page.locator('form[data-action="qa_review"]');
    await form.getByLabel('Decision').selectOption('no_violation_found');
    await form.getByLabel('Notes').fill('The listings were genuine: invoices match');
    await form.getByRole('button', { name: 'Submit review' }).click();
    await rev.page.getByRole('status').filter({ hasText: 'Review submitted: the review is now adjudicating.' }).waitFor();
    await rev.page.locator('[data-qa-status="adjudicating"]').waitFor();
    expect(await rev.page.locator('form[data-action="qa_review"]').count()).toBe(0);

    const mgr = await web.signedIn(manager);
    await mgr.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quality' }).click();
    await mgr.page.locator('#qa-team').getByRole('link', { name: /Adjudicate a peer-review disagreement/ }).click();
    await mgr.page.locator('[data-qa-status="adjudicating"]').waitFor();
    await mgr.page.locator('#decisions', { hasText: 'enforcement upheld' }).waitFor();
    await mgr.page.locator('#decisions', { hasText: `no violation found — ${reviewer}` }).waitFor();
    await mgr.screenshot('qa-review-adjudication');
    const adjudicate = mgr.page.locator('form[data-action="qa_adjudicate"]');
    await adjudicate.getByLabel('Decision').selectOption('no_violation_found');
    await adjudicate.getByLabel('Notes').fill('Agree with the reviewer');
    await adjudicate.getByRole('button', { name: 'Adjudicate' }).click();
    await mgr.page.locator('[data-qa-status="adjudicated"]').waitFor();
    await mgr.page.locator('#summary', { hasText: 'false positive' }).waitFor();

    // The maker's scorecard: one review, overturned, accuracy 0 of 1 with its Wilson interval (0 to z²/(1+z²)).
    await mgr.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quality' }).click();
    await mgr.page.locator('#scorecards').getByRole('link', { name: `Test ${maker}` }).click();
    await mgr.page.getByRole('heading', { name: `Scorecard: ${maker}` }).waitFor();
    await mgr.page.locator('[data-figure="qa"]', { hasText: '0.0% (0 of 1; 95% CI 0.0–79.3%)' }).waitFor();
    expect(await mgr.page.locator('[data-figure="overturned"] td').textContent()).toBe('1');
    expect(await mgr.page.locator('[data-figure="reinstatement"] td').textContent()).toBe('no data (0 of 0)');
    expect(await mgr.page.locator('tr[data-week]').count()).toBe(8);
    await mgr.page.locator('#trend canvas').first().waitFor();
    await mgr.screenshot('scorecard');

    // The nav offers Quality only to roles that review or answer sessions.
    const legal = await web.signedIn('lea');
    expect(await legal.page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).not.toContain('Quality');
  });

  it('a participant answers a calibration session; the manager closes it and reads the report', async () => {
    const created = await request(web.ctx.app!.getHttpServer())
      .post('/calibration-sessions')
      .set('Authorization', bearer(manager))
      .send({
        title: `Browser calibration ${suffix}`,
        questions: [{ id: 'decision', label: 'What should the decision be?', options: ['no_action', 'warning', 'suspension'] }],
        items: [
          { prompt: 'Three counterfeit test buys', golden: [{ questionId: 'decision', answer: 'warning' }] },
          { prompt: 'One late shipment', golden: [{ questionId: 'decision', answer: 'no_action' }] },
          { prompt: 'Stolen identity documents', golden: [{ questionId: 'decision', answer: 'suspension' }] },
        ],
        participants: [maker, reviewer],
      })
      .expect(201);
    const id = created.body.id as string;
    await request(web.ctx.app!.getHttpServer())
      .put(`/calibration-sessions/${id}/answers`)
      .set('Authorization', bearer(reviewer))
      .send({ answers: [['warning', 1], ['no_action', 2], ['warning', 3]].map(([answer, position]) => ({ position, questionId: 'decision', answer })) })
      .expect(200);

    const spec = await web.signedIn(maker);
    await spec.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quality' }).click();
    await spec.page.locator('#sessions').getByRole('link', { name: `Browser calibration ${suffix}` }).click();
    await spec.page.locator('[data-session-status="open"]').waitFor();
    for (const [position, answer] of [[1, 'warning'], [2, 'no_action'], [3, 'suspension']] as const) {
      await spec.page.getByLabel(`What should the decision be? (item ${position})`).selectOption(answer);
    }
    await spec.page.getByRole('button', { name: 'Save answers' }).click();
    await spec.page.getByRole('status').filter({ hasText: 'Saved 3 answers.' }).waitFor();
    await spec.screenshot('calibration-answers');
    expect(await spec.page.getByRole('button', { name: /Close the session/ }).count()).toBe(0);

    const mgr = await web.signedIn(manager);
    await mgr.page.goto(`${web.base}/console/calibration/${id}`);
    await mgr.page.locator('#session', { hasText: `${maker} 3/3` }).waitFor();
    await mgr.page.getByRole('button', { name: 'Close the session and show the report' }).click();
    await mgr.page.locator('[data-session-status="closed"]').waitFor();
    // Two raters: p_o = 2/3, p_e = 1/3 (maker w/n/s, reviewer w/n/w), so kappa = 0.5.
    await mgr.page.locator('[data-agreement="overall"]', { hasText: "Cohen's κ 0.500 (moderate)" }).waitFor();
    await mgr.page.locator('tr[data-question="decision"]', { hasText: "Cohen's κ 0.500 (moderate)" }).waitFor();
    await mgr.page.locator(`tr[data-participant="${maker}"]`, { hasText: '100.0% (3 of 3' }).waitFor();
    await mgr.page.locator(`tr[data-participant="${reviewer}"]`, { hasText: '66.7% (2 of 3' }).waitFor();
    await mgr.screenshot('calibration-report');
  });
});
