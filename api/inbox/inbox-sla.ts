import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The SLA clock behind an inbox task: what a countdown needs to turn amber at the warning and red at the breach. */
export class InboxSlaResponse {
  @ApiProperty({ example: 'resolution', description: "The case's clock id (first_response, resolution, ...) or `handoff`" }) clockId!: string;
  @ApiProperty({ enum: ['running', 'paused', 'met', 'breached', 'cancelled'] }) status!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'When the clock warns; null when it cannot be known' }) warnAt!: string | null;
  @ApiProperty() deadlineAt!: string;
  @ApiProperty({ description: 'The warning has gone out (for a handoff: its reminder)' }) warned!: boolean;
  @ApiProperty() breached!: boolean;
}

export interface ClockRow {
  clockId: string;
  status: string;
  warnAt: Date;
  deadlineAt: Date;
  warned: boolean;
  breachedAt: Date | null;
}

export interface HandoffSlaRow {
  status: string;
  dueAt: Date | null;
  /** Null for handoffs recorded before the read model kept it. */
  warnAt: Date | null;
  remindedAt: Date | null;
  breached: boolean;
}

/**
 * A case task's clock: the case clock whose deadline the task is due at (the workflow sets a task's due
 * time from its first-response or resolution clock when it creates the task). A pause or an extension
 * moves the clock's deadline but not the task's, so without an exact match the task follows the clock
 * of its kind: a queue task the first-response clock while it runs, every other task the resolution clock.
 */
export function caseTaskSla(kind: string, dueAt: Date | null, clocks: ClockRow[]): InboxSlaResponse | null {
  const live = (c: ClockRow) => c.status === 'running' || c.status === 'paused';
  const named = (name: string) => {
    const all = clocks.filter((c) => c.clockId === name || c.clockId.startsWith(`${name}#`));
    return all.find(live) ?? all[all.length - 1];
  };
  const exact = dueAt ? clocks.find((c) => c.deadlineAt.getTime() === dueAt.getTime()) : undefined;
  const firstResponse = named('first_response');
  const clock = exact ?? (kind === 'queue' && firstResponse && live(firstResponse) ? firstResponse : named('resolution'));
  if (!clock) return null;
  return {
    clockId: clock.clockId,
    status: clock.status,
    warnAt: clock.warnAt.toISOString(),
    deadlineAt: clock.deadlineAt.toISOString(),
    warned: clock.warned,
    breached: clock.breachedAt !== null || clock.status === 'breached',
  };
}

/** A handoff task's clock lives in its handoff workflow; the read model keeps its deadline, warning point and reminder. */
export function handoffTaskSla(h: HandoffSlaRow, now: number): InboxSlaResponse | null {
  if (!h.dueAt) return null;
  const status = h.status === 'open' ? 'running' : h.status === 'answered' ? 'met' : 'cancelled';
  return {
    clockId: 'handoff',
    status,
    warnAt: h.warnAt ? h.warnAt.toISOString() : null,
    deadlineAt: h.dueAt.toISOString(),
    warned: h.remindedAt !== null,
    breached: h.breached || (h.status === 'open' && now >= h.dueAt.getTime()),
  };
}
