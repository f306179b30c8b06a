import { Injectable, Logger } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { v5 as uuidv5 } from 'uuid';
import type { SellerEntity } from '../../db/entities/seller.entity';
import { SYSTEM_ACTOR, type Actor } from '../../workflows/common/actor';
import { playbookFor } from '../../workflows/strategic-review/playbooks';
import {
  REVIEW_WORKFLOW_TYPE,
  awaitReviewRecordedUpdate,
  reviewStartOptions,
  reviewWorkflowId,
  type ReviewInput,
  type ReviewView,
} from '../../workflows/strategic-review/review.contract';
import type { ReviewTrigger } from '../../workflows/strategic-review/review.vocabulary';
import { AccessService } from '../auth/access.service';
import { DomainError, ErrorCode } from '../common/error-codes';
import { ApiSettings, TemporalClient } from '../common/runtime';
import { SellersRepository } from '../sellers/sellers.repository';
import { TeamDirectory } from '../teams/team-directory.service';
import { buildReviewSettings } from './review-settings';

/** Namespace for review case ids derived from a request key or a trigger (uuid v5): the same request, the same review. */
const REVIEW_NAMESPACE = '3c1c9a8e-7d0b-4f0e-8f4e-2b9d6a5c4e71';
/** A reservation whose workflow never started (the API died in between) is taken over after this long. */
const STALE_RESERVATION_MS = 60_000;

export interface OpenReviewRequest {
  seller: SellerEntity;
  summary: string;
  /** The person opening it, or SYSTEM_ACTOR for an automatic opening (no permission check then). */
  by: Actor;
  trigger: { kind: ReviewTrigger; ref: string | null };
  idempotencyKey?: string;
}

/**
 * Opens strategic reviews, by hand or automatically, keeping one open review per seller: the API
 * reserves the seller's row in `strategic_reviews` (a partial unique index refuses a second open one)
 * before it starts the workflow, and the workflow's projection releases it when the review closes.
 */
@Injectable()
export class ReviewOpener {
  private readonly logger = new Logger('ReviewOpener');

  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: TemporalClient,
    private readonly settings: ApiSettings,
    private readonly access: AccessService,
    private readonly teams: TeamDirectory,
    private readonly sellers: SellersRepository,
  ) {}

  async open(req: OpenReviewRequest): Promise<ReviewView> {
    const { seller } = req;
    const { tier, playbook } = playbookFor({ strategic: seller.strategic, annualSales: seller.annualSales });
    const { team, calendars } = await this.teams.forNewCase({ marketplace: seller.marketplace, category: 'strategic_review' }, Date.now());
    if (req.by !== SYSTEM_ACTOR) this.access.require(req.by, 'create', { kind: 'strategic_review', team });
    const caseId = req.idempotencyKey
      ? uuidv5(`review:${req.by.userId}:${req.idempotencyKey}`, REVIEW_NAMESPACE)
      : req.trigger.ref
        ? uuidv5(`review:${req.trigger.kind}:${req.trigger.ref}`, REVIEW_NAMESPACE)
        : randomUUID();
    await this.reserve(caseId, seller.id, tier.id, playbook.id, playbook.version);

    const input: ReviewInput = {
      caseId,
      seller: {
        sellerId: seller.id,
        marketplace: seller.marketplace,
        legalName: seller.legalName,
        annualSales: seller.annualSales,
        strategic: seller.strategic,
        accountManagerId: seller.accountManagerId,
        enforcementHistory: seller.enforcementHistory,
        linkedAccounts: seller.linkedAccounts,
      },
      summary: req.summary,
      team,
      createdBy: req.by,
      trigger: req.trigger,
      tier: { id: tier.id, title: tier.title },
      playbook: { id: playbook.id, version: playbook.version },
      requestedAt: Date.now(),
      settings: buildReviewSettings(this.settings.config, playbook.slaSeverity, calendars),
    };
    let handle;
    try {
      handle = await this.temporal.client.workflow.start(REVIEW_WORKFLOW_TYPE, reviewStartOptions(input, this.temporal.taskQueue, playbook.slaSeverity));
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) {
        handle = this.temporal.client.workflow.getHandle(reviewWorkflowId(caseId));
        return handle.query<ReviewView>('getReview').catch(() => {
          throw new DomainError(ErrorCode.Conflict, `review ${caseId} was already opened and has finished`, { conflict: 'review_finished', caseId });
        });
      }
      await this.dataSource.query(`DELETE FROM strategic_reviews WHERE case_id = $1 AND projection_seq = 0`, [caseId]);
      throw err;
    }
    return handle.executeUpdate(awaitReviewRecordedUpdate, { updateId: `recorded-${caseId}` });
  }

  /** The seller, if the directory knows them as strategic. */
  async strategicSeller(sellerId: string): Promise<SellerEntity | null> {
    const seller = await this.sellers.findById(sellerId);
    return seller?.strategic ? seller : null;
  }

  /** Opens a review automatically; a seller who already has one open keeps it (null). Failures are logged, not thrown. */
  async openAutomatically(sellerId: string, summary: string, trigger: { kind: ReviewTrigger; ref: string }): Promise<ReviewView | null> {
    const seller = await this.sellers.findById(sellerId);
    if (!seller) return null;
    try {
      return await this.open({ seller, summary, by: SYSTEM_ACTOR, trigger });
    } catch (err) {
      if (err instanceof DomainError && err.code === ErrorCode.Conflict) return null;
      this.logger.error({ event: 'review_auto_open_failed', sellerId, trigger, error: err instanceof Error ? err.message : String(err) });
      return null;
    }
  }

  /**
   * Claims the seller's one open review for `caseId`. Another open review: 409 naming it. A stale
   * reservation (its workflow never started) is released and the claim retried once.
   */
  private async reserve(caseId: string, sellerId: string, tier: string, playbookId: string, version: number, retried = false): Promise<void> {
    try {
      await this.dataSource.query(
        `INSERT INTO strategic_reviews (case_id, seller_id, tier, playbook_id, playbook_version, is_open) VALUES ($1, $2, $3, $4, $5, true)
         ON CONFLICT (case_id) DO NOTHING`,
        [caseId, sellerId, tier, playbookId, version],
      );
    } catch (err) {
      if ((err as { code?: string }).code !== '23505') throw err;
      const [open] = (await this.dataSource.query(
        `SELECT r.case_id, r.reserved_at, c.id IS NOT NULL AS projected FROM strategic_reviews r LEFT JOIN cases c ON c.id = r.case_id
          WHERE r.seller_id = $1 AND r.is_open`,
        [sellerId],
      )) as Array<{ case_id: string; reserved_at: Date; projected: boolean }>;
      if (open && !retried && !open.projected && Date.now() - open.reserved_at.getTime() > STALE_RESERVATION_MS && !(await this.running(open.case_id))) {
        await this.dataSource.query(`UPDATE strategic_reviews SET is_open = false WHERE case_id = $1 AND projection_seq = 0`, [open.case_id]);
        return this.reserve(caseId, sellerId, tier, playbookId, version, true);
      }
      throw new DomainError(ErrorCode.Conflict, `seller ${sellerId} already has an open strategic review${open ? ` (${open.case_id})` : ''}`, {
        conflict: 'open_review_exists',
        openReviewId: open?.case_id ?? null,
      });
    }
  }

  private async running(caseId: string): Promise<boolean> {
    try {
      await this.temporal.client.workflow.getHandle(reviewWorkflowId(caseId)).describe();
      return true;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return false;
      throw err;
    }
  }
}
