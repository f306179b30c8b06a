import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface DecisionRow {
  decided_at: Date;
  first_act: Date | null;
  breached: boolean;
}

export interface ReviewRow {
  decided_at: Date;
  error_types: string[];
  overturned: boolean;
}

export interface AppealRow {
  decided_at: Date;
  decision: string;
  reinstated: boolean;
  monitoring_result: string | null;
}

export interface QaRow {
  stratum: string;
  sampled: boolean;
  status: string;
  error_types: string[];
}

/** Reads for scorecards and the QA report; no rules. */
@Injectable()
export class QualityReportsRepository {
  constructor(private readonly ds: DataSource) {}

  member(userId: string): Promise<Array<{ user_id: string; team: string; role: string }>> {
    return this.ds.query(`SELECT user_id, team, role FROM roster_members WHERE user_id = $1`, [userId]);
  }

  /** The member's decisions in [from, to): the audit lines that record them, with the member's first act on the case before it. */
  decisions(userId: string, actions: string[], from: Date, to: Date): Promise<DecisionRow[]> {
    return this.ds.query(
      `SELECT e.occurred_at AS decided_at, c.breached,
              (SELECT min(f.occurred_at) FROM case_events f WHERE f.case_id = e.case_id AND f.actor_id = e.actor_id AND f.seq < e.seq) AS first_act
         FROM case_events e JOIN cases c ON c.id = e.case_id
        WHERE e.actor_id = $1 AND e.action = ANY($2::varchar[]) AND e.occurred_at >= $3 AND e.occurred_at < $4`,
      [userId, actions, from, to],
    );
  }

  reviews(userId: string, from: Date, to: Date): Promise<ReviewRow[]> {
    return this.ds.query(
      `SELECT decided_at, error_types,
              (status = 'adjudicated' AND (correct_decision->>'decision') IS DISTINCT FROM (maker_decision->>'decision')) AS overturned
         FROM qa_decisions WHERE maker_id = $1 AND status IN ('agreed', 'adjudicated') AND decided_at >= $2 AND decided_at < $3`,
      [userId, from, to],
    );
  }

  /**
   * Appeals the member decided in [from, to): `decided_by` is set once a decision is final (a denial, or
   * an approved reinstatement), `reinstated_at` once the reinstatement's steps were applied, and
   * `monitoring_result` when the restumble window closed.
   */
  appealDecisions(userId: string, from: Date, to: Date): Promise<AppealRow[]> {
    return this.ds.query(
      `SELECT decided_at, decision, reinstated_at IS NOT NULL AS reinstated, monitoring_result
         FROM appeals WHERE decided_by = $1 AND decided_at >= $2 AND decided_at < $3`,
      [userId, from, to],
    );
  }

  qaDecisions(team: string, from: Date, to: Date, decisionKind: string | undefined): Promise<QaRow[]> {
    return this.ds.query(
      `SELECT stratum, sampled, status, error_types FROM qa_decisions
        WHERE team = $1 AND decided_at >= $2 AND decided_at < $3 AND ($4::varchar IS NULL OR decision_kind = $4)`,
      [team, from, to, decisionKind ?? null],
    );
  }
}
