import { SYSTEM_ACTOR } from '../common/actor';
import { routedEvent } from '../common/runtime/assignment-handlers';
import type { CaseKindDefinition } from '../common/runtime/case-kind';
import { CaseRuntime } from '../common/runtime/case-runtime';
import { enforcementResultSignal } from '../enforcement/enforcement.contract';
import { qaReviewOutcomeSignal } from '../qa-review/qa-review.contract';
import * as c from './appeal.contract';
import { dueEvents, isAppealFinished, newAppealState, nextWakeAt, transition, validateAppealInput } from './appeal.machine';
import type { AppealEvent, AppealState } from './appeal.state';
import { appealProjection, appealSearchAttributes, appealView } from './appeal.view';

/** The reinstatement appeal as the case runtime runs it: its machine, view and projection (see common/runtime). */
export const appealKind: CaseKindDefinition<AppealState, AppealEvent, c.AppealInput, c.AppealView, c.AppealContext> = {
  name: 'appeal',
  validateInput: validateAppealInput,
  context: (input, patched) => ({ ...input.settings, features: { qaHold: patched(c.APPEAL_PATCHES.qaHold) } }),
  create: (input, now) => ({
    state: newAppealState(input, now),
    effects: [{ type: 'record', entry: { actor: input.createdBy, action: 'created', fromState: null, toState: 'new', reason: null,
      details: { enforcementSource: input.enforcement.source, enforcementRef: input.enforcement.ref, enforcementType: input.enforcement.type }, at: now } }],
    events: [{ type: 'triage_started', actor: SYSTEM_ACTOR }],
  }),
  transition,
  nextWakeAt,
  dueEvents,
  isFinished: isAppealFinished,
  caseIdOf: (s) => s.caseId,
  view: appealView,
  project: appealProjection,
  searchAttributes: appealSearchAttributes,
  carriedFrom: (input) => input.carried,
  continueWith: (input, carried) => ({ ...input, carried }),
  continueAsNewAfterEvents: (settings) => settings.continueAsNewAfterEvents,
  onRouted: routedEvent,
  pendingApprovals: (s) => (s.decision?.approval?.status === 'pending' ? [s.decision.approval] : []),
  onApprovalDue: (approvalId, due) => ({ type: due === 'remind' ? 'approval_reminder_due' : 'approval_escalation_due', actor: SYSTEM_ACTOR, approvalId }),
};

/**
 * A reinstatement appeal: the appeal machine (appeal.machine.ts) on the case runtime. Every update is
 * one machine event, validated by the machine (permission table, original decision maker, approval
 * policy) and answered once the change is in the read model. A restumble arrives by signal.
 */
export async function appealWorkflow(input: c.AppealInput): Promise<c.AppealView> {
  const rt = new CaseRuntime(appealKind, input);
  rt.query(c.getAppealQuery);
  rt.recorded(c.awaitAppealRecordedUpdate);
  // Registered first: the enforcement saga reports on the default result signal, as in recorded histories.
  rt.childResults(enforcementResultSignal, (result) => ({ type: 'reinstatement_completed', actor: SYSTEM_ACTOR, result }));
  rt.childResults(qaReviewOutcomeSignal, (outcome) => ({ type: 'qa_released', actor: SYSTEM_ACTOR, outcome }));
  rt.signal(c.restumbleSignal, ({ actor, enforcementRef, source, enforcementType, reason, at }) => ({ type: 'restumble_reported', actor, enforcementRef, source, enforcementType, reason, at }));
  rt.action(c.acknowledgeAppealUpdate, ({ actor }) => ({ type: 'acknowledged', actor }));
  rt.action(c.claimAppealUpdate, ({ actor }) => ({ type: 'claimed', actor }));
  rt.action(c.releaseAppealUpdate, ({ actor, reason }) => ({ type: 'released', actor, reason }));
  rt.action(c.reassignAppealUpdate, ({ actor, assigneeId, reason }) => ({ type: 'reassigned', actor, assigneeId, reason }));
  rt.action(c.addAppealNoteUpdate, ({ actor, text }) => ({ type: 'note_added', actor, text }));
  rt.action(c.requestAppealInfoUpdate, ({ actor, question, deadlineDays }) => ({ type: 'info_requested', actor, question, deadlineDays }));
  rt.action(c.sellerRespondUpdate, ({ actor, answer, evidence }) => ({ type: 'seller_responded', actor, answer, evidence }));
  rt.action(c.decideAppealUpdate, ({ actor, ...decision }) => ({ type: 'decision_made', actor, ...decision }));
  rt.action(c.approveReinstatementUpdate, ({ actor, note }) => ({ type: 'decision_approved', actor, note }));
  rt.action(c.rejectReinstatementUpdate, ({ actor, reasons }) => ({ type: 'decision_rejected', actor, reasons }));
  rt.action(c.withdrawAppealDecisionUpdate, ({ actor, reason }) => ({ type: 'decision_withdrawn', actor, reason }));
  rt.action(c.retryReinstatementUpdate, ({ actor }) => ({ type: 'reinstatement_retried', actor }));
  return rt.run();
}
