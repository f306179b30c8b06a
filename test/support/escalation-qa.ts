import type { Actor } from '../../workflows/common/actor';
import type { SamplingPolicy } from '../../workflows/common/quality/sampling-policy';
import type { EscalationContext } from '../../workflows/escalation/escalation.contract';
import { transition } from '../../workflows/escalation/escalation.machine';
import type { EscalationState } from '../../workflows/escalation/escalation.state';
import { machineContext } from './escalation-context';

const HOUR = 3_600_000;

/** Every decision sampled; a maker in their first six weeks is held before release (pre_release). */
export const HOLD_EVERY_NEW_STARTER: SamplingPolicy = {
  version: 'test-hold', defaultRate: 1, defaultMode: 'post_release', newStarterWeeks: 6, newStarterRate: 1, newStarterMode: 'pre_release', rules: [],
};

/** A machine context that samples every resolution and holds a new starter's. */
export function qaContext(overrides: Partial<EscalationContext> = {}): EscalationContext {
  return machineContext({ qa: { policy: HOLD_EVERY_NEW_STARTER, hold: { remindAfterMs: 4 * HOUR, escalateAfterMs: 8 * HOUR } }, ...overrides });
}

/** A new starter's start date at `now` (inside the six-week window). */
export const newStarterAt = (now: number) => new Date(now - 7 * 24 * HOUR).toISOString().slice(0, 10);

/** `state` (in progress, or escalated for a manager) resolved by a new starter: the resolution is held for QA. */
export function heldForQa(state: EscalationState, maker: Actor, now = state.updatedAt + 60_000, ctx = qaContext()): EscalationState {
  const result = transition(
    state,
    { type: 'resolved', actor: maker, resolutionCode: 'enforcement_upheld', rootCause: 'seller_bad_faith', note: 'Counterfeit confirmed', makerStartedOn: newStarterAt(now) },
    now,
    ctx,
  );
  if (!result.ok) throw new Error(`${result.code}: ${result.reason}`);
  if (result.state.status !== 'qa_hold') throw new Error(`expected a hold, got ${result.state.status}`);
  return result.state;
}
