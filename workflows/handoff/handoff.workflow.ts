import { SYSTEM_ACTOR } from '../common/actor';
import type { CaseKindDefinition } from '../common/runtime/case-kind';
import { CaseRuntime } from '../common/runtime/case-runtime';
import { answerHandoffUpdate, getHandoffQuery, HANDOFF_PATCHES, type HandoffContext, type HandoffInput, type HandoffView } from './handoff.contract';
import { createHandoff, dueEvents, handoffProjection, handoffView, nextWakeAt, transition, type HandoffEvent, type HandoffState } from './handoff.machine';

/** The handoff as the case runtime runs it (see common/runtime). */
export const handoffKind: CaseKindDefinition<HandoffState, HandoffEvent, HandoffInput, HandoffView, HandoffContext> = {
  name: 'handoff',
  validateInput: (input) => (input?.handoffId && input.parentWorkflowId && input.sla ? null : 'handoffId, parentWorkflowId and sla are required'),
  context: (input, patched) => ({ sla: input.sla, features: { requestedNotice: patched(HANDOFF_PATCHES.requestedNotice) } }),
  create: (input, _now, ctx) => ({ ...createHandoff(input, ctx), events: [] }),
  transition,
  nextWakeAt,
  dueEvents,
  isFinished: (state) => state.status !== 'open',
  caseIdOf: (state) => state.request.caseId,
  view: handoffView,
  project: (state, _view, workflowId) => handoffProjection(state, workflowId),
  carriedFrom: () => undefined,
  onCancelled: () => ({ type: 'cancelled', actor: SYSTEM_ACTOR }),
};

/**
 * One question to one team, with that team's SLA: a reminder to the team at the reminder point, and
 * escalation to the team's lead (a notification and a task) at the deadline. The answer is validated
 * against the permission table, recorded, and signalled to the case that asked.
 */
export async function handoffWorkflow(input: HandoffInput): Promise<HandoffView> {
  const rt = new CaseRuntime(handoffKind, input);
  rt.query(getHandoffQuery);
  rt.action(answerHandoffUpdate, (req) => ({ type: 'answered', ...req }));
  return rt.run();
}
