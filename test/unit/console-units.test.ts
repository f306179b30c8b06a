import { loadConfig } from '../../config/env';
import { byRisk, riskTier, type RiskInput } from '../../console/src/lib/sla-risk';
import { caseTaskSla, handoffTaskSla } from '../../api/inbox/inbox-sla';

const NOW = Date.UTC(2026, 2, 10, 12);
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();
const item = (id: string, r: Partial<RiskInput>) => ({ id, r: { deadlineAt: null, warnAt: null, breached: false, warned: false, paused: false, severity: 'medium', ...r } });

describe('console: SLA risk order of the inbox', () => {
  it('puts breached work first, then past the warning point, then by deadline; severity breaks ties; no deadline last', () => {
    const items = [
      item('none', {}),
      item('later', { deadlineAt: at(120), warnAt: at(60) }),
      item('soon', { deadlineAt: at(30), warnAt: at(20) }),
      item('warned', { deadlineAt: at(90), warnAt: at(-5) }),
      item('breached', { deadlineAt: at(-1), warnAt: at(-30) }),
      item('flagged', { deadlineAt: at(200), breached: true }),
      item('soon-critical', { deadlineAt: at(30), warnAt: at(20), severity: 'critical' }),
      item('paused', { deadlineAt: at(10), paused: true }),
    ];
    expect(byRisk(items, (i) => i.r, NOW).map((i) => i.id)).toEqual(['breached', 'flagged', 'warned', 'soon-critical', 'soon', 'later', 'paused', 'none']);
  });

  it('counts the warning point and the deadline as reached at their instant', () => {
    expect(riskTier(item('x', { deadlineAt: at(10), warnAt: at(0) }).r, NOW)).toBe(1);
    expect(riskTier(item('x', { deadlineAt: at(0) }).r, NOW)).toBe(0);
  });
});

describe('inbox: the SLA clock behind a task', () => {
  const clock = (clockId: string, deadlineMin: number, status = 'running', breachedAt: Date | null = null) => ({
    clockId,
    status,
    warnAt: new Date(NOW + (deadlineMin - 30) * 60_000),
    deadlineAt: new Date(NOW + deadlineMin * 60_000),
    warned: false,
    breachedAt,
  });

  it('is the case clock whose deadline the task is due at', () => {
    const clocks = [clock('first_response', 60, 'met'), clock('resolution', 600)];
    expect(caseTaskSla('work', new Date(NOW + 600 * 60_000), clocks)).toMatchObject({ clockId: 'resolution', warnAt: at(570), deadlineAt: at(600), breached: false });
    expect(caseTaskSla('queue', new Date(NOW - 60_000), [clock('first_response', -1, 'breached', new Date(NOW)), clock('resolution', 600)])).toMatchObject({
      clockId: 'first_response',
      breached: true,
    });
  });

  it('follows the clock of its kind once a pause or an extension moved the deadline', () => {
    const extended = [clock('first_response', 60, 'met'), clock('resolution', 840)];
    expect(caseTaskSla('work', new Date(NOW + 600 * 60_000), extended)).toMatchObject({ clockId: 'resolution', deadlineAt: at(840) });
    expect(caseTaskSla('manager_review', null, extended)).toMatchObject({ clockId: 'resolution' });
    const queued = [clock('first_response', 90), clock('resolution', 900)];
    expect(caseTaskSla('queue', new Date(NOW + 60 * 60_000), queued)).toMatchObject({ clockId: 'first_response', deadlineAt: at(90) });
    const reopened = [clock('resolution', -100, 'met'), clock('resolution#2', 700)];
    expect(caseTaskSla('work', null, reopened)).toMatchObject({ clockId: 'resolution#2' });
    expect(caseTaskSla('work', null, [])).toBeNull();
  });

  it("for a handoff, is the handoff workflow's clock as the read model keeps it", () => {
    const row = { status: 'open', dueAt: new Date(NOW + 600 * 60_000), warnAt: new Date(NOW + 300 * 60_000), remindedAt: null, breached: false };
    expect(handoffTaskSla(row, NOW)).toEqual({ clockId: 'handoff', status: 'running', warnAt: at(300), deadlineAt: at(600), warned: false, breached: false });
    expect(handoffTaskSla({ ...row, warnAt: null }, NOW)).toMatchObject({ warnAt: null });
    expect(handoffTaskSla({ ...row, remindedAt: new Date(NOW) }, NOW)).toMatchObject({ warned: true });
    expect(handoffTaskSla(row, NOW + 600 * 60_000)).toMatchObject({ breached: true });
    expect(handoffTaskSla({ ...row, status: 'answered' }, NOW)).toMatchObject({ status: 'met' });
  });
});

describe('configuration for the console', () => {
  it('turns dev sign-in on by default in development only, and never allows it in production', () => {
    expect(loadConfig({}).DEV_SIGN_IN).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).DEV_SIGN_IN).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).DEV_SIGN_IN).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', DEV_SIGN_IN: 'true' }).DEV_SIGN_IN).toBe(true);
    expect(loadConfig({ DEV_SIGN_IN: 'false' }).DEV_SIGN_IN).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', DEV_SIGN_IN: 'true' })).toThrow(/DEV_SIGN_IN: must not be true when NODE_ENV is production/);
    expect(() => loadConfig({ DEV_SIGN_IN: 'yes' })).toThrow(/DEV_SIGN_IN:/);
  });

  it('takes TEMPORAL_UI_URL as an http(s) URL without a trailing slash', () => {
    expect(loadConfig({ TEMPORAL_UI_URL: 'http://localhost:8233/' }).TEMPORAL_UI_URL).toBe('http://localhost:8233');
    expect(loadConfig({}).TEMPORAL_UI_URL).toBeUndefined();
    expect(() => loadConfig({ TEMPORAL_UI_URL: 'localhost:8233' })).toThrow(/TEMPORAL_UI_URL: must be an http/);
  });
});
