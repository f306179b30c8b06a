import { Injectable, Logger } from '@nestjs/common';
import { isGrpcServiceError } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { Actor } from '../../workflows/common/actor';
import {
  getHandBackQuery,
  HAND_BACK_WORKFLOW_TYPE,
  handBackWorkflowId,
  OUT_OF_OFFICE_REASON,
  type HandBackInput,
  type HandBackProgress,
} from '../../workflows/hand-back/hand-back.contract';
import { AccessService } from '../auth/access.service';
import { DomainError, ErrorCode } from '../common/error-codes';
import { TemporalClient } from '../common/runtime';
import type { HandBackProgressResponse, HandBackStartedResponse } from './roster-member.response';
import { RosterRepository } from './roster.repository';

const GRPC_NOT_FOUND = 5;
const HAND_BACK_ID = /^hand-back-([A-Za-z0-9._-]+)-(\d{1,16})$/;

/**
 * The out-of-office hand-back, from the API's side: start the durable workflow that releases the
 * member's open cases (answering at once with its id), and show its progress.
 */
@Injectable()
export class HandBackService {
  private readonly logger = new Logger('Roster');

  constructor(
    private readonly temporal: TemporalClient,
    private readonly roster: RosterRepository,
    private readonly access: AccessService,
  ) {}

  async start(markedBy: Actor, userId: string, outOfOfficeUntil: Date): Promise<HandBackStartedResponse> {
    const input: HandBackInput = { userId, markedBy, outOfOfficeUntil: outOfOfficeUntil.getTime(), markedAt: Date.now() };
    const workflowId = handBackWorkflowId(userId, input.outOfOfficeUntil);
    // The same absence marked twice finds the running hand-back; once it has finished, a new one starts.
    await this.temporal.client.workflow.start(HAND_BACK_WORKFLOW_TYPE, {
      taskQueue: this.temporal.taskQueue,
      workflowId,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    });
    this.logger.log({ event: 'hand_back_started', by: markedBy.userId, userId, handBackId: workflowId });
    return { handBackId: workflowId, reason: `${OUT_OF_OFFICE_REASON} (marked by ${markedBy.userId})`, progress: `/hand-backs/${workflowId}` };
  }

  /** Visible to whoever may view the absent member's roster entry. */
  async progress(actor: Actor, handBackId: string): Promise<HandBackProgressResponse> {
    const match = HAND_BACK_ID.exec(handBackId);
    const member = match ? await this.roster.findById(match[1]) : null;
    if (!match || !member) throw new DomainError(ErrorCode.NotFound, `No hand-back ${handBackId}`);
    this.access.require(actor, 'roster.view', { kind: 'roster', team: member.team }, member.userId);
    let progress: HandBackProgress;
    try {
      progress = await this.temporal.client.workflow.getHandle(handBackId).query(getHandBackQuery);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError || (isGrpcServiceError(err) && err.code === GRPC_NOT_FOUND)) {
        throw new DomainError(ErrorCode.NotFound, `No hand-back ${handBackId}`);
      }
      throw err;
    }
    return {
      ...progress,
      released: progress.released.map(({ outcome: _o, ...c }) => c),
      notReleased: progress.notReleased.map(({ outcome: _o, ...c }) => c),
      startedAt: new Date(progress.startedAt).toISOString(),
      finishedAt: progress.finishedAt === null ? null : new Date(progress.finishedAt).toISOString(),
    };
  }
}
