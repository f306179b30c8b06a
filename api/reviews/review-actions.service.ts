import { Injectable } from '@nestjs/common';
import { WorkflowNotFoundError, type UpdateDefinition } from '@temporalio/common';
import type { CaseEntity } from '../../db/entities/case.entity';
import type { CaseAction } from '../../workflows/common/access';
import type { Actor } from '../../workflows/common/actor';
import { answerHandoffUpdate, handoffWorkflowId } from '../../workflows/handoff/handoff.contract';
import * as c from '../../workflows/strategic-review/review.contract';
import type { ReviewState } from '../../workflows/strategic-review/review.state';
import { CaseAccess } from '../cases/case-access.service';
import { DomainError, ErrorCode } from '../common/error-codes';
import { TemporalClient } from '../common/runtime';
import { updateIdFor } from '../escalations/idempotency';
import { RosterRepository } from '../roster/roster.repository';
import type * as dto from './dto/review-actions.dto';
import type { OptionalReasonDto } from '../escalations/dto/reason.dto';
import type { ReassignDto } from '../escalations/dto/reassign.dto';
import { fromReviewView } from './review.mapper';
import type { ReviewViewResponse } from './review.response';

const ASSIGNABLE_ROLES = ['specialist', 'senior_specialist', 'manager'];

/**
 * One method per review action: load the review (404), check the caller against the permission table
 * (403 with its reason), then send the workflow update, whose validator checks state, permission and
 * the maker-checker policy again (409/403/400 with its reason). With an Idempotency-Key, a replayed
 * request is applied once.
 */
@Injectable()
export class ReviewActionsService {
  constructor(
    private readonly cases: CaseAccess,
    private readonly temporal: TemporalClient,
    private readonly roster: RosterRepository,
  ) {}

  acknowledge = (actor: Actor, id: string, key?: string) => this.act(actor, id, 'acknowledge', c.acknowledgeReviewUpdate, {}, key);
  claim = (actor: Actor, id: string, key?: string) => this.act(actor, id, 'claim', c.claimReviewUpdate, {}, key);
  release = (actor: Actor, id: string, d: OptionalReasonDto, key?: string) => this.act(actor, id, 'release', c.releaseReviewUpdate, { reason: d.reason }, key);
  completeCheck = (actor: Actor, id: string, d: dto.CompleteCheckDto, key?: string) =>
    this.act(actor, id, 'complete_check', c.completeCheckUpdate, { checkId: d.checkId, finding: d.finding, notes: d.notes, evidence: d.evidence ?? [] }, key);
  assessRisk = (actor: Actor, id: string, key?: string) => this.act(actor, id, 'assess_risk', c.assessRiskUpdate, {}, key);
  handOff = (actor: Actor, id: string, d: dto.ReviewHandOffDto, key?: string) =>
    this.act(actor, id, 'hand_off', c.handOffReviewUpdate, { team: d.team, question: d.question, blocking: d.blocking ?? true }, key);
  // The maker's start date goes with the proposal: the review samples it for QA by the maker's tenure.
  propose = async (actor: Actor, id: string, d: dto.ProposeDecisionDto, key?: string) =>
    this.act(actor, id, 'propose_decision', c.proposeDecisionUpdate, {
      makerStartedOn: (await this.roster.findActive(actor.userId))?.startedOn ?? null,
      decision: d.decision, reasonCode: d.reasonCode, policyCitation: d.policyCitation, rationale: d.rationale, scope: d.scope,
      durationDays: d.durationDays ?? null, urgent: d.urgent ?? false, urgencyReason: d.urgencyReason,
    }, key);
  approve = (actor: Actor, id: string, d: dto.ApprovalNoteDto, key?: string) => this.act(actor, id, 'approve_enforcement', c.approveDecisionUpdate, { note: d.note }, key);
  reject = (actor: Actor, id: string, d: dto.RejectDecisionDto, key?: string) => this.act(actor, id, 'approve_enforcement', c.rejectDecisionUpdate, { reasons: d.reasons }, key);
  withdraw = (actor: Actor, id: string, d: dto.WithdrawDecisionDto, key?: string) => this.act(actor, id, 'propose_decision', c.withdrawDecisionUpdate, { reason: d.reason }, key);
  approveUrgency = (actor: Actor, id: string, d: dto.ApprovalNoteDto, key?: string) => this.act(actor, id, 'approve_urgency', c.approveUrgencyUpdate, { note: d.note }, key);
  retryEnforcement = (actor: Actor, id: string, key?: string) => this.act(actor, id, 'propose_decision', c.retryEnforcementUpdate, {}, key);
  flagPolicyGap = (actor: Actor, id: string, d: dto.FlagPolicyGapDto, key?: string) => this.act(actor, id, 'flag_policy_gap', c.flagPolicyGapUpdate, { tag: d.tag, question: d.question }, key);
  decidePolicyGap = (actor: Actor, id: string, d: dto.DecidePolicyGapDto, key?: string) =>
    this.act(actor, id, 'decide_policy_gap', c.decidePolicyGapUpdate, { gapId: d.gapId, decision: d.decision, precedent: d.precedent }, key);

  reassign(actor: Actor, id: string, d: ReassignDto, key?: string) {
    return this.act(actor, id, 'reassign', c.reassignReviewUpdate, async (row) => {
      const member = await this.roster.findActive(d.assigneeId);
      if (!member || !ASSIGNABLE_ROLES.includes(member.role)) {
        throw new DomainError(ErrorCode.ValidationFailed, `${d.assigneeId} is not an active specialist, senior specialist or manager`, {
          fields: [{ field: 'assigneeId', problems: ['must be an active roster member who can hold cases'] }],
        });
      }
      return { assigneeId: member.userId, team: member.team !== row.team ? member.team : undefined, reason: d.reason };
    }, key);
  }

  /**
   * Account Management's answer to the consultation on the review's proposal: agree, or object with
   * reasons. Sent to the consultation's handoff workflow (agree = approve, object = reject), which
   * checks the permission table again and tells the review.
   */
  async answerConsultation(actor: Actor, id: string, d: dto.ConsultationAnswerDto, key?: string): Promise<ReviewViewResponse> {
    const row = await this.cases.require(actor, 'answer_consultation', id, 'strategic_review');
    const consultation = (row.snapshot as { review?: ReviewState }).review?.proposal?.consultation;
    if (!consultation || consultation.status !== 'open') throw new DomainError(ErrorCode.InvalidTransition, 'the review has no open consultation');
    try {
      await this.temporal.client.workflow.getHandle(handoffWorkflowId(consultation.handoffId)).executeUpdate(answerHandoffUpdate, {
        args: [{ actor, outcome: d.response === 'agree' ? 'approve' : 'reject', notes: d.reasons }],
        updateId: updateIdFor('answer_consultation', actor, key),
      });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new DomainError(ErrorCode.InvalidTransition, 'the consultation has closed');
      throw err;
    }
    const handle = this.temporal.client.workflow.getHandle(row.workflowId);
    // The answer reaches the review by signal; read it once the review has taken it.
    for (let i = 0; i < 50; i++) {
      const view = await handle.query(c.getReviewQuery);
      if (view.review.proposal?.consultation?.handoffId !== consultation.handoffId || view.review.proposal.consultation.status !== 'open') return fromReviewView(view, actor);
      await new Promise((r) => setTimeout(r, 100));
    }
    return fromReviewView(await handle.query(c.getReviewQuery), actor);
  }

  private async act<Req extends c.ActionRequest>(
    actor: Actor,
    id: string,
    action: CaseAction,
    update: UpdateDefinition<c.ReviewView, [Req]>,
    payload: Omit<Req, 'actor'> | ((row: CaseEntity) => Promise<Omit<Req, 'actor'>>),
    key: string | undefined,
  ): Promise<ReviewViewResponse> {
    const row = await this.cases.require(actor, action, id, 'strategic_review');
    const body = typeof payload === 'function' ? await payload(row) : payload;
    const request = { ...withoutUndefined(body), actor } as Req;
    try {
      const view = await this.temporal.client.workflow
        .getHandle(row.workflowId)
        .executeUpdate(update, { args: [request], updateId: updateIdFor(`review:${update.name}`, actor, key) });
      return fromReviewView(view, actor);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new DomainError(ErrorCode.InvalidTransition, `the review is ${row.state} and takes no more actions`);
      throw err;
    }
  }
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
