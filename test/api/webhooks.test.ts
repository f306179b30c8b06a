import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '../../platform/webhooks/webhook-signature';
import { webhookDeliveryWorkflowId, webhookDispatcherWorkflowId } from '../../workflows/webhooks/webhook.contract';
import { OPERATIONS_SET, recordHistory } from '../support/record-history';
import { createIntegrationContext, type IntegrationContext } from '../support/harness';
import { apiClient, eventually } from './escalation-api.helpers';

const KEY = 'test-webhook-secrets-key-that-is-long-enough-0123';

interface Received {
  delivery: string;
  event: string;
  signature: string;
  body: string;
  answered: number;
}

/**
 * Outgoing webhooks on the real system, to a real local HTTP receiver: signed deliveries (verified as
 * a receiver would), a receiver that fails then recovers (retried with backoff, delivered once), the
 * delivery log, replay, and the target rules (SSRF).
 */
describe('outgoing webhooks (real Temporal, real PostgreSQL, real HTTP receiver)', () => {
  let ctx: IntegrationContext;
  let api: ReturnType<typeof apiClient>;
  let receiver: http.Server;
  let url: string;
  const received: Received[] = [];
  /** Answers for the next requests (then 200). */
  const script: number[] = [];

  beforeAll(async () => {
    ctx = await createIntegrationContext({
      api: true,
      env: { WEBHOOK_SECRETS_KEY: KEY, WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', WEBHOOK_POLL_MS: '200' },
      worker: { webhooks: { secretsKey: KEY, allowedHosts: ['127.0.0.1'] } },
    });
    api = apiClient(ctx);
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const answered = script.shift() ?? 200;
        received.push({
          delivery: String(req.headers['riskdesk-delivery']),
          event: String(req.headers['riskdesk-event']),
          signature: String(req.headers['riskdesk-signature']),
          body: Buffer.concat(chunks).toString('utf8'),
          answered,
        });
        res.writeHead(answered).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/riskdesk`;
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve));
    await ctx.close();
  });

  it('delivers signed case events, retries a failing receiver with backoff until it recovers, logs every attempt, and replays', async () => {
    const created = await api.as('olga').post('/webhooks').send({ url, eventTypes: ['sla_extended'] }).expect(201);
    expect(created.body).toMatchObject({ url, eventTypes: ['sla_extended'], active: true, createdBy: 'olga' });
    const secret: string = created.body.secret;
    expect(secret).toMatch(/^whsec_/);
    // The secret is shown once: never listed again, and not stored in the clear.
    const listed = await api.as('olga').get('/webhooks').expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    const [stored] = await ctx.dataSource.query(`SELECT secret_sealed FROM webhook_subscriptions WHERE id = $1`, [created.body.id]);
    expect(stored.secret_sealed).not.toContain(secret.slice(6));

    const c = await api.caseWorkedBy('ana');
    script.push(500, 503);
    await api.action('max', c.id, 'extend-sla', { clock: 'resolution', byMinutes: 60, reason: 'Waiting for the marketplace' });

    const mine = () => received.filter((r) => JSON.parse(r.body).case.id === c.id);
    await eventually(async () => (mine().some((r) => r.answered === 200) ? true : undefined), 'the delivery to be accepted', 20_000);
    const attempts = mine();
    expect(attempts.map((r) => r.answered)).toEqual([500, 503, 200]);
    expect(new Set(attempts.map((r) => r.delivery)).size).toBe(1);
    for (const r of attempts) {
      expect(r.event).toBe('sla_extended');
      expect(verifySignature(secret, r.body, r.signature, Math.floor(Date.now() / 1000))).toBe(true);
      expect(verifySignature('whsec_wrong', r.body, r.signature, Math.floor(Date.now() / 1000))).toBe(false);
    }
    const payload = JSON.parse(attempts[0].body);
    expect(payload).toMatchObject({ type: 'sla_extended', case: { id: c.id, kind: 'escalation', team: 'seller-risk-eu' }, event: { actor: { id: 'max', role: 'manager' }, reason: 'Waiting for the marketplace' } });

    const log = await eventually(async () => {
      const res = await api.as('olga').get(`/webhooks/${created.body.id}/deliveries`).expect(200);
      const d = res.body.items.find((x: { caseId: string }) => x.caseId === c.id);
      return d?.status === 'delivered' ? d : undefined;
    }, 'the delivery log to show it delivered');
    expect(log).toMatchObject({ id: attempts[0].delivery, eventType: 'sla_extended', attempts: 3, replayOf: null, lastError: null });
    expect(log.log.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 503, 200]);
    // Exponential backoff: the second wait is longer than the first.
    const at = log.log.map((a: { at: string }) => Date.parse(a.at));
    expect(at[2] - at[1]).toBeGreaterThan(at[1] - at[0]);

    const replay = await api.as('olga').post(`/webhooks/${created.body.id}/deliveries/${log.id}/replay`).expect(202);
    expect(replay.body.replayOf).toBe(log.id);
    await eventually(async () => (received.some((r) => r.delivery === replay.body.id) ? true : undefined), 'the replay to arrive');
    const again = received.find((r) => r.delivery === replay.body.id)!;
    expect(again.body).toBe(attempts[0].body);
    expect(verifySignature(secret, again.body, again.signature, Math.floor(Date.now() / 1000))).toBe(true);
    // The original was delivered once: one 2xx for its delivery id.
    expect(received.filter((r) => r.delivery === log.id && r.answered === 200)).toHaveLength(1);

    const off = await api.as('olga').post(`/webhooks/${created.body.id}/deactivate`).expect(200);
    expect(off.body.active).toBe(false);
    // The dispatcher ends at its next look: nothing new is delivered, and replays are refused.
    await eventually(
      async () => ((await ctx.client.workflow.getHandle(webhookDispatcherWorkflowId(created.body.id)).describe()).status.name === 'COMPLETED' ? true : undefined),
      'the dispatcher to end',
    );
    await api.as('olga').post(`/webhooks/${created.body.id}/deliveries/${log.id}/replay`).expect(409);
    await recordHistory(ctx.client, OPERATIONS_SET, 'webhook-dispatcher-deactivated', webhookDispatcherWorkflowId(created.body.id));
    await recordHistory(ctx.client, OPERATIONS_SET, 'webhook-delivery-retried', webhookDeliveryWorkflowId(log.id));
  });

  it.each([
    ['http://10.1.2.3/hook', 'must use https'],
    ['https://10.1.2.3/hook', 'must not target a private address (10.1.2.3)'],
    ['https://169.254.169.254/latest/meta-data', 'must not target a linkLocal address (169.254.169.254)'],
    ['https://[::1]/hook', 'must not target a loopback address (::1)'],
    ['https://localhost/hook', 'must not target a local name'],
    ['https://user:pw@hooks.example.com/', 'must not carry credentials'],
  ])('refuses the target %s', async (target, problem) => {
    const res = await api.as('olga').post('/webhooks').send({ url: target, eventTypes: ['*'] }).expect(400);
    expect(res.body.details.fields).toEqual([{ field: 'url', problems: [expect.stringContaining(problem)] }]);
  });

  it('is for operators only', async () => {
    const res = await api.as('max').post('/webhooks').send({ url: 'https://hooks.example.com/x', eventTypes: ['*'] }).expect(403);
    expect(res.body.message).toBe('role manager may not manage webhooks');
  });
});
