/**
 * Temporal de-duplicates update ids within one run; a case that continues as new would apply a client's
 * retry a second time. The runtime remembers the ids of recent applied updates and carries them over.
 * Pure: the list is a value the runtime replaces.
 */

/** Enough for any client's retry window on a busy case, small enough to carry in every continue-as-new. */
export const MAX_REMEMBERED_UPDATE_IDS = 500;

export function hasApplied(ids: readonly string[], updateId: string | undefined): boolean {
  return updateId !== undefined && ids.includes(updateId);
}

/** The list with `updateId` added (oldest dropped past the limit); unchanged for no id or a known one. */
export function rememberUpdate(ids: readonly string[], updateId: string | undefined, max = MAX_REMEMBERED_UPDATE_IDS): string[] {
  if (updateId === undefined || ids.includes(updateId)) return [...ids];
  const next = [...ids, updateId];
  return next.length > max ? next.slice(next.length - max) : next;
}
