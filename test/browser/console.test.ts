import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { createIntegrationContext, type IntegrationContext } from '../support/harness';
import { launchChromium, WatchedPage, type BrowserSession } from '../support/browser';
import { apiClient, eventually, type CaseBody } from '../api/escalation-api.helpers';
import { Client, Connection } from '@temporalio/client';
import { consoleDir } from '../../api/console/console-assets';
import { createApiApp } from '../../api/bootstrap';
import { loadConfig } from '../../config/env';
import { freePort } from '../../platform/free-port';
import { TEST_JWT_SECRET } from '../support/harness';

/**
 * The web console in a real browser (Debian's Chromium, headless) against the real system: the API
 * in-process on a free port, a real Temporal server and worker, a real PostgreSQL. Each role does its
 * job through the pages; every page is screenshotted into test-artifacts/screenshots/, and any
 * browser console error or page error fails the test.
 *
 * Critical escalations get a tiny SLA here (3 s to first response, 6 s to resolution, on the
 * always-on calendar), so a real breach happens within seconds.
 */
const TINY_CRITICAL_SLA = '{"cases":{"escalation":{"critical":{"firstResponseMs":3000,"resolutionMs":6000}}}}';
const TEMPORAL_UI = 'http://127.0.0.1:8233';

jest.setTimeout(180_000);

describe('web console in a browser (real API, Temporal and PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let api: ReturnType<typeof apiClient>;
  let chrome: BrowserSession;
  let base: string;
  const pages: WatchedPage[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(path.join(consoleDir(), 'index.html'))) {
      throw new Error(`The console is not built (${consoleDir()}): run npm run build:console (npm test does)`);
    }
    ctx = await createIntegrationContext({
      api: true,
      env: { DEV_SIGN_IN: 'true', TEMPORAL_UI_URL: TEMPORAL_UI, SLA_POLICY_JSON: TINY_CRITICAL_SLA },
    });
    await ctx.app!.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(ctx.app!.getHttpServer().address() as AddressInfo).port}`;
    api = apiClient(ctx);
    chrome = await launchChromium();
  });

  afterEach(async () => {
    const errors = pages.flatMap((p) => p.errors);
    await Promise.all(pages.splice(0).map((p) => p.close()));
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    await chrome?.close();
    await ctx?.close();
  });

  async function signedIn(userId: string, viewport?: { width: number; height: number }, { keyboard = false } = {}): Promise<WatchedPage> {
    const w = await WatchedPage.open(chrome.browser, viewport);
    pages.push(w);
    await w.page.goto(`${base}/`);
    await w.page.getByRole('heading', { name: 'Sign in to Riskdesk' }).waitFor();
    if (keyboard) {
      // Tab from the top of the page to the user's button, then Enter: sign-in works without a mouse.
      for (let i = 0; i < 40 && !(await w.page.evaluate<boolean>(`document.activeElement?.dataset?.user === ${JSON.stringify(userId)}`)); i++) {
        await w.page.keyboard.press('Tab');
      }
      await w.page.keyboard.press('Enter');
    } else {
      await w.page.locator(`[data-user="${userId}"]`).click();
    }
    await w.page.getByRole('button', { name: 'Sign out' }).waitFor();
    return w;
  }

  const caseRow = (w: WatchedPage, section: string, caseId: string) => w.page.locator(`#${section} tr[data-case="${caseId}"]`);

  it("is as small as the README says (gzipped JavaScript and CSS, to the kB)", () => {
    const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    const [, js, css] = /\*\*(\d+) kB of JavaScript and (\d+) kB of CSS, gzipped\*\*/.exec(readme) ?? [];
    const assets = path.join(consoleDir(), 'assets');
    const gzipped = (ext: string) =>
      fs.readdirSync(assets).filter((f) => f.endsWith(ext)).reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(assets, f)), { level: 9 }).length, 0) / 1000;
    expect(Math.abs(gzipped('.js') - Number(js))).toBeLessThan(1.5);
    expect(Math.abs(gzipped('.css') - Number(css))).toBeLessThan(1.5);
  });

  it('serves the console at / with the right caching, and keeps API routes behind the guard', async () => {
    const res = await fetch(`${base}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/console/');
    const index = await fetch(`${base}/console/cases/anything`);
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await index.text();
    const asset = /\/console\/assets\/[^"]+\.js/.exec(html)![0];
    const js = await fetch(`${base}${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${base}/console/assets/missing-abc123.js`)).status).toBe(404);
    expect((await fetch(`${base}/escalations`)).status).toBe(401);
    expect(await (await fetch(`${base}/console/config`)).json()).toEqual({ devSignIn: true, temporalUiUrl: TEMPORAL_UI, temporalNamespace: 'default' });
  });

  it('a specialist claims from the queue, hands off, a Legal approver answers, and the specialist resolves', async () => {
    const summary = `Counterfeit listings, browser test ${Date.now()}`;
    const queued = await api.queuedCase({ summary, severity: 'high' });

    // Ana: My work, the case in her team's queue; claim it.
    const ana = await signedIn('ana');
    await ana.page.getByRole('heading', { name: 'My work' }).waitFor();
    await caseRow(ana, 'queue', queued.id).waitFor();
    await ana.screenshot('my-work-inbox');
    expect(await ana.layoutShift()).toBeLessThan(0.1);
    await caseRow(ana, 'queue', queued.id).getByRole('button', { name: /^Claim/ }).click();
    await ana.page.getByRole('heading', { name: summary }).waitFor();
    await expect(ana.page.locator('.case-page').getAttribute('data-case-state')).resolves.toBe('in_progress');

    // Exactly the API's allowedActions are offered.
    const allowed = ((await api.as('ana').get(`/escalations/${queued.id}`).expect(200)).body as { allowedActions: Array<{ action: string }> }).allowedActions;
    const labels = await ana.page.locator('.case-actions .action-toggle').allTextContents();
    expect(labels).toHaveLength(allowed.length);
    expect(allowed.map((a) => a.action)).toEqual(expect.arrayContaining(['hand_off', 'resolve', 'release', 'request_info', 'escalate']));

    // Hand off, first with nothing filled in: the API's problems appear next to the fields.
    ana.expectHttpError(/\/handoffs$/);
    await ana.page.getByRole('button', { name: 'Hand off', exact: true }).click();
    const form = ana.page.locator('form[data-action="hand_off"]');
    await form.getByRole('button', { name: 'Hand off' }).click();
    await form.locator('[data-field-error$="-team"]').waitFor();
    expect(await form.locator('[data-field-error$="-team"]').textContent()).toMatch(/team must be one of/);
    expect(await form.locator('[data-field-error$="-question"]').textContent()).toMatch(/question/);
    await expect(form.getByLabel('Team').getAttribute('aria-invalid')).resolves.toBe('true');
    await form.getByLabel('Team').selectOption('legal');
    await form.getByLabel('Question').fill('Is the trademark claim enforceable in DE?');
    await form.getByRole('button', { name: 'Hand off' }).click();
    await ana.page.getByRole('status').filter({ hasText: 'Handed off.' }).waitFor();
    await ana.page.locator('.handoff').filter({ hasText: 'Is the trademark claim enforceable in DE?' }).waitFor();
    await ana.screenshot('case-page-handed-off');

    // Lea (Legal): the approver queue; answer with outcome, notes and citation.
    const lea = await signedIn('lea');
    await lea.page.getByRole('heading', { name: /Approvals for legal/ }).waitFor();
    const card = lea.page.locator('.handoff-card').filter({ hasText: summary });
    await card.waitFor();
    await lea.screenshot('approver-queue');
    await card.getByLabel('approve').check();
    await card.getByLabel('Notes').fill('The mark is registered in DE; the takedown is enforceable.');
    await card.getByLabel('Citation (optional)').fill('MarkenG §14');
    await card.getByRole('button', { name: 'Send answer' }).click();
    await lea.page.getByRole('status').filter({ hasText: /Answered/ }).waitFor();
    await lea.page.getByRole('button', { name: 'Answered', exact: true }).click();
    await lea.page.locator('.handoff-card', { hasText: summary }).locator('.answer', { hasText: 'MarkenG §14' }).waitFor();
    await eventually(async () => {
      const c = (await api.as('ana').get(`/escalations/${queued.id}`)).body as CaseBody;
      return c.state === 'in_progress' ? c : undefined;
    }, 'the answer to reach the case');

    // Ana sees the answer and resolves.
    await ana.page.reload();
    await ana.page.locator('.handoff .answer').filter({ hasText: 'MarkenG §14' }).waitFor();
    await ana.page.getByRole('button', { name: 'Resolve', exact: true }).click();
    const resolve = ana.page.locator('form[data-action="resolve"]');
    await resolve.getByLabel('Resolution').selectOption('enforcement_upheld');
    await resolve.getByLabel('Root cause').selectOption('seller_bad_faith');
    await resolve.getByLabel('Note (optional)').fill('Legal confirmed the claim.');
    await resolve.getByRole('button', { name: 'Resolve case' }).click();
    await ana.page.getByRole('status').filter({ hasText: 'Resolved.' }).waitFor();
    await ana.page.locator('.case-page[data-case-state="resolved"]').waitFor();
    await ana.page.locator('.case-actions .action-toggle', { hasText: 'Reopen' }).waitFor();
    await ana.screenshot('case-page');

    // The same page at tablet width: nothing wider than the screen.
    const tablet = await signedIn('ana', { width: 768, height: 1024 });
    await tablet.page.goto(`${base}/console/cases/${queued.id}`);
    await tablet.page.getByRole('heading', { name: summary }).waitFor();
    expect(await tablet.page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await tablet.screenshot('case-page-tablet');

    // Sign-out clears the tab's token.
    await ana.page.getByRole('button', { name: 'Sign out' }).click();
    await ana.page.getByRole('heading', { name: 'Sign in to Riskdesk' }).waitFor();
    expect(await ana.page.evaluate('sessionStorage.length')).toBe(0);
  });

  it('a manager sees a real SLA breach on the dashboard and reassigns the case', async () => {
    const summary = `Account takeover, critical, browser test ${Date.now()}`;
    const created = await api.createCase({ summary, severity: 'critical', category: 'account_takeover' });
    // Nobody responds: the 3-second first-response clock breaches and the case goes to the managers.
    const breached = await eventually(async () => {
      const c = (await api.as('max').get(`/escalations/${created.id}`)).body as CaseBody;
      return c.breached && c.state === 'escalated_to_manager' ? c : undefined;
    }, 'the SLA breach', 30_000);
    expect(breached.breached).toBe(true);

    const max = await signedIn('max');
    await max.page.getByRole('heading', { name: /Dashboard/ }).waitFor();
    const item = max.page.locator(`#breached li[data-case="${created.id}"]`);
    await item.waitFor();
    await max.page.locator('#metric-sla .chart-canvas canvas').waitFor();
    await max.page.locator('#metric-load canvas').first().waitFor();
    expect(await max.layoutShift()).toBeLessThan(0.1);
    await max.screenshot('dashboard');

    await item.getByRole('button', { name: 'Reassign…' }).click();
    const form = item.locator('form[data-action="reassign"]');
    const to = breached.assigneeId === 'chloe' ? 'ana' : 'chloe';
    await form.getByLabel('Assignee').selectOption(to);
    await form.getByLabel('Reason (optional)').fill('Covers account takeovers today');
    await form.getByRole('button', { name: 'Reassign' }).click();
    await max.page.locator(`#breached li[data-case="${created.id}"] form`).waitFor({ state: 'detached' });
    // Reassigned by max (the tiny resolution clock may breach again right after, escalating anew).
    const after = (await api.as('max').get(`/escalations/${created.id}`).expect(200)).body as CaseBody & { timeline: Array<{ action: string; actorId: string; toState: string }> };
    expect(after.assigneeId).toBe(to);
    expect(after.timeline).toContainEqual(expect.objectContaining({ action: 'reassigned', actorId: 'max', toState: 'assigned' }));

    // Out of office, on a member of this test's own (no case kinds: routing never picks them).
    const sam = `bt-sam-${Date.now()}`;
    await ctx.dataSource.query(
      `INSERT INTO roster_members (user_id, display_name, role, team, skills, capacity) VALUES ($1, 'Sam Browser', 'specialist', 'seller-risk-eu', $2, 0)`,
      [sam, JSON.stringify({ kinds: [], marketplaces: [], languages: [] })],
    );
    try {
      await max.page.getByRole('link', { name: 'Team' }).click();
      const row = max.page.locator(`#members tr[data-member="${sam}"]`);
      await row.waitFor();
      await row.getByLabel('Sam Browser away until').fill('2031-03-01T09:00');
      await row.getByRole('button', { name: 'Set out of office' }).click();
      await max.page.locator('.notice', { hasText: `Saved ${sam}: out of office until` }).waitFor();
      await max.screenshot('team-workload');
      const [away] = await ctx.dataSource.query(`SELECT out_of_office_until FROM roster_members WHERE user_id = $1`, [sam]);
      expect(away.out_of_office_until).toEqual(expect.any(Date));
      await max.page.locator(`#members tr[data-member="${sam}"]`).getByRole('button', { name: 'Back now' }).click();
      await max.page.locator('.notice', { hasText: `Saved ${sam}: available` }).waitFor();
    } finally {
      await ctx.dataSource.query(`UPDATE roster_members SET active = false WHERE user_id = $1`, [sam]);
    }
  });

  it('an operator opens a case and its workflow history across runs, with a link to the Temporal Web UI', async () => {
    const c = await api.caseWorkedBy('ana', { summary: `History check ${Date.now()}` });
    const olga = await signedIn('olga', undefined, { keyboard: true });
    await olga.page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    await olga.page.getByLabel('Seller').fill(String(c.sellerId));
    await olga.page.getByRole('button', { name: 'Search' }).click();
    await olga.page.locator(`#cases tr[data-case="${c.id}"] a`).click();
    await olga.page.getByRole('heading', { name: String(c.summary) }).waitFor();
    expect(await olga.page.locator('.case-actions .action-toggle').count()).toBe(0);
    await olga.page.getByRole('link', { name: 'Workflow history' }).click();
    await olga.page.getByRole('heading', { name: 'Workflow history' }).waitFor();
    await olga.page.locator('#runs tbody tr').first().waitFor();
    await olga.page.locator('#events td', { hasText: 'WORKFLOW_EXECUTION_STARTED' }).waitFor();
    const link = await olga.page.getByRole('link', { name: 'Open in Temporal Web UI' }).getAttribute('href');
    expect(link).toBe(`${TEMPORAL_UI}/namespaces/default/workflows?query=${encodeURIComponent(`WorkflowId="${c.workflowId}"`)}`);
    const runLink = await olga.page.locator('#runs a', { hasText: 'View run' }).first().getAttribute('href');
    expect(runLink).toMatch(new RegExp(`^${TEMPORAL_UI}/namespaces/default/workflows/${c.workflowId}/[0-9a-f-]{36}/history$`));
    await olga.screenshot('operator-history');
  });

  it('says plainly when Temporal is unreachable, and when the API itself is', async () => {
    // A real API whose Temporal address has nothing listening: /ready answers 503 naming Temporal. No
    // gRPC retries here, so the refusal is immediate and no retry is left pending when the test ends
    // (the default client retries for about 20 seconds before /ready can answer).
    const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}`, interceptors: [] });
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEV_SIGN_IN: 'true', JWT_SECRET: TEST_JWT_SECRET, DATABASE_URL: 'postgresql://unused/unused' });
    const broken = await createApiApp({ config, dataSource: ctx.dataSource, temporal: new Client({ connection, namespace: 'default' }) });
    await broken.listen(0, '127.0.0.1');
    const brokenBase = `http://127.0.0.1:${(broken.getHttpServer().address() as AddressInfo).port}`;
    let closed = false;
    try {
      const w = await WatchedPage.open(chrome.browser);
      pages.push(w);
      w.expectHttpError(/\/ready$/);
      w.expectHttpError(/\/(escalations|cases)/);
      await w.page.goto(`${brokenBase}/console/`);
      await w.page.locator('[data-user="olga"]').click();
      const banner = w.page.locator('.status-banner');
      await banner.filter({ hasText: /Temporal is unreachable/ }).waitFor({ timeout: 30_000 });
      await w.screenshot('temporal-down');

      // Now the API goes away (in-flight requests cut off): the next request says so.
      broken.getHttpServer().closeAllConnections();
      await broken.close();
      closed = true;
      await w.page.getByRole('button', { name: 'Search' }).click();
      await banner.filter({ hasText: 'The Riskdesk API cannot be reached' }).waitFor();
    } finally {
      if (!closed) await broken.close();
      await connection.close().catch(() => undefined);
    }
  });
});
