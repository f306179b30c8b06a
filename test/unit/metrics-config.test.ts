import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config/env';
import { metricsTokenFor } from '../../platform/local-metrics-token';

describe('METRICS_TOKEN and WORKER_METRICS_ADDRESS', () => {
  it('default to no token (the API endpoint off) and worker metrics on the loopback interface', () => {
    const config = loadConfig({});
    expect(config.METRICS_TOKEN).toBeUndefined();
    expect(config.WORKER_METRICS_ADDRESS).toBe('127.0.0.1:9464');
  });

  it('take an ip:port, or off', () => {
    expect(loadConfig({ WORKER_METRICS_ADDRESS: '0.0.0.0:9464' }).WORKER_METRICS_ADDRESS).toBe('0.0.0.0:9464');
    expect(loadConfig({ WORKER_METRICS_ADDRESS: '[::1]:9464' }).WORKER_METRICS_ADDRESS).toBe('[::1]:9464');
    expect(loadConfig({ WORKER_METRICS_ADDRESS: 'off' }).WORKER_METRICS_ADDRESS).toBeNull();
  });

  it.each([
    ['WORKER_METRICS_ADDRESS', 'localhost:9464'],
    ['WORKER_METRICS_ADDRESS', '9464'],
    ['WORKER_METRICS_ADDRESS', '127.0.0.1:70000'],
    ['METRICS_TOKEN', 'short'],
    ['METRICS_TOKEN', `${'x'.repeat(40)} with spaces`],
  ])('refuse a bad %s (%s) naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}:`));
  });

  it('npm start generates a token into DATA_DIR once, and METRICS_TOKEN wins when set', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'riskdesk-metrics-'));
    const first = metricsTokenFor({ DATA_DIR: dir, METRICS_TOKEN: undefined });
    expect(first).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(loadConfig({ METRICS_TOKEN: first }).METRICS_TOKEN).toBe(first);
    expect(metricsTokenFor({ DATA_DIR: dir, METRICS_TOKEN: undefined })).toBe(first);
    expect(fs.statSync(path.join(dir, 'metrics-token')).mode & 0o777).toBe(0o600);
    expect(metricsTokenFor({ DATA_DIR: dir, METRICS_TOKEN: 'y'.repeat(32) })).toBe('y'.repeat(32));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
