import type { Actor } from '../../workflows/common/actor';
import { SYSTEM_ACTOR } from '../../workflows/common/actor';
import { transition } from '../../workflows/escalation/escalation.machine';
import { newEscalationState as createEscalation, type EscalationEvent, type EscalationState } from '../../workflows/escalation/escalation.state';
import { machineContext } from '../support/escalation-context';
import { CASE_ACTION_NAMES, escalationAllowedActions, escalationContextFor } from '../../api/escalations/allowed-actions';

const T0 = Date.UTC(2025, 0, 6, 9);
const MIN = 60_000;
const CTX = escalationContextFor({ REOPEN_WINDOW_DAYS: 14 });
const MACHINE = machineContext({ reopenWindowMs: CTX.reopenWindowMs });
const TEAM = 'seller-risk-eu';
const ID = '7d7c4a58-4ad4-4c53-9a5c-1f4e4b1f9c11';

const ana: Actor = { userId: 'ana', role: 'specialist', team: TEAM };
const chloe: Actor = { userId: 'chloe', role: 'senior_specialist', team: TEAM };
const max: Actor = { userId: 'max', role: 'manager', team: TEAM };
const mia: Actor = { userId: 'mia', role: 'manager', team: 'seller-risk-us' };
const olga: Actor = { userId: 'olga', role: 'operator', team: 'operations' };
const lea: Actor = { userId: 'lea', role: 'legal', team: 'legal' };

function run(...events: EscalationEvent[]): EscalationState {
  let state = createEscalation(
    { caseId: ID, sellerId: 's-1', marketplace: 'DE', severity: 'high', category: 'counterfeit', summary: 'x', team: TEAM, createdBy: ana },
    T0,
  );
  for (const [i, e] of events.entries()) {
    const r = transition(state, e, T0 + (i + 1) * MIN, MACHINE);
    if (!r.ok) throw new Error(`${e.type}: ${r.reason}`);
    state = r.state;
  }
  return state;
}

const names = (state: EscalationState, actor: Actor, now = T0 + DAYS(1)) =>
  escalationAllowedActions(ID, state, actor, now, CTX).map((a) => a.action).sort();
const DAYS = (n: number) => n * 24 * 60 * MIN;

const queued = () => run({ type: 'triage_started', actor: SYSTEM_ACTOR }, { type: 'queued', actor: SYSTEM_ACTOR, reason: 'nobody free' });
const working = () => run(
  { type: 'triage_started', actor: SYSTEM_ACTOR },
  { type: 'assigned', actor: SYSTEM_ACTOR, assigneeId: 'ana' },
  { type: 'acknowledged', actor: ana },
);

describe('allowedActions for the API (escalations)', () => {
  it('maps machine events to action names and routes, POST only', () => {
    const actions = escalationAllowedActions(ID, working(), ana, T0 + DAYS(1), CTX);
    for (const a of actions) {
      expect(CASE_ACTION_NAMES).toContain(a.action);
      expect(a.method).toBe('POST');
      expect(a.href).toMatch(new RegExp(`^/escalations/${ID}/(acknowledge|claim|release|request-info|seller-response|handoffs|resolve|reopen|escalate|reassign|extend-sla|assign|retriage|renew-lease)$`));
    }
    expect(actions.find((a) => a.action === 'hand_off')?.href).toBe(`/escalations/${ID}/handoffs`);
    expect(actions.find((a) => a.action === 'request_info')?.href).toBe(`/escalations/${ID}/request-info`);
  });

  it("gives the assignee her working actions and nobody else's", () => {
    expect(names(working(), ana)).toEqual(['escalate', 'hand_off', 'release', 'renew_lease', 'request_info', 'resolve', 'retriage']);
    expect(names(working(), chloe)).toEqual(['escalate']);
    expect(names(working(), max)).toEqual(['extend_sla', 'hand_off', 'reassign', 'release', 'request_info', 'resolve', 'retriage']);
    expect(names(working(), mia)).toEqual([]);
    expect(names(working(), olga)).toEqual([]);
    expect(names(working(), lea)).toEqual([]);
  });

  it('offers claim on a queued case to the team, and assign and re-triage to its manager', () => {
    expect(names(queued(), ana)).toEqual(['claim']);
    expect(names(queued(), max)).toEqual(['assign', 'extend_sla', 'retriage']);
    expect(names(queued(), mia)).toEqual([]);
  });

  it('offers reopen only within the window', () => {
    const resolved = transition(working(), { type: 'resolved', actor: ana, resolutionCode: 'duplicate', rootCause: 'not_applicable' }, T0 + 10 * MIN, MACHINE);
    if (!resolved.ok) throw new Error(resolved.reason);
    expect(names(resolved.state, ana, T0 + DAYS(1))).toEqual(['reopen']);
    expect(names(resolved.state, ana, T0 + DAYS(15))).toEqual([]);
  });

  it('answers nothing for a snapshot that is not an escalation state', () => {
    expect(escalationAllowedActions(ID, undefined, ana, T0, CTX)).toEqual([]);
    expect(escalationAllowedActions(ID, {} as EscalationState, ana, T0, CTX)).toEqual([]);
  });
});
