import { Injectable } from '@nestjs/common';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type { Actor } from '../../workflows/common/actor';
import {
  ESCALATION_WORKFLOW_TYPE,
  awaitRecordedUpdate,
  escalationStartOptions,
  type EscalationInput,
} from '../../workflows/escalation/escalation.contract';
import { CURRENT_TAXONOMY, CURRENT_TAXONOMY_VERSION } from '../../workflows/escalation/escalation.taxonomy';
import { AccessService } from '../auth/access.service';
import { ApiSettings, TemporalClient } from '../common/runtime';
import { TeamDirectory } from '../teams/team-directory.service';
import type { CreateEscalationDto } from './dto/create-escalation.dto';
import { buildEscalationSettings } from './escalation-settings';
import { fromView } from './escalation.mapper';
import type { EscalationResponse } from './escalation.response';
import { EscalationQueriesService } from './escalation-queries.service';

/** Namespace for case ids derived from Idempotency-Keys (uuid v5): same caller + key, same case id. */
const IDEMPOTENCY_NAMESPACE = '7f1f4a52-2b0e-4d8e-9a0e-6c1b8f1d2a11';

@Injectable()
export class EscalationsService {
  constructor(
    private readonly temporal: TemporalClient,
    private readonly settings: ApiSettings,
    private readonly access: AccessService,
    private readonly queries: EscalationQueriesService,
    private readonly teams: TeamDirectory,
  ) {}

  /**
   * Starts the case workflow and waits until the workflow has written the case to the read model, in
   * one request to Temporal (update-with-start).
   * With an idempotency key the case id is derived from it, and Temporal's id-conflict policy turns a
   * replayed request into a read of the case that request created.
   */
  async create(dto: CreateEscalationDto, actor: Actor, idempotencyKey?: string): Promise<EscalationResponse> {
    const { team, calendars } = await this.teams.forNewCase(dto, Date.now());
    this.access.require(actor, 'create', { kind: 'escalation', team });
    const caseId = idempotencyKey ? uuidv5(`${actor.userId}:${idempotencyKey}`, IDEMPOTENCY_NAMESPACE) : randomUUID();
    // No severity given: the taxonomy's guidance for the category (a specialist re-triages if the case says otherwise).
    const severity = dto.severity ?? CURRENT_TAXONOMY.severityGuidance[dto.category]?.severity ?? 'medium';
    const input: EscalationInput = {
      caseId,
      ...dto,
      severity,
      taxonomyVersion: CURRENT_TAXONOMY_VERSION,
      team,
      createdBy: actor,
      requestedAt: Date.now(),
      settings: buildEscalationSettings(this.settings.config, severity, calendars),
    };
    // One round trip (update-with-start): the workflow gets its start and the update in its first task.
    // A replayed key finds its running case (USE_EXISTING) and the update id answers once.
    const startWorkflowOperation = new WithStartWorkflowOperation(ESCALATION_WORKFLOW_TYPE, escalationStartOptions(input, this.temporal.taskQueue));
    try {
      const view = await this.temporal.client.workflow.executeUpdateWithStart(awaitRecordedUpdate, { updateId: `recorded-${caseId}`, startWorkflowOperation });
      return fromView(view);
    } catch (err) {
      // The key's case exists and its workflow has ended: a replayed request reads it back.
      if (idempotencyKey && err instanceof WorkflowExecutionAlreadyStartedError) return this.queries.summary(caseId);
      throw err;
    }
  }
}
