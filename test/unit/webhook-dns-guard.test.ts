import dns from 'node:dns/promises';
import net from 'node:net';
import os from 'node:os';
import { postWebhook } from '../../platform/webhooks/webhook-http';
import { addressProblem, urlProblem } from '../../platform/webhooks/webhook-target';

/**
 * DNS rebinding: a target whose URL passes every check (https, a name that is not an address and not a
 * local name) but whose name resolves to a non-public address is refused when the delivery resolves
 * it, before any connection. The machine's own host name is such a name here (the hosts file maps it to
 * a loopback address), so no DNS server is needed; a local TCP listener on the port counts connections.
 */
describe('webhook delivery: names resolving to non-public addresses (DNS rebinding)', () => {
  const host = os.hostname().toLowerCase();
  let server: net.Server;
  let port: number;
  let connections = 0;

  beforeAll(async () => {
    server = net.createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("refuses at delivery a name whose URL is acceptable but which resolves to this machine, and never connects", async () => {
    const resolved = await dns.lookup(host, { all: true });
    // The premise: the host name resolves to a loopback or private address (true of a hosts file's entry).
    expect(resolved.map((a) => addressProblem(a.address)).every(Boolean)).toBe(true);
    const url = `https://${host}:${port}/hook`;
    expect(urlProblem(url, { allowedHosts: [] })).toBeNull();

    const outcome = await postWebhook(url, '{}', {}, { allowedHosts: [] }, 2_000);
    expect(outcome.status).toBeNull();
    expect(outcome.error).toMatch(new RegExp(`refused: ${host} resolves to a (loopback|private|linkLocal|unspecified) address`));
    expect(connections).toBe(0);
  });

  it('connects when the operator allows the host (WEBHOOK_ALLOWED_HOSTS), so the refusal above is the guard and not the network', async () => {
    const outcome = await postWebhook(`http://${host}:${port}/hook`, '{}', {}, { allowedHosts: [host] }, 2_000);
    expect(outcome.status).toBeNull();
    expect(outcome.error).not.toMatch(/refused:/);
    expect(connections).toBe(1);
  });
});
