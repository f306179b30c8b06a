/**
 * Orders work by SLA risk: breached first, then past the warning point, then by how soon the deadline
 * comes; severity breaks ties; work without a deadline goes last. Pure, so unit tests pin it down.
 */
export interface RiskInput {
  deadlineAt: string | null;
  warnAt: string | null;
  breached: boolean;
  warned: boolean;
  paused: boolean;
  severity: string | null;
}

const SEVERITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export function riskTier(r: RiskInput, now: number): number {
  if (r.deadlineAt === null) return 4;
  if (r.breached || now >= Date.parse(r.deadlineAt)) return 0;
  if (r.paused) return 3;
  if (r.warned || (r.warnAt !== null && now >= Date.parse(r.warnAt))) return 1;
  return 2;
}

export function byRisk<T>(items: T[], risk: (item: T) => RiskInput, now: number): T[] {
  const keyed = items.map((item, index) => {
    const r = risk(item);
    return { item, index, tier: riskTier(r, now), due: r.deadlineAt ? Date.parse(r.deadlineAt) : Infinity, sev: SEVERITY_RANK[r.severity ?? ''] ?? 9 };
  });
  keyed.sort((a, b) => a.tier - b.tier || a.due - b.due || a.sev - b.sev || a.index - b.index);
  return keyed.map((k) => k.item);
}
