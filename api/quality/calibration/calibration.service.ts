import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { authorize } from '../../../workflows/common/access';
import type { Actor } from '../../../workflows/common/actor';
import { AccessService } from '../../auth/access.service';
import { DomainError, ErrorCode } from '../../common/error-codes';
import type { FieldProblem } from '../../common/validation';
import { calibrationReport } from '../stats/calibration-report';
import type { CreateCalibrationSessionDto } from './dto/create-calibration-session.dto';
import type { SubmitAnswersDto } from './dto/submit-answers.dto';
import { CalibrationRepository, type ItemRow, type SessionRow } from './calibration.repository';
import type {
  CalibrationReportResponse,
  CalibrationSessionListResponse,
  CalibrationSessionResponse,
} from './calibration.response';

/** Roles that decide cases and so take part in calibration. */
const DECIDING_ROLES = ['specialist', 'senior_specialist', 'manager'];

/** jsonb keeps no key order: golden answers come back in the session's question order. */
const goldenInOrder = (session: SessionRow, golden: Record<string, string>) =>
  session.questions.filter((q) => q.id in golden).map((q) => ({ questionId: q.id, answer: golden[q.id] }));

const invalid = (fields: FieldProblem[]): never => {
  throw new DomainError(ErrorCode.ValidationFailed, fields.map((f) => f.problems.join('; ')).join('; '), { fields });
};

/**
 * Calibration sessions: a manager picks past cases of the team (or writes golden-set scenarios with
 * expert answers) and names the participants; each participant answers on their own, seeing neither
 * the others' answers nor the golden ones until the manager closes the session; the report then
 * gives agreement and accuracy (stats/calibration-report.ts).
 */
@Injectable()
export class CalibrationService {
  private readonly logger = new Logger('Calibration');

  constructor(
    private readonly repo: CalibrationRepository,
    private readonly access: AccessService,
  ) {}

  async create(actor: Actor, dto: CreateCalibrationSessionDto): Promise<CalibrationSessionResponse> {
    this.access.require(actor, 'calibration.run', { kind: 'roster', team: actor.team });
    const team = actor.team;
    const problems: FieldProblem[] = [];
    const questionIds = new Map(dto.questions.map((q) => [q.id, q]));
    if (questionIds.size !== dto.questions.length) problems.push({ field: 'questions', problems: ['questions must have distinct ids'] });

    const caseIds = dto.items.flatMap((i) => (i.caseId ? [i.caseId] : []));
    const cases = new Map((await this.repo.teamCases(team, caseIds)).map((c) => [c.id, c.summary]));
    const items: ItemRow[] = dto.items.map((item, index) => {
      const field = `items[${index}]`;
      if (item.caseId && !cases.has(item.caseId)) problems.push({ field: `${field}.caseId`, problems: [`${field}.caseId names no case of team ${team}`] });
      if (!item.caseId && item.prompt === undefined) problems.push({ field: `${field}.prompt`, problems: [`${field}.prompt is required when the item names no case`] });
      const golden: Record<string, string> = {};
      (item.golden ?? []).forEach((g, k) => {
        const question = questionIds.get(g.questionId);
        const at = `${field}.golden[${k}]`;
        if (!question) problems.push({ field: `${at}.questionId`, problems: [`${at}.questionId ${g.questionId} is not a question of the session`] });
        else if (!question.options.includes(g.answer)) problems.push({ field: `${at}.answer`, problems: [`${at}.answer must be one of ${question.options.join(', ')}`] });
        else if (g.questionId in golden) problems.push({ field: `${at}.questionId`, problems: [`${at}.questionId ${g.questionId} is given twice`] });
        else golden[g.questionId] = g.answer;
      });
      return {
        position: index + 1,
        case_id: item.caseId ?? null,
        prompt: item.prompt ?? (item.caseId ? cases.get(item.caseId) ?? '' : ''),
        golden: Object.keys(golden).length > 0 ? golden : null,
      };
    });

    const members = new Map((await this.repo.teamMembers(team, dto.participants)).map((m) => [m.user_id, m.role]));
    dto.participants.forEach((p, i) => {
      const role = members.get(p);
      if (role === undefined) problems.push({ field: `participants[${i}]`, problems: [`participants[${i}] ${p} is not an active member of team ${team}`] });
      else if (!DECIDING_ROLES.includes(role)) problems.push({ field: `participants[${i}]`, problems: [`participants[${i}] ${p} is a ${role}, who decides no cases`] });
    });
    if (problems.length > 0) invalid(problems);

    const id = randomUUID();
    await this.repo.insertSession(
      { id, team, title: dto.title, questions: dto.questions.map((q) => ({ id: q.id, label: q.label, options: [...q.options] })), participants: dto.participants, created_by: actor.userId },
      items,
    );
    this.logger.log({ event: 'calibration_session_created', by: actor.userId, sessionId: id, items: items.length, participants: dto.participants.length });
    return this.get(actor, id);
  }

  async list(actor: Actor): Promise<CalibrationSessionListResponse> {
    this.access.require(actor, 'calibration.answer', { kind: 'roster', team: actor.team });
    const rows = await this.repo.listForTeam(actor.team);
    const mayRun = this.mayRun(actor, actor.team);
    return {
      sessions: rows
        .filter((s) => mayRun || s.participants.includes(actor.userId))
        .map((s) => ({ id: s.id, title: s.title, status: s.status, createdBy: s.created_by, createdAt: s.created_at.toISOString(), items: s.items, participants: s.participants })),
    };
  }

  async get(actor: Actor, id: string): Promise<CalibrationSessionResponse> {
    const session = await this.visible(actor, id);
    const [items, answers] = await Promise.all([this.repo.items(id), this.repo.answers(id)]);
    const seesGolden = session.status === 'closed' || this.mayRun(actor, session.team);
    return {
      id: session.id,
      team: session.team,
      title: session.title,
      status: session.status,
      createdBy: session.created_by,
      createdAt: session.created_at.toISOString(),
      closedAt: session.closed_at ? session.closed_at.toISOString() : null,
      questions: session.questions.map((q) => ({ id: q.id, label: q.label, options: [...q.options] })),
      items: items.map((i) => ({
        position: i.position,
        caseId: i.case_id,
        prompt: i.prompt,
        golden: seesGolden && i.golden ? goldenInOrder(session, i.golden) : null,
      })),
      participants: session.participants.map((userId) => ({ userId, answered: answers.filter((a) => a.participant === userId).length })),
      myAnswers: answers
        .filter((a) => a.participant === actor.userId)
        .sort((a, b) => a.position - b.position || a.question_id.localeCompare(b.question_id))
        .map((a) => ({ position: a.position, questionId: a.question_id, answer: a.answer })),
    };
  }

  async answer(actor: Actor, id: string, dto: SubmitAnswersDto): Promise<CalibrationSessionResponse> {
    const session = await this.visible(actor, id);
    if (!session.participants.includes(actor.userId)) {
      throw new DomainError(ErrorCode.Forbidden, `${actor.userId} is not a participant of this session`, { denial: 'not_participant', action: 'calibration.answer' });
    }
    if (session.status !== 'open') throw new DomainError(ErrorCode.InvalidTransition, 'the session is closed: answers can no longer change');
    const positions = new Set((await this.repo.items(id)).map((i) => i.position));
    const questions = new Map(session.questions.map((q) => [q.id, q]));
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    dto.answers.forEach((a, i) => {
      const at = `answers[${i}]`;
      const question = questions.get(a.questionId);
      if (!positions.has(a.position)) problems.push({ field: `${at}.position`, problems: [`${at}.position ${a.position} is not an item of the session`] });
      if (!question) problems.push({ field: `${at}.questionId`, problems: [`${at}.questionId ${a.questionId} is not a question of the session`] });
      else if (!question.options.includes(a.answer)) problems.push({ field: `${at}.answer`, problems: [`${at}.answer must be one of ${question.options.join(', ')}`] });
      const key = `${a.position}/${a.questionId}`;
      if (seen.has(key)) problems.push({ field: at, problems: [`${at} answers item ${a.position}, question ${a.questionId} a second time`] });
      seen.add(key);
    });
    if (problems.length > 0) invalid(problems);
    const stored = await this.repo.upsertAnswers(
      id,
      actor.userId,
      dto.answers.map((a) => ({ position: a.position, question_id: a.questionId, answer: a.answer })),
    );
    if (!stored) throw new DomainError(ErrorCode.InvalidTransition, 'the session is closed: answers can no longer change');
    return this.get(actor, id);
  }

  async close(actor: Actor, id: string): Promise<CalibrationSessionResponse> {
    const session = await this.visible(actor, id);
    this.access.require(actor, 'calibration.run', { kind: 'roster', team: session.team }, id);
    if (!(await this.repo.close(id))) throw new DomainError(ErrorCode.InvalidTransition, 'the session is already closed');
    this.logger.log({ event: 'calibration_session_closed', by: actor.userId, sessionId: id });
    return this.get(actor, id);
  }

  async report(actor: Actor, id: string): Promise<CalibrationReportResponse> {
    const session = await this.visible(actor, id);
    if (session.status !== 'closed') {
      throw new DomainError(ErrorCode.InvalidTransition, 'the report is ready once the session is closed (answers stay independent until then)');
    }
    const [items, answers] = await Promise.all([this.repo.items(id), this.repo.answers(id)]);
    const report = calibrationReport({
      questions: session.questions.map((q) => ({ id: q.id, label: q.label, options: [...q.options] })),
      items: items.map((i) => ({ position: i.position, golden: i.golden })),
      participants: session.participants,
      answers: answers.map((a) => ({ position: a.position, questionId: a.question_id, participant: a.participant, answer: a.answer })),
    });
    return { sessionId: id, title: session.title, items: items.length, ...report };
  }

  private mayRun(actor: Actor, team: string): boolean {
    return authorize(actor, 'calibration.run', { kind: 'roster', team }).allowed;
  }

  /**
   * A session is visible to its team's deciders and its quality viewers (operators anywhere); an
   * unknown id is a 404 only for roles that could see some session.
   */
  private async visible(actor: Actor, id: string): Promise<SessionRow> {
    const session = await this.repo.session(id);
    if (!session) {
      if (!authorize(actor, 'quality.view', { kind: 'roster', team: actor.team }).allowed) {
        this.access.require(actor, 'calibration.answer', { kind: 'roster', team: actor.team }, id);
      }
      throw new DomainError(ErrorCode.NotFound, `No calibration session ${id}`);
    }
    if (!authorize(actor, 'quality.view', { kind: 'roster', team: session.team }).allowed) {
      this.access.require(actor, 'calibration.answer', { kind: 'roster', team: session.team }, id);
    }
    return session;
  }
}
