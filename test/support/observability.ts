import fs from 'node:fs';
import path from 'node:path';

/** The Grafana dashboards kept in deploy/, and the metric names their queries use. */
export const ROOT = path.resolve(__dirname, '../..');
export const DASHBOARDS_DIR = path.join(ROOT, 'deploy/grafana/dashboards');

export interface DashboardPanel {
  id: number;
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  targets?: Array<{ expr: string; datasource?: { uid: string } }>;
}

export function dashboards(): Array<{ file: string; json: { uid: string; title: string; panels: DashboardPanel[] } }> {
  return fs
    .readdirSync(DASHBOARDS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((file) => ({ file, json: JSON.parse(fs.readFileSync(path.join(DASHBOARDS_DIR, file), 'utf8')) }));
}

// PromQL functions, keywords and label names are lower-case words too; metric names are the words
// with one of our exporters' prefixes.
const METRIC = /\b(?:riskdesk|temporal|process|nodejs)_[a-z0-9_]+\b/g;

/** Every metric name a dashboard query reads, with histogram series reduced to the histogram's name. */
export function dashboardMetricNames(prefix: string): string[] {
  const names = new Set<string>();
  for (const { json } of dashboards()) {
    for (const panel of json.panels) {
      for (const target of panel.targets ?? []) {
        for (const name of target.expr.match(METRIC) ?? []) if (name.startsWith(prefix)) names.add(name.replace(/_(bucket|sum|count)$/, ''));
      }
    }
  }
  return [...names].sort();
}
