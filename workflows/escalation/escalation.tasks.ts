import type { TaskRow } from '../common/case-projection';
import { currentClock } from '../common/clock-book';
import type { EscalationState } from './escalation.state';
import type { TaskKind } from './escalation.vocabulary';

const TASK_TITLES: Record<TaskKind, string> = {
  queue: 'Unassigned escalation waiting in the team queue',
  work: 'Work the escalation',
  manager_review: 'Escalated to a manager: review and decide',
};

/**
 * The inbox entry for the case's current step. Work and manager tasks are due when the resolution
 * clock would breach; a queued case nobody has answered yet, when the first response would.
 */
export function escalationTask(s: EscalationState, kind: TaskKind, n: number, now: number): TaskRow {
  const clock = currentClock({ clocks: s.clocks }, kind === 'queue' && s.acknowledgedAt === null ? 'first_response' : 'resolution');
  return {
    id: `${s.caseId}/task/${n}`,
    caseId: s.caseId,
    caseKind: 'escalation',
    kind,
    title: `${TASK_TITLES[kind]}: ${s.summary.slice(0, 120)}`,
    assigneeId: kind === 'work' ? s.assigneeId : null,
    team: s.team as string,
    status: 'open',
    dueAt: clock && (clock.status === 'running' || clock.status === 'paused') ? clock.deadlineAt : null,
    createdAt: now,
    completedAt: null,
  };
}
