import { Injectable } from '@nestjs/common';
import { authorize } from '../../../workflows/common/access';
import type { Actor } from '../../../workflows/common/actor';
import { DECISION_KINDS } from '../../../workflows/common/quality/decision-kinds';
import type { ErrorType } from '../../../workflows/common/quality/error-types';
import { AccessService } from '../../auth/access.service';
import { DomainError, ErrorCode } from '../../common/error-codes';
import { qaReport } from '../stats/qa-report';
import { scorecard, type AppealFact } from '../stats/scorecard';
import type { QaReportQuery, QualityPeriodQuery } from './dto/quality-period.query';
import type { QaReportResponse, ScorecardResponse } from './quality-reports.response';
import { QualityReportsRepository, type AppealRow } from './quality-reports.repository';
import { DAY_MS } from '../../../workflows/common/time-units';

const DEFAULT_WEEKS = 8;
const MAX_DAYS = 366;
const DEFAULT_MARGIN = 0.05;
const AUDIT_ACTIONS = [...new Set(Object.values(DECISION_KINDS).map((k) => k.auditAction))];

function sellerAfter(a: AppealRow): AppealFact['seller'] {
  if (!a.reinstated) return 'not_reinstated';
  return a.monitoring_result === 'restumbled' || a.monitoring_result === 'clean' ? a.monitoring_result : 'watching';
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const fieldError = (field: string, problem: string): never => {
  throw new DomainError(ErrorCode.ValidationFailed, problem, { fields: [{ field, problems: [problem] }] });
};

/** [from, to) in UTC days: defaults to the 8 weeks up to and including today. */
export function qualityPeriod(q: QualityPeriodQuery, now: number): { from: number; to: number } {
  const to = q.to ? Date.parse(`${q.to}T00:00:00Z`) : Math.floor(now / DAY_MS) * DAY_MS + DAY_MS;
  const from = q.from ? Date.parse(`${q.from}T00:00:00Z`) : to - DEFAULT_WEEKS * 7 * DAY_MS;
  if (Number.isNaN(from)) fieldError('from', 'from must be a real date such as 2026-11-02');
  if (Number.isNaN(to)) fieldError('to', 'to must be a real date such as 2026-12-28');
  if (from >= to) fieldError('to', 'to must be after from');
  if (to - from > MAX_DAYS * DAY_MS) fieldError('from', `the period may span at most ${MAX_DAYS} days`);
  return { from, to };
}

/**
 * Scorecards for 1:1s and reviews, and the team's QA error-rate report. A specialist reads their own
 * scorecard; senior specialists and managers their team's; operators every team's.
 */
@Injectable()
export class QualityReportsService {
  constructor(
    private readonly repo: QualityReportsRepository,
    private readonly access: AccessService,
  ) {}

  async scorecard(actor: Actor, userId: string, q: QualityPeriodQuery): Promise<ScorecardResponse> {
    const [member] = await this.repo.member(userId);
    if (!member) {
      this.access.require(actor, 'quality.view', { kind: 'roster', team: actor.team }, userId);
      throw new DomainError(ErrorCode.NotFound, `No roster member ${userId}`);
    }
    const own = userId === actor.userId && authorize(actor, 'calibration.answer', { kind: 'roster', team: member.team }).allowed;
    if (!own) this.access.require(actor, 'quality.view', { kind: 'roster', team: member.team }, userId);
    const { from, to } = qualityPeriod(q, Date.now());
    const [decisions, reviews, appeals] = await Promise.all([
      this.repo.decisions(userId, AUDIT_ACTIONS, new Date(from), new Date(to)),
      this.repo.reviews(userId, new Date(from), new Date(to)),
      this.repo.appealDecisions(userId, new Date(from), new Date(to)),
    ]);
    const card = scorecard({
      from,
      to,
      decisions: decisions.map((d) => ({
        decidedAt: d.decided_at.getTime(),
        handleMs: d.first_act ? d.decided_at.getTime() - d.first_act.getTime() : null,
        breached: d.breached,
      })),
      reviews: reviews.map((r) => ({ decidedAt: r.decided_at.getTime(), errorTypes: r.error_types as ErrorType[], overturned: r.overturned })),
      appeals: appeals.map((a) => ({ decidedAt: a.decided_at.getTime(), decision: a.decision, seller: sellerAfter(a) })),
    });
    return { userId, team: member.team, from: day(from), to: day(to), ...card };
  }

  async report(actor: Actor, q: QaReportQuery): Promise<QaReportResponse> {
    const team = q.team ?? actor.team;
    this.access.require(actor, 'quality.view', { kind: 'roster', team });
    const { from, to } = qualityPeriod(q, Date.now());
    const rows = await this.repo.qaDecisions(team, new Date(from), new Date(to), q.decisionKind);
    const report = qaReport(
      rows.map((r) => ({ stratum: r.stratum, sampled: r.sampled, completed: r.status === 'agreed' || r.status === 'adjudicated', errorTypes: r.error_types as ErrorType[] })),
      q.margin ?? DEFAULT_MARGIN,
    );
    return { team, from: day(from), to: day(to), ...report };
  }
}
