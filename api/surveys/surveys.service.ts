import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sellerIdOf, type Actor } from '../../workflows/common/actor';
import { AccessService } from '../auth/access.service';
import { DomainError, ErrorCode } from '../common/error-codes';
import { SURVEY_SCORES } from '../metrics/satisfaction';
import { SURVEY_QUESTION, type SurveyResponse } from './survey.response';
import type { SurveyAnswerDto } from './survey.dto';

interface DecidedCase {
  id: string;
  kind: 'appeal' | 'escalation';
  team: string | null;
  seller_id: string;
  decision: string | null;
}

/**
 * The seller's survey after a decision: an appeal decided (reinstated or denied) or an escalation
 * resolved. A seller answers once per case, only for their own cases; anything else is a 404, so a
 * case's existence is not disclosed. The answer keeps the case's kind, team and decision for the
 * satisfaction metric.
 */
@Injectable()
export class SurveysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  async get(actor: Actor, caseId: string): Promise<SurveyResponse> {
    const c = await this.decidedCase(actor, caseId);
    const [answer] = (await this.dataSource.query(`SELECT score, comment FROM seller_surveys WHERE case_id = $1`, [caseId])) as Array<{ score: number; comment: string | null }>;
    return this.response(c, answer ?? null);
  }

  async answer(actor: Actor, caseId: string, dto: SurveyAnswerDto): Promise<SurveyResponse> {
    const c = await this.decidedCase(actor, caseId);
    const inserted = (await this.dataSource.query(
      `INSERT INTO seller_surveys (case_id, case_kind, seller_id, team, decision, score, comment) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (case_id) DO NOTHING RETURNING case_id`,
      [c.id, c.kind, c.seller_id, c.team, c.decision, dto.score, dto.comment ?? null],
    )) as unknown[];
    if (!inserted.length) throw new DomainError(ErrorCode.Conflict, `the survey on case ${caseId} was already answered`, { conflict: 'survey_answered' });
    return this.response(c, { score: dto.score, comment: dto.comment ?? null });
  }

  private response(c: DecidedCase, answer: { score: number; comment: string | null } | null): SurveyResponse {
    return {
      caseId: c.id, kind: c.kind, decision: c.decision!, question: SURVEY_QUESTION, scale: [...SURVEY_SCORES],
      answered: answer !== null, score: answer?.score ?? null, comment: answer?.comment ?? null,
    };
  }

  private async decidedCase(actor: Actor, caseId: string): Promise<DecidedCase> {
    const [c] = (await this.dataSource.query(
      `SELECT c.id, c.kind, c.team, c.seller_id,
              CASE c.kind WHEN 'appeal' THEN (CASE WHEN a.outcome IN ('reinstated', 'denied') THEN a.outcome END)
                          WHEN 'escalation' THEN (CASE WHEN c.resolved_at IS NOT NULL THEN e.resolution_code END) END AS decision
         FROM cases c LEFT JOIN appeals a ON a.case_id = c.id LEFT JOIN escalation_cases e ON e.case_id = c.id
        WHERE c.id = $1 AND c.kind IN ('appeal', 'escalation')`,
      [caseId],
    )) as DecidedCase[];
    if (!c || c.seller_id !== sellerIdOf(actor)) throw new DomainError(ErrorCode.NotFound, `No case of yours with id ${caseId}`);
    this.access.require(actor, 'seller.survey', { kind: c.kind, sellerId: c.seller_id }, caseId);
    if (!c.decision) throw new DomainError(ErrorCode.InvalidTransition, `case ${caseId} has no decision yet: the survey opens once it is decided`);
    return c;
  }
}
