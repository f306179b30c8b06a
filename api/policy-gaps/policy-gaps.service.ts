import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { authorize } from '../../workflows/common/access';
import type { Actor } from '../../workflows/common/actor';
import { DomainError, ErrorCode } from '../common/error-codes';
import type { PolicyGapItemResponse, PolicyGapPageResponse, PolicyGapQuery, PolicyGapReportResponse } from './policy-gaps.dto';
import { DAY_MS } from '../../workflows/common/time-units';

interface GapRow {
  id: string;
  case_id: string;
  case_kind: string;
  team: string;
  tag: string;
  question: string;
  status: string;
  flagged_by: string;
  flagged_at: Date;
  due_at: Date | null;
  decision: string | null;
  precedent: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  same_tag: number;
}

const AGES: Array<[string, number]> = [['<1d', 1], ['1-3d', 3], ['3-7d', 7], ['>7d', Infinity]];

/** Reads of the policy_gaps table (written by the cases' projections). */
@Injectable()
export class PolicyGapsService {
  constructor(private readonly dataSource: DataSource) {}

  /** A team's gaps for those who work its cases; everything for operators. Precedents are readable by every case worker. */
  private scope(actor: Actor, precedents = false): string | null {
    if (authorize(actor, 'view', { kind: 'strategic_review' }).allowed) return null;
    if (!authorize(actor, 'view', { kind: 'strategic_review', team: actor.team }).allowed) {
      throw new DomainError(ErrorCode.Forbidden, `role ${actor.role} does not work a case team's policy gaps`, { denial: 'role_not_permitted', action: 'view' });
    }
    return precedents ? null : actor.team;
  }

  async list(actor: Actor, q: PolicyGapQuery, precedents = false): Promise<PolicyGapPageResponse> {
    const team = this.scope(actor, precedents);
    const limit = q.limit ?? 20;
    const offset = q.offset ?? 0;
    const status = q.status ?? 'open';
    const where = ['g.status = $1'];
    const params: unknown[] = [status];
    if (team) where.push(`g.team = $${params.push(team)}`);
    if (q.tag) where.push(`g.tag = $${params.push(q.tag)}`);
    if (q.q) where.push(`(g.question ILIKE $${params.push(`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} OR g.decision ILIKE $${params.length} OR g.precedent ILIKE $${params.length})`);
    const order = status === 'open' ? 'g.flagged_at ASC' : 'g.decided_at DESC';
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM policy_gaps g WHERE ${where.join(' AND ')}`, params)) as Array<{ total: number }>;
    const rows = (await this.dataSource.query(
      `SELECT g.*, (SELECT count(*)::int FROM policy_gaps p WHERE p.tag = g.tag AND p.status = 'decided' AND p.case_id <> g.case_id) AS same_tag
         FROM policy_gaps g WHERE ${where.join(' AND ')} ORDER BY ${order}, g.id LIMIT ${limit} OFFSET ${offset}`,
      params,
    )) as GapRow[];
    const now = Date.now();
    return { items: rows.map((r) => item(r, now)), total, limit, offset };
  }

  async report(actor: Actor): Promise<PolicyGapReportResponse> {
    const team = this.scope(actor);
    const rows = (await this.dataSource.query(
      `SELECT g.*, (SELECT count(*)::int FROM policy_gaps p WHERE p.tag = g.tag AND p.status = 'decided' AND p.case_id <> g.case_id) AS same_tag
         FROM policy_gaps g WHERE g.status = 'open' ${team ? 'AND g.team = $1' : ''} ORDER BY g.flagged_at ASC, g.id`,
      team ? [team] : [],
    )) as GapRow[];
    const now = Date.now();
    const byAge = Object.fromEntries(AGES.map(([label]) => [label, 0]));
    for (const r of rows) {
      const days = (now - r.flagged_at.getTime()) / DAY_MS;
      byAge[AGES.find(([, upTo]) => days < upTo)![0]] += 1;
    }
    const items = rows.map((r) => item(r, now));
    return { generatedAt: new Date(now).toISOString(), open: rows.length, overdue: items.filter((i) => i.overdue).length, byAge, items };
  }
}

function item(r: GapRow, now: number): PolicyGapItemResponse {
  return {
    id: r.id, caseId: r.case_id, caseKind: r.case_kind, team: r.team, tag: r.tag, question: r.question, status: r.status, flaggedBy: r.flagged_by,
    flaggedAt: r.flagged_at.toISOString(), dueAt: r.due_at?.toISOString() ?? null, overdue: r.status === 'open' && r.due_at !== null && r.due_at.getTime() < now,
    decision: r.decision, precedent: r.precedent, decidedBy: r.decided_by, decidedAt: r.decided_at?.toISOString() ?? null, precedentsWithTag: r.same_tag,
  };
}
