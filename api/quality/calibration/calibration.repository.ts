import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CalibrationQuestion } from '../stats/calibration-report';

export interface SessionRow {
  id: string;
  team: string;
  title: string;
  questions: CalibrationQuestion[];
  participants: string[];
  status: 'open' | 'closed';
  created_by: string;
  created_at: Date;
  closed_at: Date | null;
}

export interface ItemRow {
  position: number;
  case_id: string | null;
  prompt: string;
  golden: Record<string, string> | null;
}

export interface AnswerRow {
  position: number;
  question_id: string;
  participant: string;
  answer: string;
}

/** Queries of the calibration tables; no rules. */
@Injectable()
export class CalibrationRepository {
  constructor(private readonly ds: DataSource) {}

  async insertSession(s: Omit<SessionRow, 'status' | 'created_at' | 'closed_at'>, items: ItemRow[]): Promise<void> {
    await this.ds.transaction(async (m: EntityManager) => {
      await m.query(
        `INSERT INTO calibration_sessions (id, team, title, questions, participants, created_by) VALUES ($1, $2, $3, $4, $5, $6)`,
        [s.id, s.team, s.title, JSON.stringify(s.questions), s.participants, s.created_by],
      );
      for (const i of items) {
        await m.query(`INSERT INTO calibration_items (session_id, position, case_id, prompt, golden) VALUES ($1, $2, $3, $4, $5)`, [
          s.id,
          i.position,
          i.case_id,
          i.prompt,
          i.golden === null ? null : JSON.stringify(i.golden),
        ]);
      }
    });
  }

  async session(id: string): Promise<SessionRow | null> {
    const rows = (await this.ds.query(`SELECT * FROM calibration_sessions WHERE id = $1`, [id])) as SessionRow[];
    return rows[0] ?? null;
  }

  listForTeam(team: string): Promise<Array<SessionRow & { items: number }>> {
    return this.ds.query(
      `SELECT s.*, (SELECT count(*)::int FROM calibration_items i WHERE i.session_id = s.id) AS items
         FROM calibration_sessions s WHERE s.team = $1 ORDER BY s.created_at DESC, s.id LIMIT 200`,
      [team],
    );
  }

  items(sessionId: string): Promise<ItemRow[]> {
    return this.ds.query(`SELECT position, case_id, prompt, golden FROM calibration_items WHERE session_id = $1 ORDER BY position`, [sessionId]);
  }

  answers(sessionId: string): Promise<AnswerRow[]> {
    return this.ds.query(`SELECT position, question_id, participant, answer FROM calibration_answers WHERE session_id = $1`, [sessionId]);
  }

  /** Cases of a team among `ids`, with their summaries. */
  teamCases(team: string, ids: string[]): Promise<Array<{ id: string; summary: string }>> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.ds.query(`SELECT id, summary FROM cases WHERE team = $1 AND id = ANY($2::uuid[])`, [team, ids]);
  }

  /** Active members of a team among `ids`, with their roles. */
  teamMembers(team: string, ids: string[]): Promise<Array<{ user_id: string; role: string }>> {
    return this.ds.query(`SELECT user_id, role FROM roster_members WHERE team = $1 AND active AND user_id = ANY($2::varchar[])`, [team, ids]);
  }

  /** Upserts the answers while the session is open; false when it was closed meanwhile. */
  async upsertAnswers(sessionId: string, participant: string, answers: Array<Omit<AnswerRow, 'participant'>>): Promise<boolean> {
    return this.ds.transaction(async (m: EntityManager) => {
      const open = (await m.query(`SELECT 1 FROM calibration_sessions WHERE id = $1 AND status = 'open' FOR SHARE`, [sessionId])) as unknown[];
      if (open.length === 0) return false;
      for (const a of answers) {
        await m.query(
          `INSERT INTO calibration_answers (session_id, position, question_id, participant, answer) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (session_id, position, question_id, participant) DO UPDATE SET answer = EXCLUDED.answer, answered_at = now()`,
          [sessionId, a.position, a.question_id, participant, a.answer],
        );
      }
      return true;
    });
  }

  /** Closes an open session; false when it was not open. */
  async close(sessionId: string): Promise<boolean> {
    const rows = (await this.ds.query(
      `UPDATE calibration_sessions SET status = 'closed', closed_at = now() WHERE id = $1 AND status = 'open' RETURNING id`,
      [sessionId],
    )) as [unknown[], number] | unknown[];
    const updated = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : (rows as unknown[]);
    return updated.length > 0;
  }
}
