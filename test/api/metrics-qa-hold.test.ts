import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { bearer, createIntegrationContext, type IntegrationContext } from '../support/harness';
import { addCase, addEvents, addMember } from './metrics-fixtures';

const H = 3_600_000;

/**
 * Time to resolution counts a resolution when it takes effect. A resolution held for pre-release QA is
 * audited twice: the maker's `resolved` (the case goes to qa_hold; the seller has no answer) and the
 * review's `qa_released` (the case is resolved). The metric takes the second; the maker's own moment
 * stays what scorecards count. Read-model rows on a team of this file's own, through the real API and
 * PostgreSQL.
 */
describe('metrics: time to resolution of a resolution held for QA', () => {
  let ctx: IntegrationContext;
  const suffix = randomUUID().slice(0, 8);
  const team = `mq-${suffix}`;
  const manager = `mq-mgr-${suffix}`;

  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
    const ds = ctx.dataSource;
    await addMember(ds, { userId: manager, role: 'manager', team });
    // Held: the maker resolved after 24 h, the review released it 6 h later (30 h after creation).
    const held = await addCase(ds, {
      kind: 'escalation', team, severity: 'high', state: 'resolved', open: false,
      createdAt: '2026-03-02T08:00:00Z', resolvedAt: '2026-03-03T14:00:00Z', category: 'other', rootCause: 'seller_error',
    });
    await addEvents(ds, held, '2026-03-02T08:00:00Z', [
      ['acknowledged', 'in_progress', '2026-03-02T09:00:00Z'],
      ['resolved', 'qa_hold', '2026-03-03T08:00:00Z'],
      ['qa_released', 'resolved', '2026-03-03T14:00:00Z'],
    ]);
    // Not sampled: resolved after 10 h.
    const plain = await addCase(ds, {
      kind: 'escalation', team, severity: 'high', state: 'resolved', open: false,
      createdAt: '2026-03-02T08:00:00Z', resolvedAt: '2026-03-02T18:00:00Z', category: 'other', rootCause: 'seller_error',
    });
    await addEvents(ds, plain, '2026-03-02T08:00:00Z', [
      ['acknowledged', 'in_progress', '2026-03-02T09:00:00Z'],
      ['resolved', 'resolved', '2026-03-02T18:00:00Z'],
    ]);
    // Still held at the end of the period: no resolution yet.
    const waiting = await addCase(ds, { kind: 'escalation', team, severity: 'high', state: 'qa_hold', open: true, createdAt: '2026-03-04T08:00:00Z', category: 'other' });
    await addEvents(ds, waiting, '2026-03-04T08:00:00Z', [['resolved', 'qa_hold', '2026-03-04T12:00:00Z']]);
  });
  afterAll(() => ctx?.close());

  it('counts the release (30 h), not the maker’s resolution (24 h), and nothing for a case still held', async () => {
    const qs = new URLSearchParams({ team, from: '2026-03-02', to: '2026-03-09', bucket: 'week', timeZone: 'UTC' });
    const body = (await request(ctx.app!.getHttpServer()).get(`/metrics/response-times?${qs}`).set('Authorization', bearer(manager)).expect(200)).body;
    // [10 h, 30 h]: median 20 h; p90 = 10 + 0.9 × 20 = 28 h.
    expect(body.resolution.totals).toEqual({ count: 2, medianMs: 20 * H, p90Ms: 28 * H, reason: null });
    expect(body.firstResponse.totals.count).toBe(2);
  });
});
