import { authorize, isSystemActor } from '../common/access';
import type { CaseKind, HandoffTeam } from '../common/actor';
import { HANDOFF_OUTCOMES, type AnswerHandoffRequest, type HandoffAddressee } from './handoff.contract';

/** Pure checks for a handoff answer; the workflow's validator turns a refusal into a rejected update. */
export type AnswerRefusal = { code: 'invalid_transition' | 'forbidden' | 'validation_failed'; reason: string };

export const MAX_NOTES = 4000;
export const MAX_CITATION = 500;

export function checkAnswer(
  handoff: { status: 'open' | 'answered' | 'cancelled'; team: HandoffAddressee; caseKind: CaseKind },
  req: AnswerHandoffRequest,
): AnswerRefusal | null {
  if (handoff.status !== 'open') return { code: 'invalid_transition', reason: `the handoff is already ${handoff.status}` };
  if (!req?.actor || isSystemActor(req.actor)) return { code: 'forbidden', reason: 'a handoff is answered by a person' };
  const decision =
    handoff.team === 'account_management'
      ? authorize(req.actor, 'answer_consultation', { kind: handoff.caseKind })
      : authorize(req.actor, 'answer_handoff', { kind: handoff.caseKind, handoffTeam: handoff.team as HandoffTeam });
  if (!decision.allowed) return { code: 'forbidden', reason: decision.reason };
  if (!(HANDOFF_OUTCOMES as readonly string[]).includes(req.outcome)) {
    return { code: 'validation_failed', reason: `outcome must be one of: ${HANDOFF_OUTCOMES.join(', ')}` };
  }
  if (typeof req.notes !== 'string' || !req.notes.trim() || req.notes.length > MAX_NOTES) {
    return { code: 'validation_failed', reason: `notes must be non-empty text of at most ${MAX_NOTES} characters` };
  }
  if (req.citation !== undefined && (typeof req.citation !== 'string' || req.citation.length > MAX_CITATION)) {
    return { code: 'validation_failed', reason: `citation must be text of at most ${MAX_CITATION} characters` };
  }
  return null;
}
