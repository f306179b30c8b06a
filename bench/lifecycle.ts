import { CURRENT_TAXONOMY_VERSION } from '../workflows/escalation/escalation.taxonomy';
import { WithStartWorkflowOperation, type Client, type WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { RosterMemberEntity } from '../db/entities/roster-member.entity';
import type { Actor } from '../workflows/common/actor';
import { buildEscalationSettings } from '../api/escalations/escalation-settings';
import { caseCalendars } from '../api/teams/team-calendar';
import { routeCase } from '../api/teams/team-rules';
import { loadConfig } from '../config/env';
import { seedTeams } from '../api/teams/team-seed';
import { SEED_TEAMS } from '../db/seed/teams';
import {
  ESCALATION_WORKFLOW_TYPE,
  awaitRecordedUpdate,
  claimUpdate,
  escalationStartOptions,
  escalationWorkflowId,
  getEscalationQuery,
  handOffUpdate,
  resolveUpdate,
  type EscalationInput,
  type EscalationSettings,
  type EscalationView,
  type HandOffRequest,
  type ResolveRequest,
} from '../workflows/escalation/escalation.contract';
import { answerHandoffUpdate, handoffWorkflowId, type AnswerHandoffRequest } from '../workflows/handoff/handoff.contract';
import {
  BASELINE_WORKFLOW_TYPE,
  baselineActionUpdates,
  baselineRecordedUpdate,
  type BaselineInput,
  type BaselineStep,
} from './baseline.workflow';

/**
 * One escalation's lifecycle, in the steps a person takes through the API (create, claim, hand off to
 * Legal, Legal answers, resolve), sent through the Temporal client with the contract the API uses; and
 * the same steps against the baseline workflow, with the same requests.
 */

export const STEPS = ['create', 'claim', 'handOff', 'answer', 'resolve'] as const;
export type Step = (typeof STEPS)[number];
/** What is timed: each step, plus the time from sending Legal's answer until the case is worked again. */
export type Metric = Step | 'answerToResumed';
export type Recorder = (metric: Metric, ms: number) => void;

/** Updates per lifecycle, the same for both: awaitRecorded (or its stand-in), claim, handOff, answer, resolve. */
export const UPDATES_PER_CASE = 5;

export interface Scenario<C> {
  name: string;
  newCase(index: number): C;
  run(step: Step, c: C, record: Recorder): Promise<void>;
}

// ----- the bench roster ------------------------------------------------------------------------------

export const MARKETPLACE = 'DE';
export const TEAM = routeCase(SEED_TEAMS, MARKETPLACE, 'counterfeit')!.team;
export const SPECIALISTS: Actor[] = [1, 2, 3].map((n) => ({ userId: `bench-spec-${n}`, role: 'specialist', team: TEAM }));
export const MANAGER: Actor = { userId: 'bench-manager', role: 'manager', team: TEAM };
export const LEGAL: Actor[] = [1, 2].map((n) => ({ userId: `bench-legal-${n}`, role: 'legal', team: 'legal' }));

/**
 * Specialists with capacity 0, so routing queues every case and a specialist must claim it: the path
 * with the most steps. The manager receives the queue notifications, as in production.
 */
export async function seedBenchRoster(ds: DataSource): Promise<void> {
  // The teams `npm start` seeds: the API routes a new case by them.
  await seedTeams(ds);
  const skills = { kinds: ['escalation'], marketplaces: [MARKETPLACE], languages: ['en', 'de'] };
  const none = { kinds: [], marketplaces: [], languages: [] };
  await ds.getRepository(RosterMemberEntity).insert(
    [...SPECIALISTS, MANAGER, ...LEGAL].map((a) => ({
      userId: a.userId,
      displayName: a.userId,
      email: `${a.userId}@bench.riskdesk.example`,
      role: a.role,
      team: a.team,
      skills: a.role === 'specialist' ? skills : none,
      capacity: 0,
      active: true,
      teamLead: a.userId === LEGAL[0].userId,
    })),
  );
}

// ----- requests (the same objects go to Riskdesk and to the baseline) --------------------------------

/** The settings the API gives a new case under the default configuration and the seeded teams. */
function settingsFor(severity: EscalationInput['severity'], team: string): EscalationSettings {
  return buildEscalationSettings(loadConfig({}), severity, caseCalendars(SEED_TEAMS, team, Date.now()));
}

export function escalationInput(caseId: string, index: number): EscalationInput {
  return {
    caseId,
    sellerId: `bench-seller-${index}`,
    marketplace: MARKETPLACE,
    severity: 'high',
    category: 'counterfeit',
    taxonomyVersion: CURRENT_TAXONOMY_VERSION,
    source: 'seller_support',
    trigger: 'buyer_complaint',
    enforcementType: 'listing_removal',
    summary: `Counterfeit reports on ${10 + (index % 90)} orders`,
    team: TEAM,
    createdBy: MANAGER,
    requestedAt: Date.now(),
    settings: settingsFor('high', TEAM),
  };
}

export const claimRequest = (specialist: Actor) => ({ actor: specialist });
export const handOffRequest = (specialist: Actor): HandOffRequest => ({
  actor: specialist,
  team: 'legal',
  question: 'May we suspend the listings while the rights holder confirms the complaint?',
  blocking: true,
});
export const answerRequest = (legal: Actor): AnswerHandoffRequest => ({
  actor: legal,
  outcome: 'advise',
  notes: 'Suspend the listings, not the account, until the rights holder confirms.',
  citation: 'Policy 4.2',
});
export const resolveRequest = (specialist: Actor): ResolveRequest => ({
  actor: specialist,
  resolutionCode: 'enforcement_modified',
  rootCause: 'policy_ambiguity',
  note: 'Listings suspended on Legal advice.',
});

// ----- Riskdesk ----------------------------------------------------------------------------------------

export interface RiskdeskCase {
  index: number;
  caseId: string;
  workflowId: string;
  specialist: Actor;
  legal: Actor;
  handoffId?: string;
  /** JSON size of each step's reply, so the baseline can answer with as many bytes. */
  replyBytes: Partial<Record<BaselineStep, number>>;
}

export function riskdeskScenario(client: Client, taskQueue: string, opts: { pollMs: number; resumeTimeoutMs: number }): Scenario<RiskdeskCase> {
  const handle = (c: RiskdeskCase) => client.workflow.getHandle(c.workflowId);
  const expect = (c: RiskdeskCase, step: Step, view: EscalationView, state: EscalationView['state']) => {
    if (view.state !== state) throw new Error(`case ${c.caseId}: after ${step} the case is ${view.state}, expected ${state}`);
    c.replyBytes[step === 'create' ? 'recorded' : (step as BaselineStep)] = JSON.stringify(view).length;
  };

  return {
    name: 'riskdesk',
    newCase(index) {
      const caseId = randomUUID();
      return {
        index,
        caseId,
        workflowId: escalationWorkflowId(caseId),
        specialist: SPECIALISTS[index % SPECIALISTS.length],
        legal: LEGAL[index % LEGAL.length],
        replyBytes: {},
      };
    },
    async run(step, c, record) {
      const t0 = performance.now();
      switch (step) {
        case 'create': {
          const input = escalationInput(c.caseId, c.index);
          // As the API creates: update-with-start, one request to Temporal.
          const view = await client.workflow.executeUpdateWithStart(awaitRecordedUpdate, {
            updateId: `recorded-${c.caseId}`,
            startWorkflowOperation: new WithStartWorkflowOperation(ESCALATION_WORKFLOW_TYPE, escalationStartOptions(input, taskQueue)),
          });
          record('create', performance.now() - t0);
          return expect(c, step, view, 'queued');
        }
        case 'claim': {
          const view = await handle(c).executeUpdate(claimUpdate, { args: [claimRequest(c.specialist)] });
          record('claim', performance.now() - t0);
          return expect(c, step, view, 'in_progress');
        }
        case 'handOff': {
          const view = await handle(c).executeUpdate(handOffUpdate, { args: [handOffRequest(c.specialist)] });
          record('handOff', performance.now() - t0);
          c.handoffId = view.case.handoffs.find((h) => h.status === 'open')?.id;
          if (!c.handoffId) throw new Error(`case ${c.caseId}: no open handoff after handOff`);
          return expect(c, step, view, 'waiting_on_handoff');
        }
        case 'answer': {
          const child = client.workflow.getHandle(handoffWorkflowId(c.handoffId!));
          const answered = await child.executeUpdate(answerHandoffUpdate, { args: [answerRequest(c.legal)] });
          record('answer', performance.now() - t0);
          c.replyBytes.answer = JSON.stringify(answered).length;
          // The handoff signals the case and then completes: wait for that without load, then poll the case.
          await child.result();
          await waitForState(handle(c), 'in_progress', opts.pollMs, opts.resumeTimeoutMs, c.caseId);
          record('answerToResumed', performance.now() - t0);
          return;
        }
        case 'resolve': {
          const view = await handle(c).executeUpdate(resolveUpdate, { args: [resolveRequest(c.specialist)] });
          record('resolve', performance.now() - t0);
          return expect(c, step, view, 'resolved');
        }
      }
    },
  };
}

async function waitForState(h: WorkflowHandle, state: EscalationView['state'], pollMs: number, timeoutMs: number, caseId: string) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const view = await h.query(getEscalationQuery);
    if (view.state === state) return;
    if (performance.now() > deadline) throw new Error(`case ${caseId} is still ${view.state} ${timeoutMs} ms after Legal answered`);
    await sleep(pollMs);
  }
}

// ----- baseline ----------------------------------------------------------------------------------------

export interface BaselineCase {
  index: number;
  workflowId: string;
  specialist: Actor;
  legal: Actor;
}

export function baselineScenario(client: Client, taskQueue: string, input: BaselineInput): Scenario<BaselineCase> {
  return {
    name: 'baseline',
    newCase: (index) => ({
      index,
      workflowId: `bench-baseline-${randomUUID()}`,
      specialist: SPECIALISTS[index % SPECIALISTS.length],
      legal: LEGAL[index % LEGAL.length],
    }),
    async run(step, c, record) {
      const t0 = performance.now();
      const h = client.workflow.getHandle(c.workflowId);
      switch (step) {
        case 'create': {
          // The same single request as Riskdesk's create, so the ratio compares the workflows, not the calls.
          await client.workflow.executeUpdateWithStart(baselineRecordedUpdate, {
            updateId: `recorded-${c.workflowId}`,
            startWorkflowOperation: new WithStartWorkflowOperation(BASELINE_WORKFLOW_TYPE, {
              taskQueue,
              workflowId: c.workflowId,
              args: [input],
              workflowIdConflictPolicy: 'USE_EXISTING',
              workflowIdReusePolicy: 'REJECT_DUPLICATE',
            }),
          });
          return record('create', performance.now() - t0);
        }
        case 'claim':
          await h.executeUpdate(baselineActionUpdates.claim, { args: [claimRequest(c.specialist)] });
          return record('claim', performance.now() - t0);
        case 'handOff':
          await h.executeUpdate(baselineActionUpdates.handOff, { args: [handOffRequest(c.specialist)] });
          return record('handOff', performance.now() - t0);
        case 'answer': {
          await h.executeUpdate(baselineActionUpdates.answer, { args: [answerRequest(c.legal)] });
          // Nothing to resume: the baseline is working again as soon as the update answers.
          const ms = performance.now() - t0;
          record('answer', ms);
          return record('answerToResumed', ms);
        }
        case 'resolve':
          await h.executeUpdate(baselineActionUpdates.resolve, { args: [resolveRequest(c.specialist)] });
          return record('resolve', performance.now() - t0);
      }
    },
  };
}
