import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { isSystemActor } from '../../../workflows/common/access';
import { SYSTEM_ACTOR, type Actor } from '../../../workflows/common/actor';
import type { CaseKindDefinition, Transition } from '../../../workflows/common/runtime/case-kind';
import { CaseRuntime } from '../../../workflows/common/runtime/case-runtime';
import { qaReviewOutcomeSignal, type QaOutcome } from '../../../workflows/qa-review/qa-review.contract';
import { qaPlanFor, type DecisionFacts, type QaSettings } from '../../../workflows/qa-review/qa-plan';

export { qaReviewWorkflow } from '../../../workflows/qa-review/qa-review.workflow';

/**
 * A deciding case as a case kind would plug into QA: its maker's decision was sampled for pre-release
 * review (qaPlanFor), so the case starts the review as a child (a `start_workflow` effect), holds the
 * decision, and takes effect with whatever the review releases (`childResults`). Rows borrow the escalation's
 * kind: the test runs on a database of its own.
 */
export interface HeldInput { caseId: string; team: string; facts: DecisionFacts; qa: QaSettings }
export interface Held { caseId: string; team: string; status: 'held' | 'released'; decision: string; outcome: QaOutcome | null; at: number; createdAt: number }
type HeldEvent = { type: 'released'; actor: Actor; outcome: QaOutcome };
export const heldQuery = defineQuery<Held>('getHeld');
export const heldRecordedUpdate = defineUpdate<Held>('awaitHeldRecorded');

function transition(s: Held, e: HeldEvent, now: number): Transition<Held> {
  if (!isSystemActor(e.actor) || s.status !== 'held') return { ok: false, code: 'invalid_transition', reason: 'not held' };
  const next: Held = { ...s, status: 'released', decision: e.outcome.decision.decision, outcome: e.outcome, at: now };
  return { ok: true, state: next, effects: [{ type: 'record', entry: { actor: e.actor, action: 'qa_released', fromState: 'held', toState: 'released', reason: null, details: { decision: next.decision, overturned: e.outcome.overturned }, at: now } }] };
}

const heldKind: CaseKindDefinition<Held, HeldEvent, HeldInput, Held, null> = {
  name: 'held decision',
  validateInput: () => null,
  context: () => null,
  carriedFrom: () => undefined,
  create: (i, now) => {
    const plan = qaPlanFor(i.facts, i.qa);
    if (!plan.review || !plan.hold) throw new Error('the test kind expects a held decision');
    return {
      state: { caseId: i.caseId, team: i.team, status: 'held', decision: i.facts.decision.decision, outcome: null, at: now, createdAt: now },
      effects: [
        { type: 'record', entry: { actor: SYSTEM_ACTOR, action: 'qa_held', fromState: null, toState: 'held', reason: null, details: { stratum: plan.sampling.stratum }, at: now } },
        { type: 'start_workflow', child: plan.review },
      ],
      events: [],
    };
  },
  transition,
  nextWakeAt: () => undefined,
  dueEvents: () => [],
  isFinished: (s) => s.status === 'released',
  caseIdOf: (s) => s.caseId,
  view: (s) => s,
  project: (s, _v, workflowId) => ({
    target: 'case',
    clocks: [],
    row: {
      caseId: s.caseId, kind: 'escalation', workflowId, sellerId: 'seller-held', marketplace: 'DE', severity: 'low', summary: 'held decision', state: s.status,
      open: s.status === 'held', team: s.team, assigneeId: null, breached: false, dueAt: null, createdBy: 'test',
      createdAt: s.createdAt, updatedAt: s.at, resolvedAt: s.status === 'released' ? s.at : null, closedAt: null, snapshot: { ...s }, details: { kind: 'none' },
    },
  }),
};

export async function heldDecisionWorkflow(input: HeldInput): Promise<Held> {
  const rt = new CaseRuntime(heldKind, input);
  rt.query(heldQuery);
  rt.recorded(heldRecordedUpdate);
  rt.childResults(qaReviewOutcomeSignal, (outcome) => ({ type: 'released', actor: SYSTEM_ACTOR, outcome }));
  return rt.run();
}
