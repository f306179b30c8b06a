import type { Actor } from '../../workflows/common/actor';
import { CaseBook, projectionRetryDelayMs, type Batch } from '../../workflows/common/runtime/case-book';
import type { CaseEffect, Transition } from '../../workflows/common/runtime/case-kind';
import { MAX_REMEMBERED_UPDATE_IDS, rememberUpdate } from '../../workflows/common/runtime/update-ledger';

/**
 * The runtime's bookkeeping with a fake kind, without Temporal: a counter that people bump, whose
 * every change is audited, notified and given a task. What is checked is the runtime's part: update
 * ids remembered across continue-as-new, sequence numbers that never repeat, answers that wait for
 * their change to be recorded, and a failed write that is retried without losing or doubling a row.
 */
interface Counter {
  id: string;
  value: number;
}
type CounterEvent = { type: 'bump'; actor: Actor; by: number } | { type: 'reset'; actor: Actor };

const alice: Actor = { userId: 'alice', role: 'specialist', team: 't' };

const counterMachine = {
  caseIdOf: (s: Counter) => s.id,
  transition(state: Counter, event: CounterEvent, now: number): Transition<Counter> {
    if (event.type === 'bump' && event.by <= 0) return { ok: false, code: 'invalid_input', reason: 'by must be positive' };
    const value = event.type === 'bump' ? state.value + event.by : 0;
    const effects: CaseEffect[] = [
      { type: 'record', entry: { actor: event.actor, action: event.type, fromState: String(state.value), toState: String(value), reason: null, details: {}, at: now } },
      { type: 'notify', notice: { to: { kind: 'user', userId: 'alice' }, template: 'counter_changed', params: { value } } },
      {
        type: 'task',
        task: { id: `${state.id}/task`, caseId: state.id, caseKind: 'escalation', kind: 'work', title: `value ${value}`, assigneeId: null, team: 't', status: 'open', dueAt: null, createdAt: now, completedAt: null },
      },
    ];
    return { ok: true, state: { ...state, value }, effects };
  },
};

const T0 = 1_700_000_000_000;
const fresh = () => new CaseBook(counterMachine, {}, 'counter-c1', CaseBook.fresh<Counter>({ id: 'c1', value: 0 }));
const bump = (by = 1): CounterEvent => ({ type: 'bump', actor: alice, by });

describe('the case runtime bookkeeping (a fake kind)', () => {
  it('applies what the machine accepts, leaves the state alone when it refuses', () => {
    const book = fresh();
    expect(book.apply(bump(2), T0)).toMatchObject({ ok: true, state: { value: 2 } });
    expect(book.apply(bump(-1), T0)).toEqual({ ok: false, code: 'invalid_input', reason: 'by must be positive' });
    expect(book.state.value).toBe(2);
    expect(book.changeSeq).toBe(1);
  });

  it('answers an update only once the change it made is recorded', () => {
    const book = fresh();
    book.apply(bump(), T0);
    const mine = book.changeSeq;
    expect(book.outcomeOf(mine)).toBe('pending');
    const batch = book.takeBatch();
    book.apply(bump(), T0 + 1); // arrives while the first write is under way
    book.batchRecorded(batch);
    expect(book.outcomeOf(mine)).toBe('recorded');
    expect(book.outcomeOf(book.changeSeq)).toBe('pending');
    expect(book.projectionDue(T0 + 2)).toBe(true);
    book.batchRecorded(book.takeBatch());
    expect(book.outcomeOf(book.changeSeq)).toBe('recorded');
    expect(book.projectionDue(T0 + 3)).toBe(false);
  });

  it('numbers audit lines and notifications once each, batch after batch', () => {
    const book = fresh();
    const batches: Batch[] = [];
    for (let i = 0; i < 3; i++) {
      book.apply(bump(), T0 + i);
      const batch = book.takeBatch();
      batches.push(batch);
      book.batchRecorded(batch);
    }
    expect(batches.flatMap((b) => b.audit.map((a) => a.seq))).toEqual([0, 1, 2]);
    expect(book.takeDispatches().notices.map((n) => n.id)).toEqual(['counter-c1:notice:0', 'counter-c1:notice:1', 'counter-c1:notice:2']);
  });

  it('holds a notification until its change is recorded', () => {
    const book = fresh();
    book.apply(bump(), T0);
    expect(book.hasDispatches()).toBe(false);
    expect(book.takeDispatches().notices).toEqual([]);
    book.batchRecorded(book.takeBatch());
    expect(book.takeDispatches().notices).toEqual([expect.objectContaining({ caseId: 'c1', template: 'counter_changed', params: { value: 1 } })]);
  });

  it('with notices travelling in the batch, a batch carries the notifications of its changes and none is dispatched alone', () => {
    const book = new CaseBook(counterMachine, {}, 'counter-c1', CaseBook.fresh<Counter>({ id: 'c1', value: 0 }), { noticesWithBatch: true });
    book.apply(bump(), T0);
    book.apply(bump(), T0 + 1);
    const first = book.takeBatch();
    expect(first.notices.map((n) => n.id)).toEqual(['counter-c1:notice:0', 'counter-c1:notice:1']);
    expect(first.notices[1]).toEqual(expect.objectContaining({ caseId: 'c1', template: 'counter_changed', params: { value: 2 }, at: T0 + 1 }));
    book.apply(bump(), T0 + 2); // arrives while the write is under way: it goes with the next batch
    book.batchFailed(first, { reason: 'connection lost', permanent: false, started: [], signalled: [] }, T0 + 3);
    expect(book.hasDispatches()).toBe(false);
    // The retry carries the failed batch's notifications first, then the newer one; each exactly once.
    const retry = book.takeBatch();
    expect(retry.notices.map((n) => n.id)).toEqual(['counter-c1:notice:0', 'counter-c1:notice:1', 'counter-c1:notice:2']);
    book.batchRecorded(retry);
    expect(book.takeDispatches().notices).toEqual([]);
    expect(book.isSettled(T0 + 4)).toBe(true);
  });

  it('without it (runs recorded before the patch), a batch carries no notifications', () => {
    const book = fresh();
    book.apply(bump(), T0);
    expect(book.takeBatch().notices).toEqual([]);
  });

  it('a failed write fails the updates waiting on it, keeps its rows in order, and is retried later (sooner if something changes)', () => {
    const book = fresh();
    book.apply(bump(), T0);
    const first = book.takeBatch();
    book.apply(bump(), T0 + 1); // a newer change of the same task lands meanwhile
    book.batchFailed(first, { reason: 'check_violation', permanent: true, started: [], signalled: [] }, T0 + 2);

    expect(book.outcomeOf(first.seq)).toBe('failed');
    expect(book.failure).toMatchObject({ reason: 'check_violation', permanent: true, attempts: 1, retryAt: T0 + 2 + projectionRetryDelayMs(1) });
    // The newer change arrived after the failure: it may try at once.
    expect(book.projectionDue(T0 + 3)).toBe(true);
    const retry = book.takeBatch();
    expect(retry.audit.map((a) => a.seq)).toEqual([0, 1]);
    expect(retry.tasks).toEqual([expect.objectContaining({ title: 'value 2' })]);
    book.batchFailed(retry, { reason: 'check_violation', permanent: true, started: [], signalled: [] }, T0 + 4);
    // Nothing new: wait for the retry time, which grows.
    expect(book.failure?.retryAt).toBe(T0 + 4 + projectionRetryDelayMs(2));
    expect(book.projectionDue(T0 + 5)).toBe(false);
    expect(book.retryAt()).toBe(book.failure?.retryAt);
    expect(book.projectionDue(book.failure!.retryAt)).toBe(true);
    const third = book.takeBatch();
    expect(third.audit.map((a) => a.seq)).toEqual([0, 1]);
    book.batchRecorded(third);
    expect(book.failure).toBeNull();
    expect(book.outcomeOf(first.seq)).toBe('recorded');
  });

  it('a failed batch does not restart the handoffs it did start, nor resend the signals it did send', () => {
    const machine = {
      caseIdOf: (s: Counter) => s.id,
      transition: (state: Counter, event: CounterEvent, now: number): Transition<Counter> => ({
        ok: true,
        state,
        effects: [
          {
            type: 'start_handoff',
            handoff: {
              handoffId: `c1/handoff/${now}`, caseId: 'c1', caseKind: 'escalation', caseTeam: 't', team: 'legal', question: 'q', context: {},
              blocking: true, requestedBy: event.actor, requestedAt: now,
              sla: { kind: 'handoff', budgetMs: 3_600_000, warningFraction: 0.5, calendar: { id: 'always-on', timeZone: 'UTC', workingHours: {}, holidays: [], alwaysOn: true } },
            },
          },
          { type: 'signal', workflowId: 'parent', signalName: 'hello', payload: now },
        ],
      }),
    };
    const book = new CaseBook(machine, {}, 'w', CaseBook.fresh<Counter>({ id: 'c1', value: 0 }));
    book.apply(bump(), 1);
    book.apply(bump(), 2);
    const batch = book.takeBatch();
    expect(batch.handoffStarts.map((h) => h.handoffId)).toEqual(['c1/handoff/1', 'c1/handoff/2']);
    expect(batch.handoffRows.map((h) => h.id)).toEqual(['c1/handoff/1', 'c1/handoff/2']);
    book.batchFailed(batch, { reason: 'down', permanent: false, started: ['c1/handoff/1'], signalled: [1] }, 3);
    const retry = book.takeBatch();
    expect(retry.handoffStarts.map((h) => h.handoffId)).toEqual(['c1/handoff/2']);
    expect(retry.signals.map((s) => s.payload)).toEqual([1]);
    expect(retry.handoffRows.map((h) => h.id)).toEqual(['c1/handoff/1', 'c1/handoff/2']);
  });

  it('remembers applied update ids and carries them, and every counter, into the next run', () => {
    const book = fresh();
    book.apply(bump(), T0);
    book.remember('update-1');
    book.batchRecorded(book.takeBatch());
    book.takeDispatches();
    expect(book.hasApplied('update-1')).toBe(true);
    expect(book.isSettled(T0)).toBe(true);

    const carried = book.carry();
    expect(carried).toEqual({ state: { id: 'c1', value: 1 }, auditSeq: 1, noticeSeq: 1, projectedSeq: 1, appliedUpdateIds: ['update-1'], runs: 2 });
    const next = new CaseBook(counterMachine, {}, 'counter-c1', JSON.parse(JSON.stringify(carried)));
    expect(next.hasApplied('update-1')).toBe(true);
    expect(next.outcomeOf(1)).toBe('recorded');
    next.apply(bump(), T0 + 1);
    const batch = next.takeBatch();
    expect(batch.seq).toBe(2);
    expect(batch.audit.map((a) => a.seq)).toEqual([1]);
    next.batchRecorded(batch);
    expect(next.takeDispatches().notices.map((n) => n.id)).toEqual(['counter-c1:notice:1']);
  });

  it('forgets the oldest ids past the limit, and ignores an update without an id', () => {
    let ids: string[] = [];
    for (let i = 0; i < MAX_REMEMBERED_UPDATE_IDS + 3; i++) ids = rememberUpdate(ids, `u${i}`);
    expect(ids).toHaveLength(MAX_REMEMBERED_UPDATE_IDS);
    expect(ids[0]).toBe('u3');
    expect(rememberUpdate(ids, undefined)).toEqual(ids);
    expect(rememberUpdate(['a'], 'a')).toEqual(['a']);
  });
});

describe('child workflows and activity calls', () => {
  const child = { workflowType: 'enforcementWorkflow', workflowId: 'enforcement-c1-1', input: { enforcementId: 'c1/enforcement/1' } };
  const book = () =>
    new CaseBook(
      {
        caseIdOf: (s: Counter) => s.id,
        transition: (state: Counter, _e: CounterEvent, now: number): Transition<Counter> => ({
          ok: true,
          state: { ...state, value: state.value + 1 },
          effects: [
            { type: 'record', entry: { actor: alice, action: 'go', fromState: null, toState: 'x', reason: null, details: {}, at: now } },
            { type: 'start_workflow', child },
            { type: 'call', call: { id: 'c1/risk/1', activity: 'assessRisk', input: { sellerId: 's' } } },
          ],
        }),
      },
      {},
      'counter-c1',
      CaseBook.fresh<Counter>({ id: 'c1', value: 0 }),
    );

  it('starts a child with the projection and runs a call before it, so the answer is recorded with the change', () => {
    const b = book();
    b.apply(bump(), T0);
    expect(b.hasCalls()).toBe(true);
    expect(b.isSettled(T0)).toBe(false);
    expect(b.takeCalls()).toEqual([{ id: 'c1/risk/1', activity: 'assessRisk', input: { sellerId: 's' } }]);
    const batch = b.takeBatch();
    expect(batch.childStarts).toEqual([child]);
    b.batchRecorded(batch);
    expect(b.isSettled(T0)).toBe(true);
  });

  it('starts a child again after a failed write only if it had not started', () => {
    const b = book();
    b.apply(bump(), T0);
    b.takeCalls();
    const first = b.takeBatch();
    b.batchFailed(first, { reason: 'db down', permanent: false, started: [], signalled: [] }, T0);
    const retry = b.takeBatch();
    expect(retry.childStarts).toEqual([child]);
    b.batchFailed(retry, { reason: 'db down', permanent: false, started: [child.workflowId], signalled: [] }, T0 + 1);
    expect(b.takeBatch().childStarts).toEqual([]);
  });
});

describe('judging an update after the signals received before it', () => {
  interface Gate {
    id: string;
    open: boolean;
    passed: number;
  }
  type GateEvent = { type: 'open' | 'close' | 'pass'; actor: Actor };
  const open: GateEvent = { type: 'open', actor: alice };
  const close: GateEvent = { type: 'close', actor: alice };
  const pass: GateEvent = { type: 'pass', actor: alice };
  const gateMachine = {
    caseIdOf: (s: Gate) => s.id,
    transition(state: Gate, event: GateEvent): Transition<Gate> {
      if (event.type === 'pass' && !state.open) return { ok: false, code: 'invalid_transition', reason: 'the gate is closed' };
      if (event.type === 'open' && state.open) return { ok: false, code: 'invalid_transition', reason: 'already open' };
      const next = event.type === 'pass' ? { ...state, passed: state.passed + 1 } : { ...state, open: event.type === 'open' };
      return { ok: true, state: next, effects: [] };
    },
  };
  const gate = () => new CaseBook(gateMachine, {}, 'gate-g1', CaseBook.fresh<Gate>({ id: 'g1', open: false, passed: 0 }));

  it('accepts what the received events make possible, refuses what they forbid, and changes nothing', () => {
    const book = gate();
    expect(book.check(pass, T0)).toMatchObject({ ok: false, reason: 'the gate is closed' });
    expect(book.checkAfter([open], pass, T0)).toMatchObject({ ok: true, state: { open: true, passed: 1 } });
    expect(book.checkAfter([open, close], pass, T0)).toMatchObject({ ok: false, reason: 'the gate is closed' });
    expect(book.state).toEqual({ id: 'g1', open: false, passed: 0 });
    expect(book.changeSeq).toBe(0);
  });

  it('judges after what is due at the instant, as the handler fires it first: a gate that closes at a deadline refuses a pass at it', () => {
    const book = gate();
    book.apply(open, T0);
    const deadline = T0 + 1_000;
    const due = (now: number) => (state: Gate) => (state.open && now >= deadline ? [close] : []);
    expect(book.checkAfter([], pass, deadline - 1, due(deadline - 1), 5)).toMatchObject({ ok: true, state: { passed: 1 } });
    expect(book.checkAfter([], pass, deadline, due(deadline), 5)).toMatchObject({ ok: false, reason: 'the gate is closed' });
    // The received events first, then what is due for the state they leave.
    const closed = gate();
    expect(closed.checkAfter([open], pass, deadline, due(deadline), 5)).toMatchObject({ ok: false, reason: 'the gate is closed' });
    expect(closed.state).toEqual({ id: 'g1', open: false, passed: 0 });
  });

  it('stops judging due events that the machine keeps refusing, and after the last round', () => {
    const book = gate();
    let asked = 0;
    // 'open' on an open gate is refused every time it is reported due.
    const stubborn = () => {
      asked++;
      return [open];
    };
    book.apply(open, T0);
    expect(book.checkAfter([], pass, T0, stubborn, 50)).toMatchObject({ ok: true, state: { passed: 1 } });
    expect(asked).toBe(1);
    let rounds = 0;
    // Always due and always accepted (a toggle): judged for the given number of rounds only.
    const toggle = (state: Gate) => {
      rounds++;
      return [state.open ? close : open];
    };
    expect(book.checkAfter([], pass, T0, toggle, 3)).toMatchObject({ ok: false, reason: 'the gate is closed' });
    expect(rounds).toBe(3);
  });

  it('skips a received event the machine would refuse, as applying it would', () => {
    const book = gate();
    book.apply(open, T0);
    // A second 'open' is refused when applied (and logged); the pass is judged on the state without it.
    expect(book.checkAfter([open], pass, T0)).toMatchObject({ ok: true, state: { passed: 1 } });
  });
});
