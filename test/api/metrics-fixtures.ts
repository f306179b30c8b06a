import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * Read-model rows as the projection writes them, for tests that need exact, hand-computable data
 * (the metrics): cases with their escalation row, audit events, SLA clocks and handoffs.
 */
export const ts = (iso: string | number | null | undefined) => (iso === null || iso === undefined ? null : new Date(iso));

export async function addMember(ds: DataSource, m: { userId: string; role: string; team: string }): Promise<void> {
  await ds.query(
    `INSERT INTO roster_members (user_id, display_name, role, team, skills, capacity) VALUES ($1, $2, $3, $4, $5, 3)`,
    [m.userId, `Test ${m.userId}`, m.role, m.team, JSON.stringify({ kinds: ['escalation'], marketplaces: ['DE'], languages: ['en'] })],
  );
}

export interface FixtureCase {
  kind: 'escalation' | 'strategic_review' | 'reinstatement';
  team: string;
  severity: string;
  state: string;
  open: boolean;
  createdAt: string | number;
  resolvedAt?: string | number;
  closedAt?: string | number;
  breached?: boolean;
  dueAt?: string | number;
  /** Escalations only. */
  category?: string;
  rootCause?: string;
}

export async function addCase(ds: DataSource, c: FixtureCase): Promise<string> {
  const id = randomUUID();
  await ds.query(
    `INSERT INTO cases (id, kind, workflow_id, seller_id, marketplace, severity, summary, state, is_open, team, assignee_id, breached,
                        due_at, created_by, snapshot, projection_seq, created_at, updated_at, resolved_at, closed_at)
     VALUES ($1, $2, $3, 'seller-fixture', 'DE', $4, 'fixture', $5, $6, $7, NULL, $8, $9, 'fixture', '{}', 1, $10, now(), $11, $12)`,
    [id, c.kind, `${c.kind}-${id}`, c.severity, c.state, c.open, c.team, c.breached ?? false, ts(c.dueAt), ts(c.createdAt), ts(c.resolvedAt), ts(c.closedAt)],
  );
  if (c.kind === 'escalation') {
    await ds.query(
      `INSERT INTO escalation_cases (case_id, category, resolution_code, root_cause, projection_seq) VALUES ($1, $2, $3, $4, 1)`,
      [id, c.category ?? 'other', c.rootCause ? 'seller_remediated' : null, c.rootCause ?? null],
    );
  }
  return id;
}

/** Audit events in order: [action, toState, at]; seq 0 is the creation. */
export async function addEvents(ds: DataSource, caseId: string, createdAt: string, events: Array<[action: string, toState: string, at: string]>): Promise<void> {
  const all: Array<[string, string, string]> = [['created', 'new', createdAt], ...events];
  for (const [seq, [action, toState, at]] of all.entries()) {
    await ds.query(
      `INSERT INTO case_events (case_id, seq, actor_id, actor_role, action, from_state, to_state, occurred_at)
       VALUES ($1, $2, 'fixture', 'specialist', $3, NULL, $4, $5)`,
      [caseId, seq, action, toState, ts(at)],
    );
  }
}

export async function addClock(
  ds: DataSource,
  caseId: string,
  k: { id: string; kind: string; status: string; startedAt: string; breachedAt?: string; stoppedAt?: string },
): Promise<void> {
  const deadline = k.breachedAt ?? new Date(Date.parse(k.startedAt) + 3_600_000).toISOString();
  await ds.query(
    `INSERT INTO sla_clocks (case_id, clock_id, kind, status, calendar_id, budget_ms, started_at, warn_at, deadline_at, warned,
                             breached_at, stopped_at, clock, projection_seq)
     VALUES ($1, $2, $3, $4, 'always-on', 3600000, $5, $5, $6, false, $7, $8, '{}', 1)`,
    [caseId, k.id, k.kind, k.status, ts(k.startedAt), ts(deadline), ts(k.breachedAt), ts(k.stoppedAt)],
  );
}

export async function addHandoff(
  ds: DataSource,
  caseId: string,
  h: { team: string; status: 'open' | 'answered' | 'cancelled'; requestedAt: string; answeredAt?: string; breached?: boolean },
): Promise<void> {
  const id = randomUUID();
  await ds.query(
    `INSERT INTO handoffs (id, case_id, case_kind, workflow_id, team, question, blocking, status, requested_by, requested_at, due_at,
                           breached, outcome, answered_by, answered_at, projection_seq)
     VALUES ($1, $2, 'escalation', $3, $4, 'fixture question', true, $5, 'fixture', $6, $6, $7, $8, $9, $10, 1)`,
    [
      id, caseId, `handoff-${id}`, h.team, h.status, ts(h.requestedAt), h.breached ?? false,
      h.status === 'answered' ? 'advise' : null, h.status === 'answered' ? 'fixture' : null, ts(h.answeredAt),
    ],
  );
}
