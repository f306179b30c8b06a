import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { consoleDir } from '../../api/console/console-assets';
import { apiClient, eventually } from '../api/escalation-api.helpers';
import { addCase, addClock, addEvents, addHandoff, addMember } from '../api/metrics-fixtures';
import { launchChromium, SCREENSHOT_DIR, WatchedPage, type BrowserSession } from '../support/browser';
import { createIntegrationContext, type IntegrationContext } from '../support/harness';

/**
 * The dashboard's metric charts in a real browser against the real API and PostgreSQL. A team of this
 * file's own holds read-model rows spread over the last ten weeks (one week left empty), so every
 * chart has figures and gaps. The browser runs in Europe/Berlin; what the tables show is compared
 * with what the metrics API answers for the same query.
 */
jest.setTimeout(240_000);

const H = 3_600_000;
const DAY = 24 * H;
const WEEK = 7 * DAY;
const ZONE = 'Europe/Berlin';
const CATEGORIES = ['counterfeit', 'fraud', 'account_takeover', 'document_forgery', 'linked_accounts', 'ip_complaint', 'prohibited_item'];
const CAUSES = ['seller_error', 'automation_false_positive', 'seller_bad_faith', 'system_defect', 'third_party_error', 'reviewer_error', 'policy_ambiguity'];
const SEVERITIES = ['low', 'medium', 'high', 'critical'];
const ANSWERING = ['legal', 'policy', 'customer_trust'];
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Completed escalations created 1-4 and 8-10 weeks ago (nothing 5-7 weeks ago, so the calendar week
 * six weeks back is empty), each with its first response, resolution, clocks (some breached), some
 * escalated and some handed off; and open cases of several ages and states, one breached.
 */
async function seedTeam(ds: DataSource, team: string, now: number): Promise<{ breachedCase: string }> {
  let n = 0;
  for (const weeksAgo of [1, 2, 3, 4, 8, 9, 10]) {
    for (let i = 0; i < 2 + (weeksAgo % 3); i++, n++) {
      const created = now - weeksAgo * WEEK - (i + 1) * 5 * H;
      const ack = created + (1 + (n % 4) * 2) * H;
      const resolved = created + (8 + (n % 6) * 9) * H;
      const firstBreached = n % 3 === 2;
      const resolutionBreached = n % 4 === 3;
      const id = await addCase(ds, {
        kind: 'escalation', team, severity: SEVERITIES[n % 4], state: 'resolved', open: false, breached: firstBreached || resolutionBreached,
        createdAt: created, resolvedAt: resolved, category: CATEGORIES[n % CATEGORIES.length], rootCause: CAUSES[(n * 3) % CAUSES.length],
      });
      const events: Array<[string, string, string]> = [['acknowledged', 'in_progress', iso(ack)]];
      if (n % 5 === 4) events.push(['escalated', 'escalated_to_manager', iso(ack + H / 2)]);
      events.push(['resolved', 'resolved', iso(resolved)]);
      await addEvents(ds, id, iso(created), events);
      await addClock(ds, id, {
        id: 'first_response', kind: 'first_response', status: firstBreached ? 'breached' : 'met', startedAt: iso(created),
        breachedAt: firstBreached ? iso(created + H / 2) : undefined, stoppedAt: iso(ack),
      });
      await addClock(ds, id, {
        id: 'resolution', kind: 'resolution', status: resolutionBreached ? 'breached' : 'met', startedAt: iso(created),
        breachedAt: resolutionBreached ? iso(created + 6 * H) : undefined, stoppedAt: iso(resolved),
      });
      if (n % 2 === 0) {
        const asked = created + 2 * H;
        const turnaround = (3 + (n % 5) * 5) * H;
        await addHandoff(ds, id, { team: ANSWERING[n % 3], status: 'answered', requestedAt: iso(asked), answeredAt: iso(asked + turnaround), breached: turnaround > 12 * H });
      }
    }
  }
  await addCase(ds, { kind: 'escalation', team, severity: 'high', state: 'queued', open: true, createdAt: now - 3 * H, dueAt: now + 5 * H, category: 'fraud' });
  await addCase(ds, { kind: 'escalation', team, severity: 'medium', state: 'in_progress', open: true, createdAt: now - 2 * DAY, dueAt: now + DAY, category: 'counterfeit' });
  await addCase(ds, { kind: 'escalation', team, severity: 'low', state: 'waiting_on_seller', open: true, createdAt: now - 5 * DAY, category: 'ip_complaint' });
  const breachedCase = await addCase(ds, {
    kind: 'escalation', team, severity: 'critical', state: 'escalated_to_manager', open: true, breached: true, createdAt: now - 9 * DAY, dueAt: now - DAY, category: 'account_takeover',
  });
  await ds.query(`UPDATE cases SET summary = 'Account takeover: payouts redirected to a new bank account' WHERE id = $1`, [breachedCase]);
  return { breachedCase };
}

interface Row {
  key: string;
  header: string;
  cells: Array<{ value: string; text: string }>;
}
interface Attainment {
  met: number;
  decided: number;
  attainment: number | null;
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const attainmentCell = (a: Attainment) =>
  a.attainment === null ? { value: '', text: 'No value: no SLA clock was met or missed' } : { value: String(a.attainment), text: `${percent(a.attainment)} (${a.met} of ${a.decided} met)` };
/** A column header back to the API's key: `Account takeover` → `account_takeover`. */
const keyOf = (header: string) => header.toLowerCase().replace(/ /g, '_');

describe('dashboard metrics in a browser (real API and PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let api: ReturnType<typeof apiClient>;
  let chrome: BrowserSession;
  let base: string;
  const pages: WatchedPage[] = [];
  // Readable names, since the README shows this test's screenshot; each test run has a database of its own.
  const team = 'seller-risk-nordics';
  const otherTeam = 'seller-risk-baltics';
  const manager = 'nina';
  const specialist = 'sven';
  let breachedCase: string;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(consoleDir(), 'index.html'))) {
      throw new Error(`The console is not built (${consoleDir()}): run npm run build:console (npm test does)`);
    }
    ctx = await createIntegrationContext({ api: true, env: { DEV_SIGN_IN: 'true' } });
    await ctx.app!.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(ctx.app!.getHttpServer().address() as AddressInfo).port}`;
    api = apiClient(ctx);
    const ds = ctx.dataSource;
    await addMember(ds, { userId: manager, role: 'manager', team });
    await addMember(ds, { userId: specialist, role: 'specialist', team });
    await addMember(ds, { userId: 'liis', role: 'specialist', team: otherTeam });
    await ds.query(`UPDATE roster_members SET display_name = 'Nina Lindqvist' WHERE user_id = $1`, [manager]);
    await ds.query(`UPDATE roster_members SET display_name = 'Sven Berg' WHERE user_id = $1`, [specialist]);
    ({ breachedCase } = await seedTeam(ds, team, Date.now()));
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

  async function signedIn(userId: string, viewport?: { width: number; height: number }): Promise<WatchedPage> {
    const w = await WatchedPage.open(chrome.browser, viewport, { timezoneId: ZONE, locale: 'en-US' });
    pages.push(w);
    await w.page.goto(`${base}/`);
    await w.page.getByRole('heading', { name: 'Sign in to Riskdesk' }).waitFor();
    await w.page.locator(`[data-user="${userId}"]`).click();
    await w.page.getByRole('button', { name: 'Sign out' }).waitFor();
    return w;
  }

  /** Waits until a panel shows the answer to a query with these parameters, and returns that query. */
  async function shown(w: WatchedPage, panel: string, expected: Record<string, string>): Promise<string> {
    return eventually(async () => {
      const q = await w.page.locator(`#metric-${panel} .metric-body[data-state="ready"]`).getAttribute('data-query', { timeout: 1000 });
      if (!q) return undefined;
      const params = Object.fromEntries(new URLSearchParams(q));
      return JSON.stringify(params) === JSON.stringify({ ...params, ...expected }) && Object.keys(params).length === Object.keys(expected).length ? q : undefined;
    }, `panel ${panel} to show ${JSON.stringify(expected)}`, 20_000);
  }

  async function table(w: WatchedPage, panel: string, index = 0): Promise<{ columns: string[]; rows: Row[] }> {
    const sel = JSON.stringify(`#metric-${panel} table`);
    return w.page.evaluate(`(() => {
      const t = document.querySelectorAll(${sel})[${index}];
      return {
        columns: [...t.querySelectorAll('thead th')].map((th) => th.textContent),
        rows: [...t.querySelectorAll('tbody tr')].map((tr) => ({
          key: tr.dataset.key,
          header: tr.querySelector('th').textContent,
          cells: [...tr.querySelectorAll('td')].map((td) => ({ value: td.dataset.value, text: td.textContent })),
        })),
      };
    })()`);
  }

  /** The SLA, severity, volume, category and root-cause tables against the API's answers to the same query. */
  async function expectTablesMatchApi(w: WatchedPage, query: string) {
    const sla = (await api.as(manager).get(`/metrics/sla?${query}`).expect(200)).body as {
      series: Array<Attainment & { key: string; byClock: Array<Attainment & { clock: string }>; bySeverity: Array<Attainment & { severity: string }> }>;
      byClock: Array<{ clock: string }>;
    };
    const byClock = await table(w, 'sla');
    expect(byClock.columns.slice(1)).toEqual(['All clocks', 'First response', 'Resolution']);
    expect(byClock.rows.map((r) => r.key)).toEqual(sla.series.map((b) => b.key));
    expect(byClock.rows.map((r) => r.cells)).toEqual(sla.series.map((b) => [b, ...b.byClock].map(attainmentCell)));
    const bySeverity = await table(w, 'sla-severity');
    expect(bySeverity.columns.slice(1)).toEqual(['Low', 'Medium', 'High', 'Critical']);
    expect(bySeverity.rows.map((r) => r.cells)).toEqual(sla.series.map((b) => b.bySeverity.map(attainmentCell)));

    const volume = (await api.as(manager).get(`/metrics/volume?${query}`).expect(200)).body as {
      created: { byCategory: Record<string, number>; series: Array<{ key: string; total: number; byCategory: Record<string, number> }> };
      completed: { byRootCause: Record<string, number>; series: Array<{ key: string; total: number; byRootCause: Record<string, number> }> };
    };
    const totals = await table(w, 'volume');
    expect(totals.columns.slice(1)).toEqual(['Created', 'Completed']);
    expect(totals.rows.map((r) => [r.key, ...r.cells.map((c) => Number(c.value))])).toEqual(
      volume.created.series.map((b, i) => [b.key, b.total, volume.completed.series[i].total]),
    );
    const breakdowns = [
      ['categories', volume.created.byCategory, volume.created.series.map((b) => b.byCategory)],
      ['root-causes', volume.completed.byRootCause, volume.completed.series.map((b) => b.byRootCause)],
    ] as const;
    for (const [panel, overall, perBucket] of breakdowns) {
      const t = await table(w, panel);
      const keys = t.columns.slice(1, -1).map(keyOf);
      expect([...keys].sort()).toEqual(Object.keys(overall).filter((k) => overall[k] > 0).sort());
      expect(t.rows.map((r) => r.cells.map((c) => Number(c.value)))).toEqual(
        perBucket.map((counts) => [...keys.map((k) => counts[k]), Object.values(counts).reduce((a, b) => a + b, 0)]),
      );
    }
    return { sla, volume };
  }

  it('a manager changes the period and bucket, and the tables show what the metrics API answers for the same query', async () => {
    const w = await signedIn(manager);
    await w.page.getByRole('heading', { name: `Dashboard · ${team}` }).waitFor();
    const berlin = DateTime.now().setZone(ZONE);
    const tomorrow = berlin.plus({ days: 1 }).toISODate()!;

    // Default: the last 12 ISO weeks in the browser's zone, kept in the URL.
    const twelveWeeks = { team, from: berlin.startOf('week').minus({ weeks: 11 }).toISODate()!, to: tomorrow, bucket: 'week', timeZone: ZONE };
    const first = await shown(w, 'sla', twelveWeeks);
    expect(new URL(w.page.url()).search).toBe(`?range=last-12-weeks&bucket=week&timeZone=${encodeURIComponent(ZONE)}`);
    await expect(w.page.getByLabel('Time zone').inputValue()).resolves.toBe(ZONE);
    await w.page.locator('#period-zone-hint', { hasText: `Yours: ${ZONE}` }).waitFor();
    const { sla } = await expectTablesMatchApi(w, first);
    // The week six weeks back is empty: its figure is no value, with the reason in words.
    const empty = sla.series.find((b) => b.key === berlin.minus({ weeks: 6 }).startOf('week').toISODate())!;
    expect(empty.attainment).toBeNull();
    expect((await table(w, 'sla')).rows.find((r) => r.key === empty.key)!.cells[0].text).toBe('No value: no SLA clock was met or missed');

    // Every other chart has drawn, the breached case is listed, and nothing moved while data arrived.
    for (const panel of ['first-response', 'resolution', 'rates', 'volume', 'categories', 'root-causes', 'handoff-turnaround', 'handoff-late', 'backlog-age']) {
      await w.page.locator(`#metric-${panel} .metric-body[data-state="ready"] .chart-canvas canvas`).first().waitFor();
    }
    await w.page.locator(`#breached li[data-case="${breachedCase}"]`).waitFor();
    const backlog = (await api.as(manager).get(`/metrics/backlog?team=${team}`).expect(200)).body as { byState: Record<string, number> };
    const states = await table(w, 'backlog-state');
    expect(states.rows.map((r) => [r.key, Number(r.cells[0].value)])).toEqual(Object.entries(backlog.byState));
    expect(await w.layoutShift()).toBeLessThan(0.1);
    await w.screenshot('dashboard-metrics');
    // The first screenful, as the README shows it (docs/screenshots/dashboard.png).
    await w.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'dashboard-metrics-top.png') });

    // The last 30 days: the range brings days as its bucket.
    await w.page.getByLabel('Range').selectOption('last-30-days');
    const days = { ...twelveWeeks, from: berlin.minus({ days: 29 }).toISODate()!, bucket: 'day' };
    await expect(w.page.getByLabel('Bucket').inputValue()).resolves.toBe('day');
    await expectTablesMatchApi(w, await shown(w, 'sla', days));
    await shown(w, 'volume', days);

    // Weeks instead, with the keyboard: the bucket control is the next option down.
    await w.page.getByLabel('Bucket').focus();
    await w.page.keyboard.press('ArrowDown');
    const weeks = { ...days, bucket: 'week' };
    await expectTablesMatchApi(w, await shown(w, 'sla', weeks));
    expect(new URL(w.page.url()).search).toBe(`?range=last-30-days&bucket=week&timeZone=${encodeURIComponent(ZONE)}`);

    // The URL keeps the choice: a reload shows the same period.
    await w.page.reload();
    await shown(w, 'sla', weeks);
    await expect(w.page.getByLabel('Range').inputValue()).resolves.toBe('last-30-days');
    await expect(w.page.getByLabel('Bucket').inputValue()).resolves.toBe('week');

    // Days of one's own, one kind, by month: the custom range and the kind go into the URL too.
    const from = berlin.minus({ weeks: 10 }).startOf('month').toISODate()!;
    await w.page.getByLabel('From').fill(from);
    await w.page.getByLabel('Bucket').selectOption('month');
    await w.page.getByLabel('Case kind').selectOption('escalation');
    const custom = { team, kind: 'escalation', from, to: tomorrow, bucket: 'month', timeZone: ZONE };
    await expectTablesMatchApi(w, await shown(w, 'sla', custom));
    await expect(w.page.getByLabel('Range').inputValue()).resolves.toBe('custom');
    expect(Object.fromEntries(new URL(w.page.url()).searchParams)).toEqual({ range: 'custom', from, through: berlin.toISODate(), bucket: 'month', timeZone: ZONE, kind: 'escalation' });

    // A zone the browser does not know is refused at the field; nothing is asked.
    await w.page.getByLabel('Time zone').fill('Mars/Olympus');
    await w.page.getByLabel('Time zone').press('Enter');
    await w.page.locator('[data-field-error="period-zone"]', { hasText: "'Mars/Olympus' is not an IANA time zone" }).waitFor();
    await expect(w.page.getByLabel('Time zone').getAttribute('aria-invalid')).resolves.toBe('true');
    await shown(w, 'sla', custom);
    await w.page.getByLabel('Time zone').fill('Asia/Tokyo');
    await w.page.getByLabel('Time zone').press('Enter');
    // The custom range keeps its days; only the midnights that divide them move.
    await shown(w, 'sla', { ...custom, timeZone: 'Asia/Tokyo' });

    // A period the API refuses (over 366 days by day): each chart of the period shows the API's
    // message in its place; the backlog, which takes no period, is still drawn.
    w.expectHttpError(/\/metrics\//);
    await w.page.getByLabel('From').fill('2020-01-01');
    await w.page.getByLabel('Bucket').selectOption('day');
    for (const panel of ['sla', 'first-response', 'volume', 'rates', 'handoff-turnaround']) {
      const error = w.page.locator(`#metric-${panel} .metric-body[data-state="error"] .error`);
      await error.waitFor();
      expect(await error.textContent()).toMatch(/^This chart could not be loaded: the period spans \d+ days; at most 366 buckets/);
    }
    await w.page.locator('#metric-backlog-age .metric-body[data-state="ready"] .chart-canvas canvas').waitFor();
    await w.screenshot('dashboard-metrics-refused');
  });

  it('fits a tablet: nothing wider than the screen', async () => {
    const w = await signedIn(manager, { width: 768, height: 1024 });
    await w.page.getByRole('heading', { name: `Dashboard · ${team}` }).waitFor();
    await w.page.locator('#metric-sla .metric-body[data-state="ready"] .chart-canvas canvas').waitFor();
    await w.page.locator('#metric-backlog-age .metric-body[data-state="ready"] .chart-canvas canvas').waitFor();
    expect(await w.page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await w.screenshot('dashboard-metrics-tablet');
  });

  it('a specialist has no dashboard: the page says the metrics are not open to them, with the API’s reason', async () => {
    const w = await signedIn(specialist);
    await w.page.getByRole('heading', { name: 'My work' }).waitFor();
    expect(await w.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).count()).toBe(0);
    w.expectHttpError(/\/metrics\/|\/workload/);
    await w.page.goto(`${base}/console/dashboard`);
    const refusal = w.page.locator('#metrics-forbidden');
    await refusal.getByRole('alert').filter({ hasText: 'role specialist may not view the metrics' }).waitFor();
    expect(await w.page.locator('.metric-grid').count()).toBe(0);
    await w.screenshot('dashboard-forbidden');
  });

  it('an operator picks the team (a link can name it); a manager with a link for another team sees their own, told so', async () => {
    const olga = await signedIn('olga');
    await olga.page.goto(`${base}/console/dashboard?range=last-12-weeks&bucket=week&timeZone=UTC&team=${team}`);
    await olga.page.getByRole('heading', { name: `Dashboard · ${team}` }).waitFor();
    await expect(olga.page.getByLabel('Team', { exact: true }).inputValue()).resolves.toBe(team);
    const utc = DateTime.now().setZone('UTC');
    const q = await shown(olga, 'sla', { team, from: utc.startOf('week').minus({ weeks: 11 }).toISODate()!, to: utc.plus({ days: 1 }).toISODate()!, bucket: 'week', timeZone: 'UTC' });
    await expectTablesMatchApi(olga, q);
    await olga.page.getByLabel('Team', { exact: true }).selectOption(otherTeam);
    await olga.page.getByRole('heading', { name: `Dashboard · ${otherTeam}` }).waitFor();
    await shown(olga, 'volume', { team: otherTeam, from: utc.startOf('week').minus({ weeks: 11 }).toISODate()!, to: utc.plus({ days: 1 }).toISODate()!, bucket: 'week', timeZone: 'UTC' });
    expect(new URL(olga.page.url()).searchParams.get('team')).toBe(otherTeam);
    // No case of that team was created: the category chart says so instead of drawing nothing.
    await olga.page.locator('#metric-categories .chart-empty', { hasText: 'No escalation was created in this period.' }).waitFor();

    const max = await signedIn('max');
    await max.page.goto(`${base}/console/dashboard?range=last-7-days&timeZone=Moon%2FBase&team=${team}`);
    await max.page.getByRole('heading', { name: 'Dashboard · seller-risk-eu' }).waitFor();
    const notes = max.page.locator('.link-notes');
    await notes.locator('li', { hasText: `The link is for team ${team}; you see your own team, seller-risk-eu.` }).waitFor();
    await notes.locator('li', { hasText: `The link's time zone 'Moon/Base' is not an IANA time zone; showing ${ZONE}.` }).waitFor();
    expect(Object.fromEntries(new URL(max.page.url()).searchParams)).toEqual({ range: 'last-7-days', bucket: 'day', timeZone: ZONE });
    await shown(max, 'sla', { team: 'seller-risk-eu', from: DateTime.now().setZone(ZONE).minus({ days: 6 }).toISODate()!, to: DateTime.now().setZone(ZONE).plus({ days: 1 }).toISODate()!, bucket: 'day', timeZone: ZONE });
  });
});
