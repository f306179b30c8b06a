import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config/env';

/** Where `npm start` keeps the metrics token it generated. */
export function metricsTokenFile(config: Pick<AppConfig, 'DATA_DIR'>): string {
  return path.resolve(config.DATA_DIR, 'metrics-token');
}

/**
 * METRICS_TOKEN when set; otherwise the token `npm start` generated into the data folder on its first
 * run (created here if missing), so a local Prometheus, or curl, can scrape the API's /metrics.
 */
export function metricsTokenFor(config: Pick<AppConfig, 'DATA_DIR' | 'METRICS_TOKEN'>): string {
  if (config.METRICS_TOKEN) return config.METRICS_TOKEN;
  const file = metricsTokenFile(config);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}
