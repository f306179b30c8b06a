import { ALWAYS_ON } from '../../workflows/common/business-calendar';
import type { ClockTarget } from '../../workflows/common/sla-policy';
import type { HandoffInput } from '../../workflows/handoff/handoff.contract';
import { createHandoff } from '../../workflows/handoff/handoff.machine';

const T0 = Date.UTC(2026, 11, 1, 10);
const sla: ClockTarget = { kind: 'handoff', budgetMs: 24 * 3_600_000, warningFraction: 0.75, calendar: ALWAYS_ON };

describe('a new handoff', () => {
  const input: HandoffInput = {
    handoffId: 'c1/handoff/1',
    caseId: 'c1',
    caseKind: 'escalation',
    caseTeam: 'seller-risk-eu',
    team: 'legal',
    question: 'May we suspend?',
    context: { severity: 'high' },
    blocking: true,
    requestedBy: { userId: 'ana', role: 'specialist', team: 'seller-risk-eu' },
    requestedAt: T0,
    sla,
    parentWorkflowId: 'escalation-c1',
    answerSignalName: 'handoffAnswered',
    patchesAtStart: ['case-projection-local'],
  };

  it('keeps the request in its state, without the clock target (now its clock) or the runtime\'s patch list', () => {
    const { state } = createHandoff(input, { sla, features: { requestedNotice: true } });
    const { sla: _sla, patchesAtStart: _patches, ...request } = input;
    expect(state.request).toEqual(request);
    expect(state.request).not.toHaveProperty('patchesAtStart');
    expect(state.clock.deadlineAt).toBe(T0 + 24 * 3_600_000);
  });
});
