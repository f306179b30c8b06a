import type { Client } from '@temporalio/client';
import { median } from './stats';

/**
 * Where a workflow's time went, read from the history Temporal recorded: how many workflow tasks and
 * how long the worker held them (started to completed: CPU in the workflow sandbox, plus any wait for
 * a free slot in the worker), and the same for activities. Points at the bottleneck without a profiler.
 */
export interface HistoryProfile {
  events: number;
  workflowTasks: number;
  workflowTaskMs: number;
  activities: number;
  activityMs: number;
  activityTypes: Map<string, number>;
}

type Timestamp = { seconds?: unknown; nanos?: number | null } | null | undefined;
const toMs = (t: Timestamp) => (t ? Number(t.seconds ?? 0) * 1000 + (t.nanos ?? 0) / 1e6 : Number.NaN);

export async function historyProfile(client: Client, workflowId: string): Promise<HistoryProfile> {
  const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const timeOf = new Map(events.map((e) => [String(e.eventId), toMs(e.eventTime)]));
  const profile: HistoryProfile = { events: events.length, workflowTasks: 0, workflowTaskMs: 0, activities: 0, activityMs: 0, activityTypes: new Map() };
  for (const e of events) {
    const end = toMs(e.eventTime);
    const task = e.workflowTaskCompletedEventAttributes;
    if (task) {
      profile.workflowTasks++;
      profile.workflowTaskMs += end - (timeOf.get(String(task.startedEventId)) ?? end);
    }
    const activity = e.activityTaskCompletedEventAttributes;
    if (activity) {
      profile.activities++;
      profile.activityMs += end - (timeOf.get(String(activity.startedEventId)) ?? end);
    }
    const type = e.activityTaskScheduledEventAttributes?.activityType?.name;
    if (type) profile.activityTypes.set(type, (profile.activityTypes.get(type) ?? 0) + 1);
  }
  return profile;
}

/** The median of each figure over several workflows of one kind, as one line of the report. */
export async function describeProfiles(client: Client, workflowIds: string[]): Promise<string> {
  const profiles = await Promise.all(workflowIds.map((id) => historyProfile(client, id)));
  const m = (f: (p: HistoryProfile) => number) => median(profiles.map(f));
  const tasks = m((p) => p.workflowTasks);
  const acts = m((p) => p.activities);
  const types = [...profiles[0].activityTypes].map(([name, n]) => `${name} x${n}`).join(', ');
  return [
    `${m((p) => p.events)} events`,
    `${tasks} workflow tasks held ${m((p) => p.workflowTaskMs).toFixed(0)} ms (${m((p) => p.workflowTaskMs / p.workflowTasks).toFixed(1)} ms each)`,
    acts ? `${acts} activities ran ${m((p) => p.activityMs).toFixed(0)} ms (${types})` : 'no activities',
  ].join('; ');
}
