import type { BulkCaseRef, BulkCaseResult, BulkOperationInput } from '../../workflows/bulk-operation/bulk-operation.contract';
import { BULK_CASES_PER_RUN, BULK_MAX_CONCURRENCY } from '../../workflows/bulk-operation/bulk-operation.contract';
import {
  absorbPage,
  applyCommand,
  clampConcurrency,
  initialBulkState,
  nextChunk,
  progressOf,
  recordResults,
  shouldContinueAsNew,
  unsupportedReason,
} from '../../workflows/bulk-operation/bulk-operation.machine';
import type { Actor } from '../../workflows/common/actor';

const T0 = Date.parse('2026-12-02T10:00:00Z');
const manager: Actor = { userId: 'max', role: 'manager', team: 'seller-risk-eu' };
const ref = (n: number): BulkCaseRef => ({ caseId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, kind: 'escalation', workflowId: `wf-${n}`, team: 'seller-risk-eu' });
const input = (count: number, concurrency = 2): BulkOperationInput => ({
  operationId: 'op',
  actor: manager,
  team: 'seller-risk-eu',
  action: { type: 'extend_sla', clock: 'resolution', byMinutes: 60, reason: 'backlog' },
  filter: {},
  cases: Array.from({ length: count }, (_, i) => ref(i)),
  concurrency,
  createdAt: T0,
});
const done = (r: BulkCaseRef): BulkCaseResult => ({ caseId: r.caseId, kind: r.kind, outcome: 'done', code: null, reason: null, state: 'in_progress', at: T0 });
const refused = (r: BulkCaseRef): BulkCaseResult => ({ caseId: r.caseId, kind: r.kind, outcome: 'refused', code: 'invalid_transition', reason: 'the case is resolved', state: null, at: T0 });

describe('bulk operation: commands', () => {
  it('pauses a running batch, resumes a paused one, cancels either', () => {
    const i = input(3);
    const paused = applyCommand(i, initialBulkState(T0), 'pause', manager, T0 + 1, 'lunch');
    expect(paused).toMatchObject({ ok: true, state: { status: 'paused', version: 2, lastCommand: { command: 'pause', by: 'max', reason: 'lunch' } } });
    if (!paused.ok) throw new Error('unreachable');
    const resumed = applyCommand(i, paused.state, 'resume', manager, T0 + 2);
    expect(resumed).toMatchObject({ ok: true, state: { status: 'running' } });
    const cancelled = applyCommand(i, paused.state, 'cancel', manager, T0 + 3);
    expect(cancelled).toMatchObject({ ok: true, state: { status: 'cancelled', finishedAt: T0 + 3 } });
  });

  it.each([
    ['resume', 'running'],
    ['pause', 'paused'],
    ['pause', 'cancelled'],
    ['cancel', 'completed'],
    ['resume', 'cancelled'],
  ] as const)('refuses %s of a %s batch', (command, status) => {
    const outcome = applyCommand(input(1), { ...initialBulkState(T0), status }, command, manager, T0);
    expect(outcome).toMatchObject({ ok: false, code: 'invalid_transition' });
    if (!outcome.ok) expect(outcome.reason).toContain(`the batch is ${status}`);
  });

  it("refuses commands from a manager of another team, or a specialist, with the permission table's reason", () => {
    const other = applyCommand(input(1), initialBulkState(T0), 'cancel', { userId: 'mia', role: 'manager', team: 'seller-risk-us' }, T0);
    expect(other).toMatchObject({ ok: false, code: 'forbidden' });
    const specialist = applyCommand(input(1), initialBulkState(T0), 'pause', { userId: 'ana', role: 'specialist', team: 'seller-risk-eu' }, T0);
    expect(specialist).toMatchObject({ ok: false, code: 'forbidden', reason: 'role specialist may not run bulk operations' });
    const operator = applyCommand(input(1), initialBulkState(T0), 'pause', { userId: 'olga', role: 'operator', team: 'ops' }, T0);
    expect(operator.ok).toBe(true);
  });
});

describe('bulk operation: chunks and results', () => {
  it('sends at most `concurrency` cases at a time, and none unless running', () => {
    const i = input(5, 2);
    const s = initialBulkState(T0);
    expect(nextChunk(i, s).map((c) => c.workflowId)).toEqual(['wf-0', 'wf-1']);
    expect(nextChunk(i, { ...s, next: 4 }).map((c) => c.workflowId)).toEqual(['wf-4']);
    expect(nextChunk(i, { ...s, status: 'paused' })).toEqual([]);
    expect(nextChunk(input(20, 50), s)).toHaveLength(BULK_MAX_CONCURRENCY);
  });

  it('bounds the concurrency to 1..8 (default 4)', () => {
    expect([clampConcurrency(undefined), clampConcurrency(0), clampConcurrency(3), clampConcurrency(99), clampConcurrency(2.5)]).toEqual([4, 1, 3, 8, 4]);
  });

  it('counts done and refused cases and completes when every case has answered', () => {
    const i = input(3, 2);
    let s = initialBulkState(T0);
    s = recordResults(i, s, nextChunk(i, s).map((c, n) => (n === 0 ? done(c) : refused(c))), T0 + 1);
    expect(s).toMatchObject({ status: 'running', next: 2 });
    expect(progressOf(i, s)).toEqual({ total: 3, done: 1, refused: 1, remaining: 1 });
    s = recordResults(i, s, nextChunk(i, s).map(done), T0 + 2);
    expect(s).toMatchObject({ status: 'completed', next: 3, finishedAt: T0 + 2 });
    expect(progressOf(i, s)).toEqual({ total: 3, done: 2, refused: 1, remaining: 0 });
  });

  it('keeps a cancelled batch cancelled when the answers of its last chunk arrive, with the rest never sent', () => {
    const i = input(4, 2);
    const chunk = nextChunk(i, initialBulkState(T0));
    const cancelled = applyCommand(i, initialBulkState(T0), 'cancel', manager, T0 + 1);
    if (!cancelled.ok) throw new Error('unreachable');
    const s = recordResults(i, cancelled.state, chunk.map(done), T0 + 2);
    expect(s.status).toBe('cancelled');
    expect(progressOf(i, s)).toEqual({ total: 4, done: 2, refused: 0, remaining: 2 });
    expect(nextChunk(i, s)).toEqual([]);
  });

  it('records a case answered twice once', () => {
    const i = input(2, 2);
    const s = recordResults(i, initialBulkState(T0), [done(ref(0)), refused(ref(0))], T0);
    expect(s.results).toEqual([done(ref(0))]);
  });

  it('continues as new after BULK_CASES_PER_RUN cases or when Temporal suggests it, only while running', () => {
    const s = initialBulkState(T0);
    expect(shouldContinueAsNew(s, BULK_CASES_PER_RUN - 1, false)).toBe(false);
    expect(shouldContinueAsNew(s, BULK_CASES_PER_RUN, false)).toBe(true);
    expect(shouldContinueAsNew(s, 1, true)).toBe(true);
    expect(shouldContinueAsNew({ ...s, status: 'completed' }, BULK_CASES_PER_RUN, true)).toBe(false);
    expect(shouldContinueAsNew(s, 2, false, 2)).toBe(true);
    expect(shouldContinueAsNew(s, 1, false, 2)).toBe(false);
  });
});

describe('bulk operation: selection and kinds', () => {
  it('gathers pages until the last, dropping repeats', () => {
    const first = absorbPage([], [ref(0), ref(1)], true, 10);
    expect(first).toMatchObject({ status: 'more' });
    const second = absorbPage(first.cases, [ref(1), ref(2)], false, 10);
    expect(second.status).toBe('complete');
    expect(second.cases.map((c) => c.workflowId)).toEqual(['wf-0', 'wf-1', 'wf-2']);
  });

  it('refuses a selection over the cap', () => {
    expect(absorbPage([ref(0), ref(1)], [ref(2)], false, 2)).toMatchObject({ status: 'over_cap', cap: 2 });
    expect(absorbPage([ref(0)], [ref(1)], false, 2).status).toBe('complete');
  });

  it('says why a kind lacks an action', () => {
    expect(unsupportedReason('reassign', 'strategic_review')).toBeNull();
    expect(unsupportedReason('close', 'escalation')).toBeNull();
    expect(unsupportedReason('close', 'strategic_review')).toMatch(/^strategic_review cases cannot be closed/);
    expect(unsupportedReason('retriage', 'strategic_review')).toBe('strategic_review cases cannot be re-triaged');
  });
});
