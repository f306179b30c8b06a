import { TEAM_AND_DEADLINE_PATCH } from '../search-attributes';

/**
 * Runs started after this marker write the read model through local activities (issue 13: a
 * projection no longer costs an activity task's round trip through the server); recorded histories
 * without it replay with the activities they ran.
 */
export const PROJECTION_LOCAL_PATCH = 'case-projection-local';

/**
 * Runs started after this marker write their notifications in the projection's own transaction
 * (issue 13: a notification no longer costs an activity task and a workflow task of its own). Recorded
 * histories without it replay with the notification activities they ran. Routing stays an activity:
 * its answer must be in the history before a write that depends on it, or a retried workflow task could
 * route anew and leave the read model with the first attempt's assignee (the fault test found it).
 */
export const NOTICES_IN_PROJECTION_PATCH = 'case-notices-in-projection';

/**
 * An update that arrives in the same workflow task as signals received before it is applied after
 * them, and its validator judges the case with them applied. Before, a signal's event waited in the
 * inbox for the loop while the update's validator judged the state without it: a resolution sent right
 * after a handoff's answer, delivered in one task with it (after a worker restart, say), was refused as
 * if the case still waited on the handoff. The marker is asked for only when that happens (signals
 * waiting as an update is applied), so a run pays its two history events (the marker and the
 * TemporalChangeVersion search attribute) only then; histories recorded before it replay in the old order.
 */
export const SIGNALS_BEFORE_UPDATES_PATCH = 'case-signals-before-updates';

/** Every patch the case runtime asks for, whatever the kind. */
export const RUNTIME_PATCHES: readonly string[] = [PROJECTION_LOCAL_PATCH, NOTICES_IN_PROJECTION_PATCH, SIGNALS_BEFORE_UPDATES_PATCH, TEAM_AND_DEADLINE_PATCH];

/**
 * The patches already in force when a case was started, listed by its starter in the workflow's input.
 *
 * Why: in a run that is not replaying, `patched(id)` is always true; the marker it records exists only
 * so that a replay can tell a run that had the change from one that did not. Each marker costs two
 * history events (the marker, and the `TemporalChangeVersion` search attribute the SDK upserts with
 * it, a visibility write in the server): five markers and five upserts, ten of the first 28 events,
 * for every new escalation. A case whose input lists a patch runs with it and records no marker; a
 * patch not listed (one newer than the starter, or every patch for a history recorded before this
 * field, whose input has none) is asked of `patched()` as before, so every recorded history replays.
 * Listing a patch can only give a run the behaviour a new run gets anyway.
 */
export interface StartedWithPatches {
  patchesAtStart?: readonly string[];
}

/** The list a starter puts in `patchesAtStart`: the runtime's patches and the kind's own. */
export function patchesInForce(kindPatches: Readonly<Record<string, string>>): string[] {
  return [...RUNTIME_PATCHES, ...Object.values(kindPatches)];
}
