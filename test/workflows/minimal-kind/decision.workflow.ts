import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { authorize, isSystemActor } from '../../../workflows/common/access';
import { SYSTEM_ACTOR, type Actor } from '../../../workflows/common/actor';
import { calendarLookup, nextClockWake, startNamed, stopNamed } from '../../../workflows/common/clock-book';
import type { CaseKindDefinition, Transition } from '../../../workflows/common/runtime/case-kind';
import { CaseRuntime } from '../../../workflows/common/runtime/case-runtime';
import { applyClockEvent, type SlaClock } from '../../../workflows/common/sla-clock';
import type { ClockTarget } from '../../../workflows/common/sla-policy';

/**
 * A second case kind written only from the case runtime: a decision a team owes within an SLA. A
 * manager of the team decides; the team is reminded at the warning point; past the deadline the case
 * lapses to the team's managers. Contract, machine and workflow, in a few dozen lines. (It borrows the
 * escalation's row kind and permissions; its test runs on a database of its own.)
 */
export interface DecisionInput { caseId: string; sellerId: string; team: string; createdBy: Actor; sla: ClockTarget }
export interface Decision { caseId: string; team: string; status: 'open' | 'decided' | 'lapsed'; clocks: SlaClock[]; sellerId: string; decidedBy: string | null; at: number }
type DecisionEvent = { type: 'decided'; actor: Actor } | { type: 'warned' | 'lapsed'; actor: Actor };
export const decideUpdate = defineUpdate<Decision, [{ actor: Actor }]>('decide');
export const recordedUpdate = defineUpdate<Decision>('awaitRecorded');
export const getDecisionQuery = defineQuery<Decision>('getDecision');

function transition(s: Decision, e: DecisionEvent, now: number, sla: ClockTarget): Transition<Decision> {
  if (s.status !== 'open') return { ok: false, code: 'invalid_transition', reason: `the decision is ${s.status}` };
  const may = e.type === 'decided' ? authorize(e.actor, 'reassign', { kind: 'escalation', team: s.team }).allowed : isSystemActor(e.actor);
  if (!may) return { ok: false, code: 'forbidden', reason: `${e.actor.userId} may not send ${e.type}` };
  const cals = calendarLookup([sla]);
  const clock = s.clocks[0];
  const next: Decision =
    e.type === 'warned' ? { ...s, clocks: [applyClockEvent(clock, 'warning', now)] }
    : e.type === 'lapsed' ? { ...s, status: 'lapsed', clocks: [applyClockEvent(clock, 'breach', now)] }
    : { ...s, status: 'decided', decidedBy: e.actor.userId, clocks: stopNamed({ clocks: s.clocks }, 'decision', cals, now, 'met').clocks };
  const to = e.type === 'decided' ? null : { kind: e.type === 'warned' ? ('team' as const) : ('managers' as const), team: s.team };
  return {
    ok: true,
    state: { ...next, at: now },
    effects: [
      { type: 'record', entry: { actor: e.actor, action: e.type, fromState: s.status, toState: next.status, reason: null, details: {}, at: now } },
      ...(to ? [{ type: 'notify' as const, notice: { to, template: `decision_${e.type}`, params: { caseId: s.caseId } } }] : []),
    ],
  };
}

const decisionKind: CaseKindDefinition<Decision, DecisionEvent, DecisionInput, Decision, ClockTarget> = {
  name: 'decision',
  validateInput: (i) => (i.caseId && i.team && i.sla ? null : 'caseId, team and sla are required'),
  context: (i) => i.sla,
  carriedFrom: () => undefined,
  create: (i, now) => ({
    state: { caseId: i.caseId, team: i.team, sellerId: i.sellerId, status: 'open', decidedBy: null, at: now, clocks: startNamed({ clocks: [] }, 'decision', i.sla, now).clocks },
    effects: [{ type: 'record', entry: { actor: i.createdBy, action: 'created', fromState: null, toState: 'open', reason: null, details: {}, at: now } }],
    events: [],
  }),
  transition,
  nextWakeAt: (s) => (s.status === 'open' ? nextClockWake({ clocks: s.clocks }) : undefined),
  dueEvents: (s, now) => {
    const c = s.clocks[0];
    if (s.status !== 'open' || c.status !== 'running') return [];
    return now >= c.deadlineAt ? [{ type: 'lapsed', actor: SYSTEM_ACTOR }] : !c.warned && now >= c.warnAt ? [{ type: 'warned', actor: SYSTEM_ACTOR }] : [];
  },
  isFinished: (s) => s.status !== 'open',
  caseIdOf: (s) => s.caseId,
  view: (s) => s,
  project: (s, _v, workflowId) => ({
    target: 'case',
    clocks: s.clocks,
    row: {
      caseId: s.caseId, kind: 'escalation', workflowId, sellerId: s.sellerId, marketplace: 'DE', severity: 'low', summary: 'decision', state: s.status,
      open: s.status === 'open', team: s.team, assigneeId: null, breached: s.status === 'lapsed', dueAt: s.clocks[0].deadlineAt, createdBy: 'test',
      createdAt: s.clocks[0].startedAt, updatedAt: s.at, resolvedAt: s.status === 'decided' ? s.at : null, closedAt: null, snapshot: { ...s }, details: { kind: 'none' },
    },
  }),
};

export async function decisionWorkflow(input: DecisionInput): Promise<Decision> {
  const rt = new CaseRuntime(decisionKind, input);
  rt.query(getDecisionQuery);
  rt.recorded(recordedUpdate);
  rt.action(decideUpdate, ({ actor }) => ({ type: 'decided', actor }));
  return rt.run();
}
