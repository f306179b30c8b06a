import { SYSTEM_ACTOR } from '../common/actor';
import { routedEvent } from '../common/runtime/assignment-handlers';
import type { CaseKindDefinition } from '../common/runtime/case-kind';
import { CaseRuntime } from '../common/runtime/case-runtime';
import { handoffAnsweredSignal } from '../handoff/handoff.contract';
import { qaReviewOutcomeSignal } from '../qa-review/qa-review.contract';
import {
  acknowledgeUpdate,
  awaitRecordedUpdate,
  claimUpdate,
  escalateUpdate,
  extendSlaUpdate,
  getEscalationQuery,
  handOffUpdate,
  assignUpdate,
  reassignUpdate,
  recordSellerResponseUpdate,
  renewLeaseUpdate,
  retriageUpdate,
  releaseUpdate,
  reopenUpdate,
  requestInfoUpdate,
  resolveUpdate,
  ESCALATION_PATCHES,
  type EscalationContext,
  type EscalationInput,
  type EscalationView,
} from './escalation.contract';
import { dueEvents, nextWakeAt, transition, validateNewEscalation } from './escalation.machine';
import { newEscalationState, type EscalationEvent, type EscalationState } from './escalation.state';
import { escalationProjection, escalationSearchAttributes, escalationView } from './escalation.view';
import { ESCALATION_FINISHED_STATUSES } from './escalation.vocabulary';

/** The escalation as the case runtime runs it: its machine, view and projection (see common/runtime). */
export const escalationKind: CaseKindDefinition<EscalationState, EscalationEvent, EscalationInput, EscalationView, EscalationContext> = {
  name: 'escalation',
  validateInput: (input) => validateNewEscalation(input) ?? (input.settings ? null : 'settings are missing'),
  context: (input, patched) => ({ ...input.settings, features: { leaseRenewal: patched(ESCALATION_PATCHES.leaseRenewal), qaHold: patched(ESCALATION_PATCHES.qaHold) } }),
  create: (input, now) => ({
    state: newEscalationState(input, now),
    effects: [{ type: 'record', entry: { actor: input.createdBy, action: 'created', fromState: null, toState: 'new', reason: null, details: {}, at: now } }],
    events: [{ type: 'triage_started', actor: SYSTEM_ACTOR, team: input.team }],
  }),
  transition,
  nextWakeAt,
  dueEvents,
  isFinished: (state) => state.status === ESCALATION_FINISHED_STATUSES[1],
  caseIdOf: (state) => state.caseId,
  view: escalationView,
  project: escalationProjection,
  searchAttributes: escalationSearchAttributes,
  carriedFrom: (input) => input.carried,
  continueWith: (input, carried) => ({ ...input, carried }),
  continueAsNewAfterEvents: (settings) => settings.continueAsNewAfterEvents,
  onRouted: routedEvent,
  onHandoffAnswered: (a) => ({
    type: 'handoff_answered',
    actor: a.answeredBy,
    handoffId: a.handoffId,
    outcome: a.outcome,
    answer: a.citation ? `${a.notes} (citation: ${a.citation})` : a.notes,
  }),
};

/**
 * An escalation: the escalation machine (escalation.machine.ts) on the case runtime. Every update is
 * one machine event, validated by the machine (which re-checks permissions) and answered once the
 * change is in the read model.
 */
export async function escalationWorkflow(input: EscalationInput): Promise<EscalationView> {
  const rt = new CaseRuntime(escalationKind, input);
  rt.query(getEscalationQuery);
  rt.recorded(awaitRecordedUpdate);
  rt.handoffAnswers(handoffAnsweredSignal);
  rt.childResults(qaReviewOutcomeSignal, (outcome) => ({ type: 'qa_released', actor: SYSTEM_ACTOR, outcome }));
  rt.action(acknowledgeUpdate, ({ actor }) => ({ type: 'acknowledged', actor }));
  rt.action(claimUpdate, ({ actor }) => ({ type: 'claimed', actor }));
  rt.action(releaseUpdate, ({ actor, reason, holder }) => ({ type: 'released', actor, reason, holder }));
  rt.action(requestInfoUpdate, ({ actor, question, deadline }) => ({ type: 'info_requested', actor, question, deadline }));
  rt.action(recordSellerResponseUpdate, ({ actor, summary }) => ({ type: 'seller_responded', actor, summary }));
  rt.action(handOffUpdate, ({ actor, team, question, blocking }) => ({ type: 'handed_off', actor, team, question, blocking }));
  rt.action(resolveUpdate, ({ actor, resolutionCode, rootCause, upstreamTeam, note, makerStartedOn }) => ({ type: 'resolved', actor, resolutionCode, rootCause, upstreamTeam, note, makerStartedOn }));
  rt.action(reopenUpdate, ({ actor, reason }) => ({ type: 'reopened', actor, reason }));
  rt.action(escalateUpdate, ({ actor, reason }) => ({ type: 'escalated', actor, reason }));
  rt.action(reassignUpdate, ({ actor, assigneeId, team, reason }) => ({ type: 'reassigned', actor, assigneeId, team, reason }));
  rt.action(extendSlaUpdate, ({ actor, clock, byMs, reason }) => ({ type: 'sla_extended', actor, clock, byMs, reason }));
  rt.action(retriageUpdate, ({ actor, severity, category, reason }) => ({ type: 'retriaged', actor, severity, category, reason }));
  rt.action(assignUpdate, ({ actor, assigneeId, reason }) => ({ type: 'assigned', actor, assigneeId, reason }));
  rt.action(renewLeaseUpdate, ({ actor }) => ({ type: 'lease_renewed', actor }));
  return rt.run();
}
