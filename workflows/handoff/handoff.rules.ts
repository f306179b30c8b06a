import { authorize, isSystemActor } from '../common/access';
import { HANDOFF_TEAMS, type CaseKind, type HandoffTeam } from '../common/actor';
import { MAX_CITATION, MAX_TEXT, oneOf } from '../common/input-checks';
import type { RefusalCode } from '../common/runtime/case-kind';
import { HANDOFF_OUTCOMES, type AnswerHandoffRequest, type HandoffAddressee, type HandoffStatus } from './handoff.contract';

/** Pure checks for a handoff answer; the workflow's validator turns a refusal into a rejected update. */
export type AnswerRefusal = { code: RefusalCode; reason: string };

const isHandoffTeam = (team: HandoffAddressee): team is HandoffTeam => oneOf(HANDOFF_TEAMS, team);

export function checkAnswer(
  handoff: { status: HandoffStatus; team: HandoffAddressee; caseKind: CaseKind },
  req: AnswerHandoffRequest,
): AnswerRefusal | null {
  if (handoff.status !== 'open') return { code: 'invalid_transition', reason: `the handoff is already ${handoff.status}` };
  if (!req?.actor || isSystemActor(req.actor)) return { code: 'forbidden', reason: 'a handoff is answered by a person' };
  const decision = isHandoffTeam(handoff.team)
    ? authorize(req.actor, 'answer_handoff', { kind: handoff.caseKind, handoffTeam: handoff.team })
    : authorize(req.actor, 'answer_consultation', { kind: handoff.caseKind });
  if (!decision.allowed) return { code: 'forbidden', reason: decision.reason };
  if (!oneOf(HANDOFF_OUTCOMES, req.outcome)) return { code: 'invalid_input', reason: `outcome must be one of: ${HANDOFF_OUTCOMES.join(', ')}` };
  if (typeof req.notes !== 'string' || !req.notes.trim() || req.notes.length > MAX_TEXT) {
    return { code: 'invalid_input', reason: `notes must be non-empty text of at most ${MAX_TEXT} characters` };
  }
  if (req.citation !== undefined && (typeof req.citation !== 'string' || req.citation.length > MAX_CITATION)) {
    return { code: 'invalid_input', reason: `citation must be text of at most ${MAX_CITATION} characters` };
  }
  return null;
}
