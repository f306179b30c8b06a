import { Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { v5 as uuidv5 } from 'uuid';
import type { Actor } from '../../workflows/common/actor';
import { APPEAL_WORKFLOW_TYPE, appealStartOptions, awaitAppealRecordedUpdate, type AppealInput, type AppealView } from '../../workflows/appeal/appeal.contract';
import type { AppealedEnforcement } from '../../workflows/appeal/appeal.state';
import type { ReviewState } from '../../workflows/strategic-review/review.state';
import { AccessService } from '../auth/access.service';
import { DomainError, ErrorCode } from '../common/error-codes';
import { ApiSettings, TemporalClient } from '../common/runtime';
import { SellersRepository } from '../sellers/sellers.repository';
import { TeamDirectory } from '../teams/team-directory.service';
import { buildAppealSettings } from './appeal-settings';
import type { CreateAppealDto } from './dto/create-appeal.dto';

const APPEAL_NAMESPACE = '6b0f3f7e-2a61-4d0c-9a57-0c4b8e1d2f93';

const invalid = (field: string, problem: string) => new DomainError(ErrorCode.ValidationFailed, `${field} ${problem}`, { fields: [{ field, problems: [problem] }] });

/**
 * Opens appeals, keeping one active appeal per enforcement: the API reserves the enforcement's row in
 * `appeals` (a partial unique index refuses a second active one, 409) before it starts the workflow.
 * The enforcement under appeal is looked up: a strategic review's from the review (its maker and
 * approvers are the decision makers), an external one from the enforcements the enforcement system
 * reported, or as the body states it.
 */
@Injectable()
export class AppealOpener {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: TemporalClient,
    private readonly settings: ApiSettings,
    private readonly access: AccessService,
    private readonly teams: TeamDirectory,
    private readonly sellers: SellersRepository,
  ) {}

  async open(dto: CreateAppealDto, by: Actor, idempotencyKey?: string): Promise<AppealView> {
    const seller = await this.sellers.findById(dto.sellerId);
    if (!seller) throw invalid('sellerId', 'must be a seller in the directory');
    const { team, calendars } = await this.teams.forNewCase({ marketplace: seller.marketplace, category: 'appeal' }, Date.now());
    if (by.role === 'seller') this.access.require(by, 'seller.appeal', { kind: 'appeal', sellerId: seller.id });
    else this.access.require(by, 'create', { kind: 'appeal', team });
    const enforcement = await this.enforcementOf(dto, seller.id);
    const caseId = idempotencyKey ? uuidv5(`appeal:${by.userId}:${idempotencyKey}`, APPEAL_NAMESPACE) : randomUUID();
    await this.reserve(caseId, seller.id, enforcement);
    const input: AppealInput = {
      caseId,
      seller: { sellerId: seller.id, marketplace: seller.marketplace, legalName: seller.legalName, language: dto.language ?? null },
      enforcement,
      plan: { rootCause: dto.plan.rootCause, correctiveActions: dto.plan.correctiveActions, preventiveMeasures: dto.plan.preventiveMeasures, evidence: dto.plan.evidence ?? [] },
      team,
      createdBy: by,
      requestedAt: Date.now(),
      settings: buildAppealSettings(this.settings.config, calendars),
    };
    let handle;
    try {
      handle = await this.temporal.client.workflow.start(APPEAL_WORKFLOW_TYPE, appealStartOptions(input, this.temporal.taskQueue));
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) {
        await this.dataSource.query(`DELETE FROM appeals WHERE case_id = $1 AND projection_seq = 0`, [caseId]);
        throw err;
      }
      handle = this.temporal.client.workflow.getHandle(`appeal-${caseId}`);
    }
    return handle.executeUpdate(awaitAppealRecordedUpdate, { updateId: `recorded-${caseId}` });
  }

  private async enforcementOf(dto: CreateAppealDto, sellerId: string): Promise<AppealedEnforcement> {
    const e = dto.enforcement;
    if (e.source === 'strategic_review') {
      const [caseId] = e.ref.split('/enforcement/');
      const rows = /^[0-9a-f-]{36}$/.test(caseId)
        ? ((await this.dataSource.query(`SELECT snapshot FROM cases WHERE id = $1 AND kind = 'strategic_review'`, [caseId])) as Array<{ snapshot: { review?: ReviewState } }>)
        : [];
      const review = rows[0]?.snapshot.review;
      const attempt = review?.enforcements.find((x) => x.enforcementId === e.ref && x.status === 'applied');
      const proposal = review ? [review.proposal, ...review.previousProposals].find((p) => p && p.status === 'approved') : undefined;
      if (!review || review.seller.sellerId !== sellerId || !attempt || !proposal || proposal.decision === 'no_action') {
        throw invalid('enforcement.ref', `must be an applied enforcement of a strategic review of seller ${sellerId}`);
      }
      return {
        source: 'strategic_review', ref: e.ref, type: proposal.decision, reason: `${proposal.reasonCode.replace(/_/g, ' ')} (${proposal.policyCitation})`,
        decidedBy: [proposal.proposedBy, ...(proposal.approval?.approvals.map((v) => v.by) ?? [])], decidedAt: attempt.finishedAt, upstreamTeam: null,
      };
    }
    const [reported] = (await this.dataSource.query(`SELECT * FROM reported_enforcements WHERE id = $1`, [e.ref])) as Array<Record<string, unknown>>;
    if (reported && reported.seller_id !== sellerId) throw invalid('enforcement.ref', `must be an enforcement of seller ${sellerId}`);
    const type = (reported?.enforcement_type as AppealedEnforcement['type'] | undefined) ?? e.type;
    const reason = (reported?.reason as string | undefined) ?? e.reason;
    if (!type) throw invalid('enforcement.type', 'is required for an enforcement the enforcement system has not reported');
    if (!reason) throw invalid('enforcement.reason', 'is required for an enforcement the enforcement system has not reported');
    return {
      source: 'external', ref: e.ref, type, reason, decidedBy: (reported?.decided_by as string[] | undefined) ?? [],
      decidedAt: reported ? (reported.enforced_at as Date).getTime() : null, upstreamTeam: (reported?.upstream_team as AppealedEnforcement['upstreamTeam']) ?? null,
    };
  }

  /** Claims the enforcement's one active appeal for `caseId`; another active one is a 409 naming it. */
  private async reserve(caseId: string, sellerId: string, e: AppealedEnforcement): Promise<void> {
    try {
      await this.dataSource.query(
        `INSERT INTO appeals (case_id, seller_id, enforcement_source, enforcement_ref, enforcement_type, enforcement_team, original_decision_makers)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (case_id) DO NOTHING`,
        [caseId, sellerId, e.source, e.ref, e.type, e.upstreamTeam, e.decidedBy],
      );
    } catch (err) {
      if ((err as { code?: string }).code !== '23505') throw err;
      const [open] = (await this.dataSource.query(`SELECT case_id FROM appeals WHERE enforcement_ref = $1 AND is_active`, [e.ref])) as Array<{ case_id: string }>;
      throw new DomainError(ErrorCode.Conflict, `enforcement ${e.ref} already has an open appeal${open ? ` (${open.case_id})` : ''}`, {
        conflict: 'open_appeal_exists',
        openAppealId: open?.case_id ?? null,
      });
    }
  }
}

