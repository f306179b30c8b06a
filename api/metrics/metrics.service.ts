import { Injectable } from '@nestjs/common';
import { authorize } from '../../workflows/common/access';
import { CASE_KINDS, HANDOFF_TEAMS, type Actor } from '../../workflows/common/actor';
import { SEVERITIES } from '../../workflows/common/severity';
import {
  CASE_CLOCKS,
  ESCALATION_CATEGORIES,
  ESCALATION_FINISHED_STATUSES,
  ESCALATION_STATUSES,
  ROOT_CAUSES,
} from '../../workflows/escalation/escalation.vocabulary';
import { AccessService } from '../auth/access.service';
import { DomainError, ErrorCode } from '../common/error-codes';
import { WorkloadService } from '../workload/workload.service';
import { backlogGroups, backlogReport } from './backlog-age';
import { breachReport, ESCALATED_STATES } from './breach-rate';
import type { MetricsFilterQuery } from './dto/metrics-filter.query';
import type { MetricsPeriodQuery } from './dto/metrics-period.query';
import type { StaffingQuery } from './dto/staffing.query';
import { handoffReport } from './handoff-turnaround';
import { MetricQueryTimeout, MetricsRepository, periodWindow, type CaseFilter } from './metrics.repository';
import type {
  BacklogResponse,
  BreachesResponse,
  HandoffsResponse,
  MetricsPeriod,
  ResponseTimesResponse,
  SlaMetricsResponse,
  StaffingResponse,
  VolumeResponse,
  SatisfactionResponse,
} from './metrics.response';
import { iso, resolvePeriod, type Period } from './period';
import { FIRST_RESPONSE_ACTIONS, REOPEN_ACTION, RESOLUTION_EVENTS, responseTimesReport } from './response-times';
import { satisfactionReport } from './satisfaction';
import { slaAttainment } from './sla-attainment';
import { volumeReport } from './volume';

/** Handoffs are addressed to the handoff teams, and consultations to account management. */
const ADDRESSED_TEAMS = [...HANDOFF_TEAMS, 'account_management'];
const OPEN_ESCALATION_STATES = ESCALATION_STATUSES.filter((s) => !(ESCALATION_FINISHED_STATUSES as readonly string[]).includes(s));

interface Scope {
  filter: CaseFilter;
  kinds: readonly string[];
}

/**
 * The metrics API: who may see which team's figures (the permission table's `metrics.view`), the
 * period, and the queries; every number's arithmetic is in the pure files beside this one, and the
 * README defines each metric.
 */
@Injectable()
export class MetricsService {
  constructor(
    private readonly metrics: MetricsRepository,
    private readonly access: AccessService,
    private readonly workload: WorkloadService,
  ) {}

  async sla(actor: Actor, query: MetricsPeriodQuery): Promise<SlaMetricsResponse> {
    const { scope, period, window, now } = await this.prepare(actor, query);
    const rows = await this.guard(this.metrics.decidedClocks(scope.filter, window));
    return { ...head(scope, period, now), ...slaAttainment(rows, period, { kinds: scope.kinds, severities: SEVERITIES, clocks: CASE_CLOCKS }) };
  }

  async responseTimes(actor: Actor, query: MetricsPeriodQuery): Promise<ResponseTimesResponse> {
    const { scope, period, window, now } = await this.prepare(actor, query);
    const [firsts, resolutions, reopens] = await this.guard(
      Promise.all([
        this.metrics.timesToFirst(FIRST_RESPONSE_ACTIONS, scope.filter, window),
        this.metrics.timesToFirst(RESOLUTION_EVENTS.actions, scope.filter, window, RESOLUTION_EVENTS.toState),
        this.metrics.eventsPerBucket(REOPEN_ACTION, scope.filter, window),
      ]),
    );
    return { ...head(scope, period, now), ...responseTimesReport(firsts, resolutions, reopens, period, scope.kinds) };
  }

  async volume(actor: Actor, query: MetricsPeriodQuery): Promise<VolumeResponse> {
    const { scope, period, window, now } = await this.prepare(actor, query);
    const [created, completed] = await this.guard(
      Promise.all([this.metrics.createdCases(scope.filter, window), this.metrics.completedCases(scope.filter, window)]),
    );
    return {
      ...head(scope, period, now),
      ...volumeReport(created, completed, period, { kinds: scope.kinds, categories: ESCALATION_CATEGORIES, rootCauses: ROOT_CAUSES }),
    };
  }

  async breaches(actor: Actor, query: MetricsPeriodQuery): Promise<BreachesResponse> {
    const { scope, period, window, now } = await this.prepare(actor, query);
    const rows = await this.guard(this.metrics.completionOutcomes(ESCALATED_STATES, scope.filter, window));
    return { ...head(scope, period, now), ...breachReport(rows, period, { kinds: scope.kinds, severities: SEVERITIES }) };
  }

  async handoffs(actor: Actor, query: MetricsPeriodQuery): Promise<HandoffsResponse> {
    const { scope, period, window, now } = await this.prepare(actor, query);
    const groups = await this.guard(this.metrics.answeredHandoffs(scope.filter, window));
    return { ...head(scope, period, now), ...handoffReport(groups, period, ADDRESSED_TEAMS) };
  }

  async backlog(actor: Actor, query: MetricsFilterQuery): Promise<BacklogResponse> {
    const scope = await this.scope(actor, query);
    const now = new Date();
    const { counts, ages } = await this.guard(this.metrics.openCases(scope.filter, now));
    const groups = backlogGroups(counts, ages);
    const states = scope.filter.kind === null || scope.filter.kind === 'escalation' ? OPEN_ESCALATION_STATES : [];
    return {
      generatedAt: now.toISOString(),
      scope: scope.filter,
      ...backlogReport(groups, { kinds: scope.kinds, severities: SEVERITIES, states }),
    };
  }

  /** Seller survey answers given in the period, by kind, team and decision (answers carry the case's team and kind). */
  async satisfaction(actor: Actor, query: MetricsPeriodQuery): Promise<SatisfactionResponse> {
    const { scope, period, window, now } = await this.prepare(actor, query);
    const counts = await this.guard(this.metrics.surveyAnswers(scope.filter, window));
    return { ...head(scope, period, now), ...satisfactionReport(counts) };
  }

  /** The workload's staffing plan (GET /workload), for the metrics dashboard. */
  async staffing(actor: Actor, query: StaffingQuery): Promise<StaffingResponse> {
    // One team, as in the workload: an operator who names none is told so by the workload (400 naming team).
    this.access.require(actor, 'metrics.view', { kind: 'roster', team: query.team ?? actor.team });
    const workload = await this.workload.forTeam(actor, query);
    return { team: workload.team, generatedAt: workload.generatedAt, windowDays: workload.flow.days, staffing: workload.staffing };
  }

  /**
   * Whose cases: a caller allowed every team (operators) sees every team unless they name one; the
   * others see their own team, and naming another is refused by the permission table.
   */
  private async scope(actor: Actor, query: MetricsFilterQuery): Promise<Scope> {
    const allTeams = query.team === undefined && authorize(actor, 'metrics.view', { kind: 'roster' }).allowed;
    const team = allTeams ? null : (query.team ?? actor.team);
    this.access.require(actor, 'metrics.view', team === null ? { kind: 'roster' } : { kind: 'roster', team });
    if (team !== null && query.team !== undefined && !(await this.metrics.teamExists(team))) {
      throw new DomainError(ErrorCode.NotFound, `No team ${team}: neither the teams table nor the roster knows it`);
    }
    const kind = query.kind ?? null;
    return { filter: { team, kind }, kinds: kind === null ? CASE_KINDS : [kind] };
  }

  private async prepare(actor: Actor, query: MetricsPeriodQuery) {
    const scope = await this.scope(actor, query);
    const now = Date.now();
    const resolved = resolvePeriod({ from: query.from, to: query.to, bucket: query.bucket, timeZone: query.timeZone }, now);
    if (!resolved.ok) {
      throw new DomainError(ErrorCode.ValidationFailed, resolved.problems.flatMap((p) => p.problems).join('; '), { fields: resolved.problems });
    }
    const { period } = resolved;
    return { scope, period, window: periodWindow(period), now };
  }

  /** A query past its timeout is a 503 with the reason. */
  private async guard<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (err) {
      if (err instanceof MetricQueryTimeout) {
        throw new DomainError(ErrorCode.Unavailable, `${err.message}: ask for a shorter period or one team`);
      }
      throw err;
    }
  }
}

function head(scope: Scope, period: Period, now: number): { generatedAt: string; scope: CaseFilter; period: MetricsPeriod } {
  return {
    generatedAt: new Date(now).toISOString(),
    scope: scope.filter,
    period: { from: iso(period.from, period.timeZone), to: iso(period.to, period.timeZone), bucket: period.bucket, timeZone: period.timeZone },
  };
}
